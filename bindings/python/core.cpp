// ecredit._core — the pybind11 module. python/ecredit/__init__.py re-exports it;
// python/ecredit/_core.pyi is its stub (checked with mypy.stubtest in the tests).
#include <pybind11/eval.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <datetime.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <set>

#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "ecredit/ecredit.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/precheck.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/repair.hpp"
#include "ecredit/sample.hpp"
#include "ecredit/validate.hpp"

namespace py = pybind11;
using namespace ecredit;

namespace {

// Python exception classes, created in init_exceptions(). Error subclasses also
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

// ---- IdResult: a native CPython type ------------------------------------------------
// Batch checks create a million of these per call, so IdResult is a plain C
// struct with interned strings for its enums rather than a pybind11 class
// (which costs an extra heap object and an instance-map entry per result).

struct PyIdResult {
  PyObject_HEAD std::uint8_t kind, status, reason, permit;
  char sex;
  std::uint8_t norm_len;    // bytes in norm_inline when norm_obj is NULL
  std::int16_t birth_year;  // 0 when there is no birth date
  std::uint8_t birth_month, birth_day;
  char norm_inline[22];
  char converted[19];
  PyObject* norm_obj;  // the normalised str when it did not fit inline
};

PyTypeObject* g_idresult_type = nullptr;
PyObject* g_names[4][16] = {};  // interned names: [0] kind, [1] status, [2] reason, [3] permit

PyObject* name_of(int table, int value) {
  PyObject* o = g_names[table][value];
  Py_INCREF(o);
  return o;
}

void intern_names() {
  auto put = [](int table, int value, std::string_view text) {
    g_names[table][value] = PyUnicode_InternFromString(std::string(text).c_str());
  };
  for (int k = 0; k <= 3; ++k) put(0, k, to_string(static_cast<IdKind>(k)));
  for (int k = 0; k <= 2; ++k) put(1, k, to_string(static_cast<IdStatus>(k)));
  for (int k = 0; k <= 9; ++k) put(2, k, to_string(static_cast<IdReason>(k)));
  for (int k = 0; k <= 3; ++k) put(3, k, to_string(static_cast<ResidencePermit>(k)));
}

// A new IdResult with the enums set; the normalised text is set by the caller.
PyIdResult* new_idresult(IdKind kind, IdVerdict v) {
  auto* o = PyObject_New(PyIdResult, g_idresult_type);
  if (o == nullptr) throw py::error_already_set();
  o->kind = static_cast<std::uint8_t>(kind);
  o->status = static_cast<std::uint8_t>(v.status);
  o->reason = static_cast<std::uint8_t>(v.reason);
  o->permit = 0;
  o->sex = '\0';
  o->norm_len = 0;
  o->birth_year = 0;
  o->birth_month = o->birth_day = 0;
  o->converted[0] = '\0';
  o->norm_obj = nullptr;
  return o;
}

void set_normalized(PyIdResult* o, std::string_view text) {
  if (text.size() <= sizeof o->norm_inline) {
    std::memcpy(o->norm_inline, text.data(), text.size());
    o->norm_len = static_cast<std::uint8_t>(text.size());
  } else {
    o->norm_obj = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
    if (o->norm_obj == nullptr) {
      Py_DECREF(o);
      throw py::error_already_set();
    }
  }
}

py::object wrap(const IdResult& r) {
  PyIdResult* o = new_idresult(r.kind, IdVerdict{r.status, r.reason});
  o->permit = static_cast<std::uint8_t>(r.permit);
  o->sex = r.sex;
  if (r.birth_date) {
    o->birth_year = static_cast<std::int16_t>(r.birth_date->year);
    o->birth_month = static_cast<std::uint8_t>(r.birth_date->month);
    o->birth_day = static_cast<std::uint8_t>(r.birth_date->day);
  }
  std::memcpy(o->converted, r.converted.c_str(), std::min(r.converted.size() + 1, sizeof o->converted));
  o->converted[sizeof o->converted - 1] = '\0';
  set_normalized(o, r.normalized);
  return py::reinterpret_steal<py::object>(reinterpret_cast<PyObject*>(o));
}

PyIdResult* self_of(PyObject* s) { return reinterpret_cast<PyIdResult*>(s); }

PyObject* get_normalized(PyObject* s, void*) {
  PyIdResult* o = self_of(s);
  if (o->norm_obj != nullptr) {
    Py_INCREF(o->norm_obj);
    return o->norm_obj;
  }
  return PyUnicode_DecodeUTF8(o->norm_inline, o->norm_len, "replace");
}
PyObject* get_kind(PyObject* s, void*) { return name_of(0, self_of(s)->kind); }
PyObject* get_status(PyObject* s, void*) { return name_of(1, self_of(s)->status); }
PyObject* get_reason(PyObject* s, void*) { return name_of(2, self_of(s)->reason); }
PyObject* get_permit(PyObject* s, void*) { return name_of(3, self_of(s)->permit); }
PyObject* get_sex(PyObject* s, void*) {
  if (self_of(s)->sex == '\0') Py_RETURN_NONE;
  return PyUnicode_FromStringAndSize(&self_of(s)->sex, 1);
}
PyObject* get_birth_date(PyObject* s, void*) {
  PyIdResult* o = self_of(s);
  if (o->birth_year == 0) Py_RETURN_NONE;
  return PyDate_FromDate(o->birth_year, o->birth_month, o->birth_day);
}
PyObject* get_converted(PyObject* s, void*) { return PyUnicode_FromString(self_of(s)->converted); }
PyObject* get_genuine(PyObject* s, void*) {
  return PyBool_FromLong(self_of(s)->status != static_cast<std::uint8_t>(IdStatus::invalid));
}

int idresult_bool(PyObject* s) { return self_of(s)->status != static_cast<std::uint8_t>(IdStatus::invalid); }

void idresult_dealloc(PyObject* s) {
  PyTypeObject* type = Py_TYPE(s);
  Py_XDECREF(self_of(s)->norm_obj);
  PyObject_Free(s);
  Py_DECREF(type);  // instances of a heap type own a reference to it
}

PyObject* idresult_to_dict(PyObject* s, PyObject*) {
  PyIdResult* o = self_of(s);
  PyObject* d = PyDict_New();
  if (d == nullptr) return nullptr;
  auto set = [&](const char* key, PyObject* value) {
    if (value == nullptr) return false;
    const int rc = PyDict_SetItemString(d, key, value);
    Py_DECREF(value);
    return rc == 0;
  };
  bool ok = set("kind", get_kind(s, nullptr)) && set("status", get_status(s, nullptr)) &&
            set("reason", get_reason(s, nullptr)) && set("normalized", get_normalized(s, nullptr));
  if (ok && o->kind == static_cast<std::uint8_t>(IdKind::resident_id))
    ok = set("birth_date", get_birth_date(s, nullptr)) && set("sex", get_sex(s, nullptr)) &&
         set("permit", get_permit(s, nullptr)) && set("converted", get_converted(s, nullptr));
  if (!ok) {
    Py_DECREF(d);
    return nullptr;
  }
  return d;
}

PyObject* idresult_repr(PyObject* s) {
  PyIdResult* o = self_of(s);
  PyObject* norm = get_normalized(s, nullptr);
  if (norm == nullptr) return nullptr;
  PyObject* shown = norm;
  if (o->kind == static_cast<std::uint8_t>(IdKind::resident_id)) {
    // Resident IDs are masked even in repr(): notebooks and logs print it.
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(norm, &n);
    if (p == nullptr) {
      Py_DECREF(norm);
      return nullptr;
    }
    const std::string m = mask_id(std::string_view(p, static_cast<std::size_t>(n)));
    shown = PyUnicode_DecodeUTF8(m.data(), static_cast<Py_ssize_t>(m.size()), "replace");
    Py_DECREF(norm);
    if (shown == nullptr) return nullptr;
  }
  PyObject* r =
      PyUnicode_FromFormat("IdResult(kind='%U', status='%U', reason='%U', normalized=%R)",
                           g_names[0][o->kind], g_names[1][o->status], g_names[2][o->reason], shown);
  Py_DECREF(shown);
  return r;
}

PyGetSetDef g_idresult_getset[] = {
    {"kind", get_kind, nullptr, "'uscc', 'org_code', 'resident_id' or 'unknown'.", nullptr},
    {"status", get_status, nullptr, "'valid', 'legacy' or 'invalid'.", nullptr},
    {"reason", get_reason, nullptr,
     "'' when valid, else the first failing layer: 'length', 'charset', 'authority', 'category', 'region', "
     "'org-code-checksum', 'birth-date', 'checksum', '15-digit'.",
     nullptr},
    {"normalized", get_normalized, nullptr,
     "The code after normalisation (trim, spaces/hyphens dropped, half-width, upper-case).", nullptr},
    {"birth_date", get_birth_date, nullptr, "Resident IDs: the birth date (datetime.date), else None.",
     nullptr},
    {"sex", get_sex, nullptr, "Resident IDs: 'M' or 'F'; None when unknown.", nullptr},
    {"permit", get_permit, nullptr,
     "Resident IDs: 'hong_kong', 'macao' or 'taiwan' for a residence permit, else ''.", nullptr},
    {"converted", get_converted, nullptr,
     "Resident IDs: the 18-digit form of a legacy 15-digit number, else ''.", nullptr},
    {"genuine", get_genuine, nullptr, "True when status is 'valid' or 'legacy'.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMethodDef g_idresult_methods[] = {{"to_dict", idresult_to_dict, METH_NOARGS, "The result as a plain dict."},
                                    {nullptr, nullptr, 0, nullptr}};

void init_idresult_type(py::module_& m) {
  static PyType_Slot slots[] = {
      {Py_tp_doc, const_cast<char*>("The result of one identifier check (made by the check_* functions).")},
      {Py_tp_dealloc, reinterpret_cast<void*>(idresult_dealloc)},
      {Py_tp_repr, reinterpret_cast<void*>(idresult_repr)},
      {Py_nb_bool, reinterpret_cast<void*>(idresult_bool)},
      {Py_tp_getset, g_idresult_getset},
      {Py_tp_methods, g_idresult_methods},
      {0, nullptr}};
  static PyType_Spec spec = {"ecredit._core.IdResult", sizeof(PyIdResult), 0, Py_TPFLAGS_DEFAULT, slots};
  PyObject* type = PyType_FromSpec(&spec);
  if (type == nullptr) throw py::error_already_set();
  // No constructor from Python: results come from the check functions only.
  reinterpret_cast<PyTypeObject*>(type)->tp_new = nullptr;
  g_idresult_type = reinterpret_cast<PyTypeObject*>(type);  // owned for the interpreter's lifetime
  m.attr("IdResult") = py::reinterpret_borrow<py::object>(type);
}

// Batch USCC check: one IdResult per code, normalising into a stack buffer.
py::list check_uscc_batch(py::iterable codes) {
  py::list out = PyList_Check(codes.ptr()) ? py::list(PyList_GET_SIZE(codes.ptr())) : py::list();
  const bool preallocated = PyList_Check(codes.ptr());
  Py_ssize_t i = 0;
  char buf[sizeof(PyIdResult::norm_inline)];
  for (py::handle h : codes) {
    const std::string_view s = as_code(h, "check_uscc_many");
    const std::size_t n = normalize_id_into(s, buf, sizeof buf);
    const IdVerdict v =
        n == 18 ? uscc_verdict(std::string_view(buf, n)) : IdVerdict{IdStatus::invalid, IdReason::length};
    PyIdResult* o = new_idresult(IdKind::uscc, v);
    if (n <= sizeof buf) {
      std::memcpy(o->norm_inline, buf, n);
      o->norm_len = static_cast<std::uint8_t>(n);
    } else {
      set_normalized(o, normalize_id(s));
    }
    if (preallocated && i < PyList_GET_SIZE(out.ptr())) {
      PyList_SET_ITEM(out.ptr(), i, reinterpret_cast<PyObject*>(o));
    } else {
      const int rc = PyList_Append(out.ptr(), reinterpret_cast<PyObject*>(o));
      Py_DECREF(o);
      if (rc != 0) throw py::error_already_set();
    }
    ++i;
  }
  if (preallocated && i != PyList_GET_SIZE(out.ptr()))  // the list changed size under us
    throw py::value_error("check_uscc_many: the list changed size during iteration");
  return out;
}

// ---- validation ------------------------------------------------------------------------

// pybind11 holders cannot be shared_ptr<const T>: the Python Engine holds a
// shared_ptr<Engine> and exposes only const members.
using EnginePtr = std::shared_ptr<Engine>;
EnginePtr unconst(std::shared_ptr<const Engine> e) { return std::const_pointer_cast<Engine>(std::move(e)); }

py::dict stats_dict(const Report& r) {
  py::dict d;
  d["rows"] = r.stats.rows;
  d["accepted"] = r.stats.accepted;
  d["rejected"] = r.stats.rejected;
  d["blank_rows"] = r.stats.blank_rows;
  d["errors"] = r.stats.errors;
  d["warnings"] = r.stats.warnings;
  d["bytes"] = r.stats.bytes;
  d["encoding"] = r.stats.encoding;
  return d;
}

py::dict finding_dict(const Finding& f, const std::string& lang) {
  py::dict d;
  d["type"] = f.type;
  d["severity"] = std::string(to_string(f.severity));
  d["row"] = f.row;
  d["column"] = f.column;
  d["field"] = f.field;
  d["label"] = f.label;
  d["value"] = f.value;
  d["message"] = f.message(lang);
  return d;
}

py::dict report_dict(const Report& r, const std::string& lang) {
  py::dict d;
  d["valid"] = r.valid();
  d["dataset"] = r.dataset;
  py::dict pack;
  pack["id"] = r.pack_id;
  pack["hash"] = r.pack_hash;
  d["pack"] = pack;
  d["stats"] = stats_dict(r);
  py::dict counts;
  for (const auto& [k, v] : r.counts) counts[py::str(k)] = v;
  d["counts"] = counts;
  d["truncated"] = r.truncated;
  py::list fs;
  for (const auto& f : r.findings) fs.append(finding_dict(f, lang));
  d["findings"] = fs;
  return d;
}

// A DataFrame from columns (name, values, dtype) whose dtypes do not depend on the row
// count: "text" is the dtype pandas gives a column of strings (object; str from pandas 3),
// so an empty frame has the dtypes of a full one.
py::object data_frame(const std::vector<std::tuple<std::string, py::list, std::string>>& columns,
                      py::object index = py::none()) {
  py::module_ pd = py::module_::import("pandas");
  py::list one;
  one.append("");
  const py::object text = pd.attr("Series")(one).attr("dtype");
  py::dict cols;
  py::list names;
  for (const auto& [name, values, dtype] : columns) {
    const py::object dt = dtype == "text" ? text : py::object(py::str(dtype));
    cols[py::str(name)] = pd.attr("Series")(values, py::arg("dtype") = dt, py::arg("index") = index);
    names.append(name);
  }
  return pd.attr("DataFrame")(cols, py::arg("columns") = names, py::arg("index") = index);
}

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
    open(valid, out_valid, "valid rows file", o.out_valid, o.out_valid_format);
    open(rejected, out_rejected, "rejected rows file", o.out_rejected, o.out_rejected_format);
    keep = accepted;
    if (keep)
      o.on_accepted = [this](std::size_t row, const std::vector<std::string>& v) {
        rows.push_back(row);
        values.push_back(v);
      };
  }
  Options(const Options&) = delete;
  Options& operator=(const Options&) = delete;

