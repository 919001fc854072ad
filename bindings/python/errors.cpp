// ecredit._core: the exception classes (Error and its subclasses) and the translator
// from the library's exceptions.
#include <pybind11/eval.h>

#include <string>

#include "bind.hpp"

namespace ecredit::pybind {
namespace {

// Python exception classes, created in init_errors(). Error subclasses also
// derive from the matching builtin so `except ValueError` keeps working.
PyObject* g_error = nullptr;
PyObject* g_invalid_input = nullptr;
PyObject* g_not_found = nullptr;
PyObject* g_policy = nullptr;
PyObject* g_io = nullptr;
PyObject* g_path_not_found = nullptr;

// An OSError subclass instance with errno, strerror and filename set; str() is the
// library's message (which names the path and the reason).
void set_io_error(PyObject* cls, const IoError& e) {
  const std::string what = e.what();
  py::object msg = py::reinterpret_steal<py::object>(
      PyUnicode_DecodeUTF8(what.data(), static_cast<Py_ssize_t>(what.size()), "replace"));
  py::object exc = py::reinterpret_steal<py::object>(PyObject_CallOneArg(cls, msg.ptr()));
  if (!exc) return;  // the call set a Python error
  const std::string reason = e.code().message();
  exc.attr("errno") = e.code().value();
  exc.attr("strerror") = py::reinterpret_steal<py::object>(
      PyUnicode_DecodeUTF8(reason.data(), static_cast<Py_ssize_t>(reason.size()), "replace"));
  exc.attr("filename") = py::reinterpret_steal<py::object>(
      PyUnicode_DecodeFSDefaultAndSize(e.path().data(), static_cast<Py_ssize_t>(e.path().size())));
  PyErr_SetObject(cls, exc.ptr());
}

PyObject* make_exception(py::module_& m, const char* name, py::tuple bases, const char* doc,
                         py::dict ns = py::dict()) {
  ns["__module__"] = "ecredit";
  ns["__doc__"] = doc;
  py::object type = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyType_Type));
  py::object cls = type(name, bases, ns);
  m.attr(name) = cls;
  return cls.release().ptr();  // kept alive for the interpreter's lifetime
}

}  // namespace

void init_errors(py::module_& m) {
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
  // OSError's str() would print "[Errno N] strerror: 'filename'" once those are set;
  // ecredit's message already names the path and the reason, and says what was done.
  py::dict io_ns;
  io_ns["__str__"] = py::eval("lambda self: str(self.args[0]) if self.args else ''");
  g_io = make_exception(m, "IoError", py::make_tuple(err, py::reinterpret_borrow<py::object>(PyExc_OSError)),
                        "A file or folder cannot be read or written; errno, strerror and filename are set.",
                        io_ns);
  g_path_not_found =
      make_exception(m, "PathNotFoundError",
                     py::make_tuple(py::reinterpret_borrow<py::object>(g_io),
                                    py::reinterpret_borrow<py::object>(PyExc_FileNotFoundError)),
                     "A file or folder does not exist (also a FileNotFoundError).");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InvalidInputError& e) {
      PyErr_SetString(g_invalid_input, e.what());
    } catch (const NotFoundError& e) {
      PyErr_SetString(g_not_found, e.what());
    } catch (const PolicyError& e) {
      PyErr_SetString(g_policy, e.what());
    } catch (const PathNotFoundError& e) {
      set_io_error(g_path_not_found, e);
    } catch (const IoError& e) {
      set_io_error(g_io, e);
    } catch (const Error& e) {
      PyErr_SetString(g_error, e.what());
    }
  });
}

}  // namespace ecredit::pybind
