// `ecredit archive init|import|status|history|objection|repair|commitments|check|checkpoint|export`
// (docs/cli.md "archive"): the living credit files (docs/archive.md) from the command line.
// Every command takes --archive FILE; all but init need the file to exist. Exit codes as
// elsewhere: 0 ok, 1 findings (rows rejected on import, a failed check), 2 usage.
#include "archive_cli.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "contract/contract.hpp"
#include "ecredit/archive.hpp"
#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "ecredit/id.hpp"
#include "ecredit/json.hpp"
#include "messages.hpp"
#include "validate_text.hpp"

namespace ecredit_cli {

namespace fs = std::filesystem;

std::unique_ptr<ecredit::Archive> open_archive(const std::string& path,
                                               std::shared_ptr<const ecredit::Engine> engine, bool create) {
  if (!create && !fs::exists(path))
    throw ecredit::InvalidInputError(say(Lang::en, msg::archive_missing, path));
  return ecredit::Archive::open(path, std::move(engine));
}

struct ArchiveCommands {
  CLI::App* archive = nullptr;
  CLI::App *init = nullptr, *import = nullptr, *status = nullptr, *history = nullptr, *check = nullptr,
           *checkpoint = nullptr, *export_ = nullptr;
  CLI::App *objection = nullptr, *obj_file = nullptr, *obj_advance = nullptr, *obj_list = nullptr;
  CLI::App *repair = nullptr, *rep_file = nullptr, *rep_apply = nullptr;
  CLI::App *commitments = nullptr, *com_check = nullptr;

