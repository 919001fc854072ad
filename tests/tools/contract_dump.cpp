// The C++ side of the contract test (tests/python/test_contract.py): reads requests, one per
// line, fields separated by tabs, and prints one line per request — the document through the
// public C++ API (include/ecredit/json.hpp), or "!error <message>".
//
//   id <kind> <code>                                   → id-result
//   validate <dataset> <file> <lang>                   → validation-report
//   grade <data dir> <uscc> <as_of> <model>            → grade ("" model: the one in force)
//   precheck <data dir> <precheck-query JSON>          → decision
//   repair <record JSON> <evidence JSON or ""> <as_of> → repair-decision
//   related <data dir> <party> <as_of> <roles,…> <hops> → related (masked)
//   owners <data dir> <uscc> <as_of> <threshold>       → beneficial-owners (masked)
//   datasets | models | measures                       → the listing
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ecredit/ecredit.hpp"

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == '\t') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string arg(const std::vector<std::string>& f, std::size_t i) {
  return i < f.size() ? f[i] : std::string();
}

}  // namespace

int main() {
  const auto engine = ecredit::Engine::default_engine();
  std::map<std::string, std::shared_ptr<const ecredit::Registry>> registries;
  auto registry = [&](const std::string& dir) {
    auto& r = registries[dir];
    if (!r) r = ecredit::Registry::from_dir(*engine, dir);
    return r;
  };
  std::string line;
  while (std::getline(std::cin, line)) {
    const std::vector<std::string> f = split(line);
    const std::string& cmd = f[0];
    try {
      std::string out;
      if (cmd == "id") {
        out = ecredit::to_json(ecredit::check_id(arg(f, 2), ecredit::parse_id_kind(arg(f, 1))));
      } else if (cmd == "validate") {
        out = ecredit::to_json(ecredit::validate_file(*engine, arg(f, 1), arg(f, 2)), arg(f, 3));
      } else if (cmd == "grade") {
        out = ecredit::to_json(ecredit::grade(*engine, *registry(arg(f, 1)), arg(f, 2),
                                              ecredit::parse_iso_date(arg(f, 3)), arg(f, 4)));
      } else if (cmd == "precheck") {
        const ecredit::PrecheckRequest q = ecredit::precheck_query_from_json(arg(f, 2), *engine);
        out = ecredit::to_json(ecredit::precheck(*engine, *registry(arg(f, 1)), q.view()));
      } else if (cmd == "repair") {
        const ecredit::RepairRecord rec = ecredit::repair_record_from_json(arg(f, 1), *engine);
        const ecredit::RepairEvidence ev = arg(f, 2).empty()
                                               ? ecredit::RepairEvidence{}
                                               : ecredit::repair_evidence_from_json(arg(f, 2), *engine);
        out = ecredit::to_json(ecredit::repair(*engine, rec, ev, ecredit::parse_iso_date(arg(f, 3))));
      } else if (cmd == "related") {
        ecredit::RelatedOptions o;
        std::istringstream roles(arg(f, 4));
        for (std::string r; std::getline(roles, r, ',');)
          if (!r.empty()) o.roles.push_back(r);
        o.hops = static_cast<std::size_t>(std::stoul(arg(f, 5)));
        const auto day = ecredit::parse_iso_date(arg(f, 3));
        out = ecredit::related_json(ecredit::related(*registry(arg(f, 1)), arg(f, 2), day, o), arg(f, 2), day,
                                    o);
      } else if (cmd == "owners") {
        out = ecredit::to_json(ecredit::beneficial_owners(
            *registry(arg(f, 1)), arg(f, 2), ecredit::parse_iso_date(arg(f, 3)), std::stod(arg(f, 4))));
      } else if (cmd == "datasets") {
        out = ecredit::datasets_json(*engine);
      } else if (cmd == "models") {
        out = ecredit::models_json(*engine);
      } else if (cmd == "measures") {
        out = ecredit::measures_json(*engine);
      } else {
        out = "!error unknown request '" + cmd + "'";
      }
      std::cout << out << '\n';
    } catch (const std::exception& e) {
      std::string m = e.what();
      for (char& c : m)
        if (c == '\n') c = ' ';
      std::cout << "!error " << m << '\n';
    }
    std::cout.flush();
  }
  return 0;
}