  // The report, or (accepted rows as a DataFrame, report) when the rows were kept: one
  // column per catalog field (its name, in catalog order), the normalised values as text
  // (None for an empty cell; dtype object whatever pandas infers), indexed by the row number
  // of the source ("row").
  py::object result(const Engine& engine, const std::string& dataset, Report&& report) const {
    if (!keep) return py::cast(std::move(report));
    const Dataset& ds = engine.dataset(dataset);
    std::vector<std::tuple<std::string, py::list, std::string>> cols;
    for (std::size_t j = 0; j < ds.fields.size(); ++j) {
      py::list col(values.size());
      for (std::size_t i = 0; i < values.size(); ++i) {
        const bool empty = j >= values[i].size() || values[i][j].empty();
        col[i] = empty ? py::object(py::none()) : py::object(py::str(values[i][j]));
      }
      cols.emplace_back(ds.fields[j].name, col, "object");
    }
    py::list index;
    for (std::size_t r : rows) index.append(r);
    py::object row = py::module_::import("pandas").attr("Index")(index, py::arg("dtype") = "int64",
                                                                 py::arg("name") = "row");
    return py::make_tuple(data_frame(cols, row), std::move(report));
  }

  static void open(std::ofstream& f, const std::string& path, const char* what, std::ostream*& target,
                   OutputFormat& format) {
    if (path.empty()) return;
    open_for_writing(f, path, what);
    target = &f;
    const bool jsonl = path.size() >= 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
    format = jsonl ? OutputFormat::jsonl : OutputFormat::csv;
  }
};

