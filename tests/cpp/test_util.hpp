// Helpers shared by the C++ tests: case files and the built-in pack's source files.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace test_util {

inline const std::string kData = ECREDIT_TEST_DATA;

/// The non-empty items of `s` separated by `sep`.
inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep))
    if (!cur.empty()) out.push_back(cur);
  return out;
}

/// The rows of a tab-separated case file under tests/data: header and '#' lines
/// skipped, every field kept (empty ones too).
inline std::vector<std::vector<std::string>> case_rows(const std::string& file) {
  std::ifstream in(kData + "/" + file);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> c;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i)
      if (i == line.size() || line[i] == '\t') {
        c.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    rows.push_back(std::move(c));
  }
  return rows;
}

/// The files of the built-in pack (policies/gz-energy), to mutate and load with Engine::from_files.
inline std::map<std::string, std::string> pack_files() {
  std::map<std::string, std::string> files;
  for (const char* name : {"pack.json", "codes.json", "catalog.json", "grading.json", "measures.json",
                           "repair.json", "calendar.json"}) {
    std::ifstream in(kData + "/../../policies/gz-energy/" + name, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    files[name] = ss.str();
  }
  return files;
}

}  // namespace test_util
