/// Exceptions: ecredit throws for misuse and unreadable input, never for findings
/// (an invalid code or a bad row is data in a result). See docs/error-handling.md.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

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
