#include "validate_text.hpp"

#include "text.hpp"

#include "ecredit/error.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include <date/date.h>

namespace ecredit::detail {

namespace {
bool is_space_at(std::string_view s, std::size_t i, std::size_t& len) noexcept {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
    len = 1;
    return true;
  }
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    len = 3;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    len = 2;
    return true;
  }
  return false;
}

bool digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) noexcept {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

std::string_view trim(std::string_view s) noexcept {
  std::size_t len = 0;
  while (!s.empty() && is_space_at(s, 0, len)) s.remove_prefix(len);
  while (!s.empty()) {
    const auto c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

std::string half_width(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char folded = 0;
    if (*p >= 0x80) {
      if (const std::size_t n = fold_wide(p, static_cast<std::size_t>(end - p), folded)) {
        out.push_back(static_cast<char>(folded));
        p += n;
        continue;
      }
    }
    out.push_back(static_cast<char>(*p++));
  }
  return out;
}

std::size_t char_count(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string clip(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

bool parse_integer(std::string_view s) noexcept {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return digits(s);
}

bool parse_decimal(std::string_view s) noexcept {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  const auto dot = s.find('.');
  if (dot == std::string_view::npos) return digits(s);
  const auto a = s.substr(0, dot), b = s.substr(dot + 1);
  return (a.empty() || digits(a)) && (b.empty() || digits(b)) && !(a.empty() && b.empty());
}

std::optional<DateValue> parse_date_time(std::string_view s, bool datetime) {
  int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0;
  bool excel = false;
  std::string_view rest;
  // the date part
  if (s.size() == 8 && digits(s)) {
    y = to_int(s.substr(0, 4));
    m = to_int(s.substr(4, 2));
    d = to_int(s.substr(6, 2));
  } else if (s.size() == 5 && digits(s)) {
    // Excel serial day number (1900 date system, day 60 = the fictitious 1900-02-29)
    const int serial = to_int(s);
    const date::sys_days day = date::sys_days{date::year{1899} / date::December / 30} + date::days{serial};
    const date::year_month_day ymd{day};
    y = static_cast<int>(ymd.year());
    m = static_cast<int>(static_cast<unsigned>(ymd.month()));
    d = static_cast<int>(static_cast<unsigned>(ymd.day()));
    excel = true;
  } else {
    std::size_t i = 0;
    auto number = [&](std::size_t max_len) -> int {
      const std::size_t start = i;
      while (i < s.size() && i - start < max_len && s[i] >= '0' && s[i] <= '9') ++i;
      return i == start ? -1 : to_int(s.substr(start, i - start));
    };
    auto sep = [&](std::string_view options) -> bool {
      for (std::string_view o : {std::string_view("-"), std::string_view("/"), std::string_view("."),
                                 std::string_view("年"), std::string_view("月")}) {
        if (options.find(o) == std::string_view::npos) continue;
        if (s.substr(i, o.size()) == o) {
          i += o.size();
          return true;
        }
      }
      return false;
    };
    const std::size_t y_start = i;
    y = number(4);
    if (y < 0 || i - y_start != 4) return std::nullopt;
    const bool chinese = s.substr(i, 3) == "年";
    if (!sep(chinese ? "年" : "-/.")) return std::nullopt;
    m = number(2);
    if (m < 0) return std::nullopt;
    if (chinese) {
      if (!sep("月")) return std::nullopt;
    } else if (!sep("-/.")) {
      return std::nullopt;
    }
    d = number(2);
    if (d < 0) return std::nullopt;
    if (chinese && s.substr(i, 3) == "日") i += 3;
    rest = s.substr(i);
  }
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < 1000) return std::nullopt;
  // an optional time
  bool has_time = false;
  if (!rest.empty()) {
    if (rest[0] != ' ' && rest[0] != 'T') return std::nullopt;
    rest.remove_prefix(1);
    while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    if (!(rest.size() == 5 || rest.size() == 8) || rest[2] != ':' || (rest.size() == 8 && rest[5] != ':'))
      return std::nullopt;
    if (!digits(rest.substr(0, 2)) || !digits(rest.substr(3, 2)) ||
        (rest.size() == 8 && !digits(rest.substr(6, 2))))
      return std::nullopt;
    hh = to_int(rest.substr(0, 2));
    mm = to_int(rest.substr(3, 2));
    ss = rest.size() == 8 ? to_int(rest.substr(6, 2)) : 0;
    if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
    has_time = true;
  }
  if (!datetime && has_time && (hh != 0 || mm != 0 || ss != 0)) return std::nullopt;
  DateValue v;
  v.excel_serial = excel;
  // Hand-formatted: this runs for every date cell.
  auto put2 = [&](int x) {
    v.text.push_back(static_cast<char>('0' + x / 10));
    v.text.push_back(static_cast<char>('0' + x % 10));
  };
  v.text.reserve(19);
  put2(y / 100);
  put2(y % 100);
  v.text.push_back('-');
  put2(m);
  v.text.push_back('-');
  put2(d);
  if (datetime) {
    v.text.push_back('T');
    put2(hh);
    v.text.push_back(':');
    put2(mm);
    v.text.push_back(':');
    put2(ss);
  }
  return v;
}

std::optional<bool> parse_boolean(std::string_view s) {
  std::string k(s);
  for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view t : {"true", "1", "y", "yes", "t", "是"})
    if (k == t) return true;
  for (std::string_view f : {"false", "0", "n", "no", "f", "否"})
    if (k == f) return false;
  return std::nullopt;
}

std::vector<std::string> split_multi(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    const auto part = trim(s.substr(start, end - start));
    if (!part.empty()) out.emplace_back(part);
  };
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    if (s[i] == ';' || s[i] == ',')
      len = 1;
    else if (s.substr(i, 3) == "；" || s.substr(i, 3) == "，" || s.substr(i, 3) == "、")
      len = 3;
    if (len > 0) {
      flush(i);
      i += len;
      start = i;
    } else {
      ++i;
    }
  }
  flush(s.size());
  return out;
}

