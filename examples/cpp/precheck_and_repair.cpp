// The C++ API end to end on a small data folder: load the credit files, grade a subject,
// precheck it for government procurement, and work out when its penalty can be repaired.
//   example_precheck_and_repair_cpp DATA_DIR        (e.g. tests/data/precheck)
#include <ecredit/ecredit.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " DATA_DIR\n";
    return 2;
  }
  try {
    const auto engine = ecredit::Engine::default_engine();
    const auto registry = ecredit::Registry::from_dir(*engine, argv[1]);
    const auto as_of = ecredit::parse_iso_date("2025-06-30");

    const ecredit::Grade g = ecredit::grade(*engine, *registry, "91440113MA9UQ8E11N", as_of);
    std::cout << g.uscc << " grade " << g.grade << " (" << g.model << ")\n";

    ecredit::PrecheckQuery q;
    q.scenario = "gov_procurement";
    q.uscc = "91440113MA9UQ8E11N";
    q.department = "finance";
    q.as_of = as_of;
    const ecredit::Decision d = ecredit::precheck(*engine, *registry, q);
    std::cout << "precheck gov_procurement: " << ecredit::effect_name(d.verdict) << "\n";
    for (const auto& m : d.measures)
      std::cout << "  " << ecredit::effect_name(m.measure->effect) << " " << m.measure->id << " — "
                << m.measure->title << "\n";
    if (!d.measures.empty())
      std::cout << "  feedback "
                << d.feedback(*engine, d.measures.front().measure->id, "已惩戒", "CG-1", "", "2025-07-01")
                << "\n";

    ecredit::RepairRecord r;
    r.category = "admin_penalty";
    r.severity = "general";
    r.decision_date = ecredit::parse_iso_date("2026-01-15");
    const ecredit::RepairDecision rd =
        ecredit::repair(*engine, r,
                        {{"obligations_fulfilled", ecredit::parse_iso_date("2026-02-01")},
                         {"commitment", ecredit::parse_iso_date("2026-05-01")}},
                        ecredit::parse_iso_date("2026-05-01"));
    std::cout << "repair: " << rd.status << ", earliest " << ecredit::format_iso_date(*rd.earliest_date)
              << ", publication ends " << ecredit::format_iso_date(*rd.publication_end) << " (" << rd.regime
              << ")\n";
    return 0;
  } catch (const ecredit::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
