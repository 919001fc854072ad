#include "ecredit/error.hpp"

#include <utility>

ECREDIT_BEGIN_NAMESPACE

namespace {
std::string locate(const std::string& message, const std::string& file, const std::string& pointer,
                   std::size_t line, std::size_t column) {
  std::string where = file;
  if (!pointer.empty()) where += (where.empty() ? "" : " ") + std::string("at ") + pointer;
  if (line > 0)
    where += (where.empty() ? "" : " ") + std::string("(line ") + std::to_string(line) + ", column " +
             std::to_string(column) + ")";
  return where.empty() ? message : where + ": " + message;
}
}  // namespace

IoError::IoError(std::string_view action, std::string path, std::error_code code)
    : Error(std::string(action) + " '" + path + "': " + code.message()),
      path_(std::move(path)),
      code_(code) {}

void throw_io_error(std::string_view action, const std::string& path, std::error_code code) {
  // One category for every caller: std::filesystem and errno both give POSIX values.
  if (code.category() == std::system_category())
    code = std::error_code(code.value(), std::generic_category());
  if (code == std::errc::no_such_file_or_directory) throw PathNotFoundError(action, path, code);
  throw IoError(action, path, code);
}

PolicyError::PolicyError(std::string message, std::string file, std::string pointer, std::size_t line,
                         std::size_t column)
    : Error(locate(message, file, pointer, line, column)),
      file_(std::move(file)),
      pointer_(std::move(pointer)),
      line_(line),
      column_(column) {}

ECREDIT_END_NAMESPACE
