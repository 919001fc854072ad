// The ecredit command-line program: `id`, `datasets`, `validate`. Exit codes:
// 0 success (every code valid or legacy / the data is valid), 1 findings,
// 2 usage error or unusable input.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "demo.hpp"
#include "ecredit/ecredit.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/validate.hpp"

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

std::shared_ptr<const ecredit::Engine> engine_for(const std::string& pack) {
  return pack.empty() ? ecredit::Engine::default_engine() : ecredit::Engine::load(pack);
}

struct DatasetsOptions {
  bool json = false;
  std::string pack;
};

int run_datasets(const DatasetsOptions& o) {
  const auto engine = engine_for(o.pack);
  if (o.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& d : engine->catalog().datasets) {
      nlohmann::ordered_json fields = nlohmann::ordered_json::array();
      for (const auto& f : d.fields)
        fields.push_back({{"name", f.name},
                          {"title", f.title},
                          {"type", ecredit::to_string(f.type)},
                          {"required", f.required},
                          {"aliases", f.aliases}});
      out.push_back({{"id", d.id},
                     {"title", d.title},
                     {"title_en", d.title_en},
                     {"disclosure", d.disclosure},
                     {"source_department", d.source_department},
                     {"maps_to", d.maps_to.kind},
                     {"primary_key", d.primary_key},
                     {"fields", fields}});
    }
    fmt::print("{}\n", out.dump(2));
    return 0;
  }
  fmt::print("pack {} {} ({})\n", engine->id(), engine->version(), engine->hash().substr(0, 12));
  for (const auto& d : engine->catalog().datasets)
    fmt::print("{:<20} {:>3} fields  {:<10} {}\n", d.id, d.fields.size(), d.disclosure, d.title);
  return 0;
}

struct ValidateCliOptions {
  std::string dataset, file, pack, lang = "zh", encoding = "auto", format = "auto", out_valid, out_rejected;
  std::string delimiter;
  std::size_t max_findings = 1000;
  bool json = false;
};

ecredit::OutputFormat format_of(const std::string& path) {
  const auto dot = path.find_last_of('.');
  const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  return (ext == "jsonl" || ext == "ndjson") ? ecredit::OutputFormat::jsonl : ecredit::OutputFormat::csv;
}

int run_validate(const ValidateCliOptions& o) {
  const auto engine = engine_for(o.pack);
  ecredit::ValidateOptions vo;
  vo.format = o.format;
  vo.encoding = o.encoding;
  vo.max_findings = o.max_findings;
  if (!o.delimiter.empty()) {
    if (o.delimiter == "\\t" || o.delimiter == "tab")
      vo.delimiter = '\t';
    else if (o.delimiter.size() == 1)
      vo.delimiter = o.delimiter[0];
    else
      throw ecredit::InvalidInputError("--delimiter must be one character or 'tab'");
  }
  std::ofstream valid_out, rejected_out;
  auto open_out = [](std::ofstream& f, const std::string& path) {
    f.open(path, std::ios::binary | std::ios::trunc);
    if (!f) throw ecredit::Error("cannot write " + path);
  };
  if (!o.out_valid.empty()) {
    open_out(valid_out, o.out_valid);
    vo.out_valid = &valid_out;
    vo.out_valid_format = format_of(o.out_valid);
  }
  if (!o.out_rejected.empty()) {
    open_out(rejected_out, o.out_rejected);
    vo.out_rejected = &rejected_out;
    vo.out_rejected_format = format_of(o.out_rejected);
  }
  const ecredit::Report r = ecredit::validate_file(*engine, o.dataset, o.file, vo);
  if (o.json) {
    fmt::print("{}\n", r.to_json(o.lang, 2));
  } else {
    const bool zh = o.lang != "en";
    for (const auto& f : r.findings)
      fmt::print("{}:{}:{}: {} [{}] {}\n", o.file, f.row, f.column, ecredit::to_string(f.severity), f.type,
                 f.message(o.lang));
    if (r.truncated)
      fmt::print(zh ? "（问题列表已截断，仅列出前 {} 条；下方计数完整）\n"
                    : "(findings capped at the first {}; the counts below are complete)\n",
                 r.findings.size());
    fmt::print(zh ? "{}：{} 行，接受 {}，拒绝 {}（空行 {}）；错误 {}，警告 {}；编码 {}\n"
                  : "{}: {} rows, {} accepted, {} rejected ({} blank); {} errors, {} warnings; encoding {}\n",
               r.dataset, r.stats.rows, r.stats.accepted, r.stats.rejected, r.stats.blank_rows,
               r.stats.errors, r.stats.warnings, r.stats.encoding.empty() ? "-" : r.stats.encoding);
    for (const auto& [type, n] : r.counts) fmt::print("  {:<24} {}\n", type, n);
    fmt::print(zh ? "结果：{}\n" : "result: {}\n",
               r.valid() ? (zh ? "通过" : "valid") : (zh ? "有错误" : "has errors"));
  }
  return r.valid() ? 0 : kExitFindings;
}