  std::string file, pack, lang = "zh";
  bool json = false;
  // import
  std::string path, dataset, source, received_at;
  // history
  std::string id;
  // objection, repair
  std::string record, filed_on, grounds, by, objection_id, step, on, outcome, note, actor, status_filter,
      overdue_on;
  std::vector<std::string> set_values;
  std::string evidence, decided_on;
  // commitments
  std::string as_of;
  // export
  std::string out;
};

namespace {

using ecredit::format_iso_date;
using ecredit::parse_iso_date;

// --archive, --pack, --lang and, where there is a document to print, --json: on every
// leaf command, so that they may follow it (`ecredit archive status --archive a.db`).
void common(ArchiveCommands& c, CLI::App* cmd, bool with_json) {
  cmd->add_option("--archive", c.file, "The archive file (SQLite)")->required();
  cmd->add_option("--pack", c.pack, "A policy pack folder (default: the built-in gz-energy pack)");
  add_lang(cmd, c.lang);
  if (with_json) cmd->add_flag("--json", c.json, "Print the result as JSON (docs/contract.md)");
}

std::string time_text(ecredit::TimePoint t) {
  return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
}

// "field=value; …": the fields of `now` that differ from `before` (all non-empty ones
// when there is no earlier version).
std::string changed_fields(const std::map<std::string, std::string>& now,
                           const std::map<std::string, std::string>* before) {
  std::string s;
  for (const auto& [k, v] : now) {
    if (before) {
      auto it = before->find(k);
      if (it != before->end() && it->second == v) continue;
      if (it == before->end() && v.empty()) continue;
    } else if (v.empty()) {
      continue;
    }
    s += (s.empty() ? "" : "; ") + k + "=" + ecredit::contract::masked(v);
  }
  return s.empty() ? "-" : s;
}

int run_init(const ArchiveCommands& c, Lang lang) {
  const bool existed = fs::exists(c.file);
  const auto a = open_archive(c.file, engine_for(c.pack), true);
  fmt::print("{}\n",
             say(lang, existed ? msg::archive_opened : msg::archive_created, c.file, a->schema_version()));
  return 0;
}

int run_import(const ArchiveCommands& c, Lang lang) {
  const auto a = open_archive(c.file, engine_for(c.pack));
  const bool folder = fs::is_directory(c.path);
  if (!folder && c.dataset.empty())
    throw ecredit::InvalidInputError("archive import: '" + c.path +
                                     "' is a file: give its dataset with --dataset (see `ecredit datasets`)");
  if (folder && !c.dataset.empty())
    throw ecredit::InvalidInputError("archive import: --dataset is for a file; '" + c.path + "' is a folder");
  const ecredit::ImportResult r = folder ? a->import_dir(c.path, c.source, c.received_at)
                                         : a->import_file(c.path, c.dataset, c.source, c.received_at);
  std::size_t rejected = 0;
  for (const auto& [ds, n] : r.counts) rejected += n.rejected;
  if (c.json) {
    fmt::print("{}\n", ecredit::to_json(r, c.lang, 2));
  } else {
    fmt::print("{}\n", say(lang, msg::import_line, r.batch, r.source,
                           r.received_at.empty() ? std::string(msg::not_given(lang)) : r.received_at,
                           time_text(r.recorded_at)));
    fmt::print("dataset\tread\tinserted\tupdated\tunchanged\twithdrawn\trejected\n");
    for (const auto& [ds, n] : r.counts)
      fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", ds, n.read, n.inserted, n.updated, n.unchanged, n.withdrawn,
                 n.rejected);
    for (const auto& [ds, n] : r.counts)
      if (n.rejected > 0)
        fmt::print(stderr, "{}{}\n", msg::prefix(lang),
                   say(lang, msg::import_rejected, ds, n.rejected, count(lang, n.read, msg::rows)));
  }
  for (const auto& f : r.skipped)
    fmt::print(stderr, "{}{}\n", msg::prefix(lang), say(lang, msg::import_skipped, f));
  return rejected > 0 ? kExitFindings : 0;
}

int run_status(const ArchiveCommands& c, Lang lang) {
  const auto a = open_archive(c.file, engine_for(c.pack));
  const ecredit::Archive::CheckResult k = a->check();
  std::vector<ecredit::JournalEntry> batches;
  for (auto& e : a->journal(0))
    if (e.kind == "import") batches.push_back(std::move(e));
  if (c.json) {
    fmt::print("{}\n", ecredit::journal_json(batches, 2));
    return 0;
  }
  fmt::print("{}\n",
             say(lang, msg::status_line, c.file, a->schema_version(), count(lang, k.batches, msg::batches),
                 count(lang, k.entities, msg::entities), count(lang, k.versions, msg::versions),
                 count(lang, k.events, msg::events), a->last_batch()));
  fmt::print(
      "batch\trecorded_at\treceived_"
      "at\tsource\tdataset\tread\tinserted\tupdated\tunchanged\twithdrawn\trejected\n");
  for (const auto& b : batches) {
    // an import's journal detail: {"source": …, "counts": {dataset: {read, inserted, …}}}
    const nlohmann::json detail = nlohmann::json::parse(b.detail, nullptr, false);
    if (!detail.is_object() || !detail.contains("counts") || !detail["counts"].is_object()) continue;
    for (const auto& [ds, n] : detail["counts"].items()) {
      auto num = [&](const char* key) {
        return n.contains(key) ? n[key].get<std::size_t>() : std::size_t{0};
      };
      fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", b.seq, time_text(b.recorded_at),
                 b.on.empty() ? "-" : b.on, cell(b.actor.empty() ? "-" : b.actor), ds, num("read"),
                 num("inserted"), num("updated"), num("unchanged"), num("withdrawn"), num("rejected"));
    }
  }
  return 0;
}

