// Any bytes through the identifier checks: no crash, and the fast USCC path agrees
// with the full one.
#include <ecredit/id.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  const auto full = ecredit::check_uscc(s);
  const auto fast = ecredit::uscc_verdict(s);
  if (full.status != fast.status || full.reason != fast.reason) std::abort();
  if ((full.status == ecredit::IdStatus::valid) != (full.reason == ecredit::IdReason::none)) std::abort();
  (void)ecredit::check_id(s);
  (void)ecredit::check_org_code(s);
  const auto rid = ecredit::check_resident_id(s);
  if (!rid.converted.empty() && ecredit::check_resident_id(rid.converted).status != ecredit::IdStatus::valid)
    std::abort();
  (void)ecredit::mask_id(s);
  return 0;
}
