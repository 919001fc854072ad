// ecredit._core — the pybind11 module. python/ecredit/__init__.py re-exports it;
// python/ecredit/_core.pyi is its stub (checked with mypy.stubtest in the tests).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <datetime.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>

#include <string>
#include <string_view>
#include <vector>

#include "ecredit/ecredit.hpp"
#include "ecredit/engine.hpp"
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
    o->birth_year = static_cast<std::int16_t>(static_cast<int>(r.birth_date->year()));
    o->birth_month = static_cast<std::uint8_t>(static_cast<unsigned>(r.birth_date->month()));
    o->birth_day = static_cast<std::uint8_t>(static_cast<unsigned>(r.birth_date->day()));
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

// Options plus the output files they write to (closed when this goes away).
struct Options {
  ValidateOptions o;
  std::ofstream valid, rejected;

  Options(const std::string& format, const std::string& encoding, std::size_t max_findings,
          const std::string& out_valid, const std::string& out_rejected) {
    o.format = format;
    o.encoding = encoding;
    o.max_findings = max_findings;
    open(valid, out_valid, o.out_valid, o.out_valid_format);
    open(rejected, out_rejected, o.out_rejected, o.out_rejected_format);
  }

  static void open(std::ofstream& f, const std::string& path, std::ostream*& target, OutputFormat& format) {
    if (path.empty()) return;
    f.open(path, std::ios::binary | std::ios::trunc);
    if (!f) throw Error("cannot write " + path);
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

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "ecredit native core (use the ecredit package, not this module)";
  m.attr("__version__") = std::string(library_version());
  init_exceptions(m);

  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  intern_names();
  init_idresult_type(m);

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
        return "Engine(id='" + e.id() + "', version='" + e.version() + "', hash='" + e.hash().substr(0, 12) +
               "…')";
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
      .def_property_readonly("valid", &Report::valid, "True when there is no error finding.")
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
            py::module_ pd = py::module_::import("pandas");
            py::list rows;
            for (const auto& f : r.findings) rows.append(finding_dict(f, lang));
            py::list cols;
            for (const char* c : {"type", "severity", "row", "column", "field", "label", "value", "message"})
              cols.append(c);
            return pd.attr("DataFrame")(rows, py::arg("columns") = cols);
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
         const std::string& out_valid, const std::string& out_rejected) {
        const std::string p = py::str(path);
        Options opts(format, encoding, max_findings, out_valid, out_rejected);
        py::gil_scoped_release release;
        return validate_file(*engine, dataset, p, opts.o);
      },
      py::arg("engine"), py::arg("dataset"), py::arg("path"), py::arg("format") = "auto",
      py::arg("encoding") = "auto", py::arg("max_findings") = 1000, py::arg("out_valid") = "",
      py::arg("out_rejected") = "");
  m.def(
      "validate_rows",
      [](const EnginePtr& engine, const std::string& dataset, const std::vector<std::string>& header,
         py::iterable rows, std::size_t max_findings, const std::string& out_valid,
         const std::string& out_rejected) {
        std::vector<std::vector<std::optional<std::string>>> data;
        for (py::handle row : rows) {
          std::vector<std::optional<std::string>> cells;
          for (py::handle v : py::reinterpret_borrow<py::iterable>(row)) cells.push_back(cell_text(v));
          data.push_back(std::move(cells));
        }
        Options opts("auto", "auto", max_findings, out_valid, out_rejected);
        py::gil_scoped_release release;
        return validate_rows(*engine, dataset, header, data, opts.o);
      },
      py::arg("engine"), py::arg("dataset"), py::arg("header"), py::arg("rows"),
      py::arg("max_findings") = 1000, py::arg("out_valid") = "", py::arg("out_rejected") = "");
  m.def(
      "validate_records",
      [](const EnginePtr& engine, const std::string& dataset, py::iterable records, std::size_t max_findings,
         const std::string& out_valid, const std::string& out_rejected) {
        std::vector<KeyedRecord> data;
        for (py::handle rec : records) {
          if (!PyDict_Check(rec.ptr())) throw py::type_error("validate: records must be dicts");
          KeyedRecord r;
          for (auto item : py::reinterpret_borrow<py::dict>(rec))
            r.emplace_back(py::str(item.first), cell_text(item.second));
          data.push_back(std::move(r));
        }
        Options opts("auto", "auto", max_findings, out_valid, out_rejected);
        py::gil_scoped_release release;
        return validate_records(*engine, dataset, data, opts.o);
      },
      py::arg("engine"), py::arg("dataset"), py::arg("records"), py::arg("max_findings") = 1000,
      py::arg("out_valid") = "", py::arg("out_rejected") = "");

  m.def(
      "mask_id", [](py::handle s) { return mask_id(as_code(s, "mask_id")); }, py::arg("code"),
      "Mask a personal identifier for output: 440104********123X.");
  m.def(
      "normalize_id", [](py::handle s) { return normalize_id(as_code(s, "normalize_id")); }, py::arg("code"),
      "Normalise a code as the checks do.");
}
