// ecredit._core: write_sample, the deterministic sample market (docs/demo.md).
#include <pybind11/stl.h>

#include <cstdint>
#include <string>

#include "bind.hpp"
#include "ecredit/sample.hpp"

namespace ecredit::pybind {

void init_sample(py::module_& m) {
  m.def(
      "write_sample",
      [](const py::object& dir, std::size_t subjects, std::uint64_t seed, bool bad_rows, py::handle as_of,
         unsigned unfiled_per_mille) {
        SampleOptions o;
        o.subjects = subjects;
        o.seed = seed;
        o.bad_rows = bad_rows;
        o.unfiled_per_mille = unfiled_per_mille;
        if (!as_of.is_none()) o.as_of = as_day(as_of, "as_of");
        const std::string path = py::str(dir);
        SampleSummary s;
        {
          py::gil_scoped_release release;
          s = write_sample(path, o);
        }
        py::dict out;
        out["rows"] = s.rows;
        out["bad_rows"] = s.bad_rows;
        return out;
      },
      py::arg("dir"), py::arg("subjects") = 2000, py::arg("seed") = 1, py::arg("bad_rows") = true,
      py::arg("as_of") = py::none(), py::arg("unfiled_per_mille") = 0,
      "Writes a deterministic Guangzhou-like energy market as <dataset>.csv files into `dir`\n"
      "(docs/demo.md); returns {'rows': {dataset: n}, 'bad_rows': {dataset: n}}.");
}

}  // namespace ecredit::pybind
