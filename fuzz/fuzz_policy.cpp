// Any bytes as one file of a policy pack: the loader either loads the pack or throws
// PolicyError — nothing else. The first byte picks the file (catalog.json, codes.json,
// grading.json, pack.json or appointment.json); the others are those of the small test pack
// tests/data/packs/mini (the seeds in fuzz/corpus/fuzz_policy are its files), read once.
// (A base of the built-in pack made every input parse ~260 KB of unchanged JSON: ~40
// inputs a second. The mini pack is complete, so an input can load all the way.)
#include <ecredit/ecredit.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz_policy: cannot read %s\n", path.c_str());
    std::abort();
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* const kTargets[] = {"catalog.json", "codes.json", "grading.json", "pack.json",
                                "appointment.json"};

const std::map<std::string, std::string>& base() {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> f;
    for (const char* name : kTargets) f[name] = slurp(std::string(ECREDIT_FUZZ_PACK) + "/" + name);
    // The unchanged base loads: a fuzz run that starts from a broken base finds nothing.
    (void)ecredit::Engine::from_files(f, "fuzz");
    return f;
  }();
  return files;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)base();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto files = base();
  files[kTargets[data[0] % 5]] = std::string(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    (void)ecredit::Engine::from_files(files, "fuzz");
  } catch (const ecredit::PolicyError&) {
  }
  return 0;
}
