// Any bytes as a CSV and as a JSON Lines file of the built-in admin_penalty dataset: no
// crash, and the report always reconciles.
#include <ecredit/ecredit.hpp>

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto engine = ecredit::Engine::default_engine();
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* format : {"csv", "jsonl"}) {
    ecredit::ValidateOptions o;
    o.format = format;
    o.max_findings = 20;
    std::ostringstream valid, rejected;
    o.out_valid = &valid;
    o.out_rejected = &rejected;
    std::istringstream in(text);
    const auto r = ecredit::validate_stream(*engine, "admin_penalty", in, o);
    if (r.stats.rows != r.stats.accepted + r.stats.rejected) std::abort();
    std::size_t counted = 0;
    for (const auto& [type, n] : r.counts) counted += n;
    if (counted != r.stats.errors + r.stats.warnings) std::abort();
    (void)r.to_json("en");
  }
  return 0;
}
