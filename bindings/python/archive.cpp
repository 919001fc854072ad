// ecredit._core: the archive (living credit files, docs/archive.md) — Archive and
// ImportResult. Every call into the Archive releases the GIL: imports and snapshot builds
// run while other Python threads keep going, and an Archive used from several threads
// cannot deadlock on its internal lock against the GIL (the clock, a Python callable,
// takes the GIL back while it runs). Results become dicts through to_py() from the
// contract's JSON values; journal() and objections() are DataFrames made by
// python/ecredit/_frames.py.
#include <pybind11/stl.h>

#include <chrono>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bind.hpp"
#include "contract/contract.hpp"
#include "ecredit/archive.hpp"

namespace ecredit::pybind {
namespace {

using std::chrono::microseconds;

// ---- times ----------------------------------------------------------------------------
// Python datetimes ↔ TimePoint. A naive datetime is UTC; an aware one is converted.

py::module_ datetime_module() { return py::module_::import("datetime"); }

// Microseconds since the Unix epoch of a datetime.datetime (or pandas.Timestamp).
std::int64_t epoch_us(py::handle dt) {
  const py::module_ m = datetime_module();
  const bool aware = !dt.attr("utcoffset")().is_none();
  const py::object epoch = aware ? m.attr("datetime")(1970, 1, 1, 0, 0, 0, 0, m.attr("timezone").attr("utc"))
                                 : m.attr("datetime")(1970, 1, 1);
  const py::object td = dt.attr("__sub__")(epoch);
  if (td.is(py::reinterpret_borrow<py::object>(Py_NotImplemented)))
    throw py::type_error("not a datetime.datetime");
  const auto days = td.attr("days").cast<std::int64_t>();
  const auto secs = td.attr("seconds").cast<std::int64_t>();
  const auto us = td.attr("microseconds").cast<std::int64_t>();
  return (days * 86400 + secs) * 1000000 + us;
}

// A time as given by the caller: datetime.datetime (naive = UTC), datetime.date or an ISO
// string (parse_known_at: "2025-03-31", "2025-03-31T12:00:00", "…+08:00", "…Z"). A day
// alone means the end of that day (UTC): `known_at="2025-03-31"` is the state as the
// archive knew it that day.
TimePoint as_time(py::handle v, const char* what) {
  const py::module_ m = datetime_module();
  const py::object dt_type = m.attr("datetime");
  const py::object date_type = m.attr("date");
  py::object dt = py::reinterpret_borrow<py::object>(v);
  if (PyUnicode_Check(v.ptr())) {
    try {
      return parse_known_at(utf8_view(v.ptr()));  // the library's one reading (C ABI too)
    } catch (const InvalidInputError& e) {
      throw InvalidInputError(std::string(what) + ": " + e.what());
    }
  } else if (!py::isinstance(v, dt_type)) {
    if (py::isinstance(v, date_type)) return end_of_day(as_day(v, what));
    throw py::type_error(std::string(what) +
                         " must be a datetime.datetime, datetime.date or an ISO string, got " +
                         std::string(py::str(py::type::handle_of(v).attr("__name__"))));
  }
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(microseconds{epoch_us(dt)}));
}

// A TimePoint as an aware datetime.datetime in UTC.
py::object py_time(TimePoint t) {
  const py::module_ m = datetime_module();
  const auto us = std::chrono::duration_cast<microseconds>(t.time_since_epoch()).count();
  const py::object epoch = m.attr("datetime")(1970, 1, 1, 0, 0, 0, 0, m.attr("timezone").attr("utc"));
  return epoch.attr("__add__")(m.attr("timedelta")(py::arg("microseconds") = us));
}

// received_at: a date, datetime or ISO string (the library checks it), None = not known.
std::string received_text(py::handle v) { return v.is_none() ? std::string() : iso_time(v); }

// The archive's clock from a Python callable returning a datetime (naive = UTC). The
// callable is kept by a holder that takes the GIL to let it go (the Archive may be
// destroyed on a thread without the GIL); a failing clock fails the call that read it.
ArchiveClock python_clock(py::object clock) {
  if (clock.is_none()) return {};
  if (!PyCallable_Check(clock.ptr()))
    throw py::type_error("Archive: clock must be a callable returning a datetime.datetime");
  std::shared_ptr<py::object> held(new py::object(std::move(clock)), [](py::object* o) {
    py::gil_scoped_acquire gil;
    delete o;
  });
  return [held]() -> TimePoint {
    py::gil_scoped_acquire gil;
    py::object t;
    try {
      t = (*held)();
    } catch (py::error_already_set& e) {
      throw InvalidInputError(std::string("Archive clock failed: ") + e.what());
    }
    if (!py::isinstance(t, datetime_module().attr("datetime")))
      throw InvalidInputError("Archive clock must return a datetime.datetime, got " +
                              std::string(py::str(py::type::handle_of(t).attr("__name__"))));
    return TimePoint(std::chrono::duration_cast<TimePoint::duration>(microseconds{epoch_us(t)}));
  };
}

// ---- rows -----------------------------------------------------------------------------

// A cell for the catalog: str as is, None / NaN / NaT missing, anything else the text
// ecredit.validate gives it (_validate._cell: whole floats without '.0', dates ISO).
std::optional<std::string> row_cell(py::handle v, const py::object& cell) {
  if (v.is_none()) return std::nullopt;
  if (PyUnicode_Check(v.ptr())) return std::string(utf8_view(v.ptr()));
  const py::object t = cell(v);
  if (t.is_none()) return std::nullopt;
  return std::string(py::str(t));
}

// import_rows' rows: a list of dicts or a pandas DataFrame, as keyed records.
std::vector<KeyedRecord> keyed_rows(py::handle rows) {
  const py::object cell = py::module_::import("ecredit._validate").attr("_cell");
  std::vector<KeyedRecord> out;
  if (py::hasattr(rows, "columns") && py::hasattr(rows, "itertuples")) {  // pandas.DataFrame
    std::vector<std::string> header;
    for (py::handle c : rows.attr("columns")) header.emplace_back(py::str(c));
    for (py::handle row : rows.attr("itertuples")(py::arg("index") = false, py::arg("name") = py::none())) {
      KeyedRecord r;
      std::size_t j = 0;
      for (py::handle v : py::reinterpret_borrow<py::iterable>(row))
        r.emplace_back(header.at(j++), row_cell(v, cell));
      out.push_back(std::move(r));
    }
    return out;
  }
  if (PyUnicode_Check(rows.ptr()) || PyDict_Check(rows.ptr()) || !py::hasattr(rows, "__iter__"))
    throw py::type_error("import_rows() expects a list of dicts or a pandas DataFrame, got " +
                         std::string(py::str(py::type::handle_of(rows).attr("__name__"))));
  std::size_t i = 0;
  for (py::handle rec : py::reinterpret_borrow<py::iterable>(rows)) {
    if (!PyDict_Check(rec.ptr()))
      throw py::type_error("import_rows(): rows[" + std::to_string(i) + "] must be a dict, got " +
                           std::string(py::str(py::type::handle_of(rec).attr("__name__"))));
    KeyedRecord r;
    for (auto item : py::reinterpret_borrow<py::dict>(rec))
      r.emplace_back(py::str(item.first), row_cell(item.second, cell));
    out.push_back(std::move(r));
    ++i;
  }
  return out;
}

// ---- results --------------------------------------------------------------------------

py::object detail_py(const std::string& json) {
  if (json.empty()) return py::dict();
  return to_py(nlohmann::ordered_json::parse(json));
}

// Columns named `names` (a frame's columns, in order) of one value each per row: `cells(row)`
// gives a row's values in that order. _frames makes the DataFrame from them.
template <class T, class F>
py::dict columns(const std::vector<T>& rows, std::initializer_list<const char*> names, F cells) {
  std::vector<py::list> cols;
  for (std::size_t j = 0; j < names.size(); ++j) cols.emplace_back(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<py::object> row = cells(rows[i]);
    for (std::size_t j = 0; j < cols.size(); ++j) cols[j][i] = std::move(row.at(j));
  }
  py::dict out;
  std::size_t j = 0;
  for (const char* name : names) out[name] = cols[j++];
  return out;
}

// The journal entries; _frames.journal makes the DataFrame.
py::object journal_frame(const std::vector<JournalEntry>& es) {
  return frames().attr("journal")(columns(
      es, {"seq", "kind", "entity", "recorded_at", "on", "actor", "reason", "basis", "detail"},
      [](const JournalEntry& e) -> std::vector<py::object> {
        return {py::int_(e.seq),  py::str(e.kind),   py::str(e.entity), py_time(e.recorded_at), py::str(e.on),
                py::str(e.actor), py::str(e.reason), py::str(e.basis),  detail_py(e.detail)};
      }));
}

py::dict step_dict(const ObjectionStep& s) {
  py::dict d;
  d["step"] = s.step;
  d["title"] = s.title;
  d["basis"] = s.basis;
  d["working_days"] = s.working_days;
  d["due"] = py_date(s.due);
  d["done_on"] = py_date(s.done_on);
  d["outcome"] = s.outcome;
  d["note"] = s.note;
  d["overdue"] = s.overdue;
  return d;
}

// The objections, one row each: the step due next (the first not done; none when closed),
// its due date, whether a step is overdue, and every step as a list of dicts.
py::object objections_frame(const std::vector<Objection>& os) {
  return frames().attr("objections")(columns(
      os, {"id", "record_id", "status", "filed_on", "by", "grounds", "next_step", "due", "overdue", "steps"},
      [](const Objection& o) -> std::vector<py::object> {
        const ObjectionStep* pending = nullptr;
        bool late = false;
        py::list steps;
        for (const ObjectionStep& s : o.steps) {
          if (!s.done_on && pending == nullptr) pending = &s;
          late = late || s.overdue;
          steps.append(step_dict(s));
        }
        return {py::str(o.id),
                py::str(o.record_id),
                py::str(o.status),
                py_date(o.filed_on),
                py::str(o.by),
                py::str(o.grounds),
                pending ? py::object(py::str(pending->step)) : py::object(py::none()),
                pending ? py_date(pending->due) : py::object(py::none()),
                py::bool_(late),
                std::move(steps)};
      }));
}

py::dict history_dict(const EntityHistory& h) {
  py::dict d;
  d["id"] = h.id;
  d["dataset"] = h.dataset;
  d["key"] = h.key;
  const contract::Json doc = contract::to_value(h);
  py::list versions;
  std::size_t i = 0;
  for (const EntityVersion& v : h.versions) {
    py::dict x;
    x["batch"] = v.batch;
    x["op"] = v.op;
    x["recorded_at"] = py_time(v.recorded_at);
    x["received_at"] = v.received_at;
    x["source"] = v.source;
    x["actor"] = v.actor;
    x["reason"] = v.reason;
    // the values as the contract shows them (personal ID numbers masked)
    x["values"] = to_py(doc["versions"][i++]["values"]);
    versions.append(x);
  }
  d["versions"] = versions;
  d["events"] = journal_frame(h.events);
  return d;
}

// ---- the Python object ----------------------------------------------------------------

// The Archive with what Python needs around it. close() drops this object's reference; a
// call running on another thread keeps its own, so the file closes when the last call ends.
struct PyArchive {
  std::shared_ptr<Archive> a;
  std::string path;
  EnginePtr engine;

