// Cells: each field type's check (normalising the value in place), then the field's
// constraints (length, range, dates, pattern). The check is chosen from a table indexed
// by FieldType.
#include <re2/re2.h>

#include <array>
#include <cstdlib>

#include <fmt/format.h>

#include "checker.hpp"
#include "ecredit/id.hpp"

namespace ecredit::detail {

namespace {

struct TypeNames {
  const char* zh;
  const char* en;
};

/// Each field type's name in messages, in FieldType order.
constexpr std::array<TypeNames, 10> kTypeNames = {{
    {"文本", "text"},
    {"整数", "integer"},
    {"数值", "number"},
    {"日期", "date"},
    {"日期时间", "date-time"},
    {"是/否值", "yes/no value"},
    {"代码", "code"},
    {"统一社会信用代码", "unified social credit code"},
    {"组织机构代码", "organisation code"},
    {"公民身份号码", "resident ID number"},
}};

TypeNames type_names(FieldType t) {
  const auto i = static_cast<std::size_t>(t);
  return i < kTypeNames.size() ? kTypeNames[i] : TypeNames{"值", "value"};
}

using CellCheck = bool (Checker::*)(std::size_t, const std::string&);

/// The check of each field type, in FieldType order.
constexpr std::array<CellCheck, 10> kCellChecks = {
    &Checker::check_string,   // string
    &Checker::check_integer,  // integer
    &Checker::check_decimal,  // decimal
    &Checker::check_date,     // date
    &Checker::check_date,     // datetime
    &Checker::check_boolean,  // boolean
    &Checker::check_code,     // code
    &Checker::check_uscc_cell, &Checker::check_org_code_cell, &Checker::check_resident_id_cell,
};
static_assert(static_cast<std::size_t>(FieldType::resident_id) + 1 == kCellChecks.size() &&
                  kCellChecks.size() == kTypeNames.size(),
              "one cell check and one name per FieldType");
static_assert(static_cast<std::size_t>(FieldType::datetime) == 4 &&
                  static_cast<std::size_t>(FieldType::code) == 6 &&
                  static_cast<std::size_t>(FieldType::uscc) == 7,
              "kCellChecks follows FieldType's order");

}  // namespace

void Checker::check_cell(std::size_t f) {
  const std::string raw = values_[f];
  const auto type = static_cast<std::size_t>(ds_.fields[f].type);
  if (type < kCellChecks.size() && (this->*kCellChecks[type])(f, raw)) check_constraints(f, raw);
}

bool Checker::check_string(std::size_t, const std::string&) { return true; }

bool Checker::check_number(std::size_t f, const std::string& raw, bool (*parse)(std::string_view) noexcept) {
  std::string& v = values_[f];
  v = half_width(v);
  if (parse(v)) return true;
  type_error(f, raw);
  return false;
}

bool Checker::check_integer(std::size_t f, const std::string& raw) {
  return check_number(f, raw, detail::parse_integer);
}

bool Checker::check_decimal(std::size_t f, const std::string& raw) {
  return check_number(f, raw, detail::parse_decimal);
}

bool Checker::check_date(std::size_t f, const std::string& raw) {
  const Field& fd = ds_.fields[f];
  std::string& v = values_[f];
  const auto d = detail::parse_date_time(half_width(v), fd.type == FieldType::datetime);
  if (!d) {
    type_error(f, raw, "（可用格式：2023-05-01、2023/5/1、2023年5月1日、20230501）",
               " (accepted: 2023-05-01, 2023/5/1, 2023年5月1日, 20230501)");
    return false;
  }
  v = d->text;
  if (d->excel_serial)
    cell(f, "excel-serial-date", Severity::warning, raw, [&] {
      return Words{
          fmt::format("「{}」的值「{}」按Excel日期序号解读为{}，请核实", label(f), raw, v),
          fmt::format("'{}' in '{}' was read as an Excel serial date: {}; verify it", raw, fd.name, v)};
    });
  return true;
}

bool Checker::check_boolean(std::size_t f, const std::string& raw) {
  const auto b = detail::parse_boolean(half_width(values_[f]));
  if (!b) {
    type_error(f, raw, "（可用：是/否、true/false、1/0）", " (accepted: 是/否, true/false, 1/0)");
    return false;
  }
  values_[f] = *b ? "true" : "false";
  return true;
}

bool Checker::check_code(std::size_t f, const std::string& raw) {
  const Field& fd = ds_.fields[f];
  std::string& v = values_[f];
  const std::vector<std::string> parts = fd.multiple ? detail::split_multi(v) : std::vector<std::string>{v};
  std::string out;
  for (const std::string& p : parts) {
    const Code* c = fd.table->find(p);
    if (c == nullptr) {
      cell(f, "code-not-in-table", Severity::error, raw, [&] {
        return Words{
            fmt::format("「{}」的值「{}」不在代码表「{}」中", label(f), shown(fd, p), fd.table->title),
            fmt::format("'{}' in '{}' is not in code table '{}'", shown(fd, p), fd.name, fd.table->name)};
      });
      return false;
    }
    if (!out.empty()) out.push_back(';');
    out += c->code;
  }
  v = out;
  return true;
}

bool Checker::check_uscc_cell(std::size_t f, const std::string& raw) {
  const IdResult r = check_uscc(values_[f]);
  values_[f] = r.normalized;
  if (r.status != IdStatus::valid) id_finding(f, raw, r, "uscc-");
  return r.status != IdStatus::invalid;  // a legacy code: a warning, and its constraints apply
}

bool Checker::check_org_code_cell(std::size_t f, const std::string& raw) {
  const IdResult r = check_org_code(values_[f]);
  values_[f] = r.normalized;
  if (r.status == IdStatus::valid) return true;
  id_finding(f, raw, r, "org-code-");
  return false;
}

bool Checker::check_resident_id_cell(std::size_t f, const std::string& raw) {
  const IdResult r = check_resident_id(values_[f]);
  values_[f] = r.converted.empty() ? r.normalized : r.converted;
  if (r.status != IdStatus::valid) id_finding(f, raw, r, "resident-id-");
  return r.status != IdStatus::invalid;
}

void Checker::type_error(std::size_t f, const std::string& raw, const char* hint_zh, const char* hint_en) {
  const Field& fd = ds_.fields[f];
  cell(f, "type-error", Severity::error, raw, [&] {
    const TypeNames tn = type_names(fd.type);
    return Words{fmt::format("「{}」的值「{}」不是有效的{}{}", label(f), shown(fd, raw), tn.zh, hint_zh),
                 fmt::format("'{}' in '{}' is not a valid {}{}", shown(fd, raw), fd.name, tn.en, hint_en)};
  });
}

void Checker::id_finding(std::size_t f, const std::string& raw, const IdResult& r, const char* prefix) {
  const Field& fd = ds_.fields[f];
  const bool legacy = r.status == IdStatus::legacy;
  const std::string type =
      std::string(prefix) + (legacy ? std::string("legacy") : std::string(to_string(r.reason)));
  cell(f, type, legacy ? Severity::warning : Severity::error, raw, [&] {
    const TypeNames tn = type_names(fd.type == FieldType::string ? FieldType::resident_id : fd.type);
    return Words{fmt::format("「{}」的{}「{}」{}{}", label(f), tn.zh, shown(fd, raw),
                             describe(r.reason, "zh"), legacy ? "（旧版代码，请核实）" : ""),
                 fmt::format("{} '{}' in '{}': {}{}", tn.en, shown(fd, raw), fd.name,
                             describe(r.reason, "en"), legacy ? " (legacy code: verify it)" : "")};
  });
}

void Checker::check_constraints(std::size_t f, const std::string& raw) {
  const Field& fd = ds_.fields[f];
  const std::string& v = values_[f];
  auto constraint = [&](auto&& words) { cell(f, "constraint-error", Severity::error, raw, words); };
  if (fd.min_length || fd.max_length) {
    const std::size_t n = detail::char_count(v);
    if (fd.max_length && n > *fd.max_length)
      return constraint([&] {
        return Words{
            fmt::format("「{}」长度为{}个字符，超过上限{}", label(f), n, *fd.max_length),
            fmt::format("'{}' is {} characters long; at most {} allowed", fd.name, n, *fd.max_length)};
      });
    if (fd.min_length && n < *fd.min_length)
      return constraint([&] {
        return Words{
            fmt::format("「{}」长度为{}个字符，少于下限{}", label(f), n, *fd.min_length),
            fmt::format("'{}' is {} characters long; at least {} required", fd.name, n, *fd.min_length)};
      });
  }
  if (fd.minimum || fd.maximum) {
    const double x = std::strtod(v.c_str(), nullptr);
    if (fd.minimum && x < *fd.minimum)
      return constraint([&] {
        return Words{fmt::format("「{}」的值{}小于下限{}", label(f), v, *fd.minimum),
                     fmt::format("'{}' is {}, below the minimum {}", fd.name, v, *fd.minimum)};
      });
    if (fd.maximum && x > *fd.maximum)
      return constraint([&] {
        return Words{fmt::format("「{}」的值{}大于上限{}", label(f), v, *fd.maximum),
                     fmt::format("'{}' is {}, above the maximum {}", fd.name, v, *fd.maximum)};
      });
  }
  if (fd.min_date && v.compare(0, 10, *fd.min_date) < 0)
    return constraint([&] {
      return Words{fmt::format("「{}」的日期{}早于{}", label(f), v, *fd.min_date),
                   fmt::format("'{}' is {}, before {}", fd.name, v, *fd.min_date)};
    });
  if (fd.max_date && v.compare(0, 10, *fd.max_date) > 0)
    return constraint([&] {
      return Words{fmt::format("「{}」的日期{}晚于{}", label(f), v, *fd.max_date),
                   fmt::format("'{}' is {}, after {}", fd.name, v, *fd.max_date)};
    });
  if (fd.regex && !RE2::FullMatch(v, *fd.regex))
    return constraint([&] {
      return Words{
          fmt::format("「{}」的值「{}」格式不符合要求", label(f), shown(fd, v)),
          fmt::format("'{}' in '{}' does not match the pattern {}", shown(fd, v), fd.name, fd.pattern)};
    });
}

}  // namespace ecredit::detail
