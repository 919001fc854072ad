// ecredit._core: the conversions between Python objects and library values that every
// concept shares — above all to_py(), the one converter from a contract value
// (nlohmann::ordered_json) to Python objects behind every to_dict().
#include <string>
#include <string_view>

#include "bind.hpp"

namespace ecredit::pybind {

py::object to_py(const nlohmann::ordered_json& j) {
  using value_t = nlohmann::ordered_json::value_t;
  switch (j.type()) {
    case value_t::null:
    case value_t::discarded:
      return py::none();
    case value_t::boolean:
      return py::bool_(j.get<bool>());
    case value_t::number_integer:
      return py::int_(j.get<std::int64_t>());
    case value_t::number_unsigned:
      return py::int_(j.get<std::uint64_t>());
    case value_t::number_float:
      return py::float_(j.get<double>());
    case value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      return py::reinterpret_steal<py::object>(
          PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace"));
    }
    case value_t::array: {
      py::list out(j.size());
      std::size_t i = 0;
      for (const auto& x : j) out[i++] = to_py(x);
      return std::move(out);
    }
    case value_t::object: {
      py::dict out;
      for (const auto& [k, v] : j.items()) out[py::str(k)] = to_py(v);
      return std::move(out);
    }
    case value_t::binary:
      break;
  }
  throw InvalidInputError("to_py: a binary JSON value has no Python form");
}

nlohmann::ordered_json from_py(py::handle h, const std::string& where) {
  if (h.is_none()) return nullptr;
  if (PyBool_Check(h.ptr())) return h.cast<bool>();
  if (PyLong_Check(h.ptr())) return h.cast<std::int64_t>();
  if (PyFloat_Check(h.ptr())) return h.cast<double>();
  if (PyUnicode_Check(h.ptr())) return std::string(utf8_view(h.ptr()));
  if (PyDict_Check(h.ptr())) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [k, v] : py::reinterpret_borrow<py::dict>(h)) {
      const std::string key = py::str(k);
      out[key] = from_py(v, where + "." + key);
    }
    return out;
  }
  if (PyList_Check(h.ptr()) || PyTuple_Check(h.ptr())) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    std::size_t i = 0;
    for (py::handle x : py::reinterpret_borrow<py::iterable>(h))
      out.push_back(from_py(x, where + "[" + std::to_string(i++) + "]"));
    return out;
  }
  // datetime.date / datetime.datetime / pandas.Timestamp: the date as an ISO string
  if (py::hasattr(h, "year") && py::hasattr(h, "month") && py::hasattr(h, "day"))
    return format_iso_date(as_day(h, where.c_str()));
  // Decimal, numpy numbers: a number
  if (py::hasattr(h, "__float__")) {
    const double v = PyFloat_AsDouble(h.ptr());
    if (PyErr_Occurred()) throw py::error_already_set();
    return v;
  }
  return std::string(py::str(h));
}

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

py::object py_date(date::sys_days d) {
  static py::object date_type = py::module_::import("datetime").attr("date");
  const date::year_month_day ymd{d};
  return date_type(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                   static_cast<unsigned>(ymd.day()));
}

py::object py_date(const std::optional<date::sys_days>& d) {
  return d ? py_date(*d) : py::object(py::none());
}

std::optional<std::string> cell_text(py::handle v) {
  if (v.is_none()) return std::nullopt;
  if (PyUnicode_Check(v.ptr())) return std::string(utf8_view(v.ptr()));
  return std::string(py::str(v));
}

std::string iso_time(py::handle v) {
  if (PyUnicode_Check(v.ptr())) return py::str(v);
  if (py::hasattr(v, "isoformat")) return py::str(v.attr("isoformat")());
  throw py::type_error("when must be a datetime.datetime, datetime.date or an ISO string");
}

py::module_ frames() { return py::module_::import("ecredit._frames"); }

}  // namespace ecredit::pybind
