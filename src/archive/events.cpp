// The archive's lifecycle (docs/archive.md "Lifecycle"): objections (异议) per the pack's
// objections.json, corrections (更正), repair applications and outcomes (信用修复) and
// commitment breaches (信用承诺). Everything is written through the internal API of
// archive_impl.hpp (append_event, write_version, write_mark) in one write transaction per
// call, each event journaled with its seq, time, actor, reason and basis.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/archive_impl.hpp"
#include "contract/contract.hpp"
#include "ecredit/error.hpp"
#include "ecredit/repair.hpp"
#include "ecredit/validate.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

using Json = nlohmann::ordered_json;

std::string iso(date::sys_days d) { return format_iso_date(d); }

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "none" : out;
}

bool closed(const std::string& status) { return status != "pending" && status != "accepted"; }

std::int64_t next_seq(archive::WriteTx& tx) {
  return tx.db().scalar("SELECT coalesce(max(seq), 0) + 1 FROM journal", 1);
}

/// The current version of entity `id` of a dataset of kind `kind` ("" = any); NotFoundError
/// when the archive does not hold it (or it was withdrawn), InvalidInputError when it is
/// of another kind.
archive::Current live(Archive::Impl& m, archive::WriteTx& tx, const std::string& id, const char* kind,
                      const char* what) {
  auto c = m.current(tx, id);
  if (!c) throw NotFoundError("no " + std::string(what) + " '" + id + "' in archive '" + m.path + "'");
  if (c->withdrawn)
    throw InvalidInputError(std::string(what) + " '" + id + "' was withdrawn (batch or event " +
                            std::to_string(c->seq) + ")");
  const Dataset& ds = m.dataset(c->dataset);
  if (*kind && ds.maps_to.kind != kind)
    throw InvalidInputError("'" + id + "' is a " + ds.maps_to.kind + " of dataset " + ds.id + ", not a " +
                            what);
  return *c;
}

std::size_t field_index(const Dataset& ds, const std::string& name) {
  for (std::size_t i = 0; i < ds.fields.size(); ++i)
    if (ds.fields[i].name == name) return i;
  return ds.fields.size();
}

/// `current` with `changes` (field name → value) applied, validated by the catalog as one
/// row; returns the normalised values. InvalidInputError names an unknown field or the
/// catalog's findings.
std::vector<std::string> changed_values(const Engine& engine, const Dataset& ds,
                                        const std::vector<std::string>& current,
                                        const std::map<std::string, std::string>& changes,
                                        const std::string& id) {
  KeyedRecord row;
  std::vector<std::string> values = current;
  for (const auto& [name, value] : changes) {
    const std::size_t i = field_index(ds, name);
    if (i == ds.fields.size())
      throw InvalidInputError("correction of '" + id + "': no field '" + name + "' in dataset " + ds.id);
    values[i] = value;
  }
  for (std::size_t i = 0; i < ds.fields.size(); ++i)
    row.emplace_back(ds.fields[i].name, values[i].empty() ? std::optional<std::string>()
                                                          : std::optional<std::string>(values[i]));
  std::vector<std::string> normalised;
  ValidateOptions o;
  o.on_accepted = [&](std::size_t, const std::vector<std::string>& v) { normalised = v; };
  const Report r = validate_records(engine, ds.id, {row}, o);
  if (r.stats.accepted != 1) {
    std::string why;
    for (const Finding& f : r.findings)
      if (f.severity == Severity::error)
        why += (why.empty() ? "" : "; ") + (f.field.empty() ? "" : f.field + ": ") + f.message_en;
    throw InvalidInputError("correction of '" + id +
                            "' refused by the catalog: " + (why.empty() ? "rejected" : why));
  }
  try {  // the registry's checks too, as on import: a stored version always makes a snapshot
    Registry::Builder(engine).check_row(ds, 0, normalised);
  } catch (const InvalidInputError& e) {
    throw InvalidInputError("correction of '" + id + "' refused by the registry: " + e.what());
  }
  return normalised;
}

struct StepRow {
  std::string step, due, done_on, outcome, note;
  std::int64_t seq = 0;
};

struct ObjectionRow {
  std::string id, record_id, filed_on, grounds, by, status;
  std::vector<StepRow> steps;  // done, in order
};

