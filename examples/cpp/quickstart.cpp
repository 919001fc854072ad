// The C++ tour of README.md, whole: README's C++ fragment is an excerpt of this file
// (tests/python/test_readme.py checks that it is).
#include <ecredit/ecredit.hpp>

#include <iostream>
#include <string_view>
#include <vector>

int main() {
  ecredit::IdResult r = ecredit::check_uscc("91350211M0000XUF46");
  if (r.status == ecredit::IdStatus::legacy) std::cout << "a genuine pilot code: accept, flag\n";
  std::cout << ecredit::to_string(r.reason) << '\n';  // "checksum"

  const std::vector<std::string_view> views = {"91440101MA59U8YB6Y", "91350211M0000XUF46",
                                               "91440101MA59U8YB6X"};
  std::vector<ecredit::IdVerdict> v = ecredit::check_uscc_many(views);  // no allocation per code
  for (std::size_t i = 0; i < v.size(); ++i)
    std::cout << views[i] << ' ' << ecredit::to_string(v[i].status) << ' ' << ecredit::to_string(v[i].reason)
              << '\n';
}
