// Helpers shared by the C++ tests: case files and the built-in pack's source files.
#pragma once

#include <doctest/doctest.h>

#include <iconv.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace test_util {

inline const std::string kData = ECREDIT_TEST_DATA;

/// A folder `ecredit_<name>` under the system temp directory: removed first, created when
/// `create`, removed again when the test ends.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name, bool create = false)
      : path(std::filesystem::temp_directory_path() / ("ecredit_" + name)) {
    std::filesystem::remove_all(path);
    if (create) std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string str() const { return path.string(); }
  /// Writes `text` to the file `name` in the folder; its path.
  std::string file(const std::string& name, const std::string& text = "x\n") const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

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

/// `utf8` re-encoded as GB18030 (iconv), for encoding tests.
inline std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t il = utf8.size();
  char* op = out.data();
  std::size_t ol = out.size();
  const std::size_t r = iconv(cd, &in, &il, &op, &ol);
  iconv_close(cd);
  REQUIRE(r != static_cast<std::size_t>(-1));
  out.resize(out.size() - ol);
  return out;
}

/// A genuine USCC (9 1 440101 + an 8-digit body from `n` + both check characters), for
/// tests that need many distinct subjects; independent of src/id.cpp's arithmetic.
inline std::string genuine_uscc(unsigned long n) {
  static const char* kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string body = std::to_string(n % 100000000ul);
  body.insert(0, 8 - body.size(), '0');
  static const int kOrgW[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (body[i] - '0') * kOrgW[i];
  const int c9 = 11 - sum % 11;
  std::string code = "91440101" + body + (c9 == 10 ? 'X' : c9 == 11 ? '0' : static_cast<char>('0' + c9));
  sum = 0;
  int w = 1;
  for (int i = 0; i < 17; ++i, w = w * 3 % 31)
    sum += static_cast<int>(std::string(kAlphabet).find(code[i])) * w;
  return code + kAlphabet[(31 - sum % 31) % 31];
}

/// The files of the built-in pack (policies/gz-energy), to mutate and load with Engine::from_files.
inline std::map<std::string, std::string> pack_files() {
  std::map<std::string, std::string> files;
  for (const char* name :
       {"pack.json", "codes.json", "catalog.json", "grading.json", "measures.json", "repair.json",
        "calendar.json", "objections.json", "appointment.json", "monitoring.json"}) {
    std::ifstream in(kData + "/../../policies/gz-energy/" + name, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    files[name] = ss.str();
  }
  return files;
}

}  // namespace test_util
