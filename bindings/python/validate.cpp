// ecredit._core: validation — Finding, Report, validate_file / validate_rows /
// validate_records, and Engine.datasets() (the catalog listing).
#include <pybind11/stl.h>

#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bind.hpp"
#include "ecredit/validate.hpp"

namespace ecredit::pybind {
namespace {

// Options plus the output files they write to (closed when this goes away) and, when
// asked, the accepted rows as the library hands them over (ValidateOptions::on_accepted).
struct Options {
  ValidateOptions o;
  std::ofstream valid, rejected;
  bool keep = false;
  std::vector<std::size_t> rows;
  std::vector<std::vector<std::string>> values;

  Options(const std::string& format, const std::string& encoding, std::size_t max_findings,
          const std::string& out_valid, const std::string& out_rejected, bool accepted) {
    o.format = format;
    o.encoding = encoding;
    o.max_findings = max_findings;
    open(valid, out_valid, "out_valid", "valid rows file", o.out_valid, o.out_valid_format);
    open(rejected, out_rejected, "out_rejected", "rejected rows file", o.out_rejected, o.out_rejected_format);
    keep = accepted;
    if (keep)
      o.on_accepted = [this](std::size_t row, const std::vector<std::string>& v) {
        rows.push_back(row);
        values.push_back(v);
      };
  }
  Options(const Options&) = delete;
  Options& operator=(const Options&) = delete;

  // The report, or (accepted rows as a DataFrame, report) when the rows were kept:
  // _frames.accepted_rows shapes the frame from one column per catalog field (its name,
  // in catalog order; the normalised values as text, None for an empty cell) and the
  // row numbers of the source.
  py::object result(const Engine& engine, const std::string& dataset, Report&& report) const {
    if (!keep) return py::cast(std::move(report));
    const Dataset& ds = engine.dataset(dataset);
    py::dict cols;
    for (std::size_t j = 0; j < ds.fields.size(); ++j) {
      py::list col(values.size());
      for (std::size_t i = 0; i < values.size(); ++i) {
        const bool empty = j >= values[i].size() || values[i][j].empty();
        col[i] = empty ? py::object(py::none()) : py::object(py::str(values[i][j]));
      }
      cols[py::str(ds.fields[j].name)] = col;
    }
    py::list index(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) index[i] = py::int_(rows[i]);
    return py::make_tuple(frames().attr("accepted_rows")(cols, index), std::move(report));
  }

