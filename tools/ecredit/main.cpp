// The ecredit command-line program. Subcommands so far: `id`. Exit codes:
// 0 success (every code valid or legacy), 1 findings (some code invalid),
// 2 usage error or unusable input.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"

namespace {

constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

struct IdOptions {
  std::string kind = "auto";
  bool json = false;
  bool unmasked = false;
  std::vector<std::string> codes;
};

// A code that is or may be a resident ID — by its kind, or by its shape (15 or 18
// digits, the last may be X) when auto-detection called it something else — is
// personal information and is masked unless --unmasked.
bool maybe_personal(const ecredit::IdResult& r) {
  if (r.kind == ecredit::IdKind::resident_id) return true;
  const std::string& c = r.normalized;
  if (c.size() != 15 && c.size() != 18) return false;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (!(c[i] >= '0' && c[i] <= '9') && !(i + 1 == c.size() && c[i] == 'X')) return false;
  return !r.genuine();
}

int run_id(const IdOptions& o) {
  const ecredit::IdKind kind = ecredit::parse_id_kind(o.kind);
  bool all_genuine = true;
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& code : o.codes) {
    const ecredit::IdResult r = ecredit::check_id(code, kind);
    all_genuine = all_genuine && r.genuine();
    const std::string shown = (maybe_personal(r) && !o.unmasked) ? ecredit::mask_id(code) : code;
    const auto reason = ecredit::to_string(r.reason);
    if (o.json) {
      out.push_back({{"code", shown},
                     {"kind", ecredit::to_string(r.kind)},
                     {"status", ecredit::to_string(r.status)},
                     {"reason", reason}});
    } else {
      fmt::print("{}\t{}\t{}\t{}\n", shown, ecredit::to_string(r.kind), ecredit::to_string(r.status),
                 reason.empty() ? "-" : reason);
    }
  }
  if (o.json) fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  return all_genuine ? 0 : kExitFindings;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ecredit — energy-industry credit engine (identifiers, validation, grading, measures, repair)",
               "ecredit"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", std::string("ecredit ") + std::string(ecredit::library_version()));

  IdOptions id;
  auto* id_cmd = app.add_subcommand("id", "Check USCCs, organisation codes and resident IDs");
  id_cmd->add_option("--kind", id.kind, "uscc, org_code, resident_id or auto (default: auto)")
      ->check(CLI::IsMember({"auto", "uscc", "org_code", "resident_id"}));
  id_cmd->add_flag("--json", id.json, "Print a JSON array of {code, kind, status, reason}");
  id_cmd->add_flag("--unmasked", id.unmasked, "Print resident IDs in full (masked by default)");
  id_cmd->add_option("codes", id.codes, "The codes to check")->required();
  id_cmd->footer(
      "Auto-detection: 9 characters -> org_code, 15 -> resident_id; 18 characters that are all digits\n"
      "(the last may be X) -> resident_id if they pass as one, else uscc if they pass as one, else\n"
      "resident_id when characters 7-14 are a real date, else uscc; other 18-character codes -> uscc.\n"
      "Exit status: 0 when every code is valid or legacy, 1 otherwise, 2 on a usage error.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  try {
    if (id_cmd->parsed()) return run_id(id);
    std::cout << app.help();
    return kExitUsage;
  } catch (const ecredit::InvalidInputError& e) {
    fmt::print(stderr, "ecredit: {}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "ecredit: {}\n", e.what());
    return kExitUsage;
  }
}