struct GradeCliOptions {
  std::string data, as_of, model, uscc, pack;
  bool json = false;
  unsigned threads = 0;
};

date::sys_days today() {
  // The one place that reads the clock: the CLI's default as-of date (UTC).
  return date::floor<date::days>(std::chrono::system_clock::now());
}

// Loads a data folder, telling stderr what was rejected or skipped.
std::shared_ptr<const ecredit::Registry> load_registry(const ecredit::Engine& engine,
                                                       const std::string& dir) {
  ecredit::LoadSummary summary;
  auto registry = ecredit::Registry::from_dir(engine, dir, &summary);
  for (const auto& [id, rep] : summary.reports)
    if (rep.stats.rejected > 0)
      fmt::print(stderr,
                 "ecredit: {}: {} of {} rows rejected and not used (run `ecredit validate` for details)\n",
                 id, rep.stats.rejected, rep.stats.rows);
  for (const auto& f : summary.skipped) fmt::print(stderr, "ecredit: {}: not a dataset file, skipped\n", f);
  return registry;
}

int run_grade(const GradeCliOptions& o) {
  const auto engine = engine_for(o.pack);
  const date::sys_days as_of = o.as_of.empty() ? today() : ecredit::parse_iso_date(o.as_of);
  const auto registry = load_registry(*engine, o.data);
  if (!o.uscc.empty()) {
    const ecredit::Grade g = ecredit::grade(*engine, *registry, o.uscc, as_of, o.model);
    if (o.json) {
      fmt::print("{}\n", g.to_json(2));
      return 0;
    }
    fmt::print("{} {} score {} ({} {}, as of {}){}\n", g.uscc, g.grade, g.score, g.model, g.model_version,
               ecredit::format_iso_date(g.as_of), g.no_data ? " no data" : "");
    for (const auto& t : g.trace)
      fmt::print("  {:<9} {:<24} {:<32} {}\n", t.kind, t.rule, t.record, t.detail);
    return 0;
  }
  const auto grades = ecredit::grade_all(*engine, *registry, as_of, o.model, o.threads);
  if (o.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& g : grades)
      out.push_back({{"uscc", g.uscc},
                     {"grade", g.grade},
                     {"score", g.score},
                     {"model", g.model},
                     {"no_data", g.no_data}});
    fmt::print("{}\n", out.dump(2));
    return 0;
  }
  std::map<std::string, std::size_t> by_grade;
  for (const auto& g : grades) {
    fmt::print("{}\t{}\t{}\n", g.uscc, g.grade, g.score);
    ++by_grade[g.grade];
  }
  fmt::print(stderr, "{} subjects graded as of {} with {}:", grades.size(), ecredit::format_iso_date(as_of),
             grades.empty() ? o.model : grades.front().model);
  for (const auto& [grade, n] : by_grade) fmt::print(stderr, " {} {}", grade, n);
  fmt::print(stderr, "\ncoverage:");
  for (const auto& [domain, c] : registry->coverage())
    fmt::print(stderr, " {} {:.1f}% ({}/{})", domain, 100.0 * c.ratio(), c.with_file, c.subjects);
  fmt::print(stderr, "\nplan targets:");
  for (const auto& [year, share] : engine->coverage_targets())
    fmt::print(stderr, " {} {:.0f}%", year, 100.0 * share);
  fmt::print(stderr, "\n");
  return 0;
}