  static void open(std::ofstream& f, const std::string& path, const char* option, const char* what,
                   std::ostream*& target, OutputFormat& format) {
    if (path.empty()) return;
    format = open_output(f, path, option, what);
    target = &f;
  }
};

py::object report_dict(const Report& r, const std::string& lang) {
  return to_py(contract::to_value(r, lang));
}

}  // namespace

void init_validate(py::module_& m) {
  engine_class(m).def(
      "datasets", [](const Engine& e) { return to_py(contract::datasets(e)); },
      "The catalog's datasets as a list of dicts.");

  py::class_<Finding>(m, "Finding", "One problem found in a dataset.")
      .def_readonly("type", &Finding::type)
      .def_property_readonly("severity", [](const Finding& f) { return to_string(f.severity); })
      .def_readonly("row", &Finding::row, "Line where the record starts (header = 1); 0 = the whole file.")
      .def_readonly("column", &Finding::column, "1-based column; 0 = the whole row.")
      .def_readonly("field", &Finding::field)
      .def_readonly("label", &Finding::label, "The header as written in the file.")
      .def_readonly("value", &Finding::value, "The cell value, masked when personal.")
      .def_property_readonly(
          "message", [](const Finding& f) { return f.message_zh; }, "Message in Chinese.")
      .def_readonly("message_zh", &Finding::message_zh)
      .def_readonly("message_en", &Finding::message_en)
      .def(
          "to_dict",
          [](const Finding& f, const std::string& lang) { return to_py(contract::to_value(f, lang)); },
          py::arg("lang") = "zh")
      .def("__repr__", [](const Finding& f) {
        return "Finding(type='" + f.type + "', row=" + std::to_string(f.row) +
               ", column=" + std::to_string(f.column) + ", field='" + f.field + "')";
      });

  py::class_<Report>(m, "Report", "The result of validating a dataset.")
      .def_property_readonly("valid", &Report::valid,
                             "True when there is no error finding and no rejected row.")
      .def_property_readonly(
          "stats", [](const Report& r) -> py::object { return to_py(contract::to_value(r.stats)); },
          "rows, accepted, rejected, blank_rows, errors, warnings, bytes, encoding")
      .def_readonly("findings", &Report::findings)
      .def_readonly("counts", &Report::counts, "Findings by type (complete even when findings are capped).")
      .def_readonly("truncated", &Report::truncated)
      .def_readonly("dataset", &Report::dataset)
      .def_readonly("pack_hash", &Report::pack_hash)
      .def("to_dict", &report_dict, py::arg("lang") = "zh")
      .def(
          "to_json",
          [](const Report& r, const std::string& lang, int indent) { return r.to_json(lang, indent); },
          py::arg("lang") = "zh", py::arg("indent") = -1)
      .def(
          "to_pandas",
          [](const Report& r, const std::string& lang) -> py::object {
            return frames().attr("findings")(report_dict(r, lang)["findings"]);
          },
          py::arg("lang") = "zh", "The findings as a pandas DataFrame.")
      .def("__repr__", [](const Report& r) {
        return "Report(dataset='" + r.dataset + "', valid=" + (r.valid() ? "True" : "False") +
               ", rows=" + std::to_string(r.stats.rows) + ", errors=" + std::to_string(r.stats.errors) + ")";
      });

  m.def(
      "validate_file",
      [](const EnginePtr& engine, const std::string& dataset, const py::object& path,
         const std::string& format, const std::string& encoding, std::size_t max_findings,
         const std::string& out_valid, const std::string& out_rejected, bool accepted) {
        const std::string p = py::str(path);
        Options opts(format, encoding, max_findings, out_valid, out_rejected, accepted);
        Report rep;
        {
          py::gil_scoped_release release;
          rep = validate_file(*engine, dataset, p, opts.o);
        }
        return opts.result(*engine, dataset, std::move(rep));
      },
      py::arg("engine"), py::arg("dataset"), py::arg("path"), py::arg("format") = "auto",
      py::arg("encoding") = "auto", py::arg("max_findings") = 1000, py::arg("out_valid") = "",
      py::arg("out_rejected") = "", py::arg("accepted") = false);
  m.def(
      "validate_rows",
      [](const EnginePtr& engine, const std::string& dataset, const std::vector<std::string>& header,
         py::iterable rows, std::size_t max_findings, const std::string& out_valid,
         const std::string& out_rejected, bool accepted) {
        std::vector<std::vector<std::optional<std::string>>> data;
        for (py::handle row : rows) {
          std::vector<std::optional<std::string>> cells;
          for (py::handle v : py::reinterpret_borrow<py::iterable>(row)) cells.push_back(cell_text(v));
          data.push_back(std::move(cells));
        }
        Options opts("auto", "auto", max_findings, out_valid, out_rejected, accepted);
        Report rep;
        {
          py::gil_scoped_release release;
          rep = validate_rows(*engine, dataset, header, data, opts.o);
        }
        return opts.result(*engine, dataset, std::move(rep));
      },
      py::arg("engine"), py::arg("dataset"), py::arg("header"), py::arg("rows"),
      py::arg("max_findings") = 1000, py::arg("out_valid") = "", py::arg("out_rejected") = "",
      py::arg("accepted") = false);
  m.def(
      "validate_records",
      [](const EnginePtr& engine, const std::string& dataset, py::iterable records, std::size_t max_findings,
         const std::string& out_valid, const std::string& out_rejected, bool accepted) {
        std::vector<KeyedRecord> data;
        for (py::handle rec : records) {
          if (!PyDict_Check(rec.ptr())) throw py::type_error("validate: records must be dicts");
          KeyedRecord r;
          for (auto item : py::reinterpret_borrow<py::dict>(rec))
            r.emplace_back(py::str(item.first), cell_text(item.second));
          data.push_back(std::move(r));
        }
        Options opts("auto", "auto", max_findings, out_valid, out_rejected, accepted);
        Report rep;
        {
          py::gil_scoped_release release;
          rep = validate_records(*engine, dataset, data, opts.o);
        }
        return opts.result(*engine, dataset, std::move(rep));
      },
      py::arg("engine"), py::arg("dataset"), py::arg("records"), py::arg("max_findings") = 1000,
      py::arg("out_valid") = "", py::arg("out_rejected") = "", py::arg("accepted") = false);
}

}  // namespace ecredit::pybind