int run_history(const ArchiveCommands& c, Lang lang) {
  const auto a = open_archive(c.file, engine_for(c.pack));
  const ecredit::EntityHistory h = a->history(c.id);
  if (c.json) {
    fmt::print("{}\n", ecredit::to_json(h, 2));
    return 0;
  }
  fmt::print("{}\n",
             say(lang, msg::history_line, h.id, h.dataset, h.key,
                 count(lang, h.versions.size(), msg::versions), count(lang, h.events.size(), msg::events)));
  fmt::print("batch\top\trecorded_at\treceived_at\tsource\tactor\treason\tchanged\n");
  const std::map<std::string, std::string>* before = nullptr;
  for (const auto& v : h.versions) {
    fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", v.batch, v.op, time_text(v.recorded_at),
               v.received_at.empty() ? "-" : v.received_at, cell(v.source.empty() ? "-" : v.source),
               cell(v.actor.empty() ? "-" : v.actor), cell(v.reason.empty() ? "-" : v.reason),
               cell(v.values.empty() ? "-" : changed_fields(v.values, before)));
    before = v.values.empty() ? nullptr : &v.values;
  }
  if (!h.events.empty()) {
    fmt::print("seq\tkind\ton\tactor\treason\tbasis\n");
    for (const auto& e : h.events)
      fmt::print("{}\t{}\t{}\t{}\t{}\t{}\n", e.seq, e.kind, e.on.empty() ? "-" : e.on,
                 cell(e.actor.empty() ? "-" : e.actor), cell(e.reason.empty() ? "-" : e.reason),
                 cell(e.basis.empty() ? "-" : e.basis));
  }
  return 0;
}

// The objection `id` as objections() lists it.
ecredit::Objection find_objection(ecredit::Archive& a, const std::string& id) {
  for (auto& o : a.objections())
    if (o.id == id) return o;
  throw ecredit::NotFoundError("objection '" + id + "' is not in the archive");
}

void print_objections(const std::vector<ecredit::Objection>& list) {
  fmt::print("id\trecord\tstatus\tfiled_on\tby\tnext_step\tdue\toverdue\n");
  for (const auto& o : list) {
    const ecredit::ObjectionStep* next = nullptr;
    for (const auto& s : o.steps)
      if (!s.done_on) {
        next = &s;
        break;
      }
    fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", o.id, o.record_id, o.status, format_iso_date(o.filed_on),
               cell(o.by), next ? next->step : "-", next ? format_iso_date(next->due) : "-",
               next && next->overdue ? "true" : "false");
  }
}

int run_objection(const ArchiveCommands& c, Lang lang) {
  const auto a = open_archive(c.file, engine_for(c.pack));
  if (c.obj_file->parsed()) {
    const std::string id = a->file_objection(c.record, parse_iso_date(c.filed_on), c.grounds, c.by);
    if (c.json) {
      fmt::print("{}\n", ecredit::to_json(find_objection(*a, id), 2));
      return 0;
    }
    fmt::print("{}\n", id);
    fmt::print(stderr, "{}{}\n", msg::prefix(lang),
               say(lang, msg::objection_filed, id, c.record, c.filed_on));
    return 0;
  }
  if (c.obj_advance->parsed()) {
    std::map<std::string, std::string> values;
    for (const auto& kv : c.set_values) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0)
        throw ecredit::InvalidInputError("--set '" + kv + "': expected FIELD=VALUE");
      values[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    a->advance_objection(c.objection_id, c.step, parse_iso_date(c.on), c.outcome, c.note, values, c.actor);
    const ecredit::Objection o = find_objection(*a, c.objection_id);
    if (c.json) {
      fmt::print("{}\n", ecredit::to_json(o, 2));
      return 0;
    }
    fmt::print("{}\n", say(lang, msg::objection_status, o.id, o.status));
    return 0;
  }
  const auto list = a->objections(
      c.status_filter,
      c.overdue_on.empty() ? std::nullopt : std::optional<date::sys_days>(parse_iso_date(c.overdue_on)));
  if (c.json) {
    fmt::print("{}\n", ecredit::objections_json(list, 2));
    return 0;
  }
  print_objections(list);
  return 0;
}

int run_repair_event(const ArchiveCommands& c, Lang lang) {
  const auto engine = engine_for(c.pack);
  const auto a = open_archive(c.file, engine);
  if (c.rep_file->parsed()) {
    const ecredit::RepairEvidence ev =
        c.evidence.empty() ? ecredit::RepairEvidence{}
                           : ecredit::repair_evidence_from_json(slurp(c.evidence, "evidence"), *engine);
    const std::string id = a->file_repair_application(c.record, parse_iso_date(c.filed_on), ev, c.by);
    fmt::print("{}\n", id);
    fmt::print(stderr, "{}{}\n", msg::prefix(lang), say(lang, msg::repair_filed, id, c.record, c.filed_on));
    return 0;
  }
  a->apply_repair(c.record, parse_iso_date(c.decided_on), std::nullopt, c.actor);
  fmt::print("{}\n", say(lang, msg::repair_applied, c.record, c.decided_on));
  return 0;
}