std::optional<ObjectionRow> load_objection(archive::Db& db, const std::string& id) {
  archive::Stmt s(db,
                  "SELECT id, record_id, filed_on, grounds, filed_by, status FROM objection WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  ObjectionRow o{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), {}};
  archive::Stmt st(
      db,
      "SELECT step, coalesce(due, ''), coalesce(done_on, ''), outcome, note, seq FROM objection_step "
      "WHERE objection_id = ? ORDER BY seq");
  st.bind(1, id);
  while (st.step())
    o.steps.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.integer(5)});
  return o;
}

const StepRow* done_step(const ObjectionRow& o, const std::string& step) {
  for (const auto& s : o.steps)
    if (s.step == step) return &s;
  return nullptr;
}

/// The day a step's deadline counts from: the filing day or the day step `from` was done
/// (nullopt: that step is not done).
std::optional<date::sys_days> base_of(const ObjectionRow& o, const ObjectionStepRule& rule) {
  if (rule.from == "filed") return parse_iso_date(o.filed_on);
  const StepRow* s = done_step(o, rule.from);
  if (s == nullptr) return std::nullopt;
  return parse_iso_date(s->done_on);
}

ObjectionStep step_of(const ObjectionStepRule& rule, date::sys_days due) {
  ObjectionStep s;
  s.step = rule.step;
  s.title = rule.title;
  s.basis = rule.basis;
  s.working_days = rule.working_days;
  s.due = due;
  return s;
}

/// The objection as the API returns it: its done steps, then the steps due next (an
/// alternative step — reject for accept — is not listed as due: it shares the deadline).
Objection to_objection(const Engine& engine, const ObjectionRow& o,
                       std::optional<date::sys_days> overdue_on) {
  const ObjectionPolicy& p = engine.objection_policy();
  Objection out;
  out.id = o.id;
  out.record_id = o.record_id;
  out.grounds = o.grounds;
  out.by = o.by;
  out.filed_on = parse_iso_date(o.filed_on);
  out.status = o.status;
  for (const StepRow& r : o.steps) {
    const ObjectionStepRule* rule = p.step(r.step);
    ObjectionStep s;
    if (rule) s = step_of(*rule, r.due.empty() ? date::sys_days{} : parse_iso_date(r.due));
    s.step = r.step;
    if (!r.due.empty()) s.due = parse_iso_date(r.due);
    s.done_on = parse_iso_date(r.done_on);
    s.outcome = r.outcome;
    s.note = r.note;
    out.steps.push_back(std::move(s));
  }
  if (closed(o.status)) return out;
  for (const ObjectionStepRule& rule : p.steps) {
    if (done_step(o, rule.step) || !rule.alternative_to.empty()) continue;
    const auto base = base_of(o, rule);
    if (!base) continue;
    ObjectionStep s = step_of(rule, engine.calendar().add_working_days(*base, rule.working_days));
    s.overdue = overdue_on && s.due < *overdue_on;
    out.steps.push_back(std::move(s));
  }
  return out;
}

}  // namespace

// ---- objections ----

std::string Archive::file_objection(const std::string& record_id, date::sys_days filed_on,
                                    const std::string& grounds, const std::string& by) {
  Impl& m = *impl_;
  const ObjectionPolicy& p = m.engine->objection_policy();
  if (p.steps.empty())
    throw InvalidInputError("pack " + m.engine->id() + " has no objection procedure (objections.json)");
  return m.write([&](archive::WriteTx& tx) {
    live(m, tx, record_id, "record", "record");
    {
      archive::Stmt s(tx.db(),
                      "SELECT id FROM objection WHERE record_id = ? AND status IN ('pending', 'accepted')");
      s.bind(1, record_id);
      if (s.step())
        throw InvalidInputError("record '" + record_id + "' already has an open objection (" + s.text(0) +
                                ")");
    }
    const std::string id = "objection-" + std::to_string(next_seq(tx));
    const std::int64_t seq =
        m.append_event(tx, "objection_filed", record_id, iso(filed_on), by, grounds, p.mark_basis,
                       dump(Json{{"objection", id}, {"status", "pending"}}));
    archive::Stmt s(
        tx.db(),
        "INSERT INTO objection(id, record_id, filed_on, grounds, filed_by, status, seq, updated_seq) "
        "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)");
    s.bind(1, id)
        .bind(2, record_id)
        .bind(3, iso(filed_on))
        .bind(4, grounds)
        .bind(5, by)
        .bind(6, seq)
        .bind(7, seq);
    s.run();
    // marked on receipt (征信业管理条例 art. 25: objections.json "mark")
    m.write_mark(tx, seq, record_id, "objection", "pending", std::nullopt);
    return id;
  });
}

