// Repair records and evidence from arbitrary bytes: parse errors are InvalidInputError,
// decisions never crash. The first byte picks the as-of date offset.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ecredit/ecredit.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto engine = ecredit::Engine::default_engine();
  if (size == 0) return 0;
  const auto as_of = ecredit::parse_iso_date("2019-01-01") + date::days{data[0] * 20};
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto split = text.find('\n');
  try {
    const ecredit::RepairRecord r = ecredit::repair_record_from_json(text.substr(0, split));
    ecredit::RepairEvidence ev;
    if (split != std::string_view::npos) ev = ecredit::repair_evidence_from_json(text.substr(split + 1));
    const ecredit::RepairDecision d = ecredit::repair(*engine, r, ev, as_of, {as_of - date::days{400}});
    (void)d.to_json();
  } catch (const ecredit::InvalidInputError&) {
  } catch (const ecredit::NotFoundError&) {
  }
  return 0;
}