void write_csv_row(std::ostream& os, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) os.put(',');
    const std::string& c = cells[i];
    if (c.find_first_of(",\"\r\n") == std::string::npos) {
      os << c;
      continue;
    }
    os.put('"');
    for (char ch : c) {
      if (ch == '"') os.put('"');
      os.put(ch);
    }
    os.put('"');
  }
  os.put('\n');
}

std::optional<std::string> json_cell(const nlohmann::json& v) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v) {
      if (!out.empty()) out.push_back(';');
      out += e.is_string() ? e.get<std::string>() : e.dump();
    }
    return out;
  }
  return v.dump();
}

std::size_t SeenTable::insert(std::uint64_t hash, std::size_t row) {
  if (hash == 0) hash = 1;  // 0 marks an empty slot
  if ((size_ + 1) * 10 > keys_.size() * 7) grow();
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(hash * 0x9E3779B97F4A7C15ull) & mask;; i = (i + 1) & mask) {
    if (keys_[i] == hash) return rows_[i];
    if (keys_[i] == 0) {
      keys_[i] = hash;
      rows_[i] = static_cast<std::uint32_t>(row > 0xFFFFFFFFu ? 0xFFFFFFFFu : row);
      ++size_;
      return 0;
    }
  }
}

void SeenTable::grow() {
  std::vector<std::uint64_t> old_keys = std::move(keys_);
  std::vector<std::uint32_t> old_rows = std::move(rows_);
  const std::size_t n = old_keys.empty() ? 1024 : old_keys.size() * 2;
  keys_.assign(n, 0);
  rows_.assign(n, 0);
  size_ = 0;
  for (std::size_t i = 0; i < old_keys.size(); ++i)
    if (old_keys[i] != 0) insert(old_keys[i], old_rows[i]);
}

bool LineReader::fill() {
  if (eof_) return false;
  errno = 0;
  in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  end_ = static_cast<std::size_t>(in_.gcount());
  if (in_.bad()) {
    const std::error_code ec(errno != 0 ? errno : EIO, std::generic_category());
    if (!source_.empty()) throw_io_error("cannot read JSON Lines file", source_, ec);
    throw Error("JSON Lines input: read error: " + ec.message());
  }
  pos_ = 0;
  bytes_ += end_;
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

bool LineReader::next(std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  for (;;) {
    if (pos_ >= end_ && !fill()) return any;
    any = true;
    const char* start = buf_.data() + pos_;
    const void* nl = std::memchr(start, '\n', end_ - pos_);
    const std::size_t n = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
    if (!too_long) {
      if (line.size() + n > max_) {
        too_long = true;
        line.clear();
      } else {
        line.append(start, n);
      }
    }
    pos_ += n;
    if (nl) {
      ++pos_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
  }
}

}  // namespace ecredit::detail
