/// Exceptions: ecredit throws for misuse and unreadable input, never for findings
/// (an invalid code or a bad row is data in a result). See docs/error-handling.md.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE

/// Base of every ecredit exception.
class ECREDIT_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An argument the caller passed is unusable (unknown kind name, bad option, ...).
class ECREDIT_API InvalidInputError : public Error {
 public:
  using Error::Error;
};

/// A named thing (dataset, model, subject, ...) does not exist.
class ECREDIT_API NotFoundError : public Error {
 public:
  using Error::Error;
};

/// A file or folder could not be read or written. `what()` says what was being done,
/// the path exactly as the caller gave it and the operating system's reason:
/// `cannot read data folder 'data/': No such file or directory`. `code()` is the
/// errno value in std::generic_category() (EISDIR for a folder given as a file).
class ECREDIT_API IoError : public Error {
 public:
  /// `action` e.g. "cannot read data folder"; the message is `action 'path': reason`.
  IoError(std::string_view action, std::string path, std::error_code code);
  const std::string& path() const noexcept { return path_; }
  std::error_code code() const noexcept { return code_; }

 private:
  std::string path_;
  std::error_code code_;
};

/// The file or folder does not exist (ENOENT). Distinct from NotFoundError, which is
/// for named things inside a pack or registry (a dataset id, a model, a subject).
class ECREDIT_API PathNotFoundError : public IoError {
 public:
  using IoError::IoError;
};

/// The one formatter of path errors: throws PathNotFoundError when `code` is
/// "no such file or directory", IoError otherwise (see IoError for the message).
[[noreturn]] ECREDIT_API void throw_io_error(std::string_view action, const std::string& path,
                                             std::error_code code);

/// A policy file (or built-in table) is broken. `what()` names the file, the JSON
/// pointer and the line/column when they are known.
class ECREDIT_API PolicyError : public Error {
 public:
  PolicyError(std::string message, std::string file = {}, std::string pointer = {}, std::size_t line = 0,
              std::size_t column = 0);
  const std::string& file() const noexcept { return file_; }
  const std::string& pointer() const noexcept { return pointer_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::string file_, pointer_;
  std::size_t line_ = 0, column_ = 0;
};

ECREDIT_END_NAMESPACE