std::optional<std::string> cell_text(py::handle v) {
  if (v.is_none()) return std::nullopt;
  if (PyUnicode_Check(v.ptr())) return std::string(utf8_view(v.ptr()));
  return std::string(py::str(v));
}

// ---- registry and grading ---------------------------------------------------------------

using RegistryPtr = std::shared_ptr<Registry>;
RegistryPtr unconst(std::shared_ptr<const Registry> r) {
  return std::const_pointer_cast<Registry>(std::move(r));
}

// A date from datetime.date / datetime.datetime / pandas.Timestamp or an ISO string.
date::sys_days as_day(py::handle v, const char* what) {
  if (PyUnicode_Check(v.ptr())) return parse_iso_date(utf8_view(v.ptr()));
  if (py::hasattr(v, "year") && py::hasattr(v, "month") && py::hasattr(v, "day")) {
    const date::year_month_day ymd{date::year{v.attr("year").cast<int>()},
                                   date::month{v.attr("month").cast<unsigned>()},
                                   date::day{v.attr("day").cast<unsigned>()}};
    if (!ymd.ok()) throw InvalidInputError(std::string(what) + ": not a real date");
    return date::sys_days{ymd};
  }
  throw py::type_error(std::string(what) + " must be a datetime.date or an ISO date string");
}

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

