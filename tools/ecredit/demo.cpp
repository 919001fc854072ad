// `ecredit demo` (docs/demo.md): generate a Guangzhou-like energy market, validate every
// dataset, build the credit files, grade every subject, report coverage against the
// plan's targets, run prechecks in several scenarios, check repair eligibility of a few
// penalised subjects, and write summary.json, the validation reports and report.html.
#include "demo.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "ecredit/sample.hpp"
#include "report_html.hpp"

namespace ecredit_cli {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
namespace msg = ecredit_cli::msg;

namespace {

// Progress on stderr: "[3/7] grading 2,000 subjects … 0.05 s".
class Progress {
 public:
  Progress(bool quiet, int steps) : quiet_(quiet), steps_(steps) {}
  void start(const std::string& what) {
    t0_ = Clock::now();
    open_ = true;
    if (!quiet_) fmt::print(stderr, "[{}/{}] {} … ", ++step_, steps_, what);
  }
  void done(const std::string& result = {}) {
    open_ = false;
    const double s = std::chrono::duration<double>(Clock::now() - t0_).count();
    timings_.push_back(s);
    if (!quiet_) fmt::print(stderr, "{:.2f} s{}\n", s, result.empty() ? "" : "  " + result);
  }
  const std::vector<double>& timings() const { return timings_; }
  /// Ends a step's line that will not be done (an error follows).
  void interrupt() {
    if (open_ && !quiet_) fmt::print(stderr, "\n");
    open_ = false;
  }

 private:
  bool quiet_, open_ = false;
  int steps_, step_ = 0;
  Clock::time_point t0_;
  std::vector<double> timings_;
};

std::string with_commas(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out;
  ecredit::open_for_writing(out, path.string(), "output file");
  out << text;
  if (!out) throw ecredit::Error("cannot write " + path.string());
}

// The attribute `name` ("" when absent).
std::string attribute_of(const ecredit::Attributes& a, const char* name) {
  auto it = a.find(name);
  return it == a.end() ? std::string() : it->second;
}
std::string attribute(const ecredit::Record& r, const char* name) { return attribute_of(r.attributes, name); }

// What a demo run made, so that a failed run can take it away again.
struct Made {
  std::vector<fs::path> paths;        ///< folders it created (outermost first) and files it created
  std::vector<fs::path> overwritten;  ///< files that were there before and were (being) rewritten

  void mkdirs(const fs::path& dir) {
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty() && !fs::exists(p); p = p.parent_path()) {
      missing.push_back(p);
      if (p == p.parent_path()) break;
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!missing.empty() && fs::exists(missing.back())) paths.push_back(missing.back());
    if (ec) throw ecredit::Error("cannot create " + dir.string() + ": " + ec.message());
  }
  bool inside_made_folder(const fs::path& p) const {
    for (const auto& m : paths)
      if (p.string().rfind(m.string() + "/", 0) == 0) return true;
    return false;
  }
  /// Before writing `file`: a file new to a folder it did not create is its own to
  /// remove; one that was there before is only said to be incomplete.
  void writing(const fs::path& file) {
    if (inside_made_folder(file)) return;
    (fs::exists(file) ? overwritten : paths).push_back(file);
  }
};

}  // namespace

