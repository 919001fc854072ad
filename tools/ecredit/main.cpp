// The ecredit command-line program: `id`, `datasets`, `validate`, `grade`, `precheck`,
// `repair`, `demo` (docs/cli.md). Exit codes: 0 success (every code valid or legacy / the
// data is valid), 1 findings, 2 usage error or unusable input.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "archive_cli.hpp"
#include "common.hpp"
#include "contract/contract.hpp"
#include "demo.hpp"
#include "ecredit/ecredit.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/json.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/validate.hpp"
#include "messages.hpp"

namespace {

using ecredit_cli::Lang;
using ecredit_cli::say;
namespace msg = ecredit_cli::msg;

using ecredit_cli::add_lang;
using ecredit_cli::add_number;
using ecredit_cli::cell;
using ecredit_cli::engine_for;
using ecredit_cli::kExitFindings;
using ecredit_cli::kExitUsage;
using ecredit_cli::slurp;

struct IdOptions {
  std::string kind = "auto", lang = "zh";
  bool json = false;
  bool unmasked = false;
  std::vector<std::string> codes;
};

int run_id(const IdOptions& o) {
  const ecredit::IdKind kind = ecredit::parse_id_kind(o.kind);
  bool all_genuine = true;
  std::vector<ecredit::IdCheck> checks;
  for (const auto& code : o.codes) {
    checks.push_back({code, ecredit::check_id(code, kind)});
    all_genuine = all_genuine && checks.back().result.genuine();
  }
  if (o.json) {
    fmt::print("{}\n", ecredit::id_checks_json(checks, o.lang, o.unmasked, 2));
    return all_genuine ? 0 : kExitFindings;
  }
  fmt::print("code\tkind\tstatus\treason\tmessage\n");
  for (const auto& c : checks) {
    const ecredit::IdResult& r = c.result;
    const bool masked = ecredit::maybe_personal_id(r) && !o.unmasked;
    const auto reason = ecredit::to_string(r.reason);
    const auto message = ecredit::describe(r.reason, o.lang);
    fmt::print("{}\t{}\t{}\t{}\t{}\n", masked ? ecredit::mask_id(c.code) : c.code, ecredit::to_string(r.kind),
               ecredit::to_string(r.status), reason.empty() ? "-" : reason, message.empty() ? "-" : message);
  }
  return all_genuine ? 0 : kExitFindings;
}

struct DatasetsOptions {
  bool json = false;
  std::string pack, lang = "zh";
};

int run_datasets(const DatasetsOptions& o) {
  const Lang lang = ecredit_cli::parse_lang(o.lang);
  const auto engine = engine_for(o.pack);
  if (o.json) {
    fmt::print("{}\n", ecredit::datasets_json(*engine, 2));
    return 0;
  }
  fmt::print("pack {} {} ({})\n", engine->id(), engine->version(), engine->hash().substr(0, 12));
  for (const auto& d : engine->catalog().datasets)
    fmt::print("{:<20} {:>10}  {:<10} {}\n", d.id, count(lang, d.fields.size(), msg::fields), d.disclosure,
               lang == Lang::en && !d.title_en.empty() ? d.title_en : d.title);
  return 0;
}

struct ValidateCliOptions {
  std::string dataset, file, pack, lang = "zh", encoding = "auto", format = "auto", out_valid, out_rejected;
  std::string delimiter;
  std::size_t max_findings = 1000;
  bool json = false;
};

// Where a finding is: "FILE:ROW:COL:", "FILE:ROW:" for a row-level finding (no column),
// "FILE:" for one about the whole file (no row).
std::string where(const std::string& file, const ecredit::Finding& f) {
  if (f.row == 0 && f.column == 0) return file + ":";
  if (f.column == 0) return fmt::format("{}:{}:", file, f.row);
  return fmt::format("{}:{}:{}:", file, f.row, f.column);
}

int run_validate(const ValidateCliOptions& o) {
  const Lang lang = ecredit_cli::parse_lang(o.lang);
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
  if (!o.out_valid.empty()) {
    vo.out_valid_format = ecredit::open_output(valid_out, o.out_valid, "--out-valid", "--out-valid file");
    vo.out_valid = &valid_out;
  }
  if (!o.out_rejected.empty()) {
    vo.out_rejected_format =
        ecredit::open_output(rejected_out, o.out_rejected, "--out-rejected", "--out-rejected file");
    vo.out_rejected = &rejected_out;
  }
  const bool from_stdin = o.file == "-";
  const ecredit::Report r = from_stdin ? ecredit::validate_stream(*engine, o.dataset, std::cin, vo)
                                       : ecredit::validate_file(*engine, o.dataset, o.file, vo);
  if (o.json) {
    fmt::print("{}\n", r.to_json(o.lang, 2));
  } else {
    const std::string shown = from_stdin ? std::string(msg::stdin_name(lang)) : o.file;
    for (const auto& f : r.findings)
      fmt::print("{} {} [{}] {}\n", where(shown, f),
                 f.severity == ecredit::Severity::error ? msg::sev_error(lang) : msg::sev_warning(lang),
                 f.type, f.message(o.lang));
    if (r.truncated)
      fmt::print("{}\n", o.max_findings == 0 ? msg::findings_none_listed(lang)
                                             : say(lang, msg::findings_capped, r.findings.size()));
    fmt::print(
        "{}\n",
        say(lang, msg::validate_summary, r.dataset, count(lang, r.stats.rows, msg::rows), r.stats.accepted,
            r.stats.rejected, r.stats.blank_rows, count(lang, r.stats.errors, msg::errors),
            count(lang, r.stats.warnings, msg::warnings), r.stats.encoding.empty() ? "-" : r.stats.encoding));
    for (const auto& [type, n] : r.counts) fmt::print("  {:<24} {}\n", type, n);
    fmt::print("{}\n", r.valid() ? msg::result_valid(lang) : msg::result_errors(lang));
  }
  return r.valid() ? 0 : kExitFindings;
}

struct GradeCliOptions {
  std::string data, archive, as_of, model, uscc, pack, lang = "zh";
  bool json = false;
  unsigned threads = 0;
};

date::sys_days today() {
  // The one place that reads the clock: the CLI's default as-of date (UTC).
  return date::floor<date::days>(std::chrono::system_clock::now());
}

// The as-of date of grade, precheck and repair: --as-of, or today (UTC); the default is
// said on stderr, so that a result is never silently dated.
date::sys_days as_of_or_today(const std::string& as_of, Lang lang) {
  if (!as_of.empty()) return ecredit::parse_iso_date(as_of);
  const date::sys_days d = today();
  fmt::print(stderr, "{}{}\n", msg::prefix(lang),
             say(lang, msg::as_of_default_today, ecredit::format_iso_date(d)));
  return d;
}

// A record flag (under_objection) in --lang: the contract's labels (异议处理中 / under objection).
std::string flag_label(const std::string& flag, Lang lang) {
  return ecredit::contract::flag_value(flag)[lang == Lang::en ? "en" : "zh"].get<std::string>();
}

// Loads a data folder, telling stderr what was rejected or skipped.
std::shared_ptr<const ecredit::Registry> load_registry(const ecredit::Engine& engine, const std::string& dir,
                                                       Lang lang) {
  ecredit::LoadSummary summary;
  auto registry = ecredit::Registry::from_dir(engine, dir, &summary);
  for (const auto& [id, rep] : summary.reports)
    if (rep.stats.rejected > 0)
      fmt::print(
          stderr, "{}{}\n", msg::prefix(lang),
          say(lang, msg::rows_rejected, id, rep.stats.rejected, count(lang, rep.stats.rows, msg::rows)));
  for (const auto& f : summary.skipped)
    fmt::print(stderr, "{}{}\n", msg::prefix(lang), say(lang, msg::not_a_dataset, f));
  return registry;
}

// The registry of --data DIR or of --archive FILE (its current state).
std::shared_ptr<const ecredit::Registry> registry_of(std::shared_ptr<const ecredit::Engine> engine,
                                                     const std::string& data, const std::string& archive,
                                                     Lang lang) {
  if (!archive.empty()) return ecredit_cli::open_archive(archive, std::move(engine))->registry();
  return load_registry(*engine, data, lang);
}

int run_grade(const GradeCliOptions& o) {
  const Lang lang = ecredit_cli::parse_lang(o.lang);
  const auto engine = engine_for(o.pack);
  const date::sys_days as_of = as_of_or_today(o.as_of, lang);
  const auto registry = registry_of(engine, o.data, o.archive, lang);
  if (!o.uscc.empty()) {
    const ecredit::Grade g = ecredit::grade(*engine, *registry, o.uscc, as_of, o.model);
    if (o.json) {
      fmt::print("{}\n", g.to_json(2));
      return 0;
    }
    fmt::print("{}\n", say(lang, msg::grade_line, g.uscc, g.grade, g.score, g.model, g.model_version,
                           ecredit::format_iso_date(g.as_of), g.no_data ? msg::no_data(lang) : ""));
    for (const auto& t : g.trace) {
      std::string flags;
      for (const auto& f : t.flags) flags += " [" + flag_label(f, lang) + "]";
      fmt::print("  {:<9} {:<24} {:<32} {}{}\n", t.kind, t.rule, t.record, t.detail, flags);
    }
    return 0;
  }
  const auto grades = ecredit::grade_all(*engine, *registry, as_of, o.model, o.threads);
  if (o.json) {
    fmt::print("{}\n", ecredit::grade_rows_json(grades, registry.get(), 2));
    return 0;
  }
  std::map<std::string, std::size_t> by_grade;
  fmt::print("uscc\tname\tgrade\tscore\tmodel\tno_data\n");
  for (const auto& g : grades) {
    const ecredit::Subject* s = registry->subject(g.uscc);
    fmt::print("{}\t{}\t{}\t{}\t{}\t{}\n", g.uscc, cell(s ? s->name : std::string()), g.grade, g.score,
               g.model, g.no_data ? "true" : "false");
    ++by_grade[g.grade];
  }
  fmt::print(stderr, "{}",
             say(lang, msg::graded, count(lang, grades.size(), msg::subjects),
                 ecredit::format_iso_date(as_of), grades.empty() ? o.model : grades.front().model));
  for (const auto& [grade, n] : by_grade) fmt::print(stderr, " {} {}", grade, n);
  fmt::print(stderr, "\n{}", msg::coverage(lang));
  for (const auto& [domain, c] : registry->coverage())
    fmt::print(stderr, " {} {:.1f}% ({}/{})", domain, 100.0 * c.ratio(), c.with_file, c.subjects);
  fmt::print(stderr, "\n{}", msg::plan_targets(lang));
  for (const auto& [year, share] : engine->coverage_targets())
    fmt::print(stderr, " {} {:.0f}%", year, 100.0 * share);
  fmt::print(stderr, "\n");
  return 0;
}

struct PrecheckCliOptions {
  std::string data, archive, scenario, uscc, person, as_of, department, fail_on, pack, lang = "zh";
  bool json = false;
};

int run_precheck(const PrecheckCliOptions& o) {
  const Lang lang = ecredit_cli::parse_lang(o.lang);
  const auto engine = engine_for(o.pack);
  ecredit::PrecheckQuery q;
  q.scenario = o.scenario;
  q.uscc = o.uscc;
  q.person_id = o.person;
  q.department = o.department;
  q.as_of = as_of_or_today(o.as_of, lang);
  const auto registry = registry_of(engine, o.data, o.archive, lang);
  const ecredit::Decision d = ecredit::precheck(*engine, *registry, q);
  if (o.json) {
    fmt::print("{}\n", d.to_json(2));
  } else {
    const std::string who = d.uscc.empty() ? ecredit::mask_id(d.person_id) : d.uscc;
    const std::string name = !d.credit_file           ? std::string(msg::no_credit_file(lang))
                             : d.subject_name.empty() ? std::string(msg::no_name(lang))
                                                      : d.subject_name;
    fmt::print("{}\n",
               say(lang, msg::precheck_line, who, name,
                   d.grade.empty() ? std::string() : say(lang, msg::grade_paren, d.grade),
                   ecredit::effect_label(d.verdict, o.lang), d.scenario,
                   d.department.empty() ? std::string() : say(lang, msg::for_department, d.department),
                   ecredit::format_iso_date(d.as_of)));
    for (const auto& l : d.lists)
      fmt::print("{}\n", say(lang, msg::list_line, l.list, l.domain, l.entry_id,
                             ecredit::format_iso_date(l.included_on),
                             l.via.empty() || l.via == d.uscc ? std::string() : say(lang, msg::via, l.via)));
    for (const auto& f : d.flags)
      fmt::print("{}\n", say(lang, msg::flag_line, flag_label(f.flag, lang), f.record,
                             f.via.empty() || f.via == d.uscc ? std::string() : say(lang, msg::via, f.via)));
    for (const auto& mm : d.measures) {
      const ecredit::Measure& m = *mm.measure;
      fmt::print("  {:<9} {}{} {} [{}]\n         {}{}{}\n", ecredit::effect_label(m.effect, o.lang),
                 m.mandatory ? "*" : " ", m.id,
                 lang == Lang::en && !m.title_en.empty() ? m.title_en : m.title, mm.target,
                 msg::basis_label(lang), m.basis,
                 ecredit::basis_mark(m.basis_confirmed, m.basis_unconfirmed));
    }
    const ecredit::CommitmentPolicy& cp = engine->measures().commitment;
    fmt::print("{}\n", say(lang, msg::commitment,
                           !d.commitment_allowed ? d.commitment_reason
                           : d.credit_file       ? std::string(msg::commitment_allowed(lang))
                                                 : std::string(msg::commitment_allowed_no_file(lang)),
                           d.commitment_allowed || cp.basis.empty()
                               ? std::string()
                               : ecredit::basis_mark(cp.basis_confirmed, cp.basis_unconfirmed)));
  }
  const int rank = static_cast<int>(d.verdict);
  if (o.fail_on == "restrict" && rank <= static_cast<int>(ecredit::Effect::restrict)) return kExitFindings;
  if (o.fail_on == "prohibit" && rank <= static_cast<int>(ecredit::Effect::prohibit)) return kExitFindings;
  return 0;
}

struct RelatedCliOptions {
  std::string data, archive, uscc, person, as_of, pack, lang = "zh";
  std::vector<std::string> roles;
  std::size_t hops = 1;
  bool json = false, unmasked = false;
};

// ecredit related: the relations within --hops of a subject or a person (relations.hpp).
int run_related(const RelatedCliOptions& o) {
  const Lang lang = ecredit_cli::parse_lang(o.lang);
  const auto engine = engine_for(o.pack);
  const date::sys_days as_of = as_of_or_today(o.as_of, lang);
  const auto registry = registry_of(engine, o.data, o.archive, lang);
  const std::string party = o.uscc.empty() ? o.person : o.uscc;
  ecredit::RelatedOptions opts;
  opts.roles = o.roles;
  opts.hops = o.hops;
  const auto rows = ecredit::related(*registry, party, as_of, opts);
  if (o.json) {
    fmt::print("{}\n", ecredit::related_json(rows, party, as_of, opts, o.unmasked, 2));
    return 0;
  }
  auto id = [&](const std::string& x) { return o.unmasked ? x : ecredit::contract::masked(x); };
  fmt::print("hops\tparty_id\tparty_kind\trole\tuscc\tname\tpath\n");
  for (const auto& r : rows) {
    std::string path;
    for (const auto& p : r.path) path += (path.empty() ? "" : " > ") + id(p);
    const ecredit::Subject* s = registry->subject(r.uscc);
    fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", r.hops, id(r.party_id), r.party_kind, r.role, r.uscc,
               cell(s ? s->name : std::string()), path);
  }
  fmt::print(stderr, "{}\n",
             say(lang, msg::related_count, count(lang, rows.size(), msg::relations), id(party),
                 ecredit::format_iso_date(as_of), o.hops));
  return 0;
}

