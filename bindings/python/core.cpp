// ecredit._core — the pybind11 module. python/ecredit/__init__.py re-exports it;
// python/ecredit/_core.pyi is its stub (checked with mypy.stubtest in the tests).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <string_view>
#include <vector>

#include "ecredit/ecredit.hpp"

namespace py = pybind11;
using namespace ecredit;

namespace {

// Python exception classes, created in init_exceptions(). Error subclasses also
// derive from the matching builtin so `except ValueError` keeps working.
PyObject* g_error = nullptr;
PyObject* g_invalid_input = nullptr;
PyObject* g_not_found = nullptr;
PyObject* g_policy = nullptr;

PyObject* make_exception(py::module_& m, const char* name, py::tuple bases, const char* doc) {
  py::dict ns;
  ns["__module__"] = "ecredit";
  ns["__doc__"] = doc;
  py::object type = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyType_Type));
  py::object cls = type(name, bases, ns);
  m.attr(name) = cls;
  return cls.release().ptr();  // kept alive for the interpreter's lifetime
}

void init_exceptions(py::module_& m) {
  py::object base = py::reinterpret_borrow<py::object>(PyExc_Exception);
  g_error = make_exception(m, "Error", py::make_tuple(base), "Base class of every ecredit error.");
  py::object err = py::reinterpret_borrow<py::object>(g_error);
  g_invalid_input = make_exception(m, "InvalidInputError",
                                   py::make_tuple(err, py::reinterpret_borrow<py::object>(PyExc_ValueError)),
                                   "An argument is unusable (bad option, unknown kind name, ...).");
  g_not_found = make_exception(m, "NotFoundError",
                               py::make_tuple(err, py::reinterpret_borrow<py::object>(PyExc_KeyError)),
                               "A named thing (dataset, model, subject) does not exist.");
  g_policy = make_exception(m, "PolicyError",
                            py::make_tuple(err, py::reinterpret_borrow<py::object>(PyExc_ValueError)),
                            "A policy file is broken; the message names file, JSON pointer, line/column.");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InvalidInputError& e) {
      PyErr_SetString(g_invalid_input, e.what());
    } catch (const NotFoundError& e) {
      PyErr_SetString(g_not_found, e.what());
    } catch (const PolicyError& e) {
      PyErr_SetString(g_policy, e.what());
    } catch (const Error& e) {
      PyErr_SetString(g_error, e.what());
    }
  });
}

// Borrow the UTF-8 bytes of a Python str without copying (CPython caches them).
std::string_view utf8_view(PyObject* o) {
  Py_ssize_t n = 0;
  const char* p = PyUnicode_AsUTF8AndSize(o, &n);
  if (p == nullptr) throw py::error_already_set();
  return {p, static_cast<std::size_t>(n)};
}

std::string_view as_code(py::handle h, const char* fn) {
  if (!PyUnicode_Check(h.ptr()))
    throw py::type_error(std::string(fn) + "() expects str, got " +
                         std::string(py::str(py::type::handle_of(h).attr("__name__"))));
  return utf8_view(h.ptr());
}

py::object birth_date(const IdResult& r) {
  if (!r.birth_date) return py::none();
  static py::object date_type = py::module_::import("datetime").attr("date");
  return date_type(static_cast<int>(r.birth_date->year()), static_cast<unsigned>(r.birth_date->month()),
                   static_cast<unsigned>(r.birth_date->day()));
}

py::dict to_dict(const IdResult& r) {
  py::dict d;
  d["kind"] = std::string(to_string(r.kind));
  d["status"] = std::string(to_string(r.status));
  d["reason"] = std::string(to_string(r.reason));
  d["normalized"] = r.normalized;
  if (r.kind == IdKind::resident_id) {
    d["birth_date"] = birth_date(r);
    d["sex"] = r.sex ? py::object(py::str(std::string(1, r.sex))) : py::object(py::none());
    d["permit"] = std::string(to_string(r.permit));
    d["converted"] = r.converted;
  }
  return d;
}