namespace {
int run_steps(const DemoOptions& o, date::sys_days as_of, Made& made, Progress& progress);

const char* source_day1(Lang lang) {
  return lang == Lang::en ? "sample market (day 1)" : "样本市场（第 1 天）";
}
const char* source_day2(Lang lang) {
  return lang == Lang::en ? "departments (day 2)" : "各部门报送（第 2 天）";
}

DemoResult::Batch batch_of(const ecredit::ImportResult& r, const std::string& label) {
  DemoResult::Batch b;
  b.batch = r.batch;
  b.label = label;
  b.source = r.source;
  b.received_at = r.received_at;
  b.counts = r.counts;
  return b;
}

// The grade and the verdict in `scenario` of `uscc` on `reg` as of `as_of`.
void assess(const ecredit::Engine& engine, const ecredit::Registry& reg, const std::string& uscc,
            const std::string& scenario, date::sys_days as_of, std::string& grade, double& score,
            std::string& verdict) {
  const ecredit::Grade g = ecredit::grade(engine, reg, uscc, as_of);
  grade = g.grade;
  score = g.score;
  ecredit::PrecheckQuery q;
  q.scenario = scenario;
  q.uscc = uscc;
  q.as_of = as_of;
  verdict = ecredit::effect_name(ecredit::precheck(engine, reg, q).verdict);
}

// Repair eligibility of a penalty (step 6): obligations done 30 days after the decision, a
// credit commitment signed on the as-of date.
ecredit::RepairEvidence assumed_evidence(date::sys_days decided, date::sys_days as_of) {
  return {{"obligations_fulfilled", decided + date::days{30}}, {"commitment", as_of}};
}

DemoResult::Repair repair_check(const ecredit::Engine& engine, const ecredit::Record& r,
                                date::sys_days as_of) {
  const ecredit::RepairRecord rr = ecredit::repair_record_of(r);
  const ecredit::RepairDecision d =
      ecredit::repair(engine, rr, assumed_evidence(r.decision_date, as_of), as_of);
  DemoResult::Repair x;
  x.record = r.id;
  x.uscc = r.uscc;
  x.severity = d.severity;
  x.decision_date = ecredit::format_iso_date(r.decision_date);
  x.status = d.status;
  x.regime = d.regime;
  x.earliest = d.earliest_date ? ecredit::format_iso_date(*d.earliest_date) : "";
  x.publication_end = d.publication_end ? ecredit::format_iso_date(*d.publication_end) : "";
  x.deadline = d.processing_deadline ? ecredit::format_iso_date(*d.processing_deadline) : "";
  for (const auto& m : d.missing) x.missing += (x.missing.empty() ? "" : ", ") + m;
  return x;
}

// Day 2 (docs/demo.md): the delta files of the sample generator imported as one batch; an
// objection filed and accepted on a serious penalty; a repair applied to a record found
// eligible in step 6; then every subject the story touched, as of the report date, on the
// snapshot after day 1 and on the current one.
void day2_story(const ecredit::Engine& engine, ecredit::Archive& archive, const ecredit::ImportResult& day1,
                const fs::path& data, const fs::path& day2, date::sys_days as_of, const DemoOptions& o,
                Made& made, DemoResult& res) {
  made.mkdirs(day2);
  ecredit::SampleDeltaOptions dop;
  dop.seed = o.seed;
  dop.as_of = as_of;
  const ecredit::SampleDeltaSummary delta = ecredit::write_sample_delta(data.string(), day2.string(), dop);
  const std::string day2_date = ecredit::format_iso_date(as_of + date::days{1});
  const ecredit::ImportResult b2 = archive.import_dir(day2.string(), source_day2(o.lang), day2_date);
  res.archive.batches.push_back(batch_of(day1, "第 1 天：样本市场 day 1: the sample market"));
  res.archive.batches.push_back(batch_of(b2, "第 2 天：增量文件 day 2: the delta files"));

  const auto before = archive.registry_at_batch(day1.batch);
  // who the story touches: (story, uscc, record)
  std::vector<std::tuple<std::string, std::string, std::string>> touched;
  for (const auto& u : delta.blacklisted) touched.emplace_back("blacklisted", u, "");
  auto record_of = [&](const std::string& id) -> std::optional<ecredit::Record> {
    for (std::size_t i = 0; i < before->record_count(); ++i) {
      ecredit::Record r = before->record(i);
      if (r.id == id) return r;
    }
    return std::nullopt;
  };
  if (!delta.updated.empty())
    if (auto r = record_of("admin_penalty:" + delta.updated.front()); r && !r->uscc.empty())
      touched.emplace_back("corrected", r->uscc, r->id);
  // a withdrawn penalty: the first whose withdrawal changes its subject's score, else the first
  {
    const auto now = archive.registry();
    std::optional<ecredit::Record> pick;
    for (const auto& no : delta.withdrawn) {
      const auto r = record_of("admin_penalty:" + no);
      if (!r || r->uscc.empty()) continue;
      if (!pick) pick = r;
      if (ecredit::grade(engine, *before, r->uscc, as_of).score !=
          ecredit::grade(engine, *now, r->uscc, as_of).score) {
        pick = r;
        break;
      }
    }
    if (pick) touched.emplace_back("withdrawn", pick->uscc, pick->id);
  }

  // an objection to a serious penalty of a subject the delta left alone: filed and accepted on day 2
  const auto current = archive.registry();
  std::set<std::string> busy;
  for (const auto& [story, u, rec] : touched) busy.insert(u);
  std::optional<ecredit::Record> disputed;  // the most recent serious penalty (ties: the first)
  for (std::size_t i = 0; i < current->record_count(); ++i) {
    ecredit::Record r = current->record(i);
    if (r.category != "admin_penalty" || r.severity != "serious" || r.uscc.empty() || busy.count(r.uscc))
      continue;
    if (!disputed || r.decision_date > disputed->decision_date) disputed = std::move(r);
  }
  if (disputed) {
    const ecredit::Record& r = *disputed;
    const std::string id = archive.file_objection(r.id, as_of + date::days{1},
                                                  "当事人称处罚决定已被行政复议撤销，提交复议决定书", r.uscc);
    archive.advance_objection(id, "accept", as_of + date::days{1}, "", "材料齐全，予以受理", {},
                              "广州市公共信用信息平台");
    touched.emplace_back("objection", r.uscc, r.id);
    busy.insert(r.uscc);
  }
  // a repair: an eligible penalty (as step 6 checks it), decided on the report date — the
  // first whose repair changes its subject's score (tried on a copy of the snapshot), else
  // the first eligible one
  std::optional<DemoResult::Repair> chosen;
  int tries = 20;  // each try copies the snapshot once
  for (std::size_t i = 0; i < current->record_count() && tries > 0; ++i) {
    const ecredit::Record r = current->record(i);
    if (r.category != "admin_penalty" || r.severity.empty() || r.uscc.empty() || busy.count(r.uscc)) continue;
    DemoResult::Repair x = repair_check(engine, r, as_of);
    if (x.status != "eligible") continue;
    --tries;
    const bool changes = ecredit::grade(engine, *current->apply_repair(r.id, as_of), r.uscc, as_of).score !=
                         ecredit::grade(engine, *current, r.uscc, as_of).score;
    if (!chosen || changes) chosen = std::move(x);
    if (changes) break;
  }
  if (chosen) {
    archive.file_repair_application(chosen->record, as_of,
                                    assumed_evidence(ecredit::parse_iso_date(chosen->decision_date), as_of),
                                    chosen->uscc);
    archive.apply_repair(chosen->record, as_of, std::nullopt, "广州市发展和改革委员会");
    touched.emplace_back("repair", chosen->uscc, chosen->record);
  }

  const auto after = archive.registry();
  for (const auto& [story, u, rec] : touched) {
    DemoResult::BeforeAfter c;
    c.story = story;
    c.uscc = u;
    c.record = rec;
    if (const ecredit::Subject* s = after->subject(u)) c.name = s->name;
    assess(engine, *before, u, res.archive.scenario, as_of, c.grade_before, c.score_before, c.verdict_before);
    assess(engine, *after, u, res.archive.scenario, as_of, c.grade_after, c.score_after, c.verdict_after);
    for (const auto& r : after->records_of(u))
      if (r.id == rec) c.under_objection = r.under_objection;
    res.archive.changes.push_back(std::move(c));
  }
  for (const auto& e : archive.journal(day1.batch))
    res.archive.events.push_back({e.seq, e.kind, e.entity, e.on, e.actor});
  const ecredit::Archive::CheckResult k = archive.check();
  res.archive.check_ok = k.ok;
  res.archive.entities = k.entities;
  res.archive.versions = k.versions;
  if (!k.ok) throw ecredit::Error("the demo's archive fails its check: " + k.problems.front());
}
}  // namespace

