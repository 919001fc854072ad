// write_sample (include/ecredit/sample.hpp): checks the options and runs the generator.
#include "ecredit/sample.hpp"

#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "generator.hpp"

ECREDIT_BEGIN_NAMESPACE

SampleSummary write_sample(const std::string& dir, const SampleOptions& options) {
  if (options.subjects == 0 || options.subjects > sample::kMaxSubjects)
    throw InvalidInputError("sample: subjects must be between 1 and 10,000,000, got " +
                            std::to_string(options.subjects));
  if (options.as_of < sample::ymd_day(2010, 1, 1) || options.as_of > sample::ymd_day(2090, 12, 31))
    throw InvalidInputError("sample: as_of must be between 2010-01-01 and 2090-12-31, got " +
                            sample::iso(options.as_of));
  if (options.unfiled_per_mille > 1000)
    throw InvalidInputError("sample: unfiled_per_mille is at most 1000, got " +
                            std::to_string(options.unfiled_per_mille));
  if (dir.empty()) throw InvalidInputError("sample: no folder given");
  const auto engine = Engine::default_engine();
  sample::Generator g(*engine, std::filesystem::path(dir), options);
  return g.run();
}

ECREDIT_END_NAMESPACE
