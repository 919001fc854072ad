// Check a few identifiers with the C++ API.
#include <ecredit/ecredit.hpp>

#include <iomanip>
#include <iostream>

int main() {
  for (const char* code : {"91440101MA59U8YB6Y", "91350211M0000XUF46", "123456789012345678",
                           "11010519491231002X", "12345678-8"}) {
    const ecredit::IdResult r = ecredit::check_id(code);  // kind auto-detected
    const std::string shown =
        r.kind == ecredit::IdKind::resident_id ? ecredit::mask_id(code) : std::string(code);
    std::cout << std::left << std::setw(20) << shown << ' ' << std::setw(12) << ecredit::to_string(r.kind)
              << ' ' << std::setw(8) << ecredit::to_string(r.status) << ' ' << ecredit::to_string(r.reason)
              << '\n';
  }
}