int run_demo(const DemoOptions& o) {
  const date::sys_days as_of = ecredit::parse_iso_date(o.as_of);
  if (!o.as_of_given && !o.quiet)
    fmt::print(stderr, "{}{}\n", msg::prefix(o.lang), say(o.lang, msg::as_of_default_demo, o.as_of));
  Made made;
  Progress progress(o.quiet, 8);
  try {
    return run_steps(o, as_of, made, progress);
  } catch (const std::exception& e) {
    // leave nothing behind: what this run created goes again; say what is left
    progress.interrupt();
    fmt::print(stderr, "{}{}\n", msg::prefix(o.lang), e.what());
    std::string removed, left;
    for (auto it = made.paths.rbegin(); it != made.paths.rend(); ++it) {
      std::error_code ec;
      if (!fs::exists(*it, ec)) continue;
      fs::remove_all(*it, ec);
      std::string& list = ec ? left : removed;
      list += (list.empty() ? "" : ", ") + it->string();
    }
    for (const auto& f : made.overwritten) left += (left.empty() ? "" : ", ") + f.string();
    if (!removed.empty())
      fmt::print(stderr, "{}{}\n", msg::prefix(o.lang), say(o.lang, msg::demo_removed, removed));
    if (!left.empty()) fmt::print(stderr, "{}{}\n", msg::prefix(o.lang), say(o.lang, msg::demo_left, left));
    return 2;
  }
}