struct PrecheckCliOptions {
  std::string data, scenario, uscc, person, as_of, department, fail_on, pack;
  bool json = false;
};

int run_precheck(const PrecheckCliOptions& o) {
  const auto engine = engine_for(o.pack);
  ecredit::PrecheckQuery q;
  q.scenario = o.scenario;
  q.uscc = o.uscc;
  q.person_id = o.person;
  q.department = o.department;
  q.as_of = o.as_of.empty() ? today() : ecredit::parse_iso_date(o.as_of);
  const auto registry = load_registry(*engine, o.data);
  const ecredit::Decision d = ecredit::precheck(*engine, *registry, q);
  if (o.json) {
    fmt::print("{}\n", d.to_json(2));
  } else {
    const std::string who = d.uscc.empty() ? ecredit::mask_id(d.person_id) : d.uscc;
    fmt::print(
        "{} {}{}: {} in {}{} as of {}\n", who, d.credit_file ? d.subject_name : "无信用档案 / no credit file",
        d.grade.empty() ? "" : " (grade " + d.grade + ")", ecredit::effect_name(d.verdict), d.scenario,
        d.department.empty() ? std::string() : " for " + d.department, ecredit::format_iso_date(d.as_of));
    for (const auto& l : d.lists)
      fmt::print("  list   {} {} {} since {}{}\n", l.list, l.domain, l.entry_id,
                 ecredit::format_iso_date(l.included_on),
                 l.via.empty() || l.via == d.uscc ? "" : " (via " + l.via + ")");
    for (const auto& mm : d.measures)
      fmt::print("  {:<9} {}{} {} [{}]\n         basis: {}{}\n", ecredit::effect_name(mm.measure->effect),
                 mm.measure->mandatory ? "*" : " ", mm.measure->id, mm.measure->title, mm.target,
                 mm.measure->basis,
                 ecredit::basis_mark(mm.measure->basis_confirmed, mm.measure->basis_unconfirmed));
    const ecredit::CommitmentPolicy& cp = engine->measures().commitment;
    fmt::print("  告知承诺制 / commitment-based approval: {}{}\n",
               !d.commitment_allowed ? d.commitment_reason
               : d.credit_file       ? std::string("allowed")
                                     : "allowed (no credit file: no bad record to exclude it)",
               d.commitment_allowed || cp.basis.empty()
                   ? std::string()
                   : ecredit::basis_mark(cp.basis_confirmed, cp.basis_unconfirmed));
  }
  const int rank = static_cast<int>(d.verdict);
  if (o.fail_on == "restrict" && rank <= static_cast<int>(ecredit::Effect::restrict)) return kExitFindings;
  if (o.fail_on == "prohibit" && rank <= static_cast<int>(ecredit::Effect::prohibit)) return kExitFindings;
  return 0;
}

struct RepairCliOptions {
  std::string record, evidence, as_of, pack, history;
  bool json = false;
};

std::string slurp(const std::string& path, const char* what) {
  return ecredit::read_file(path, std::string(what) + " file");  // names the path and the OS's reason
}

