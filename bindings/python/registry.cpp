// ecredit._core: the Registry (credit files) — from_dir, from_dicts, coverage,
// apply_repair — and Engine.coverage_targets().
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bind.hpp"

namespace ecredit::pybind {
namespace {

std::optional<date::sys_days> opt_day(const py::dict& d, const char* key) {
  if (!d.contains(key) || d[key].is_none()) return std::nullopt;
  return as_day(d[key], key);
}

std::string str_of(const py::dict& d, const char* key, const char* where, bool required = true) {
  if (!d.contains(key) || d[key].is_none()) {
    if (required) throw InvalidInputError(std::string(where) + ": missing key '" + key + "'");
    return {};
  }
  return py::str(d[key]);
}

std::vector<std::string> strs_of(const py::dict& d, const char* key) {
  std::vector<std::string> out;
  if (!d.contains(key) || d[key].is_none()) return out;
  py::handle v = d[key];
  if (PyUnicode_Check(v.ptr())) {
    out.emplace_back(utf8_view(v.ptr()));
    return out;
  }
  for (py::handle x : py::reinterpret_borrow<py::iterable>(v)) out.emplace_back(py::str(x));
  return out;
}

// Every code is checked by the builder against `engine`'s vocabulary (not against
// literals here), and duplicate ids are refused by build().
RegistryPtr registry_from_dicts(const Engine& engine, py::iterable subjects, py::iterable records,
                                py::iterable lists) {
  Registry::Builder b(engine);
  std::size_t i = 0;
  for (py::handle h : subjects) {
    const std::string where = "subjects[" + std::to_string(i++) + "]";
    if (!PyDict_Check(h.ptr())) throw py::type_error(where + " must be a dict");
    const auto d = py::reinterpret_borrow<py::dict>(h);
    Subject s;
    s.uscc = str_of(d, "uscc", where.c_str(), false);
    s.person_id = str_of(d, "person_id", where.c_str(), false);
    if (s.uscc.empty() && s.person_id.empty())
      throw InvalidInputError(where + ": needs 'uscc' (or 'person_id')");
    s.name = str_of(d, "name", where.c_str(), false);
    s.kind = str_of(d, "kind", where.c_str(), false);
    if (s.kind.empty()) s.kind = s.uscc.empty() ? "natural_person" : "legal_person";
    s.domains = strs_of(d, "domains");
    s.legal_rep_id = str_of(d, "legal_rep_id", where.c_str(), false);
    s.responsible_ids = strs_of(d, "responsible_ids");
    s.district = str_of(d, "district", where.c_str(), false);
    b.add(std::move(s));
  }
  static const std::set<std::string> kRecordKeys = {"id",         "uscc",        "person_id",     "category",
                                                    "severity",   "polarity",    "decision_date", "domain",
                                                    "expires_on", "repaired_on", "objection"};
  i = 0;
  for (py::handle h : records) {
    const std::string where = "records[" + std::to_string(i++) + "]";
    if (!PyDict_Check(h.ptr())) throw py::type_error(where + " must be a dict");
    const auto d = py::reinterpret_borrow<py::dict>(h);
    Record r;
    r.id = str_of(d, "id", where.c_str());
    r.uscc = str_of(d, "uscc", where.c_str(), false);
    r.person_id = str_of(d, "person_id", where.c_str(), false);
    if (r.uscc.empty() && r.person_id.empty())
      throw InvalidInputError(where + ": needs 'uscc' (or 'person_id')");
    r.category = str_of(d, "category", where.c_str());
    r.severity = str_of(d, "severity", where.c_str(), false);
    r.polarity = str_of(d, "polarity", where.c_str(), false);
    r.domain = str_of(d, "domain", where.c_str(), false);
    if (!d.contains("decision_date")) throw InvalidInputError(where + ": missing key 'decision_date'");
    r.decision_date = as_day(d["decision_date"], (where + ".decision_date").c_str());
    r.expires_on = opt_day(d, "expires_on");
    r.repaired_on = opt_day(d, "repaired_on");
    r.under_objection = d.contains("objection") && py::str(d["objection"]).cast<std::string>() == "pending";
    for (auto item : d) {
      const std::string k = py::str(item.first);
      if (kRecordKeys.count(k) || item.second.is_none()) continue;
      if (PyList_Check(item.second.ptr()) || PyTuple_Check(item.second.ptr())) {
        std::string joined;
        for (py::handle x : py::reinterpret_borrow<py::iterable>(item.second))
          joined += (joined.empty() ? "" : ";") + std::string(py::str(x));
        r.attributes[k] = joined;
      } else {
        r.attributes[k] = py::str(item.second);
      }
    }
    b.add(std::move(r));
  }
  i = 0;
  for (py::handle h : lists) {
    const std::string where = "lists[" + std::to_string(i++) + "]";
    if (!PyDict_Check(h.ptr())) throw py::type_error(where + " must be a dict");
    const auto d = py::reinterpret_borrow<py::dict>(h);
    ListEntry e;
    e.uscc = str_of(d, "uscc", where.c_str(), false);
    e.person_id = str_of(d, "person_id", where.c_str(), false);
    if (e.uscc.empty() && e.person_id.empty())
      throw InvalidInputError(where + ": needs 'uscc' (or 'person_id')");
    e.list = str_of(d, "list", where.c_str());
    e.domain = str_of(d, "domain", where.c_str(), false);
    e.id = str_of(d, "id", where.c_str(), false);
    if (e.id.empty())
      e.id = e.list + ":" + (e.uscc.empty() ? mask_id(e.person_id) : e.uscc) + ":" + std::to_string(i - 1);
    if (!d.contains("included_on")) throw InvalidInputError(where + ": missing key 'included_on'");
    e.included_on = as_day(d["included_on"], (where + ".included_on").c_str());
    e.expires_on = opt_day(d, "expires_on");
    e.removed_on = opt_day(d, "removed_on");
    b.add(std::move(e));
  }
  return unconst(b.build());
}

}  // namespace

void init_registry(py::module_& m) {
  py::class_<Registry, RegistryPtr>(m, "Registry", py::dynamic_attr(),
                                    "An immutable snapshot of credit files.")
      .def_static(
          "from_dir",
          [](const py::object& path, std::optional<EnginePtr> engine) {
            const EnginePtr e = engine ? *engine : unconst(Engine::default_engine());
            const std::string p = py::str(path);
            auto summary = std::make_shared<LoadSummary>();
            RegistryPtr r;
            {
              py::gil_scoped_release release;
              r = unconst(Registry::from_dir(*e, p, summary.get()));
            }
            py::object obj = py::cast(r);
            py::dict reports;
            for (const auto& [id, rep] : summary->reports) reports[py::str(id)] = py::cast(rep);
            obj.attr("__dict__")["load_reports"] = reports;
            obj.attr("__dict__")["skipped"] = summary->skipped;
            return obj;
          },
          py::arg("path"), py::arg("engine") = py::none(),
          "Load <dataset_id>.csv / .jsonl files of a folder, validated; see .load_reports and .skipped.")
      .def_static(
          "from_dicts",
          [](py::iterable subjects, py::iterable records, py::iterable lists,
             std::optional<EnginePtr> engine) {
            const EnginePtr e = engine ? *engine : unconst(Engine::default_engine());
            return registry_from_dicts(*e, subjects, records, lists);
          },
          py::arg("subjects"), py::arg("records") = py::tuple(), py::arg("lists") = py::tuple(),
          py::arg("engine") = py::none(), "Build a registry from dicts (docs/grading.md).")
      .def(
          "coverage",
          [](const Registry& r, std::optional<std::map<std::string, std::size_t>> totals) {
            py::dict out;
            for (const auto& [domain, c] : r.coverage(totals ? &*totals : nullptr))
              out[py::str(domain)] = c.ratio();
            return out;
          },
          py::arg("totals") = py::none(), "Domain → share of market subjects with a credit file.")
      .def(
          "coverage_counts",
          [](const Registry& r, std::optional<std::map<std::string, std::size_t>> totals) {
            py::dict out;
            for (const auto& [domain, c] : r.coverage(totals ? &*totals : nullptr)) {
              py::dict x;
              x["subjects"] = c.subjects;
              x["with_file"] = c.with_file;
              x["ratio"] = c.ratio();
              out[py::str(domain)] = x;
            }
            return out;
          },
          py::arg("totals") = py::none())
      .def_property_readonly("subject_count", [](const Registry& r) { return r.subjects().size(); })
      .def_property_readonly("record_count", [](const Registry& r) { return r.record_count(); })
      .def_property_readonly("list_entry_count", [](const Registry& r) { return r.list_entries().size(); })
      .def(
          "apply_repair",
          [](const Registry& r, const std::string& id, py::handle on) {
            return unconst(r.apply_repair(id, as_day(on, "on")));
          },
          py::arg("record_id"), py::arg("on"),
          "A new snapshot in which the record (or list entry) is repaired on `on`: from that day it\n"
          "no longer counts for grading or measures. This registry is unchanged.")
      .def("usccs", &Registry::usccs)
      .def("__len__", [](const Registry& r) { return r.usccs().size(); })
      .def("__repr__", [](const Registry& r) {
        return "Registry(subjects=" + std::to_string(r.subjects().size()) +
               ", records=" + std::to_string(r.record_count()) +
               ", list_entries=" + std::to_string(r.list_entries().size()) + ")";
      });

  engine_class(m).def(
      "coverage_targets", [](const Engine& e) { return e.coverage_targets(); },
      "The plan's credit-file coverage targets: year → share (pack.json).");
}

}  // namespace ecredit::pybind
