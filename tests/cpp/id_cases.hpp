// Reads tests/data/id_cases.tsv, the identifier cases shared by every interface.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

struct IdCase {
  int line = 0;
  std::string input, check_as, kind, status, reason, normalized, birth_date, sex, permit, converted;
};

inline std::vector<IdCase> load_id_cases() {
  std::ifstream in(std::string(ECREDIT_TEST_DATA) + "/id_cases.tsv");
  if (!in) throw std::runtime_error("cannot open id_cases.tsv");
  std::vector<IdCase> cases;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::string cell;
    std::istringstream ss(line);
    while (std::getline(ss, cell, '\t')) f.push_back(cell);
    f.resize(10);
    cases.push_back({n, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]});
  }
  return cases;
}
