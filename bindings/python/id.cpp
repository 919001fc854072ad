// ecredit._core: identifier checks — the IdResult type (a native CPython type, for the
// batch checks' speed), check_* / check_uscc_many / uscc_valid_many, mask_id, normalize_id.
#include <pybind11/stl.h>

#include <datetime.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "bind.hpp"

namespace ecredit::pybind {
namespace {

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

// The contract's id-result (contract::to_value) of the stored result (birth_date an ISO
// string, as in every interface; the attribute is a datetime.date).
PyObject* idresult_to_dict(PyObject* s, PyObject*) {
  try {
    const PyIdResult* o = self_of(s);
    IdResult r;
    r.kind = static_cast<IdKind>(o->kind);
    r.status = static_cast<IdStatus>(o->status);
    r.reason = static_cast<IdReason>(o->reason);
    r.normalized = o->norm_obj != nullptr ? std::string(utf8_view(o->norm_obj))
                                          : std::string(o->norm_inline, o->norm_len);
    if (o->birth_year != 0) r.birth_date = CivilDate{o->birth_year, o->birth_month, o->birth_day};
    r.sex = o->sex;
    r.permit = static_cast<ResidencePermit>(o->permit);
    r.converted = o->converted;
    return to_py(contract::to_value(r)).release().ptr();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
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

}  // namespace

void init_id(py::module_& m) {
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
  m.def(
      "mask_id", [](py::handle s) { return mask_id(as_code(s, "mask_id")); }, py::arg("code"),
      "Mask a personal identifier for output: 440104********123X.");
  m.def(
      "normalize_id", [](py::handle s) { return normalize_id(as_code(s, "normalize_id")); }, py::arg("code"),
      "Normalise a code as the checks do.");
}

}  // namespace ecredit::pybind