namespace {
int run_steps(const DemoOptions& o, date::sys_days as_of, Made& made, Progress& progress) {
  const auto engine = ecredit::Engine::default_engine();
  const Lang lang = o.lang;
  const fs::path out = o.out;
  const fs::path data = out / "data", reports = out / "validation";
  made.mkdirs(data);
  made.mkdirs(reports);
  DemoResult res;
  res.size = o.size;
  res.seed = o.seed;
  res.as_of = o.as_of;
  res.pack_id = engine->id();
  res.pack_version = engine->version();
  res.pack_hash = engine->hash();

  // 1. sample data
  progress.start(say(lang, msg::demo_step_sample, with_commas(o.size), o.seed));
  ecredit::SampleOptions so;
  so.subjects = o.size;
  so.seed = o.seed;
  so.as_of = as_of;
  so.unfiled_per_mille = 60;  // some subjects have records but no credit file yet: coverage < 100 %
  const ecredit::SampleSummary sample = ecredit::write_sample(data.string(), so);
  std::size_t rows = 0;
  for (const auto& [ds, n] : sample.rows) rows += n;
  progress.done(say(lang, msg::demo_done_sample, with_commas(rows), sample.rows.size(), data.string()));

  // 2. validation of every dataset file
  progress.start(msg::demo_step_validate(lang));
  for (const auto& [ds, n] : sample.rows) {
    const fs::path file = data / (ds + ".csv");
    const ecredit::Report r = ecredit::validate_file(*engine, ds, file.string());
    write_text(reports / (ds + ".json"), r.to_json(lang_code(lang)));
    DemoResult::Validation v;
    v.title = engine->dataset(ds).title;
    v.rows = r.stats.rows;
    v.accepted = r.stats.accepted;
    v.rejected = r.stats.rejected;
    v.errors = r.stats.errors;
    v.warnings = r.stats.warnings;
    v.counts = r.counts;
    res.validation[ds] = std::move(v);
  }
  std::size_t rejected = 0;
  for (const auto& [ds, v] : res.validation) rejected += v.rejected;
  progress.done(say(lang, msg::demo_done_validate, res.validation.size(), rejected));

  // 3. credit files: day 1 imported into the archive, its snapshot
  const fs::path archive_path = o.archive.empty() ? out / "archive.db" : fs::path(o.archive);
  progress.start(say(lang, msg::demo_step_registry, archive_path.string()));
  if (!o.archive.empty() && fs::exists(archive_path))
    throw ecredit::InvalidInputError("--archive " + o.archive +
                                     ": the file exists; the demo writes a new archive (give a new name)");
  for (const char* tail : {"", "-wal", "-shm"}) {
    const fs::path f = archive_path.string() + tail;
    if (o.archive.empty()) fs::remove(f);  // the demo's own archive of an earlier run
    made.writing(f);
  }
  const auto archive = ecredit::Archive::open(archive_path.string(), engine);
  const ecredit::ImportResult day1 = archive->import_dir(data.string(), source_day1(lang), o.as_of);
  const auto registry = archive->registry();
  const std::vector<std::string> usccs = registry->usccs();  // market subjects known (with or without a file)
  res.subjects = usccs.size();
  res.persons = std::count_if(registry->subjects().begin(), registry->subjects().end(),
                              [](const ecredit::Subject& s) { return s.uscc.empty(); });
  res.records = registry->record_count();
  res.list_entries = registry->list_entries().size();
  progress.done(say(lang, msg::demo_done_registry, with_commas(res.subjects), with_commas(res.persons),
                    with_commas(res.records), with_commas(res.list_entries)));

  // 4. grades and coverage
  progress.start(msg::demo_step_grade(lang));
  const auto grades = ecredit::grade_all(*engine, *registry, as_of);
  res.model = grades.empty() ? std::string() : grades.front().model;
  for (const auto& g : grades) ++res.grades[g.grade];
  for (const auto& [domain, c] : registry->coverage()) {
    res.coverage[domain] = c.ratio();
    res.coverage_counts[domain] = {c.subjects, c.with_file};
  }
  res.targets = engine->coverage_targets();
  progress.done(say(lang, msg::demo_done_grade, with_commas(grades.size()), res.model));

  // 5. prechecks in several scenarios
  const std::vector<std::string> scenarios = {"admin_approval", "gov_procurement",   "bidding",
                                              "subsidy",        "daily_supervision", "market_access"};
  progress.start(say(lang, msg::demo_step_precheck, scenarios.size()));
  std::size_t n_prechecks = 0;
  for (const auto& sc : scenarios) {
    auto& counts = res.prechecks[sc];
    for (const char* v : {"prohibit", "restrict", "caution", "incentive", "clear"}) counts[v] = 0;
    ecredit::PrecheckQuery q;
    q.scenario = sc;
    q.as_of = as_of;
    for (const std::string& u : usccs) {
      q.uscc = u;
      const ecredit::Decision d = ecredit::precheck(*engine, *registry, q);
      ++counts[ecredit::effect_name(d.verdict)];
      ++n_prechecks;
      for (const auto& mm : d.measures) ++res.measure_counts[mm.measure->id];
      if (d.verdict == ecredit::Effect::prohibit && res.examples.size() < 5 &&
          std::none_of(res.examples.begin(), res.examples.end(),
                       [&](const DemoResult::Example& e) { return e.uscc == d.uscc; })) {
        DemoResult::Example ex;
        ex.scenario = sc;
        ex.uscc = d.uscc;
        ex.name = d.subject_name;
        if (registry->subject(d.uscc) == nullptr) {
          // no 基本信息 row (not filed, or its row was rejected): the name its list entries
          // or records carry, said as such
          ex.name_source = "none";
          for (const auto& e : registry->list_entries())
            if (e.uscc == d.uscc && !attribute_of(e.attributes, "name").empty()) {
              ex.name = attribute_of(e.attributes, "name");
              ex.name_source = "list";
              break;
            }
          if (ex.name_source == "none")
            for (const auto& rec : registry->records_of(d.uscc))
              if (!attribute(rec, "name").empty()) {
                ex.name = attribute(rec, "name");
                ex.name_source = "record";
                break;
              }
        }
        ex.verdict = ecredit::effect_name(d.verdict);
        const ecredit::Measure& m = *d.measures.front().measure;
        ex.measure = m.title;
        ex.measure_en = m.title_en;
        ex.measure_effect = ecredit::effect_name(m.effect);
        ex.basis = m.basis;
        ex.basis_mark = ecredit::basis_mark(m.basis_confirmed, m.basis_unconfirmed);
        res.examples.push_back(std::move(ex));
      }
    }
  }
  for (const auto& m : engine->measures().measures) {
    res.measure_titles[m.id] = m.title;
    res.measure_effects[m.id] = ecredit::effect_name(m.effect);
  }
  for (const char* table : {"domain", "scenario", "severity"}) {
    auto t = engine->codes().find(table);
    if (t == engine->codes().end()) continue;
    for (const auto& c : t->second.codes) res.code_labels[table][c.code] = c.label;
  }
  progress.done(say(lang, msg::demo_done_precheck, with_commas(n_prechecks)));

  // 6. repair eligibility of a few penalised subjects: obligations done 30 days after the
  // decision, a credit commitment signed on the as-of date
  progress.start(msg::demo_step_repair(lang));
  for (std::size_t i = 0; i < registry->record_count() && res.repairs.size() < 8; ++i) {
    const ecredit::Record r = registry->record(i);
    if (r.category != "admin_penalty" || r.severity.empty() || r.uscc.empty()) continue;
    DemoResult::Repair x = repair_check(*engine, r, as_of);
    res.repairs.push_back(std::move(x));
  }
  progress.done(say(lang, msg::demo_done_repair, res.repairs.size()));

  // 7. day 2: the delta files, an objection, a repair; what changed as of the report date
  progress.start(msg::demo_step_day2(lang));
  res.archive.file = o.archive.empty() ? "archive.db" : archive_path.string();
  day2_story(*engine, *archive, day1, data, out / "day2", as_of, o, made, res);
  {
    const DemoResult::Batch& b2 = res.archive.batches.back();
    ecredit::ImportCounts t;
    for (const auto& [ds, n] : b2.counts) {
      t.updated += n.updated;
      t.withdrawn += n.withdrawn;
      t.inserted += n.inserted;
      t.unchanged += n.unchanged;
      t.rejected += n.rejected;
    }
    progress.done(say(lang, msg::demo_done_day2, b2.batch, t.updated, t.withdrawn, t.inserted, t.unchanged,
                      t.rejected, res.archive.changes.size()));
  }

  // 8. summary.json and report.html
  progress.start(msg::demo_step_write(lang));
  res.timings = progress.timings();
  made.writing(out / "summary.json");
  write_text(out / "summary.json", summary_json(res));
  made.writing(out / "report.html");
  write_text(out / "report.html", report_html(res));
  progress.done((out / "report.html").string());

  if (!o.quiet) {
    std::string g;
    for (const auto& [grade, n] : res.grades) g += fmt::format(" {} {}", grade, n);
    fmt::print("{}\n", say(lang, msg::demo_summary, with_commas(res.subjects), o.as_of, g,
                           100.0 * res.coverage["all"],
                           res.targets.count(2025) ? 100.0 * res.targets.at(2025) : 0.0));
    fmt::print("{}\n", say(lang, msg::demo_open, (out / "report.html").string()));
  }
  return 0;
}
}  // namespace