int run_repair(const RepairCliOptions& o) {
  const auto engine = engine_for(o.pack);
  const ecredit::RepairRecord rec = ecredit::repair_record_from_json(slurp(o.record, "record"));
  const ecredit::RepairEvidence ev = o.evidence.empty()
                                         ? ecredit::RepairEvidence{}
                                         : ecredit::repair_evidence_from_json(slurp(o.evidence, "evidence"));
  std::vector<date::sys_days> history;
  for (const auto& h : CLI::detail::split(o.history, ','))
    if (!h.empty()) history.push_back(ecredit::parse_iso_date(h));
  const date::sys_days as_of = o.as_of.empty() ? today() : ecredit::parse_iso_date(o.as_of);
  const ecredit::RepairDecision d = ecredit::repair(*engine, rec, ev, as_of, history);
  if (o.json) {
    fmt::print("{}\n", d.to_json(2));
    return 0;
  }
  auto day = [](const std::optional<date::sys_days>& x) {
    return x ? ecredit::format_iso_date(*x) : std::string("-");
  };
  fmt::print("{}{}: {} as of {}\n", rec.id.empty() ? "record" : rec.id, "", d.status,
             ecredit::format_iso_date(as_of));
  fmt::print("  regime     {} — {}\n  tier       {} ({} to {} months)\n", d.regime, d.regime_reason,
             d.severity, d.min_months, d.max_months);
  fmt::print("  earliest   {}\n  publication ends {}\n", day(d.earliest_date), day(d.publication_end));
  if (!d.missing.empty()) {
    std::string m;
    for (const auto& x : d.missing) m += (m.empty() ? "" : ", ") + x;
    fmt::print("  missing    {}\n", m);
  }
  for (const auto& r : d.reasons) fmt::print("  why        {}\n", r);
  for (const auto& st : d.processing)
    fmt::print("  deadline   {} {} working days -> {}{}{}\n", st.step, st.working_days,
               ecredit::format_iso_date(st.due), ecredit::basis_mark(st.confirmed, ""),
               st.extends.empty() ? ""
               : st.applies       ? " (extension, applies)"
                                  : " (extension for a complex case, not applied)");
  for (const auto& e : d.effects) fmt::print("  effect     {}\n", e);
  for (const auto& a : d.arithmetic) fmt::print("  |          {}\n", a);
  fmt::print("  basis      {}\n", d.basis);
  return 0;
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

  DatasetsOptions ds;
  auto* ds_cmd = app.add_subcommand("datasets", "List the datasets of the credit data list (catalog)");
  ds_cmd->add_flag("--json", ds.json, "Print the catalog as JSON");
  ds_cmd->add_option("--pack", ds.pack, "A policy pack folder (default: the built-in gz-energy pack)");

  ValidateCliOptions vo;
  auto* val_cmd = app.add_subcommand("validate", "Validate a dataset file (CSV, TSV or JSON Lines)");
  val_cmd->add_option("--dataset", vo.dataset, "Dataset id (see `ecredit datasets`)")->required();
  val_cmd->add_option("file", vo.file, "The file to validate")->required();
  val_cmd->add_flag("--json", vo.json, "Print the report as JSON");
  val_cmd->add_option("--lang", vo.lang, "Language of messages: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
  val_cmd->add_option("--encoding", vo.encoding, "auto (default), utf-8 or gb18030")
      ->check(CLI::IsMember({"auto", "utf-8", "utf8", "gb18030", "gbk"}));
  val_cmd->add_option("--format", vo.format, "auto (by extension, default), csv, tsv or jsonl")
      ->check(CLI::IsMember({"auto", "csv", "tsv", "jsonl"}));
  val_cmd->add_option("--delimiter", vo.delimiter, "CSV delimiter: one character or 'tab'");
  val_cmd->add_option("--max-findings", vo.max_findings, "Findings listed at most (counts stay complete)");
  val_cmd->add_option("--out-valid", vo.out_valid, "Write accepted rows, normalised (.csv or .jsonl)");
  val_cmd->add_option("--out-rejected", vo.out_rejected,
                      "Write rejected rows with their reasons (.csv or .jsonl)");
  val_cmd->add_option("--pack", vo.pack, "A policy pack folder (default: the built-in gz-energy pack)");
  val_cmd->footer(
      "Exit status: 0 valid (warnings allowed), 1 errors found, 2 usage error or unreadable input.");

  GradeCliOptions go;
  auto* grade_cmd =
      app.add_subcommand("grade", "Grade the subjects of a data folder (credit files) as of a date");
  grade_cmd->add_option("--data", go.data, "Folder of <dataset_id>.csv / .jsonl files")->required();
  grade_cmd->add_option("--as-of", go.as_of, "Date (YYYY-MM-DD); default: today (UTC)");
  grade_cmd->add_option("--model", go.model, "Grading model id; default: the first in force on the date");
  grade_cmd->add_option("--uscc", go.uscc, "Grade one subject and show the trace");
  grade_cmd->add_flag("--json", go.json, "Print JSON");
  grade_cmd->add_option("--threads", go.threads, "Threads for grading all subjects (default: all cores)");
  grade_cmd->add_option("--pack", go.pack, "A policy pack folder (default: the built-in gz-energy pack)");

  PrecheckCliOptions po;
  auto* pre_cmd = app.add_subcommand(
      "precheck",
      "Which joint reward/punishment measures apply to a subject for a business item (approval precheck)");
  pre_cmd->add_option("--data", po.data, "Folder of <dataset_id>.csv / .jsonl files")->required();
  pre_cmd
      ->add_option("--scenario", po.scenario, "Scenario (business item) code, label, alias or host item code")
      ->required();
  auto* uscc_opt = pre_cmd->add_option("--uscc", po.uscc, "The subject's USCC");
  auto* person_opt = pre_cmd->add_option("--person", po.person, "A natural person's ID number");
  uscc_opt->excludes(person_opt);
  pre_cmd->add_option("--as-of", po.as_of, "Date (YYYY-MM-DD); default: today (UTC)");
  pre_cmd->add_option("--department", po.department, "Only the measures this department applies");
  pre_cmd->add_flag("--json", po.json, "Print the decision as JSON");
  pre_cmd->add_option("--fail-on", po.fail_on, "Exit 1 when the verdict is at least this strong")
      ->check(CLI::IsMember({"restrict", "prohibit"}));
  pre_cmd->add_option("--pack", po.pack, "A policy pack folder (default: the built-in gz-energy pack)");
  pre_cmd->footer(
      "Verdict: the strongest matched effect, prohibit > restrict > caution > incentive > clear.\n"
      "Exit status: 0 on any verdict; 1 when --fail-on is given and the verdict reaches it; 2 on a usage "
      "error.");

  RepairCliOptions ro;
  auto* rep_cmd = app.add_subcommand(
      "repair", "Credit repair (信用修复): eligibility, dates and deadlines for one record");
  rep_cmd
      ->add_option("--record", ro.record,
                   "JSON file: {category, severity, decision_date, area, penalty_types …}")
      ->required();
  rep_cmd->add_option("--evidence", ro.evidence, "JSON file: evidence name -> date provided");
  rep_cmd->add_option("--as-of", ro.as_of, "Application date (YYYY-MM-DD); default: today (UTC)");
  rep_cmd->add_option("--history", ro.history, "Dates of the subject's earlier repairs, comma-separated");
  rep_cmd->add_flag("--json", ro.json, "Print the decision as JSON");
  rep_cmd->add_option("--pack", ro.pack, "A policy pack folder (default: the built-in gz-energy pack)");
  rep_cmd->footer(
      "Status: eligible, not_yet, missing_evidence, not_repairable, expired. Exit status 0 on any\n"
      "status, 2 on a usage error or a record the rules cannot place. Details: docs/repair.md.");

  ecredit_cli::DemoOptions dmo;
  auto* demo_cmd = app.add_subcommand(
      "demo",
      "The main job end to end on a generated sample market: validate, grade, precheck, repair, report");
  demo_cmd->add_option("--size", dmo.size, "Market subjects to generate (default 2000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000000}));
  demo_cmd->add_option("--seed", dmo.seed, "Random seed of the sample (default 1)");
  demo_cmd->add_option("--out", dmo.out, "Output folder (default ./ecredit-demo)");
  demo_cmd->add_option("--as-of", dmo.as_of, "Report date (default 2025-06-30, the sample's reference date)");
  demo_cmd->add_flag("--quiet", dmo.quiet, "No progress or summary on the terminal");
  demo_cmd->footer(
      "Writes OUT/data/*.csv (the sample), OUT/validation/*.json, OUT/summary.json and OUT/report.html.\n"
      "Exit status 0; 2 on a usage error or when OUT cannot be written.");

  try {
    app.parse(argc, argv);
    if (pre_cmd->parsed() && po.uscc.empty() == po.person.empty())
      throw CLI::ValidationError("precheck", "give exactly one of --uscc and --person");
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
    if (ds_cmd->parsed()) return run_datasets(ds);
    if (val_cmd->parsed()) return run_validate(vo);
    if (grade_cmd->parsed()) return run_grade(go);
    if (pre_cmd->parsed()) return run_precheck(po);
    if (rep_cmd->parsed()) return run_repair(ro);
    if (demo_cmd->parsed()) return ecredit_cli::run_demo(dmo);
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