std::string repr(const IdResult& r) {
  // Resident IDs are masked even in repr(): notebooks and logs print it.
  const std::string shown = r.kind == IdKind::resident_id ? mask_id(r.normalized) : r.normalized;
  std::string s = "IdResult(kind='" + std::string(to_string(r.kind)) + "', status='" +
                  std::string(to_string(r.status)) + "', reason='" + std::string(to_string(r.reason)) +
                  "', normalized='" + shown + "')";
  return s;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "ecredit native core (use the ecredit package, not this module)";
  m.attr("__version__") = std::string(library_version());
  init_exceptions(m);

  py::class_<IdResult>(m, "IdResult", "The result of one identifier check.")
      .def_property_readonly(
          "kind", [](const IdResult& r) { return to_string(r.kind); },
          "'uscc', 'org_code', 'resident_id' or 'unknown'.")
      .def_property_readonly(
          "status", [](const IdResult& r) { return to_string(r.status); }, "'valid', 'legacy' or 'invalid'.")
      .def_property_readonly(
          "reason", [](const IdResult& r) { return to_string(r.reason); },
          "'' when valid, else the first failing layer: 'length', 'charset', 'authority', 'category', "
          "'region', 'org-code-checksum', 'birth-date', 'checksum', '15-digit'.")
      .def_property_readonly(
          "normalized", [](const IdResult& r) { return r.normalized; },
          "The code after normalisation (trim, spaces/hyphens dropped, half-width, upper-case).")
      .def_property_readonly("birth_date", &birth_date, "Resident IDs: the birth date (datetime.date) or None.")
      .def_property_readonly(
          "sex",
          [](const IdResult& r) -> py::object {
            if (!r.sex) return py::none();
            return py::str(std::string(1, r.sex));
          },
          "Resident IDs: 'M' or 'F', None when unknown.")
      .def_property_readonly(
          "permit", [](const IdResult& r) { return to_string(r.permit); },
          "Resident IDs: 'hong_kong', 'macao', 'taiwan' for a residence permit, else ''.")
      .def_property_readonly(
          "converted", [](const IdResult& r) { return r.converted; },
          "Resident IDs: the 18-digit form of a legacy 15-digit number, else ''.")
      .def_property_readonly("genuine", &IdResult::genuine, "True when status is 'valid' or 'legacy'.")
      .def("to_dict", &to_dict, "The result as a plain dict.")
      .def("__repr__", &repr)
      .def("__bool__", &IdResult::genuine);

  m.def(
      "check_uscc", [](py::handle s) { return check_uscc(as_code(s, "check_uscc")); }, py::arg("code"),
      "Check a 统一社会信用代码 (GB 32100).");
  m.def(
      "check_org_code", [](py::handle s) { return check_org_code(as_code(s, "check_org_code")); },
      py::arg("code"), "Check a 组织机构代码 (GB 11714).");
  m.def(
      "check_resident_id", [](py::handle s) { return check_resident_id(as_code(s, "check_resident_id")); },
      py::arg("code"), "Check a 公民身份号码 (GB 11643; 15-digit numbers are 'legacy'; permits 81/82/83).");
  m.def(
      "check_id",
      [](py::handle s, const std::string& kind) { return check_id(as_code(s, "check_id"), parse_id_kind(kind)); },
      py::arg("code"), py::arg("kind") = "auto",
      "Check a code as `kind` ('uscc', 'org_code', 'resident_id' or 'auto').");
  m.def(
      "detect_id_kind", [](py::handle s) { return to_string(detect_id_kind(as_code(s, "detect_id_kind"))); },
      py::arg("code"), "The kind auto-detection picks for a code.");
  m.def(
      "check_uscc_many",
      [](py::iterable codes) {
        py::list out;
        for (py::handle h : codes) out.append(py::cast(check_uscc(as_code(h, "check_uscc_many"))));
        return out;
      },
      py::arg("codes"), "Check every USCC of an iterable of str; returns a list of IdResult.");
  m.def(
      "uscc_valid_many",
      [](py::iterable codes) {
        py::list out;
        for (py::handle h : codes)
          out.append(py::bool_(uscc_verdict(as_code(h, "uscc_valid_many")).status != IdStatus::invalid));
        return out;
      },
      py::arg("codes"), "Fast: a list of bool, True where the USCC is valid or legacy.");
  m.def(
      "mask_id", [](py::handle s) { return mask_id(as_code(s, "mask_id")); }, py::arg("code"),
      "Mask a personal identifier for output: 440104********123X.");
  m.def(
      "normalize_id", [](py::handle s) { return normalize_id(as_code(s, "normalize_id")); }, py::arg("code"),
      "Normalise a code as the checks do.");
}