std::string summary_json(const DemoResult& r) {
  nlohmann::ordered_json j;
  j["subjects"] = r.subjects;
  j["natural_persons"] = r.persons;
  j["grades"] = r.grades;
  j["coverage"] = r.coverage;
  nlohmann::ordered_json v = nlohmann::ordered_json::object();
  for (const auto& [ds, x] : r.validation)
    v[ds] = {{"title", x.title},   {"rows", x.rows},         {"rejected", x.rejected},
             {"errors", x.errors}, {"warnings", x.warnings}, {"findings", x.counts}};
  j["validation"] = v;
  j["prechecks"] = r.prechecks;
  nlohmann::ordered_json reps = nlohmann::ordered_json::array();
  for (const auto& x : r.repairs)
    reps.push_back({{"record", x.record},
                    {"uscc", x.uscc},
                    {"severity", x.severity},
                    {"decision_date", x.decision_date},
                    {"status", x.status},
                    {"regime", x.regime},
                    {"earliest_date", x.earliest},
                    {"publication_end", x.publication_end},
                    {"processing_deadline", x.deadline},
                    {"missing", x.missing}});
  j["repairs"] = reps;
  j["records"] = r.records;
  j["list_entries"] = r.list_entries;
  j["grading_model"] = r.model;
  nlohmann::ordered_json targets = nlohmann::ordered_json::object();
  for (const auto& [year, share] : r.targets) targets[std::to_string(year)] = share;
  j["coverage_targets"] = targets;
  j["measures_applied"] = r.measure_counts;
  j["as_of"] = r.as_of;
  j["size"] = r.size;
  j["seed"] = r.seed;
  j["pack"] = {{"id", r.pack_id}, {"version", r.pack_version}, {"hash", r.pack_hash}};
  nlohmann::ordered_json ar;
  ar["file"] = r.archive.file;
  ar["batches"] = nlohmann::ordered_json::array();
  for (const auto& b : r.archive.batches) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (const auto& [ds, n] : b.counts)
      counts[ds] = {{"read", n.read},           {"inserted", n.inserted},   {"updated", n.updated},
                    {"unchanged", n.unchanged}, {"withdrawn", n.withdrawn}, {"rejected", n.rejected}};
    ar["batches"].push_back(
        {{"batch", b.batch}, {"source", b.source}, {"received_at", b.received_at}, {"counts", counts}});
  }
  ar["events"] = nlohmann::ordered_json::array();
  for (const auto& e : r.archive.events)
    ar["events"].push_back({{"seq", e.seq}, {"kind", e.kind}, {"entity", e.entity}, {"on", e.on}});
  ar["scenario"] = r.archive.scenario;
  ar["before_after"] = nlohmann::ordered_json::array();
  for (const auto& c : r.archive.changes)
    ar["before_after"].push_back({{"story", c.story},
                                  {"uscc", c.uscc},
                                  {"record", c.record},
                                  {"grade_before", c.grade_before},
                                  {"grade_after", c.grade_after},
                                  {"score_before", c.score_before},
                                  {"score_after", c.score_after},
                                  {"verdict_before", c.verdict_before},
                                  {"verdict_after", c.verdict_after},
                                  {"under_objection", c.under_objection}});
  ar["check"] = {
      {"ok", r.archive.check_ok}, {"entities", r.archive.entities}, {"versions", r.archive.versions}};
  j["archive"] = ar;
  j["step_seconds"] = r.timings;
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ecredit_cli
