// Any bytes as catalog.json (and, from the first byte, as one of the other pack files)
// of the built-in pack: the loader either loads it or throws PolicyError — nothing else.
#include <ecredit/ecredit.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::map<std::string, std::string> base = [] {
    std::map<std::string, std::string> f;
    for (const char* name : {"pack.json", "codes.json", "catalog.json", "grading.json"})
      f[name] = slurp(std::string(ECREDIT_POLICIES) + "/gz-energy/" + name);
    return f;
  }();
  if (size == 0) return 0;
  static const char* targets[] = {"catalog.json", "codes.json", "grading.json", "pack.json"};
  auto files = base;
  files[targets[data[0] % 4]] = std::string(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    (void)ecredit::Engine::from_files(files, "fuzz");
  } catch (const ecredit::PolicyError&) {
  }
  return 0;
}