  std::shared_ptr<Archive> get() const {
    if (!a) throw InvalidInputError("Archive " + path + ": the archive is closed");
    return a;
  }
};

std::unique_ptr<PyArchive> open_archive(const py::object& path, std::optional<EnginePtr> engine,
                                        py::object clock) {
  auto out = std::make_unique<PyArchive>();
  out->path = py::str(path);
  out->engine = engine ? *engine : unconst(Engine::default_engine());
  ArchiveClock c = python_clock(std::move(clock));
  std::unique_ptr<Archive> a;
  {
    py::gil_scoped_release release;
    a = Archive::open(out->path, out->engine, std::move(c));
  }
  out->a = std::move(a);
  return out;
}

// Runs `f(archive)` without the GIL.
template <class F>
auto call(const PyArchive& self, F&& f) {
  const std::shared_ptr<Archive> a = self.get();
  py::gil_scoped_release release;
  return f(*a);
}

py::object import_result_py(ImportResult&& r) { return py::cast(std::move(r)); }

}  // namespace

void init_archive(py::module_& m) {
  py::class_<ImportResult>(m, "ImportResult", "What one import did (one batch, all of it stored or nothing).")
      .def_readonly("batch", &ImportResult::batch, "The batch number.")
      .def_readonly("source", &ImportResult::source)
      .def_readonly("received_at", &ImportResult::received_at, "As given (ISO text; '' when not known).")
      .def_property_readonly(
          "recorded_at", [](const ImportResult& r) { return py_time(r.recorded_at); },
          "When the archive stored the batch (its clock), an aware datetime in UTC.")
      .def_property_readonly(
          "counts",
          [](const ImportResult& r) {
            py::dict d;
            for (const auto& [ds, c] : r.counts) d[py::str(ds)] = to_py(contract::to_value(c));
            return d;
          },
          "dataset → {read, inserted, updated, unchanged, withdrawn, rejected}; read is the sum of the "
          "others.")
      .def_readonly("reports", &ImportResult::reports, "dataset → the validation Report of its rows.")
      .def_readonly("skipped", &ImportResult::skipped, "Files of the folder not read.")
      .def("__repr__", [](const ImportResult& r) {
        std::size_t read = 0, rejected = 0;
        for (const auto& [ds, c] : r.counts) {
          read += c.read;
          rejected += c.rejected;
        }
        return "ImportResult(batch=" + std::to_string(r.batch) +
               ", datasets=" + std::to_string(r.counts.size()) + ", read=" + std::to_string(read) +
               ", rejected=" + std::to_string(rejected) + ")";
      });

  py::class_<PyArchive>(m, "Archive",
                        "Living credit files in one durable file (SQLite): every version, the journal of\n"
                        "lifecycle events, and Registry snapshots of now or of any earlier state\n"
                        "(docs/archive.md). A context manager: `with ecredit.Archive(path) as a:` closes it.")
      .def(py::init(&open_archive), py::arg("path"), py::arg("engine") = py::none(),
           py::arg("clock") = py::none(),
           "Create or open the archive at `path`. `engine`: the pack that validates imports and builds\n"
           "snapshots (default: the built-in one). `clock`: a callable returning the time the archive\n"
           "records (recorded_at) as a datetime.datetime (naive = UTC); default the system clock.")
      .def("__enter__", [](py::object self) { return self; })
      .def(
          "__exit__",
          [](PyArchive& self, const py::args&) {
            self.a.reset();
            return false;
          },
          "Closes the archive.")
      .def(
          "close", [](PyArchive& self) { self.a.reset(); }, "Closes the archive (again: nothing).")
      .def_property_readonly("closed", [](const PyArchive& self) { return !self.a; })
      .def_property_readonly("path", [](const PyArchive& self) { return self.path; })
      .def_property_readonly("engine", [](const PyArchive& self) { return self.engine; })
      .def_property_readonly(
          "schema_version",
          [](const PyArchive& self) { return call(self, [](Archive& a) { return a.schema_version(); }); })
      .def_property_readonly(
          "last_batch",
          [](const PyArchive& self) { return call(self, [](Archive& a) { return a.last_batch(); }); },
          "The last batch / event number (0 for an empty archive).")
      // ---- import ----
      .def(
          "import_dir",
          [](const PyArchive& self, const py::object& dir, const std::string& source,
             py::handle received_at) {
            const std::string d = py::str(dir), rec = received_text(received_at);
            return import_result_py(call(self, [&](Archive& a) { return a.import_dir(d, source, rec); }));
          },
          py::arg("dir"), py::arg("source"), py::arg("received_at") = py::none(),
          "Every <dataset_id>.csv / .tsv / .jsonl of a folder as one batch. `received_at`: when the data\n"
          "arrived (date, datetime or ISO string; None = not known).")
      .def(
          "import_file",
          [](const PyArchive& self, const py::object& path, const std::string& dataset,
             const std::string& source, py::handle received_at) {
            const std::string p = py::str(path), rec = received_text(received_at);
            return import_result_py(
                call(self, [&](Archive& a) { return a.import_file(p, dataset, source, rec); }));
          },
          py::arg("path"), py::arg("dataset"), py::arg("source"), py::arg("received_at") = py::none(),
          "One file of dataset `dataset` as one batch.")
      .def(
          "import_rows",
          [](const PyArchive& self, py::handle rows, const std::string& dataset, const std::string& source,
             py::handle received_at) {
            const std::vector<KeyedRecord> data = keyed_rows(rows);
            const std::string rec = received_text(received_at);
            return import_result_py(
                call(self, [&](Archive& a) { return a.import_records(data, dataset, source, rec); }));
          },
          py::arg("rows"), py::arg("dataset"), py::arg("source"), py::arg("received_at") = py::none(),
          "Rows (a list of dicts or a pandas DataFrame; None / NaN = missing) of dataset `dataset` as one\n"
          "batch. An `op` column (add / update / delete) says what a row does.")
      // ---- snapshots ----
      .def(
          "registry",
          [](const PyArchive& self, py::handle known_at, std::optional<std::int64_t> batch) {
            if (!known_at.is_none() && batch)
              throw InvalidInputError("Archive.registry: give known_at or batch, not both");
            std::shared_ptr<const Registry> r;
            if (batch) {
              const std::int64_t b = *batch;
              r = call(self, [b](Archive& a) { return a.registry_at_batch(b); });
            } else if (!known_at.is_none()) {
              const TimePoint t = as_time(known_at, "known_at");
              r = call(self, [t](Archive& a) { return a.registry_known_at(t); });
            } else {
              r = call(self, [](Archive& a) { return a.registry(); });
            }
            return unconst(std::move(r));
          },
          py::arg("known_at") = py::none(), py::arg("batch") = py::none(),
          "A Registry snapshot: the current state, the state as the archive knew it at `known_at`\n"
          "(datetime, naive = UTC; a date or date-only string means the end of that day, UTC), or\n"
          "the state after batch (or event) `batch`.")
      // ---- reading ----
      .def(
          "history",
          [](const PyArchive& self, const std::string& id) {
            return history_dict(call(self, [&](Archive& a) { return a.history(id); }));
          },
          py::arg("id"),
          "Everything the archive knows of entity `id` (\"<dataset>:<key>\"): a dict with id, dataset,\n"
          "key, versions (oldest first) and events (a DataFrame like journal()).")
      .def(
          "journal",
          [](const PyArchive& self, std::optional<std::int64_t> since) {
            const std::int64_t s = since.value_or(0);
            return journal_frame(call(self, [s](Archive& a) { return a.journal(s); }));
          },
          py::arg("since") = py::none(),
          "The journal (imports and lifecycle events) after seq `since` as a DataFrame: seq, kind,\n"
          "entity, recorded_at, on, actor, reason, basis, detail.")
      // ---- lifecycle ----
      .def(
          "file_objection",
          [](const PyArchive& self, const std::string& record_id, py::handle filed_on,
             const std::string& grounds, const std::string& by) {
            const auto d = as_day(filed_on, "filed_on");
            return call(self, [&](Archive& a) { return a.file_objection(record_id, d, grounds, by); });
          },
          py::arg("record_id"), py::arg("filed_on"), py::arg("grounds"), py::arg("by"),
          "Files an objection (异议) to a record; returns its id. The record is marked at once.")
      .def(
          "advance_objection",
          [](const PyArchive& self, const std::string& objection_id, const std::string& step, py::handle on,
             std::optional<std::string> outcome, std::optional<std::string> note,
             std::optional<std::map<std::string, std::string>> values, const std::string& by) {
            const auto d = as_day(on, "on");
            const std::map<std::string, std::string> v =
                values.value_or(std::map<std::string, std::string>{});
            call(self, [&](Archive& a) {
              a.advance_objection(objection_id, step, d, outcome.value_or(""), note.value_or(""), v, by);
              return 0;
            });
          },
          py::arg("objection_id"), py::arg("step"), py::arg("on"), py::arg("outcome") = py::none(),
          py::arg("note") = py::none(), py::kw_only(), py::arg("values") = py::none(), py::arg("by") = "",
          "Records step `step` (accept, reject, platform_check, provider_verification) done on `on`;\n"
          "`outcome` (corrected, record_confirmed, unresolved) closes the objection. With 'corrected',\n"
          "`values` (field → value) make the new version; without them the record is withdrawn.")
      .def(
          "objections",
          [](const PyArchive& self, std::optional<std::string> status, py::handle overdue_on) {
            std::optional<date::sys_days> d;
            if (!overdue_on.is_none()) d = as_day(overdue_on, "overdue_on");
            const std::string st = status.value_or("");
            return objections_frame(call(self, [&](Archive& a) { return a.objections(st, d); }));
          },
          py::arg("status") = py::none(), py::arg("overdue_on") = py::none(),
          "The objections (with `status`; with `overdue_on`, only those with a step overdue that day)\n"
          "as a DataFrame: id, record_id, status, filed_on, by, grounds, next_step, due, overdue, steps.")
      .def(
          "correct",
          [](const PyArchive& self, const std::string& id, const std::map<std::string, std::string>& values,
             const std::string& reason, const std::string& by) {
            call(self, [&](Archive& a) {
              a.correct(id, values, reason, by);
              return 0;
            });
          },
          py::arg("id"), py::arg("values"), py::arg("reason"), py::arg("by"),
          "A correction (更正): changes fields (name → value) of an entity as a new version.")
      .def(
          "file_repair_application",
          [](const PyArchive& self, const std::string& record_id, py::handle filed_on, py::handle evidence,
             const std::string& by) {
            const auto d = as_day(filed_on, "filed_on");
            const RepairEvidence ev = evidence.is_none()
                                          ? RepairEvidence{}
                                          : contract::from_value<RepairEvidence>(
                                                from_py(evidence, "evidence"), *self.engine, "evidence");
            return call(self, [&](Archive& a) { return a.file_repair_application(record_id, d, ev, by); });
          },
          py::arg("record_id"), py::arg("filed_on"), py::arg("evidence"), py::arg("by"),
          "Records a credit repair application (evidence: name → date) with the engine's decision on\n"
          "it; returns its id.")
      .def(
          "apply_repair",
          [](const PyArchive& self, const std::string& record_id, py::handle decided_on,
             std::optional<RepairDecision> decision, const std::string& by) {
            const auto d = as_day(decided_on, "decided_on");
            call(self, [&](Archive& a) {
              a.apply_repair(record_id, d, decision, by);
              return 0;
            });
          },
          py::arg("record_id"), py::arg("decided_on"), py::arg("decision") = py::none(), py::kw_only(),
          py::arg("by") = "", "Stores a repair's outcome: from `decided_on` the record no longer counts.")
      .def(
          "check_commitments",
          [](const PyArchive& self, py::handle as_of, const std::string& by) {
            const auto d = as_day(as_of, "as_of");
            return call(self, [&](Archive& a) { return a.check_commitments(d, by); });
          },
          py::arg("as_of"), py::kw_only(), py::arg("by") = "",
          "Turns each overdue, unfulfilled commitment into one breach record, once; returns the ids\n"
          "made now ('<commitment id>:breach').")
      // ---- integrity ----
      .def(
          "check",
          [](const PyArchive& self) {
            const Archive::CheckResult c = call(self, [](Archive& a) { return a.check(); });
            return to_py(contract::to_value(c));
          },
          "An integrity check: {ok, problems, batches, entities, versions, events}.")
      .def(
          "checkpoint",
          [](const PyArchive& self) {
            const Archive::CheckpointInfo c = call(self, [](Archive& a) { return a.checkpoint(); });
            return to_py(contract::to_value(c));
          },
          "Stores the current snapshot's image in the file (in place of the earlier checkpoint of\n"
          "this pack and library version): later snapshots start from it and apply the changes\n"
          "after it. A cache, not credit data. Returns {seq, subjects, records, parts, bytes}.")
      .def("__repr__", [](const PyArchive& self) {
        return "Archive('" + self.path + "'" + (self.a ? "" : ", closed") + ")";
      });
}

}  // namespace ecredit::pybind