int run_commitments(const ArchiveCommands& c, Lang lang) {
  const auto a = open_archive(c.file, engine_for(c.pack));
  const std::vector<std::string> made = a->check_commitments(parse_iso_date(c.as_of), c.actor);
  for (const auto& id : made) fmt::print("{}\n", id);
  fmt::print(stderr, "{}{}\n", msg::prefix(lang), say(lang, msg::breaches_made, c.as_of, made.size()));
  return 0;
}

int run_check(const ArchiveCommands& c, Lang lang) {
  const auto a = open_archive(c.file, engine_for(c.pack));
  const ecredit::Archive::CheckResult k = a->check();
  if (c.json) {
    fmt::print("{}\n", ecredit::to_json(k, 2));
  } else if (k.ok) {
    fmt::print("{}\n", say(lang, msg::check_ok, count(lang, k.batches, msg::batches),
                           count(lang, k.entities, msg::entities), count(lang, k.versions, msg::versions),
                           count(lang, k.events, msg::events)));
  } else {
    fmt::print("{}\n", say(lang, msg::check_failed, k.problems.size()));
    for (const auto& p : k.problems) fmt::print("  {}\n", p);
  }
  return k.ok ? 0 : kExitFindings;
}

int run_checkpoint(const ArchiveCommands& c, Lang lang) {
  const auto a = open_archive(c.file, engine_for(c.pack));
  const ecredit::Archive::CheckpointInfo k = a->checkpoint();
  if (c.json)
    fmt::print("{}\n", ecredit::to_json(k, 2));
  else if (k.parts == 0)
    fmt::print("{}\n", msg::checkpoint_nothing(lang));
  else
    fmt::print("{}\n", say(lang, msg::checkpoint_made, k.seq, k.subjects, k.records,
                           static_cast<double>(k.bytes) / 1048576.0));
  return 0;
}

// The current state as `<dataset>.csv` files: the last version of every entity not
// withdrawn, replayed from changes_since(0), in entity-id order; a header of the catalog's
// field names; values normalised (what the validator accepts and `--data` reads).
int run_export(const ArchiveCommands& c, Lang lang) {
  const auto engine = engine_for(c.pack);
  const auto a = open_archive(c.file, engine);
  std::map<std::string, std::map<std::string, const ecredit::Change*>> state;  // dataset → id → upsert
  const std::vector<ecredit::Change> changes = a->changes_since(0);
  for (const auto& ch : changes) {
    if (ch.op == ecredit::Change::Op::upsert)
      state[ch.dataset][ch.id] = &ch;
    else if (ch.op == ecredit::Change::Op::withdraw)
      state[ch.dataset].erase(ch.id);
  }
  std::error_code ec;
  fs::create_directories(c.out, ec);
  if (ec) ecredit::throw_io_error("cannot create export folder", c.out, ec);
  std::size_t files = 0;
  for (const auto& [ds, rows] : state) {
    if (rows.empty()) continue;
    const ecredit::Dataset& d = engine->dataset(ds);
    std::vector<std::string> header;
    for (const auto& f : d.fields) header.push_back(f.name);
    const fs::path p = fs::path(c.out) / (ds + ".csv");
    std::ofstream out;
    ecredit::open_for_writing(out, p.string(), "export file");
    ecredit::detail::write_csv_row(out, header);
    for (const auto& [id, ch] : rows) ecredit::detail::write_csv_row(out, ch->values);
    out.close();
    if (!out)
      ecredit::throw_io_error("cannot write export file", p.string(),
                              std::make_error_code(std::errc::io_error));
    ++files;
    if (!c.json)
      fmt::print("{}\n", say(lang, msg::exported, ds, count(lang, rows.size(), msg::rows), p.string()));
  }
  fmt::print(stderr, "{}{}\n", msg::prefix(lang), say(lang, msg::exported_total, files, c.out));
  return 0;
}

}  // namespace

