// What the ecredit program's commands share (main.cpp, archive_cli.cpp): the pack, --lang,
// whole-number options, reading a file or standard input.
#pragma once

#include <charconv>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "ecredit/engine.hpp"
#include "ecredit/file.hpp"

namespace ecredit_cli {

constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

inline std::shared_ptr<const ecredit::Engine> engine_for(const std::string& pack) {
  return pack.empty() ? ecredit::Engine::default_engine() : ecredit::Engine::load(pack);
}

// The text of a file, or of standard input for "-".
inline std::string slurp(const std::string& path, const char* what) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  return ecredit::read_file(path, std::string(what) + " file");  // names the path and the OS's reason
}

// A whole number option, checked: digits only (no sign), within [lo, hi]. CLI11 alone
// would read "-1" as the largest unsigned value and clamp an overflow to it.
template <class T>
T parse_number(const std::string& option, const std::string& text, T lo, T hi) {
  T v{};
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end || v < lo || v > hi)
    throw CLI::ValidationError(option, fmt::format("'{}' is not a whole number from {} to {}", text, lo, hi));
  return v;
}

template <class T>
CLI::Option* add_number(CLI::App* cmd, const std::string& name, T& target, T lo, T hi,
                        const std::string& help) {
  return cmd
      ->add_option_function<std::string>(
          name, [&target, name, lo, hi](const std::string& s) { target = parse_number<T>(name, s, lo, hi); },
          fmt::format("{} ({} to {})", help, lo, hi))
      ->type_name("N");
}

inline CLI::Option* add_lang(CLI::App* cmd, std::string& lang) {
  return cmd->add_option("--lang", lang, "Language of the messages: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
}

// A cell of tab-separated output: tabs and line breaks become spaces.
inline std::string cell(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace ecredit_cli
