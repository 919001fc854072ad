// Internal header of the ecredit._core module (bindings/python/*.cpp): the init_<concept>
// functions module.cpp calls, and the conversions between Python objects and library
// values (convert.cpp) every concept shares. Not installed.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/registry.hpp"

#include "contract/contract.hpp"  // src/: the library's one JSON value per result and input

namespace ecredit::pybind {

namespace py = pybind11;

// pybind11 holders cannot be shared_ptr<const T>: the Python Engine and Registry hold a
// shared_ptr<T> and expose only const members.
using EnginePtr = std::shared_ptr<Engine>;
using RegistryPtr = std::shared_ptr<Registry>;
inline EnginePtr unconst(std::shared_ptr<const Engine> e) {
  return std::const_pointer_cast<Engine>(std::move(e));
}
inline RegistryPtr unconst(std::shared_ptr<const Registry> r) {
  return std::const_pointer_cast<Registry>(std::move(r));
}
using EngineClass = py::class_<Engine, EnginePtr>;
// The Engine class made by module.cpp, for the concepts that add methods to it.
inline EngineClass engine_class(py::module_& m) { return m.attr("Engine"); }

// ---- one concept each (the file of the same name) -------------------------------------
void init_errors(py::module_& m);
void init_id(py::module_& m);
void init_sample(py::module_& m);
void init_validate(py::module_& m);
void init_registry(py::module_& m);
void init_relations(py::module_& m);
void init_grading(py::module_& m);
void init_precheck(py::module_& m);
void init_repair(py::module_& m);
void init_archive(py::module_& m);

// ---- conversions (convert.cpp) --------------------------------------------------------
// A contract value as Python objects: objects → dict (key order kept), arrays → list,
// strings → str, numbers → int / float, booleans → bool, null → None. The one way a
// result becomes a dict (every to_dict(), feedback(), listings).
py::object to_py(const nlohmann::ordered_json& j);
// A Python object (dict, list, str, int, float, bool, None, datetime.date) as a JSON
// value, for the contract's from_value parsers; dates become ISO strings.
nlohmann::ordered_json from_py(py::handle h, const std::string& where);

// Borrow the UTF-8 bytes of a Python str without copying (CPython caches them). Inline:
// the batch identifier checks call it once per code.
inline std::string_view utf8_view(PyObject* o) {
  Py_ssize_t n = 0;
  const char* p = PyUnicode_AsUTF8AndSize(o, &n);
  if (p == nullptr) throw py::error_already_set();
  return {p, static_cast<std::size_t>(n)};
}
// `h` as a code for `fn`: a TypeError naming the function unless it is a str.
inline std::string_view as_code(py::handle h, const char* fn) {
  if (!PyUnicode_Check(h.ptr()))
    throw py::type_error(std::string(fn) + "() expects str, got " +
                         std::string(py::str(py::type::handle_of(h).attr("__name__"))));
  return utf8_view(h.ptr());
}
// A date from datetime.date / datetime.datetime / pandas.Timestamp or an ISO string.
date::sys_days as_day(py::handle v, const char* what);
py::object py_date(date::sys_days d);
py::object py_date(const std::optional<date::sys_days>& d);  // None when absent
// A cell as text for validation: None stays absent, str as is, anything else str().
std::optional<std::string> cell_text(py::handle v);
// datetime / date → ISO text; strings pass through.
std::string iso_time(py::handle v);
// The module ecredit._frames (pandas shaping lives in Python).
py::module_ frames();

}  // namespace ecredit::pybind
