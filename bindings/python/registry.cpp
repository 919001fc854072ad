// ecredit._core: the Registry (credit files) — from_dir, from_dicts, coverage,
// apply_repair — and Engine.coverage_targets().
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bind.hpp"

namespace ecredit::pybind {
namespace {

// One list of dicts through the contract's parser of T (from_value: the same checks and
// messages as JSON input), each named "<what>[i]".
template <class T>
void add_all(Registry::Builder& b, const Engine& engine, py::iterable items, const char* what) {
  std::size_t i = 0;
  for (py::handle h : items) {
    const std::string where = what + ("[" + std::to_string(i) + "]");
    if (!PyDict_Check(h.ptr())) throw py::type_error(where + " must be a dict");
    b.add(contract::from_value<T>(from_py(h, where), engine, where, i));
    ++i;
  }
}

// Every code is checked by the builder against `engine`'s vocabulary (not against
// literals here), and duplicate ids are refused by build().
RegistryPtr registry_from_dicts(const Engine& engine, py::iterable subjects, py::iterable records,
                                py::iterable lists, py::iterable commitments, py::iterable relations) {
  Registry::Builder b(engine);
  add_all<Subject>(b, engine, subjects, "subjects");
  add_all<Record>(b, engine, records, "records");
  add_all<ListEntry>(b, engine, lists, "lists");
  add_all<Commitment>(b, engine, commitments, "commitments");
  add_all<Relation>(b, engine, relations, "relations");
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
          [](py::iterable subjects, py::iterable records, py::iterable lists, std::optional<EnginePtr> engine,
             py::iterable commitments, py::iterable relations) {
            const EnginePtr e = engine ? *engine : unconst(Engine::default_engine());
            return registry_from_dicts(*e, subjects, records, lists, commitments, relations);
          },
          py::arg("subjects"), py::arg("records") = py::tuple(), py::arg("lists") = py::tuple(),
          py::arg("engine") = py::none(), py::kw_only(), py::arg("commitments") = py::tuple(),
          py::arg("relations") = py::tuple(),
          "Build a registry from dicts (docs/grading.md; relations: docs/relations.md): subjects,\n"
          "records, list entries, and (by keyword) commitments and relations — a relation is\n"
          "{uscc, party_id, party_kind (person / organisation), role, share (0–1), from_date,\n"
          "to_date, party_name, source, id}.")
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
      .def_property_readonly("relation_count", [](const Registry& r) { return r.relations().size(); })
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