void Archive::advance_objection(const std::string& objection_id, const std::string& step, date::sys_days on,
                                const std::string& outcome, const std::string& note,
                                const std::map<std::string, std::string>& corrected_values,
                                const std::string& actor) {
  Impl& m = *impl_;
  const Engine& engine = *m.engine;
  const ObjectionPolicy& p = engine.objection_policy();
  m.write([&](archive::WriteTx& tx) {
    const auto o = load_objection(tx.db(), objection_id);
    if (!o) throw NotFoundError("no objection '" + objection_id + "' in archive '" + m.path + "'");
    const std::string what = "objection " + objection_id + ": step '" + step + "'";
    if (closed(o->status)) throw InvalidInputError(what + ": the objection is closed (" + o->status + ")");
    const ObjectionStepRule* rule = p.step(step);
    if (rule == nullptr) {
      std::vector<std::string> known;
      for (const auto& s : p.steps) known.push_back(s.step);
      throw InvalidInputError(what + " is not a step of objections.json (steps: " + joined(known) + ")");
    }
    if (const StepRow* d = done_step(*o, step))
      throw InvalidInputError(what + " was done already on " + d->done_on);
    if (!rule->alternative_to.empty())
      if (const StepRow* d = done_step(*o, rule->alternative_to))
        throw InvalidInputError(what + " replaces '" + rule->alternative_to + "', done on " + d->done_on);
    for (const ObjectionStepRule& other : p.steps)
      if (other.alternative_to == step)
        if (const StepRow* d = done_step(*o, other.step))
          throw InvalidInputError(what + ": '" + other.step + "' replaced it on " + d->done_on);
    const auto base = base_of(*o, *rule);
    if (!base)
      throw InvalidInputError(what + " is out of order: it follows '" + rule->from + "', not done yet");
    if (on < *base)
      throw InvalidInputError(what + " on " + iso(on) + " is before " +
                              (rule->from == "filed" ? "the filing day " : "'" + rule->from + "' on ") +
                              iso(*base));
    if (!outcome.empty() &&
        std::find(rule->outcomes.begin(), rule->outcomes.end(), outcome) == rule->outcomes.end())
      throw InvalidInputError(what + ": outcome '" + outcome + "' is not one of this step's (" +
                              joined(rule->outcomes) + ")");
    if (!corrected_values.empty() && outcome != "corrected")
      throw InvalidInputError(what + ": corrected values need the outcome 'corrected'");
    const date::sys_days due = engine.calendar().add_working_days(*base, rule->working_days);

    std::string status = o->status;
    if (!rule->sets_status.empty()) status = rule->sets_status;
    if (!outcome.empty()) status = outcome;
    const std::int64_t seq =
        m.append_event(tx, "objection_step", o->record_id, iso(on), actor, note, rule->basis,
                       dump(Json{{"objection", objection_id},
                                 {"step", step},
                                 {"outcome", outcome},
                                 {"status", status},
                                 {"due", iso(due)},
                                 {"late", on > due}}));
    archive::Stmt s(tx.db(),
                    "INSERT INTO objection_step(objection_id, step, due, done_on, outcome, note, seq) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, objection_id).bind(2, step).bind(3, iso(due)).bind(4, iso(on)).bind(5, outcome).bind(6, note);
    s.bind(7, seq).run();
    archive::Stmt u(tx.db(), "UPDATE objection SET status = ?, updated_seq = ? WHERE id = ?");
    u.bind(1, status).bind(2, seq).bind(3, objection_id).run();

    if (status == "accepted") {
      m.write_mark(tx, seq, o->record_id, "objection", "accepted", std::nullopt);
    } else if (closed(status)) {
      // rejected, corrected, record_confirmed, unresolved: nothing is pending any more;
      // an unresolved dispute stays noted (the objection, its steps and the journal)
      m.write_mark(tx, seq, o->record_id, "objection", "", std::nullopt);
    }
    if (outcome == "corrected") {
      const auto c = m.current(tx, o->record_id);
      if (!c || c->withdrawn)
        throw InvalidInputError(what + ": record '" + o->record_id + "' is no longer in the archive");
      if (corrected_values.empty()) {
        m.write_version(tx, seq, o->record_id, c->dataset, "withdrawn", {});
      } else {
        const Dataset& ds = m.dataset(c->dataset);
        m.write_version(tx, seq, o->record_id, c->dataset, "corrected",
                        changed_values(engine, ds, c->values, corrected_values, o->record_id));
      }
    }
  });
}

std::vector<Objection> Archive::objections(const std::string& status,
                                           std::optional<date::sys_days> overdue_on) {
  static const std::set<std::string> kStatuses = {"pending",   "accepted",         "rejected",
                                                  "corrected", "record_confirmed", "unresolved"};
  if (!status.empty() && !kStatuses.count(status))
    throw InvalidInputError(
        "objection status '" + status +
        "' is not pending, accepted, rejected, corrected, record_confirmed or unresolved");
  Impl& m = *impl_;
  return m.read([&](archive::Db& db) {
    std::vector<std::string> ids;
    archive::Stmt s(db, "SELECT id FROM objection WHERE ? = '' OR status = ? ORDER BY seq");
    s.bind(1, status).bind(2, status);
    while (s.step()) ids.push_back(s.text(0));
    std::vector<Objection> out;
    for (const auto& id : ids) {
      Objection o = to_objection(*m.engine, *load_objection(db, id), overdue_on);
      if (overdue_on &&
          std::none_of(o.steps.begin(), o.steps.end(), [](const ObjectionStep& x) { return x.overdue; }))
        continue;
      out.push_back(std::move(o));
    }
    return out;
  });
}

// ---- corrections ----

void Archive::correct(const std::string& id, const std::map<std::string, std::string>& values,
                      const std::string& reason, const std::string& actor) {
  if (values.empty()) throw InvalidInputError("correction of '" + id + "': no values to change");
  Impl& m = *impl_;
  m.write([&](archive::WriteTx& tx) {
    const archive::Current c = live(m, tx, id, "", "entity");
    const Dataset& ds = m.dataset(c.dataset);
    const std::vector<std::string> next = changed_values(*m.engine, ds, c.values, values, id);
    if (next == c.values) throw InvalidInputError("correction of '" + id + "' changes nothing");
    Json fields = Json::object();
    for (const auto& [name, value] : values) fields[name] = next[field_index(ds, name)];
    const std::int64_t seq =
        m.append_event(tx, "correction", id, "", actor, reason, "", dump(Json{{"fields", fields}}));
    m.write_version(tx, seq, id, c.dataset, "corrected", next);
  });
}

// ---- repairs ----

std::string Archive::file_repair_application(const std::string& record_id, date::sys_days filed_on,
                                             const RepairEvidence& evidence, const std::string& by) {
  Impl& m = *impl_;
  return m.write([&](archive::WriteTx& tx) {
    const archive::Current c = live(m, tx, record_id, "record", "record");
    // the record as the registry maps the row (Builder::add_row, the one row mapping)
    Registry::Builder one(*m.engine);
    one.add_row(m.dataset(c.dataset), 0, c.values);
    const auto reg = one.build();
    if (reg->record_count() == 0)
      throw InvalidInputError("record '" + record_id + "' has no subject or decision date to repair");
    const RepairDecision d = repair(*m.engine, repair_record_of(reg->record(0)), evidence, filed_on);
    Json ev = Json::object();
    for (const auto& [name, day] : evidence) ev[name] = iso(day);
    const Json decision = contract::to_value(d);
    const std::string id = "repair-" + std::to_string(next_seq(tx));
    Json deadlines = Json::object();
    if (d.processing_deadline) deadlines["processing"] = iso(*d.processing_deadline);
    if (d.processing_deadline_extended)
      deadlines["processing_extended"] = iso(*d.processing_deadline_extended);
    const std::int64_t seq =
        m.append_event(tx, "repair_application", record_id, iso(filed_on), by, "", d.basis,
                       dump(Json{{"application", id}, {"status", d.status}, {"deadlines", deadlines}}));
    archive::Stmt s(
        tx.db(),
        "INSERT INTO repair_application(id, record_id, filed_on, filed_by, evidence, decision, status, "
        "seq, updated_seq) VALUES (?, ?, ?, ?, ?, ?, 'filed', ?, ?)");
    s.bind(1, id)
        .bind(2, record_id)
        .bind(3, iso(filed_on))
        .bind(4, by)
        .bind(5, dump(ev))
        .bind(6, dump(decision));
    s.bind(7, seq).bind(8, seq).run();
    return id;
  });
}

void Archive::apply_repair(const std::string& record_id, date::sys_days decided_on,
                           const std::optional<RepairDecision>& decision, const std::string& actor) {
  Impl& m = *impl_;
  m.write([&](archive::WriteTx& tx) {
    live(m, tx, record_id, "record", "record");
    Json detail = Json::object();
    if (decision) detail["decision"] = contract::to_value(*decision);
    const std::int64_t seq = m.append_event(tx, "repair_applied", record_id, iso(decided_on), actor, "",
                                            decision ? decision->basis : std::string(), dump(detail));
    // from decided_on the snapshot's record is repaired (repaired_on): it no longer counts
    m.write_mark(tx, seq, record_id, "repair", "applied", decided_on);
    archive::Stmt u(tx.db(),
                    "UPDATE repair_application SET status = 'applied', decided_on = ?, updated_seq = ?, "
                    "decision = CASE WHEN ? = '' THEN decision ELSE ? END "
                    "WHERE record_id = ? AND status = 'filed'");
    const std::string given = decision ? dump(detail["decision"]) : std::string();
    u.bind(1, iso(decided_on)).bind(2, seq).bind(3, given).bind(4, given).bind(5, record_id).run();
  });
}

// ---- commitments ----

std::vector<std::string> Archive::check_commitments(date::sys_days as_of, const std::string& actor) {
  Impl& m = *impl_;
  return m.write([&](archive::WriteTx& tx) {
    std::vector<std::string> made;
    std::vector<std::string> ids;
    for (const Dataset& ds : m.engine->catalog().datasets) {
      if (ds.maps_to.kind != "commitment") continue;
      // the entities of the dataset: ids '<dataset>:…', i.e. from '<dataset>:' to '<dataset>;'
      archive::Stmt s(tx.db(),
                      "SELECT DISTINCT entity FROM version WHERE entity >= ?1 || ':' AND entity < ?1 || ';' "
                      "ORDER BY entity");
      s.bind(1, ds.id);
      while (s.step()) ids.push_back(s.text(0));
    }
    for (const std::string& id : ids) {
      const auto c = m.current(tx, id);
      if (!c || c->withdrawn) continue;
      const Dataset& ds = m.dataset(c->dataset);
      const std::size_t deadline = field_index(ds, "valid_until"),
                        status = field_index(ds, "fulfilment_status"),
                        verified = field_index(ds, "verified_on");
      if (deadline == ds.fields.size() || status == ds.fields.size()) continue;
      const std::string& until = c->values[deadline];
      // fulfilled or already unfulfilled (its breach exists: the registry builder makes it)
      if (until.empty() || c->values[status] == "fulfilled" || c->values[status] == "unfulfilled") continue;
      if (!(parse_iso_date(until) < as_of)) continue;
      std::vector<std::string> next = c->values;
      next[status] = "unfulfilled";
      if (verified != ds.fields.size() && next[verified].empty()) next[verified] = iso(as_of);
      const std::string breach = id + ":breach";
      const std::int64_t seq =
          m.append_event(tx, "commitment_breach", id, iso(as_of), actor,
                         "deadline " + until + " passed unfulfilled", m.engine->repair_policy().breach_basis,
                         dump(Json{{"breach", breach}, {"valid_until", until}, {"was", c->values[status]}}));
      // the same path as an imported unfulfilled commitment: the builder makes `<id>:breach`
      m.write_version(tx, seq, id, c->dataset, "updated", next);
      made.push_back(breach);
    }
    return made;
  });
}

ECREDIT_END_NAMESPACE
