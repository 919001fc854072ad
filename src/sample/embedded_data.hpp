// The sample market's data files (data/sample/), compiled into ecredit_sample by
// cmake/EmbedFiles.cmake (its own generated file, apart from the library's policies/).
#pragma once

#include <string_view>
#include <vector>

namespace ecredit::sample_data {

/// The bytes of an embedded file by its name under data/sample/ (e.g. "archetypes.json");
/// empty when there is no such file.
std::string_view embedded_file(std::string_view name) noexcept;

/// Every embedded name, in build order.
const std::vector<std::string_view>& embedded_names();

}  // namespace ecredit::sample_data
