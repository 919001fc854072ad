// ecredit._core: precheck (joint reward/punishment) — Decision, DecisionMeasure,
// Decision.feedback, Engine.precheck, Engine.measures().
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bind.hpp"
#include "ecredit/measures.hpp"
#include "ecredit/precheck.hpp"

namespace ecredit::pybind {
namespace {

// A decision with the engine it points into (its measures live in the engine).
struct PyDecision {
  EnginePtr engine;
  Decision d;
};

// One measure of a decision, by value (Python keeps it after the decision is gone).
struct PyMeasure {
  std::string id, title, title_en, kind, effect, basis, note, target, via;
  bool mandatory = false;
  int basic_list_class = 0;
  std::vector<std::string> triggers, departments;
  bool basis_confirmed = true;    // false: see basis_unconfirmed
  std::string basis_unconfirmed;  // what is not confirmed, e.g. "文号"
};

PyMeasure py_measure(const MatchedMeasure& mm) {
  const Measure& m = *mm.measure;
  return {m.id,
          m.title,
          m.title_en,
          m.reward ? "reward" : "punishment",
          effect_name(m.effect),
          m.basis,
          m.note,
          mm.target,
          mm.via,
          m.mandatory,
          m.basic_list_class,
          mm.triggers,
          m.departments,
          m.basis_confirmed,
          m.basis_unconfirmed};
}

}  // namespace

void init_precheck(py::module_& m) {
  py::class_<PyMeasure>(m, "DecisionMeasure", "A measure that applies, with why and on what legal basis.")
      .def_readonly("id", &PyMeasure::id)
      .def_readonly("title", &PyMeasure::title)
      .def_readonly("title_en", &PyMeasure::title_en)
      .def_readonly("kind", &PyMeasure::kind)
      .def_readonly("effect", &PyMeasure::effect)
      .def_readonly("basis", &PyMeasure::basis)
      .def_readonly("basis_confirmed", &PyMeasure::basis_confirmed)
      .def_readonly("basis_unconfirmed", &PyMeasure::basis_unconfirmed)
      .def_readonly("note", &PyMeasure::note)
      .def_readonly("mandatory", &PyMeasure::mandatory)
      .def_readonly("target", &PyMeasure::target)
      .def_readonly("via", &PyMeasure::via)
      .def_readonly("triggers", &PyMeasure::triggers)
      .def_readonly("departments", &PyMeasure::departments)
      .def_property_readonly("basic_list_class",
                             [](const PyMeasure& x) -> py::object {
                               if (x.basic_list_class == 0) return py::none();
                               return py::int_(x.basic_list_class);
                             })
      .def("__repr__", [](const PyMeasure& x) {
        return "DecisionMeasure(id='" + x.id + "', effect='" + x.effect +
               "', mandatory=" + (x.mandatory ? "True" : "False") + ")";
      });

  py::class_<PyDecision>(m, "Decision", "The result of a precheck: verdict, measures, basis, trace.")
      .def_property_readonly("verdict", [](const PyDecision& x) { return effect_name(x.d.verdict); })
      .def_property_readonly("measures",
                             [](const PyDecision& x) {
                               std::vector<PyMeasure> out;
                               for (const auto& mm : x.d.measures) out.push_back(py_measure(mm));
                               return out;
                             })
      .def_property_readonly("grade",
                             [](const PyDecision& x) -> py::object {
                               if (x.d.grade.empty()) return py::none();
                               return py::str(x.d.grade);
                             })
      .def_property_readonly("lists",
                             [](const PyDecision& x) {
                               py::list out;
                               for (const auto& l : x.d.lists) {
                                 py::dict e;
                                 e["list"] = l.list;
                                 e["domain"] = l.domain;
                                 e["entry"] = l.entry_id;
                                 e["via"] = l.via;
                                 e["included_on"] = py_date(l.included_on);
                                 e["expires_on"] =
                                     l.expires_on ? py_date(*l.expires_on) : py::object(py::none());
                                 out.append(e);
                               }
                               return out;
                             })
      .def_property_readonly("commitment_allowed", [](const PyDecision& x) { return x.d.commitment_allowed; })
      .def_property_readonly("credit_file", [](const PyDecision& x) { return x.d.credit_file; })
      .def_property_readonly("commitment_reason", [](const PyDecision& x) { return x.d.commitment_reason; })
      .def_property_readonly("trace",
                             [](const PyDecision& x) {
                               py::list out;
                               for (const auto& t : x.d.trace) {
                                 py::dict e;
                                 e["kind"] = t.kind;
                                 e["rule"] = t.rule;
                                 e["detail"] = t.detail;
                                 out.append(e);
                               }
                               return out;
                             })
      .def_property_readonly("scenario", [](const PyDecision& x) { return x.d.scenario; })
      .def_property_readonly("department", [](const PyDecision& x) { return x.d.department; })
      .def_property_readonly("pack_hash", [](const PyDecision& x) { return x.d.pack_hash; })
      .def_property_readonly("as_of", [](const PyDecision& x) { return py_date(x.d.as_of); })
      .def(
          "to_dict", [](const PyDecision& x) { return to_py(contract::to_value(x.d)); },
          "The decision as a plain dict (person IDs masked).")
      .def(
          "to_json", [](const PyDecision& x, int indent) { return x.d.to_json(indent); },
          py::arg("indent") = -1)
      .def(
          "feedback",
          [](const PyDecision& x, const std::string& measure_id, const std::string& result,
             const std::string& case_no, std::optional<std::string> department, py::handle when,
             std::optional<std::string> reason) {
            return to_py(contract::to_value(x.d.feedback_record(*x.engine, measure_id, result, case_no,
                                                                department.value_or(""), iso_time(when),
                                                                reason.value_or(""))));
          },
          py::arg("measure_id"), py::arg("result"), py::arg("case_no"), py::arg("department") = py::none(),
          py::arg("when") = py::none(), py::arg("reason") = py::none(),
          "The execution-feedback record (联合奖惩执行反馈) for one measure, as a dict ready to send:\n"
          "result 已惩戒 / 已激励 / 未实施 (or punished / rewarded / not_applied; 未实施 needs a reason).")
      .def("__repr__", [](const PyDecision& x) {
        return std::string("Decision(verdict='") + effect_name(x.d.verdict) +
               "', measures=" + std::to_string(x.d.measures.size()) + ", scenario='" + x.d.scenario + "')";
      });

  engine_class(m)
      .def(
          "precheck",
          [](const EnginePtr& e, const RegistryPtr& r, const std::string& scenario, py::handle as_of,
             std::optional<std::string> uscc, std::optional<std::string> person_id,
             std::optional<std::string> department) {
            PrecheckQuery q;
            q.scenario = scenario;
            if (uscc) q.uscc = *uscc;  // views into the optionals, alive for the call
            if (person_id) q.person_id = *person_id;
            if (department) q.department = *department;
            if (as_of.is_none())
              throw InvalidInputError(
                  "precheck needs as_of (a datetime.date or ISO string): nothing reads the clock");
            q.as_of = as_day(as_of, "as_of");
            PyDecision out{e, {}};
            {
              py::gil_scoped_release release;
              out.d = precheck(*e, *r, q);
            }
            return out;
          },
          py::arg("registry"), py::arg("scenario"), py::arg("as_of") = py::none(),
          py::arg("uscc") = py::none(), py::arg("person_id") = py::none(), py::arg("department") = py::none(),
          "Which joint reward/punishment measures apply to a subject (uscc) or a natural person\n"
          "(person_id) in a scenario (business item), optionally for one department, as of a date.")
      .def(
          "measures", [](const Engine& e) { return to_py(contract::measures(e)); },
          "The pack's joint reward/punishment measures (the contract's measures document: dates as ISO\n"
          "strings).");
}

}  // namespace ecredit::pybind
