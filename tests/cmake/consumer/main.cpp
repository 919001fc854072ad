#include <ecredit/ecredit.hpp>

#include <iostream>

int main() {
  const auto r = ecredit::check_uscc("11100000000013127D");
  std::cout << "uscc " << ecredit::to_string(r.status) << " " << ecredit::library_version();
  return r.status == ecredit::IdStatus::valid ? 0 : 1;
}
