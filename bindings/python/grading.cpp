// ecredit._core: grading — Grade, Engine.grade / grade_all, Engine.models().
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bind.hpp"
#include "ecredit/grading.hpp"

namespace ecredit::pybind {

void init_grading(py::module_& m) {
  py::class_<Grade>(m, "Grade", "A credit grade as of a date, with its explanation.")
      .def_readonly("uscc", &Grade::uscc)
      .def_readonly("grade", &Grade::grade)
      .def_readonly("score", &Grade::score)
      .def_readonly("model", &Grade::model)
      .def_readonly("model_version", &Grade::model_version)
      .def_readonly("pack_hash", &Grade::pack_hash)
      .def_readonly("no_data", &Grade::no_data)
      .def_property_readonly("as_of", [](const Grade& g) { return py_date(g.as_of); })
      .def_property_readonly(
          "trace", [](const Grade& g) { return to_py(contract::to_value(g)["trace"]); },
          "One dict per counted record, cap, veto and threshold (as in to_dict()).")
      .def(
          "to_dict", [](const Grade& g) { return to_py(contract::to_value(g)); },
          "The grade as a plain dict (as_of as an ISO string).")
      .def(
          "to_json", [](const Grade& g, int indent) { return g.to_json(indent); }, py::arg("indent") = -1)
      .def("__repr__", [](const Grade& g) {
        return "Grade(uscc='" + g.uscc + "', grade='" + g.grade + "', score=" + std::to_string(g.score) +
               ", model='" + g.model + "')";
      });

  engine_class(m)
      .def(
          "grade",
          [](const EnginePtr& e, const RegistryPtr& r, const std::string& uscc, py::handle as_of,
             std::optional<std::string> model) {
            const auto d = as_day(as_of, "as_of");
            py::gil_scoped_release release;
            return grade(*e, *r, uscc, d, model.value_or(""));
          },
          py::arg("registry"), py::arg("uscc"), py::arg("as_of"), py::arg("model") = py::none(),
          "The grade of one subject as of a date (datetime.date or ISO string).")
      .def(
          "grade_all",
          [](const EnginePtr& e, const RegistryPtr& r, py::handle as_of, std::optional<std::string> model,
             unsigned threads) {
            const auto d = as_day(as_of, "as_of");
            std::vector<Grade> gs;
            {
              py::gil_scoped_release release;
              gs = grade_all(*e, *r, d, model.value_or(""), threads);
            }
            // plain columns; _frames.grades makes the DataFrame (column order, dtypes)
            py::list usccs(gs.size()), grades(gs.size()), scores(gs.size()), models(gs.size()),
                no_data(gs.size());
            for (std::size_t i = 0; i < gs.size(); ++i) {
              usccs[i] = py::str(gs[i].uscc);
              grades[i] = py::str(gs[i].grade);
              scores[i] = py::float_(gs[i].score);
              models[i] = py::str(gs[i].model);
              no_data[i] = py::bool_(gs[i].no_data);
            }
            py::dict cols;
            cols["uscc"] = usccs;
            cols["grade"] = grades;
            cols["score"] = scores;
            cols["model"] = models;
            cols["no_data"] = no_data;
            return frames().attr("grades")(cols);
          },
          py::arg("registry"), py::arg("as_of"), py::arg("model") = py::none(), py::arg("threads") = 0,
          "Grades every subject: a pandas DataFrame with columns uscc, grade, score, model, no_data.")
      .def(
          "models", [](const Engine& e) { return to_py(contract::models(e)); },
          "The grading models of the pack (the contract's models document: dates as ISO strings).");
}

}  // namespace ecredit::pybind
