// Any bytes as a CSV or a JSON Lines file of the built-in admin_penalty dataset: no crash,
// and the report always reconciles. The first byte picks the format (even: CSV, odd: JSON
// Lines), the rest is the file; the built-in engine is loaded once, before the first input.
// (Reading every input both ways made each one cost two validations and two reports; the
// fuzzer covers both formats by flipping the first byte.)
#include <ecredit/ecredit.hpp>

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {
const ecredit::Engine& engine() {
  static const auto e = ecredit::Engine::default_engine();
  return *e;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)engine();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  ecredit::ValidateOptions o;
  o.format = data[0] % 2 == 0 ? "csv" : "jsonl";
  o.max_findings = 5;  // more are counted, not kept: the report stays small (to_json was ~40% of an input)
  std::ostringstream valid, rejected;
  o.out_valid = &valid;
  o.out_rejected = &rejected;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  const auto r = ecredit::validate_stream(engine(), "admin_penalty", in, o);
  if (r.stats.rows != r.stats.accepted + r.stats.rejected) std::abort();
  std::size_t counted = 0;
  for (const auto& [type, n] : r.counts) counted += n;
  if (counted != r.stats.errors + r.stats.warnings) std::abort();
  (void)r.to_json("en");
  return 0;
}
