#include "ecredit/catalog.hpp"

#include <string>

#include "text.hpp"

ECREDIT_BEGIN_NAMESPACE

std::string match_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    unsigned char folded = 0;
    if (const std::size_t n = detail::fold_wide(p, static_cast<std::size_t>(end - p), folded)) {
      c = folded;
      p += n;
    } else {
      ++p;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string CodeTable::build_index() {
  index_.clear();
  for (std::size_t i = 0; i < codes.size(); ++i) {
    std::vector<std::string> keys = {codes[i].code, codes[i].label};
    if (!codes[i].label_en.empty()) keys.push_back(codes[i].label_en);
    keys.insert(keys.end(), codes[i].aliases.begin(), codes[i].aliases.end());
    for (const std::string& k : keys) {
      const std::string key = match_key(k);
      if (key.empty()) continue;
      auto [it, inserted] = index_.emplace(key, i);
      if (!inserted && it->second != i) return k;
    }
  }
  return {};
}

const Code* CodeTable::find(std::string_view value) const {
  auto it = index_.find(match_key(value));
  return it == index_.end() ? nullptr : &codes[it->second];
}

std::string_view to_string(FieldType t) noexcept {
  switch (t) {
    case FieldType::string:
      return "string";
    case FieldType::integer:
      return "integer";
    case FieldType::decimal:
      return "decimal";
    case FieldType::date:
      return "date";
    case FieldType::datetime:
      return "datetime";
    case FieldType::boolean:
      return "boolean";
    case FieldType::code:
      return "code";
    case FieldType::uscc:
      return "uscc";
    case FieldType::org_code:
      return "org_code";
    case FieldType::resident_id:
      return "resident_id";
  }
  return "?";
}

std::string_view to_string(Severity s) noexcept { return s == Severity::error ? "error" : "warning"; }

std::ptrdiff_t Dataset::field_index(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<std::ptrdiff_t>(i);
  return -1;
}

const Dataset* Catalog::find(std::string_view id) const {
  for (const auto& d : datasets)
    if (d.id == id) return &d;
  return nullptr;
}

ECREDIT_END_NAMESPACE