void ArchiveCommandsDeleter::operator()(ArchiveCommands* c) const { delete c; }

ArchiveCommandsPtr add_archive_commands(CLI::App& app) {
  ArchiveCommandsPtr c(new ArchiveCommands);
  c->archive = app.add_subcommand(
      "archive",
      "The archive: living credit files that keep every version, objections, repairs, commitments");
  c->archive->require_subcommand(1);
  c->archive->footer(
      "Every command takes --archive FILE; all but init need it to exist. Exit status: 0 ok, 1 findings\n"
      "(import: rows rejected; check: a problem found), 2 usage error or unusable input. Details: "
      "docs/cli.md,\n"
      "docs/archive.md.");

  c->init =
      c->archive->add_subcommand("init", "Create an archive file (or open and migrate an existing one)");
  common(*c, c->init, false);

  c->import = c->archive->add_subcommand(
      "import", "Import a data folder or one dataset file as one batch (validated; reconciled per dataset)");
  common(*c, c->import, true);
  c->import->add_option("path", c->path, "A folder of <dataset_id>.csv/.tsv/.jsonl files, or one file")
      ->required();
  c->import->add_option("--dataset", c->dataset, "The dataset of a single file (see `ecredit datasets`)");
  c->import->add_option("--source", c->source, "Who sent the data (a department, a system)")->required();
  c->import->add_option("--received-at", c->received_at,
                        "When the data arrived (ISO date or date-time, e.g. the date on the submission)");
  c->import->footer(
      "A file may carry an operation column `op` (操作类型): add/update/delete (新增/修改/删除, I/U/D).\n"
      "Output: the batch line, then one tab-separated line per dataset: dataset, read, inserted, updated,\n"
      "unchanged, withdrawn, rejected (read = the sum of the others). Exit 1 when a row was rejected.");

  c->status = c->archive->add_subcommand("status", "The archive's batches and counts");
  common(*c, c->status, true);

  c->history = c->archive->add_subcommand("history", "Every version and event of one entity");
  common(*c, c->history, true);
  c->history
      ->add_option("id", c->id, "The entity id, <dataset>:<primary key> (e.g. admin_penalty:粤罚〔2025〕1号)")
      ->required();

  c->objection = c->archive->add_subcommand("objection", "Objections (异议): file, advance, list");
  c->objection->require_subcommand(1);
  c->obj_file = c->objection->add_subcommand("file", "File an objection to a record (it is marked at once)");
  common(*c, c->obj_file, true);
  c->obj_file->add_option("--record", c->record, "The record's id")->required();
  c->obj_file->add_option("--filed-on", c->filed_on, "Date filed (YYYY-MM-DD)")->required();
  c->obj_file->add_option("--grounds", c->grounds, "The grounds of the objection")->required();
  c->obj_file->add_option("--by", c->by, "Who filed it")->required();
  c->obj_advance = c->objection->add_subcommand("advance", "Record a step of an objection's procedure");
  common(*c, c->obj_advance, true);
  c->obj_advance->add_option("objection", c->objection_id, "The objection's id")->required();
  c->obj_advance->add_option("--step", c->step, "accept, reject, platform_check or provider_verification")
      ->required();
  c->obj_advance->add_option("--on", c->on, "Date the step was done (YYYY-MM-DD)")->required();
  c->obj_advance->add_option("--outcome", c->outcome, "Closes it: corrected, record_confirmed or unresolved");
  c->obj_advance->add_option("--note", c->note, "A note on the step");
  c->obj_advance->add_option("--set", c->set_values,
                             "With --outcome corrected: FIELD=VALUE of the corrected version (repeat); none "
                             "withdraws the record");
  c->obj_advance->add_option("--actor", c->actor, "Who recorded the step");
  c->obj_list = c->objection->add_subcommand("list", "List objections with their next step and deadline");
  common(*c, c->obj_list, true);
  c->obj_list->add_option(
      "--status", c->status_filter,
      "Only this status: pending, accepted, rejected, corrected, record_confirmed, unresolved");
  c->obj_list->add_option("--overdue-on", c->overdue_on, "Only those with a step overdue on this date");

  c->repair =
      c->archive->add_subcommand("repair", "Credit repair (信用修复): file an application, apply a repair");
  c->repair->require_subcommand(1);
  c->rep_file =
      c->repair->add_subcommand("file", "Record a repair application with the engine's decision on it");
  common(*c, c->rep_file, false);
  c->rep_file->add_option("--record", c->record, "The record's id")->required();
  c->rep_file->add_option("--filed-on", c->filed_on, "Date filed (YYYY-MM-DD)")->required();
  c->rep_file->add_option("--evidence", c->evidence,
                          "JSON file: evidence name -> date provided; - reads stdin");
  c->rep_file->add_option("--by", c->by, "Who applied")->required();
  c->rep_apply =
      c->repair->add_subcommand("apply", "Store a repair: from that day the record no longer counts");
  common(*c, c->rep_apply, false);
  c->rep_apply->add_option("--record", c->record, "The record's (or list entry's) id")->required();
  c->rep_apply->add_option("--decided-on", c->decided_on, "Date of the repair decision (YYYY-MM-DD)")
      ->required();
  c->rep_apply->add_option("--actor", c->actor, "Who decided");

  c->commitments = c->archive->add_subcommand("commitments", "Credit commitments (信用承诺)");
  c->commitments->require_subcommand(1);
  c->com_check = c->commitments->add_subcommand(
      "check", "Turn each overdue, unfulfilled commitment into one breach record (once)");
  common(*c, c->com_check, false);
  c->com_check->add_option("--as-of", c->as_of, "Date (YYYY-MM-DD)")->required();
  c->com_check->add_option("--actor", c->actor, "Who ran the check");

  c->check =
      c->archive->add_subcommand("check", "Integrity check (SQLite's and the archive's own invariants)");
  common(*c, c->check, true);

  c->checkpoint = c->archive->add_subcommand(
      "checkpoint", "Store the current snapshot in the file, so that later snapshots load from it");
  common(*c, c->checkpoint, true);
  c->checkpoint->footer(
      "A checkpoint is the registry image of the current snapshot, for the pack and library version that\n"
      "made it (one per pack: a new one replaces the old). Snapshots (grade, precheck, demo --archive, the\n"
      "registry of a batch or time) then start from the newest checkpoint at or before the state asked for\n"
      "and apply the changes after it. A cache, not credit data: no journal entry (docs/archive.md).");

  c->export_ = c->archive->add_subcommand(
      "export", "Write the current state as a data folder of <dataset>.csv files (for validate and --data)");
  common(*c, c->export_, false);
  c->export_->add_option("--out", c->out, "The folder to write (created when missing)")->required();
  c->export_->footer(
      "CSV (UTF-8, a header of the catalog's field names, values normalised), one file per dataset with\n"
      "entities; withdrawn entities are left out. Objection and repair marks are the archive's, not data:\n"
      "they are not in the files.");
  return c;
}

void check_archive_commands(const ArchiveCommands&) {}

bool archive_parsed(const ArchiveCommands& c) { return c.archive->parsed(); }

int run_archive(const ArchiveCommands& c) {
  const Lang lang = parse_lang(c.lang);
  if (c.init->parsed()) return run_init(c, lang);
  if (c.import->parsed()) return run_import(c, lang);
  if (c.status->parsed()) return run_status(c, lang);
  if (c.history->parsed()) return run_history(c, lang);
  if (c.objection->parsed()) return run_objection(c, lang);
  if (c.repair->parsed()) return run_repair_event(c, lang);
  if (c.commitments->parsed()) return run_commitments(c, lang);
  if (c.check->parsed()) return run_check(c, lang);
  if (c.checkpoint->parsed()) return run_checkpoint(c, lang);
  if (c.export_->parsed()) return run_export(c, lang);
  return kExitUsage;
}

}  // namespace ecredit_cli