struct RepairCliOptions {
  std::string record, record_option, evidence, as_of, pack, history, lang = "zh";
  bool json = false;
};

int run_repair(const RepairCliOptions& o) {
  const Lang lang = ecredit_cli::parse_lang(o.lang);
  const auto engine = engine_for(o.pack);
  if (o.record == "-" && o.evidence == "-") throw ecredit::InvalidInputError(msg::both_stdin(Lang::en));
  const ecredit::RepairRecord rec = ecredit::repair_record_from_json(slurp(o.record, "record"));
  const ecredit::RepairEvidence ev = o.evidence.empty()
                                         ? ecredit::RepairEvidence{}
                                         : ecredit::repair_evidence_from_json(slurp(o.evidence, "evidence"));
  std::vector<date::sys_days> history;
  for (const auto& h : CLI::detail::split(o.history, ','))
    if (!h.empty()) history.push_back(ecredit::parse_iso_date(h));
  const date::sys_days as_of = as_of_or_today(o.as_of, lang);
  const ecredit::RepairDecision d = ecredit::repair(*engine, rec, ev, as_of, history);
  if (o.json) {
    fmt::print("{}\n", d.to_json(2));
    return 0;
  }
  auto day = [](const std::optional<date::sys_days>& x) {
    return x ? ecredit::format_iso_date(*x) : std::string("-");
  };
  const std::string status =
      lang == Lang::en ? d.status
                       : fmt::format("{}（{}）", ecredit::repair_status_label(d.status, "zh"), d.status);
  fmt::print("{}\n", say(lang, msg::repair_line, rec.id.empty() ? std::string(msg::record(lang)) : rec.id,
                         status, ecredit::format_iso_date(as_of)));
  fmt::print("{}\n{}\n", say(lang, msg::repair_regime, d.regime, d.regime_reason),
             say(lang, msg::repair_tier, d.severity, d.min_months,
                 count(lang, static_cast<std::size_t>(d.max_months), msg::months)));
  fmt::print("{}\n{}\n", say(lang, msg::repair_earliest, day(d.earliest_date)),
             say(lang, msg::repair_publication, day(d.publication_end)));
  if (!d.missing.empty()) {
    std::string m;
    for (const auto& x : d.missing) m += (m.empty() ? "" : ", ") + x;
    fmt::print("{}\n", say(lang, msg::repair_missing, m));
  }
  for (const auto& r : d.reasons) fmt::print("{}\n", say(lang, msg::repair_why, r));
  for (const auto& st : d.processing)
    fmt::print("{}\n", say(lang, msg::repair_deadline, st.step,
                           count(lang, static_cast<std::size_t>(st.working_days), msg::working_days),
                           ecredit::format_iso_date(st.due), ecredit::basis_mark(st.confirmed, ""),
                           st.extends.empty() ? ""
                           : st.applies       ? msg::extension_applies(lang)
                                              : msg::extension_not_applied(lang)));
  for (const auto& e : d.effects) fmt::print("{}\n", say(lang, msg::repair_effect, e));
  for (const auto& a : d.arithmetic) fmt::print("  |          {}\n", a);
  fmt::print("{}\n", say(lang, msg::repair_basis, d.basis));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ecredit — energy-industry credit engine (identifiers, validation, grading, measures, repair)",
               "ecredit"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", std::string("ecredit ") + std::string(ecredit::library_version()));
  app.footer(
      "Inputs: a folder of dataset files is --data DIR; a single input file is the argument, - for\n"
      "standard input. --as-of: today (UTC) for grade, precheck and repair, 2025-06-30 (the sample's\n"
      "date) for demo; a default date is said on stderr. --lang zh (default) or en on every command.\n"
      "Details: docs/cli.md.");

  IdOptions id;
  auto* id_cmd = app.add_subcommand("id", "Check USCCs, organisation codes and resident IDs");
  id_cmd->add_option("--kind", id.kind, "uscc, org_code, resident_id or auto (default: auto)")
      ->check(CLI::IsMember({"auto", "uscc", "org_code", "resident_id"}));
  id_cmd->add_flag("--json", id.json, "Print a JSON array of {code, kind, status, reason, message}");
  id_cmd->add_flag("--unmasked", id.unmasked, "Print resident IDs in full (masked by default)");
  add_lang(id_cmd, id.lang);
  id_cmd->add_option("codes", id.codes, "The codes to check")->required();
  id_cmd->footer(
      "Auto-detection: 9 characters -> org_code, 15 -> resident_id; 18 characters that are all digits\n"
      "(the last may be X) -> resident_id if they pass as one, else uscc if they pass as one, else\n"
      "resident_id when characters 7-14 are a real date, else uscc; other 18-character codes -> uscc.\n"
      "Output: a header line, then one tab-separated line per code: code, kind, status, reason\n"
      "(a stable name, - when valid), message (in --lang).\n"
      "Exit status: 0 when every code is valid or legacy, 1 otherwise, 2 on a usage error.");

  DatasetsOptions ds;
  auto* ds_cmd = app.add_subcommand("datasets", "List the datasets of the credit data list (catalog)");
  ds_cmd->add_flag("--json", ds.json, "Print the catalog as JSON");
  ds_cmd->add_option("--pack", ds.pack, "A policy pack folder (default: the built-in gz-energy pack)");
  add_lang(ds_cmd, ds.lang);

  ValidateCliOptions vo;
  auto* val_cmd = app.add_subcommand("validate", "Validate a dataset file (CSV, TSV or JSON Lines)");
  val_cmd->add_option("--dataset", vo.dataset, "Dataset id (see `ecredit datasets`)")->required();
  val_cmd->add_option("file", vo.file, "The file to validate; - reads standard input (CSV unless --format)")
      ->required();
  val_cmd->add_flag("--json", vo.json, "Print the report as JSON");
  add_lang(val_cmd, vo.lang);
  val_cmd->add_option("--encoding", vo.encoding, "auto (default), utf-8 or gb18030")
      ->check(CLI::IsMember({"auto", "utf-8", "utf8", "gb18030", "gbk"}));
  val_cmd->add_option("--format", vo.format, "auto (by extension, default), csv, tsv or jsonl")
      ->check(CLI::IsMember({"auto", "csv", "tsv", "jsonl"}));
  val_cmd->add_option("--delimiter", vo.delimiter, "CSV delimiter: one character or 'tab'");
  add_number(val_cmd, "--max-findings", vo.max_findings, std::size_t{0},
             std::numeric_limits<std::size_t>::max(),
             "Findings listed at most, default 1000; 0 lists none (the counts stay complete)");
  val_cmd->add_option("--out-valid", vo.out_valid, "Write accepted rows, normalised (.csv or .jsonl)");
  val_cmd->add_option("--out-rejected", vo.out_rejected,
                      "Write rejected rows with their reasons (.csv or .jsonl)");
  val_cmd->add_option("--pack", vo.pack, "A policy pack folder (default: the built-in gz-energy pack)");
  val_cmd->footer(
      "Exit status: 0 valid (warnings allowed), 1 errors found, 2 usage error or unreadable input.");

  GradeCliOptions go;
  auto* grade_cmd =
      app.add_subcommand("grade", "Grade the subjects of a data folder (credit files) as of a date");
  grade_cmd->add_option("--data", go.data, "Folder of <dataset_id>.csv / .jsonl files")
      ->excludes(grade_cmd->add_option("--archive", go.archive, "An archive file (its current state)"));
  grade_cmd->add_option("--as-of", go.as_of, "Date (YYYY-MM-DD); default: today (UTC), said on stderr");
  grade_cmd->add_option("--model", go.model, "Grading model id; default: the first in force on the date");
  grade_cmd->add_option("--uscc", go.uscc, "Grade one subject and show the trace");
  grade_cmd->add_flag("--json", go.json, "Print JSON");
  add_number(grade_cmd, "--threads", go.threads, 0u, 1024u,
             "Threads for grading all subjects; 0 (default): all cores");
  add_lang(grade_cmd, go.lang);
  grade_cmd->footer(
      "Output without --uscc: a header line, then one tab-separated line per subject: uscc, name,\n"
      "grade, score, model, no_data (true/false); the grade counts and coverage go to stderr.");
  grade_cmd->add_option("--pack", go.pack, "A policy pack folder (default: the built-in gz-energy pack)");

  PrecheckCliOptions po;
  auto* pre_cmd = app.add_subcommand(
      "precheck",
      "Which joint reward/punishment measures apply to a subject for a business item (approval precheck)");
  pre_cmd->add_option("--data", po.data, "Folder of <dataset_id>.csv / .jsonl files")
      ->excludes(pre_cmd->add_option("--archive", po.archive, "An archive file (its current state)"));
  pre_cmd
      ->add_option("--scenario", po.scenario, "Scenario (business item) code, label, alias or host item code")
      ->required();
  auto* uscc_opt = pre_cmd->add_option("--uscc", po.uscc, "The subject's USCC");
  auto* person_opt = pre_cmd->add_option("--person", po.person, "A natural person's ID number");
  uscc_opt->excludes(person_opt);
  pre_cmd->add_option("--as-of", po.as_of, "Date (YYYY-MM-DD); default: today (UTC), said on stderr");
  add_lang(pre_cmd, po.lang);
  pre_cmd->add_option("--department", po.department, "Only the measures this department applies");
  pre_cmd->add_flag("--json", po.json, "Print the decision as JSON");
  pre_cmd->add_option("--fail-on", po.fail_on, "Exit 1 when the verdict is at least this strong")
      ->check(CLI::IsMember({"restrict", "prohibit"}));
  pre_cmd->add_option("--pack", po.pack, "A policy pack folder (default: the built-in gz-energy pack)");
  pre_cmd->footer(
      "Verdict: the strongest matched effect, prohibit > restrict > caution > incentive > clear.\n"
      "Exit status: 0 on any verdict; 1 when --fail-on is given and the verdict reaches it; 2 on a usage "
      "error.");

  RelatedCliOptions rel;
  auto* rel_cmd = app.add_subcommand(
      "related", "Related parties (关联关系): who is linked to a subject or a person, as of a date");
  rel_cmd->add_option("--data", rel.data, "Folder of <dataset_id>.csv / .jsonl files")
      ->excludes(rel_cmd->add_option("--archive", rel.archive, "An archive file (its current state)"));
  rel_cmd->add_option("--uscc", rel.uscc, "The subject's USCC")
      ->excludes(rel_cmd->add_option("--person", rel.person, "A natural person's ID number"));
  rel_cmd->add_option("--as-of", rel.as_of, "Date (YYYY-MM-DD); default: today (UTC), said on stderr");
  add_number(rel_cmd, "--hops", rel.hops, std::size_t{1}, std::size_t{100},
             "Follow relations this many steps away (default 1)");
  rel_cmd->add_option("--role", rel.roles, "Follow only this role (code table relation_role); repeatable");
  rel_cmd->add_flag("--json", rel.json, "Print the \"related\" document");
  rel_cmd->add_flag("--unmasked", rel.unmasked, "Show personal ID numbers in full");
  add_lang(rel_cmd, rel.lang);
  rel_cmd->add_option("--pack", rel.pack, "A policy pack folder (default: the built-in gz-energy pack)");
  rel_cmd->footer(
      "Output: a header line, then one tab-separated line per relation: hops, party_id, party_kind,\n"
      "role, uscc, the subject's name, the path from the queried party. Relations are those of the\n"
      "relation dataset and those a subject row implies (legal_rep_id, responsible_ids).\n"
      "Exit status: 0; 2 on a usage error or bad input.");

  RepairCliOptions ro;
  auto* rep_cmd = app.add_subcommand(
      "repair", "Credit repair (信用修复): eligibility, dates and deadlines for one record");
  auto* record_arg = rep_cmd->add_option(
      "record", ro.record,
      "JSON file: {category, severity, decision_date, area, penalty_types …}; - reads stdin");
  auto* record_opt =
      rep_cmd->add_option("--record", ro.record_option, "Deprecated: give the record file as the argument");
  record_arg->excludes(record_opt);
  rep_cmd->add_option("--evidence", ro.evidence, "JSON file: evidence name -> date provided; - reads stdin");
  rep_cmd->add_option("--as-of", ro.as_of,
                      "Application date (YYYY-MM-DD); default: today (UTC), said on stderr");
  add_lang(rep_cmd, ro.lang);
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
  add_number(demo_cmd, "--size", dmo.size, std::size_t{1}, std::size_t{10000000},
             "Market subjects to generate (default 2000)");
  add_number(demo_cmd, "--seed", dmo.seed, std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max(),
             "Random seed of the sample (default 1)");
  demo_cmd->add_option("--out", dmo.out, "Output folder (default ./ecredit-demo)");
  demo_cmd->add_option(
      "--archive", dmo.archive,
      "The archive file to write (default OUT/archive.db, replaced); a given file must not exist");
  auto* demo_as_of = demo_cmd->add_option("--as-of", dmo.as_of,
                                          "Report date (YYYY-MM-DD); default: 2025-06-30, the date the "
                                          "generated sample is dated around (not today)");
  std::string demo_lang = "zh";
  add_lang(demo_cmd, demo_lang);
  demo_cmd->add_flag("--quiet", dmo.quiet, "No progress or summary on the terminal");
  demo_cmd->footer(
      "Writes OUT/data/*.csv (the sample, day 1), OUT/day2/*.csv (the day-2 delta), OUT/archive.db (the\n"
      "archive of both days), OUT/validation/*.json, OUT/summary.json and OUT/report.html.\n"
      "--as-of defaults to the sample's date, not today, because the generated records are dated\n"
      "around it. Exit status 0; 2 on a usage error or when OUT cannot be written (the folders the\n"
      "demo created are removed again).");

  const auto archive_cmds = ecredit_cli::add_archive_commands(app);

  try {
    app.parse(argc, argv);
    if (grade_cmd->parsed() && go.data.empty() == go.archive.empty())
      throw CLI::ValidationError("grade", "give exactly one of --data DIR and --archive FILE");
    if (pre_cmd->parsed() && po.data.empty() == po.archive.empty())
      throw CLI::ValidationError("precheck", "give exactly one of --data DIR and --archive FILE");
    ecredit_cli::check_archive_commands(*archive_cmds);
    if (pre_cmd->parsed() && po.uscc.empty() == po.person.empty())
      throw CLI::ValidationError("precheck", "give exactly one of --uscc and --person");
    if (rel_cmd->parsed() && rel.data.empty() == rel.archive.empty())
      throw CLI::ValidationError("related", "give exactly one of --data DIR and --archive FILE");
    if (rel_cmd->parsed() && rel.uscc.empty() == rel.person.empty())
      throw CLI::ValidationError("related", "give exactly one of --uscc and --person");
    if (rep_cmd->parsed() && ro.record.empty() && ro.record_option.empty())
      throw CLI::ValidationError("repair",
                                 "give the record file: ecredit repair RECORD.json (or - for stdin)");
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
    if (rel_cmd->parsed()) return run_related(rel);
    if (rep_cmd->parsed()) {
      if (!ro.record_option.empty()) {
        ro.record = ro.record_option;
        const Lang lang = ecredit_cli::parse_lang(ro.lang);
        fmt::print(stderr, "{}{}\n", msg::prefix(lang), say(lang, msg::deprecated_record, ro.record));
      }
      return run_repair(ro);
    }
    if (ecredit_cli::archive_parsed(*archive_cmds)) return ecredit_cli::run_archive(*archive_cmds);
    if (demo_cmd->parsed()) {
      dmo.lang = ecredit_cli::parse_lang(demo_lang);
      dmo.as_of_given = demo_as_of->count() > 0;
      return ecredit_cli::run_demo(dmo);
    }
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
