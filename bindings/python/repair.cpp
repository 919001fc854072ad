// ecredit._core: credit repair — RepairDecision and Engine.repair. The record and the
// evidence are parsed by the library's own parsers (the contract's repair-record and
// repair-evidence), so a dict is refused exactly where the same JSON is.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bind.hpp"
#include "ecredit/repair.hpp"

namespace ecredit::pybind {

void init_repair(py::module_& m) {
  py::class_<RepairDecision>(m, "RepairDecision", "Whether and when a record may be repaired, and why.")
      .def_readonly("status", &RepairDecision::status)
      .def_property_readonly("earliest_date",
                             [](const RepairDecision& d) { return py_date(d.earliest_date); })
      .def_property_readonly("publication_end",
                             [](const RepairDecision& d) { return py_date(d.publication_end); })
      .def_property_readonly("processing_deadline",
                             [](const RepairDecision& d) { return py_date(d.processing_deadline); })
      .def_property_readonly(
          "processing_deadline_extended",
          [](const RepairDecision& d) { return py_date(d.processing_deadline_extended); },
          "The deadline when every extension applies (a complex case); None without extensions.")
      .def_readonly("missing", &RepairDecision::missing)
      .def_readonly("reasons", &RepairDecision::reasons)
      .def_readonly("regime", &RepairDecision::regime)
      .def_readonly("regime_reason", &RepairDecision::regime_reason)
      .def_readonly("basis", &RepairDecision::basis)
      .def_readonly("severity", &RepairDecision::severity)
      .def_readonly("min_months", &RepairDecision::min_months)
      .def_readonly("max_months", &RepairDecision::max_months)
      .def_readonly("effects", &RepairDecision::effects)
      .def_readonly("arithmetic", &RepairDecision::arithmetic)
      .def_property_readonly("as_of", [](const RepairDecision& d) { return py_date(d.as_of); })
      .def(
          "to_dict", [](const RepairDecision& d) { return to_py(contract::to_value(d)); },
          "The decision as a plain dict (dates as ISO strings).")
      .def(
          "to_json", [](const RepairDecision& d, int indent) { return d.to_json(indent); },
          py::arg("indent") = -1)
      .def("__repr__", [](const RepairDecision& d) {
        return "RepairDecision(status='" + d.status + "', regime='" + d.regime + "')";
      });

  engine_class(m).def(
      "repair",
      [](const EnginePtr& e, const py::dict& record, std::optional<py::dict> evidence, py::handle as_of,
         std::optional<py::iterable> history) {
        const RepairRecord rec = contract::from_value<RepairRecord>(from_py(record, "record"), *e, "record");
        const RepairEvidence ev =
            evidence ? contract::from_value<RepairEvidence>(from_py(*evidence, "evidence"), *e, "evidence")
                     : RepairEvidence{};
        std::vector<date::sys_days> hist;
        if (history)
          for (py::handle h : *history) {
            if (py::isinstance<py::dict>(h)) {
              const py::dict hd = py::reinterpret_borrow<py::dict>(h);
              py::object v = hd.contains("repaired_on") ? hd["repaired_on"] : hd.attr("get")("date");
              hist.push_back(as_day(v, "history"));
            } else {
              hist.push_back(as_day(h, "history"));
            }
          }
        if (as_of.is_none())
          throw InvalidInputError("repair needs as_of (the application date): nothing reads the clock");
        const auto day = as_day(as_of, "as_of");
        py::gil_scoped_release release;
        return repair(*e, rec, ev, day, hist);
      },
      py::arg("record"), py::arg("evidence") = py::none(), py::arg("as_of") = py::none(),
      py::arg("history") = py::none(),
      "Credit repair: may `record` (a dict) be repaired on `as_of` with `evidence` (name -> date)?\n"
      "`history`: dates of the subject's earlier repairs.");
}

}  // namespace ecredit::pybind
