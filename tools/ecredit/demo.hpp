// `ecredit demo`: the main job end to end on generated sample data (docs/demo.md).
#pragma once

#include <cstdint>
#include <string>

#include "messages.hpp"

namespace ecredit_cli {

struct DemoOptions {
  std::size_t size = 2000;  ///< market subjects generated
  std::uint64_t seed = 1;
  std::string out = "ecredit-demo";
  std::string archive;  ///< the archive file to write; "" = OUT/archive.db (replaced); given: must not exist
  std::string as_of =
      "2025-06-30";          ///< the sample's reference date (the generated records are dated around it)
  bool as_of_given = false;  ///< false: the default, said on stderr
  bool quiet = false;
  Lang lang = Lang::zh;
};

/// Runs the demo; returns the exit status.
int run_demo(const DemoOptions& o);

}  // namespace ecredit_cli