py::object py_date(date::sys_days d) {
  static py::object date_type = py::module_::import("datetime").attr("date");
  const date::year_month_day ymd{d};
  return date_type(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                   static_cast<unsigned>(ymd.day()));
}

py::list trace_list(const Grade& g) {
  py::list out;
  for (const auto& t : g.trace) {
    py::dict e;
    e["kind"] = t.kind;
    e["rule"] = t.rule;
    e["record"] = t.record;
    e["age_months"] = t.age_months >= 0 ? py::object(py::int_(t.age_months)) : py::object(py::none());
    e["factor"] = t.factor;
    e["points"] = t.points;
    e["detail"] = t.detail;
    e["basis"] = t.basis;
    out.append(e);
  }
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

// A repair record from a Python dict (docs/repair.md); dates as datetime.date or ISO strings.
RepairRecord repair_record(const py::dict& d) {
  static const std::set<std::string> kKeys = {
      "id",    "category",          "severity",    "decision_date", "domain", "area", "penalty_types",
      "flags", "commitment_broken", "fine_amount", "procedure",     "note"};
  for (const auto& [k, v] : d) {
    const std::string key = py::str(k);
    if (!kKeys.count(key)) throw InvalidInputError("record: unknown key '" + key + "'");
  }
  RepairRecord r;
  r.id = str_of(d, "id", "record", false);
  r.category = str_of(d, "category", "record");
  r.severity = str_of(d, "severity", "record", false);
  r.domain = str_of(d, "domain", "record", false);
  r.area = str_of(d, "area", "record", false);
  r.procedure = str_of(d, "procedure", "record", false);
  if (d.contains("fine_amount") && !d["fine_amount"].is_none()) {
    const py::object v = d["fine_amount"];
    if (PyBool_Check(v.ptr()) || !py::hasattr(v, "__float__"))  // int, float, Decimal, numpy numbers
      throw InvalidInputError("record: 'fine_amount' must be a number (万元)");
    r.fine_amount = PyFloat_AsDouble(v.ptr());
    if (PyErr_Occurred()) throw py::error_already_set();
  }
  if (!d.contains("decision_date") || d["decision_date"].is_none())
    throw InvalidInputError("record: missing key 'decision_date'");
  r.decision_date = as_day(d["decision_date"], "decision_date");
  r.penalty_types = strs_of(d, "penalty_types");
  r.flags = strs_of(d, "flags");
  if (d.contains("commitment_broken") && !d["commitment_broken"].is_none())
    r.commitment_broken = d["commitment_broken"].cast<bool>();
  return r;
}

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

// datetime / date → ISO text; strings pass through.
std::string iso_time(py::handle v) {
  if (PyUnicode_Check(v.ptr())) return py::str(v);
  if (py::hasattr(v, "isoformat")) return py::str(v.attr("isoformat")());
  throw py::type_error("when must be a datetime.datetime, datetime.date or an ISO string");
}

PYBIND11_MODULE(_core, m) {
  m.doc() = "ecredit native core (use the ecredit package, not this module)";
  m.attr("__version__") = std::string(library_version());
  init_exceptions(m);

  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  intern_names();
  init_idresult_type(m);

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
  m.def(
      "check_uscc", [](py::handle s) { return wrap(check_uscc(as_code(s, "check_uscc"))); }, py::arg("code"),
      "Check a 统一社会信用代码 (GB 32100).");
  m.def(
      "check_org_code", [](py::handle s) { return wrap(check_org_code(as_code(s, "check_org_code"))); },
      py::arg("code"), "Check a 组织机构代码 (GB 11714).");
  m.def(
      "check_resident_id",
      [](py::handle s) { return wrap(check_resident_id(as_code(s, "check_resident_id"))); }, py::arg("code"),
      "Check a 公民身份号码 (GB 11643; 15-digit numbers are 'legacy'; permits 81/82/83).");
  m.def(
      "check_id",
      [](py::handle s, const std::string& kind) {
        return wrap(check_id(as_code(s, "check_id"), parse_id_kind(kind)));
      },
      py::arg("code"), py::arg("kind") = "auto",
      "Check a code as `kind` ('uscc', 'org_code', 'resident_id' or 'auto').");
  m.def(
      "detect_id_kind", [](py::handle s) { return to_string(detect_id_kind(as_code(s, "detect_id_kind"))); },
      py::arg("code"), "The kind auto-detection picks for a code.");
  m.def("check_uscc_many", &check_uscc_batch, py::arg("codes"),
        "Check every USCC of an iterable of str; returns a list of IdResult.");
  m.def(
      "uscc_valid_many",
      [](py::iterable codes) {
        py::list out;
        for (py::handle h : codes)
          out.append(py::bool_(uscc_verdict(as_code(h, "uscc_valid_many")).status != IdStatus::invalid));
        return out;
      },
      py::arg("codes"), "Fast: a list of bool, True where the USCC is valid or legacy.");
  auto engine_cls =
      py::class_<Engine, EnginePtr>(m, "Engine", "A loaded policy pack (immutable; share it freely).")
          .def_static(
              "default", [] { return unconst(Engine::default_engine()); }, "The built-in gz-energy pack.")
          .def_static(
              "load", [](const py::object& path) { return unconst(Engine::load(py::str(path))); },
              py::arg("path"),
              "Load a policy pack folder (with pack.json); PolicyError names file, pointer, line/column.")
          .def_property_readonly("id", &Engine::id)
          .def_property_readonly("version", &Engine::version)
          .def_property_readonly("hash", &Engine::hash, "SHA-256 of the pack's files.")
          .def(
              "datasets",
              [](const Engine& e) {
                py::list out;
                for (const auto& d : e.catalog().datasets) {
                  py::dict x;
                  x["id"] = d.id;
                  x["title"] = d.title;
                  x["title_en"] = d.title_en;
                  x["disclosure"] = d.disclosure;
                  x["source_department"] = d.source_department;
                  x["maps_to"] = d.maps_to.kind;
                  x["primary_key"] = d.primary_key;
                  py::list fields;
                  for (const auto& f : d.fields) {
                    py::dict fd;
                    fd["name"] = f.name;
                    fd["title"] = f.title;
                    fd["type"] = std::string(to_string(f.type));
                    fd["required"] = f.required;
                    fd["aliases"] = f.aliases;
                    fields.append(fd);
                  }
                  x["fields"] = fields;
                  out.append(x);
                }
                return out;
              },
              "The catalog's datasets as a list of dicts.")
          .def("__repr__", [](const Engine& e) {
            return "Engine(id='" + e.id() + "', version='" + e.version() + "', hash='" +
                   e.hash().substr(0, 12) + "…')";
          });

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
          "to_dict", [](const Finding& f, const std::string& lang) { return finding_dict(f, lang); },
          py::arg("lang") = "zh")
      .def("__repr__", [](const Finding& f) {
        return "Finding(type='" + f.type + "', row=" + std::to_string(f.row) +
               ", column=" + std::to_string(f.column) + ", field='" + f.field + "')";
      });

  py::class_<Report>(m, "Report", "The result of validating a dataset.")
      .def_property_readonly("valid", &Report::valid,
                             "True when there is no error finding and no rejected row.")
      .def_property_readonly("stats", &stats_dict,
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
          [](const Report& r, const std::string& lang) {
            std::vector<std::tuple<std::string, py::list, std::string>> cols;
            for (const char* c : {"type", "severity", "row", "column", "field", "label", "value", "message"})
              cols.emplace_back(
                  c, py::list(),
                  std::string_view(c) == "row" || std::string_view(c) == "column" ? "int64" : "text");
            for (const auto& f : r.findings) {
              const py::dict d = finding_dict(f, lang);
              for (auto& [name, values, dtype] : cols) values.append(d[py::str(name)]);
            }
            return data_frame(cols);
          },
          py::arg("lang") = "zh", "The findings as a pandas DataFrame.")
      .def("__repr__", [](const Report& r) {
        return "Report(dataset='" + r.dataset + "', valid=" + (r.valid() ? "True" : "False") +
               ", rows=" + std::to_string(r.stats.rows) + ", errors=" + std::to_string(r.stats.errors) + ")";
      });

  py::class_<Grade>(m, "Grade", "A credit grade as of a date, with its explanation.")
      .def_readonly("uscc", &Grade::uscc)
      .def_readonly("grade", &Grade::grade)
      .def_readonly("score", &Grade::score)
      .def_readonly("model", &Grade::model)
      .def_readonly("model_version", &Grade::model_version)
      .def_readonly("pack_hash", &Grade::pack_hash)
      .def_readonly("no_data", &Grade::no_data)
      .def_property_readonly("as_of", [](const Grade& g) { return py_date(g.as_of); })
      .def_property_readonly("trace", &trace_list, "One dict per counted record, cap, veto and threshold.")
      .def(
          "to_dict", [](const Grade& g) { return py::module_::import("json").attr("loads")(g.to_json()); },
          "The grade as a plain dict (as_of as an ISO string).")
      .def(
          "to_json", [](const Grade& g, int indent) { return g.to_json(indent); }, py::arg("indent") = -1)
      .def("__repr__", [](const Grade& g) {
        return "Grade(uscc='" + g.uscc + "', grade='" + g.grade + "', score=" + std::to_string(g.score) +
               ", model='" + g.model + "')";
      });

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
          "to_dict",
          [](const PyDecision& x) { return py::module_::import("json").attr("loads")(x.d.to_json()); },
          "The decision as a plain dict (person IDs masked).")
      .def(
          "to_json", [](const PyDecision& x, int indent) { return x.d.to_json(indent); },
          py::arg("indent") = -1)
      .def(
          "feedback",
          [](const PyDecision& x, const std::string& measure_id, const std::string& result,
             const std::string& case_no, std::optional<std::string> department, py::handle when,
             std::optional<std::string> reason) {
            const std::string json =
                x.d.feedback(*x.engine, measure_id, result, case_no, department.value_or(""), iso_time(when),
                             reason.value_or(""));
            return py::module_::import("json").attr("loads")(json);
          },
          py::arg("measure_id"), py::arg("result"), py::arg("case_no"), py::arg("department") = py::none(),
          py::arg("when") = py::none(), py::arg("reason") = py::none(),
          "The execution-feedback record (联合奖惩执行反馈) for one measure, as a dict ready to send:\n"
          "result 已惩戒 / 已激励 / 未实施 (or punished / rewarded / not_applied; 未实施 needs a reason).")
      .def("__repr__", [](const PyDecision& x) {
        return std::string("Decision(verdict='") + effect_name(x.d.verdict) +
               "', measures=" + std::to_string(x.d.measures.size()) + ", scenario='" + x.d.scenario + "')";
      });

  auto opt_date = [](const std::optional<date::sys_days>& d) -> py::object {
    return d ? py_date(*d) : py::object(py::none());
  };
  py::class_<RepairDecision>(m, "RepairDecision", "Whether and when a record may be repaired, and why.")
      .def_readonly("status", &RepairDecision::status)
      .def_property_readonly("earliest_date",
                             [opt_date](const RepairDecision& d) { return opt_date(d.earliest_date); })
      .def_property_readonly("publication_end",
                             [opt_date](const RepairDecision& d) { return opt_date(d.publication_end); })
      .def_property_readonly("processing_deadline",
                             [opt_date](const RepairDecision& d) { return opt_date(d.processing_deadline); })
      .def_property_readonly(
          "processing_deadline_extended",
          [opt_date](const RepairDecision& d) { return opt_date(d.processing_deadline_extended); },
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
          "to_dict",
          [](const RepairDecision& d) { return py::module_::import("json").attr("loads")(d.to_json()); },
          "The decision as a plain dict (dates as ISO strings).")
      .def(
          "to_json", [](const RepairDecision& d, int indent) { return d.to_json(indent); },
          py::arg("indent") = -1)
      .def("__repr__", [](const RepairDecision& d) {
        return "RepairDecision(status='" + d.status + "', regime='" + d.regime + "')";
      });

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

  engine_cls
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
            py::list usccs, grades, scores, models, no_data;
            for (const auto& g : gs) {
              usccs.append(g.uscc);
              grades.append(g.grade);
              scores.append(g.score);
              models.append(g.model);
              no_data.append(g.no_data);
            }
            return data_frame({{"uscc", usccs, "text"},
                               {"grade", grades, "text"},
                               {"score", scores, "float64"},
                               {"model", models, "text"},
                               {"no_data", no_data, "bool"}});
          },
          py::arg("registry"), py::arg("as_of"), py::arg("model") = py::none(), py::arg("threads") = 0,
          "Grades every subject: a pandas DataFrame with columns uscc, grade, score, model, no_data.")
      .def(
          "models",
          [](const Engine& e) {
            py::list out;
            for (const auto& mm : e.models()) {
              py::dict x;
              x["id"] = mm.id;
              x["title"] = mm.title;
              x["version"] = mm.version;
              x["scale"] = mm.scale;
              x["effective_from"] = mm.effective_from ? py_date(*mm.effective_from) : py::object(py::none());
              x["effective_to"] = mm.effective_to ? py_date(*mm.effective_to) : py::object(py::none());
              x["supervision"] = mm.supervision_json.empty()
                                     ? py::object(py::none())
                                     : py::module_::import("json").attr("loads")(mm.supervision_json);
              out.append(x);
            }
            return out;
          },
          "The grading models of the pack.")
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
          "repair",
          [](const EnginePtr& e, const py::dict& record, std::optional<py::dict> evidence, py::handle as_of,
             std::optional<py::iterable> history) {
            const RepairRecord rec = repair_record(record);
            RepairEvidence ev;
            if (evidence)
              for (const auto& [k, v] : *evidence) {
                const std::string name = py::str(k);
                if (v.is_none()) continue;
                ev[name] = as_day(v, name.c_str());
              }
            static const std::set<std::string> kNames = {"obligations_fulfilled", "commitment", "training",
                                                         "credit_report"};
            for (const auto& [name, when] : ev)
              if (!kNames.count(name))
                throw InvalidInputError(
                    "evidence: unknown name '" + name +
                    "' (expected obligations_fulfilled, commitment, training, credit_report)");
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
          "`history`: dates of the subject's earlier repairs.")
      .def(
          "measures",
          [](const Engine& e) {
            py::list out;
            for (const Measure& m : e.measures().measures) {
              py::dict x;
              x["id"] = m.id;
              x["title"] = m.title;
              x["kind"] = m.reward ? "reward" : "punishment";
              x["effect"] = effect_name(m.effect);
              x["scenarios"] = m.scenarios;
              x["departments"] = m.departments;
              x["mandatory"] = m.mandatory;
              x["basis"] = m.basis;
              x["basis_confirmed"] = m.basis_confirmed;
              x["basis_unconfirmed"] = m.basis_unconfirmed;
              x["effective_from"] = m.effective_from ? py_date(*m.effective_from) : py::object(py::none());
              x["effective_to"] = m.effective_to ? py_date(*m.effective_to) : py::object(py::none());
              out.append(x);
            }
            return out;
          },
          "The pack's joint reward/punishment measures (measures.json) as dicts.")
      .def(
          "coverage_targets", [](const Engine& e) { return e.coverage_targets(); },
          "The plan's credit-file coverage targets: year → share (pack.json).");

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

  m.def(
      "mask_id", [](py::handle s) { return mask_id(as_code(s, "mask_id")); }, py::arg("code"),
      "Mask a personal identifier for output: 440104********123X.");
  m.def(
      "normalize_id", [](py::handle s) { return normalize_id(as_code(s, "normalize_id")); }, py::arg("code"),
      "Normalise a code as the checks do.");
}
