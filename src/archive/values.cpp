// ValueCodec (values.hpp): the stored form of a version's values, written and read by hand.
#include "archive/values.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "ecredit/error.hpp"
#include "io/csv.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace archive {

namespace {

/// Appends `v` (valid UTF-8) as a JSON string the way nlohmann::json's serializer does
/// with ensure_ascii = false: bytes from 0x20 on as they are, but for '"' and '\\'.
void append_string(std::string& out, std::string_view v) {
  static const char* const hex = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes copied as they are
  for (std::size_t i = 0; i < v.size();) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(v.data() + run, i - run);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    }
    run = ++i;
  }
  out.append(v.data() + run, v.size() - run);
  out += '"';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool read_hex4(std::string_view s, std::size_t& i, unsigned& cp) {
  if (i + 4 > s.size()) return false;
  cp = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const int d = hex_digit(s[i + k]);
    if (d < 0) return false;
    cp = cp * 16 + static_cast<unsigned>(d);
  }
  i += 4;
  return true;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Reads the JSON string starting at s[i] (a '"') into `out`; i moves past it. False on
/// anything the fast reader leaves to nlohmann (a lone surrogate, a bad escape).
bool read_string(std::string_view s, std::size_t& i, std::string& out) {
  out.clear();
  if (i >= s.size() || s[i] != '"') return false;
  std::size_t run = ++i;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      out.append(s.data() + run, i - run);
      ++i;
      return true;
    }
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (c != '\\') continue;
    out.append(s.data() + run, i - run);
    if (++i >= s.size()) return false;
    switch (s[i]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        std::size_t k = i + 1;
        unsigned cp = 0;
        if (!read_hex4(s, k, cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned lo = 0;
          if (k + 1 >= s.size() || s[k] != '\\' || s[k + 1] != 'u') return false;
          k += 2;
          if (!read_hex4(s, k, lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return false;
        }
        append_utf8(out, cp);
        i = k - 1;
        break;
      }
      default:
        return false;
    }
    run = i + 1;
  }
  return false;
}

}  // namespace

ValueCodec::ValueCodec(const Dataset& ds) : ds_(&ds) {
  by_name_.reserve(ds.fields.size());
  for (std::size_t i = 0; i < ds.fields.size(); ++i) by_name_.emplace_back(ds.fields[i].name, i);
  std::sort(by_name_.begin(), by_name_.end());
}

std::string ValueCodec::encode(const std::vector<std::string>& values) const {
  if (values.size() != ds_->fields.size())
    throw InvalidInputError(std::to_string(values.size()) + " values for the " +
                            std::to_string(ds_->fields.size()) + " fields of dataset " + ds_->id);
  for (const auto& v : values)
    if (!io::valid_utf8(v)) {
      // not UTF-8 (validated rows are; a host's rows may not be): nlohmann's replacement
      nlohmann::json o = nlohmann::json::object();
      for (std::size_t k = 0; k < values.size(); ++k) o[ds_->fields[k].name] = values[k];
      return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  std::string out;
  std::size_t bytes = 2;
  for (const auto& v : values) bytes += v.size() + 8;
  for (const auto& [name, i] : by_name_) bytes += name.size();
  out.reserve(bytes);
  out += '{';
  for (const auto& [name, i] : by_name_) {
    if (out.size() > 1) out += ',';
    append_string(out, name);  // field names: ASCII (catalog ids)
    out += ':';
    append_string(out, values[i]);
  }
  out += '}';
  return out;
}

std::size_t ValueCodec::field_of(std::string_view name, std::size_t hint) const {
  // stored keys are in the same byte order as by_name_: the next one is usually `hint`
  if (hint < by_name_.size() && by_name_[hint].first == name) return hint;
  auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name,
                             [](const auto& p, std::string_view n) { return p.first < n; });
  if (it != by_name_.end() && it->first == name) return static_cast<std::size_t>(it - by_name_.begin());
  return by_name_.size();
}

bool ValueCodec::decode_fast(std::string_view s, std::vector<std::string>& out) const {
  std::size_t i = 0;
  if (s.size() < 2 || s[0] != '{') return false;
  ++i;
  if (s[i] == '}') return i + 1 == s.size();
  std::string key;
  std::size_t hint = 0;
  for (;;) {
    if (!read_string(s, i, key) || i >= s.size() || s[i] != ':') return false;
    ++i;
    const std::size_t at = field_of(key, hint);
    if (at < by_name_.size()) {
      if (!read_string(s, i, out[by_name_[at].second])) return false;
      hint = at + 1;
    } else {
      std::string ignored;
      if (!read_string(s, i, ignored)) return false;
    }
    if (i >= s.size()) return false;
    if (s[i] == '}') return i + 1 == s.size();
    if (s[i] != ',') return false;
    ++i;
  }
}

void ValueCodec::decode(std::string_view text, std::vector<std::string>& out) const {
  out.assign(ds_->fields.size(), std::string());
  if (decode_fast(text, out)) return;
  out.assign(ds_->fields.size(), std::string());
  nlohmann::json o;
  try {
    o = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw InvalidInputError("stored values of dataset " + ds_->id + " are not JSON: " + e.what());
  }
  if (!o.is_object())
    throw InvalidInputError("stored values of dataset " + ds_->id + " are not a JSON object");
  for (const auto& [name, i] : by_name_) {
    auto it = o.find(std::string(name));
    if (it == o.end()) continue;
    if (!it->is_string())
      throw InvalidInputError("stored value of " + ds_->id + "." + std::string(name) + " is not a string");
    out[i] = it->get<std::string>();
  }
}

}  // namespace archive
ECREDIT_END_NAMESPACE
