// Reading policy JSON with errors that name file, JSON pointer and line/column.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ecredit::detail {

/// A parsed policy file; keeps the text to turn JSON pointers into line/column.
struct JsonDoc {
  std::string file;
  std::string text;
  nlohmann::json root;
};

/// Parses `text`; a syntax error is a PolicyError with the line/column of the error.
JsonDoc parse_policy_json(std::string file, std::string text);

/// 1-based line and column (in characters) of the value at `pointer` in `text`; the
/// nearest existing ancestor when the pointer does not resolve.
std::pair<std::size_t, std::size_t> locate(std::string_view text, std::string_view pointer);

/// A position in a policy document, for typed reading with located errors.
class Node {
 public:
  Node(const JsonDoc& doc, const nlohmann::json& j, std::string pointer)
      : doc_(&doc), j_(&j), ptr_(std::move(pointer)) {}

  const nlohmann::json& json() const noexcept { return *j_; }
  const std::string& pointer() const noexcept { return ptr_; }
  bool is_object() const noexcept { return j_->is_object(); }

  /// Throws PolicyError at this node.
  [[noreturn]] void fail(const std::string& message) const;

  /// The member `key` (required) / if present.
  Node at(const std::string& key) const;
  std::optional<Node> get(const std::string& key) const;
  /// Elements of an array (fails when not an array).
  std::vector<Node> elements() const;
  /// Members of an object, in key order.
  std::vector<std::pair<std::string, Node>> members() const;
  /// Fails on a member outside `allowed` (typos must not be ignored silently).
  void allow_only(std::initializer_list<std::string_view> allowed) const;

  std::string str() const;
  bool boolean() const;
  double number() const;
  std::size_t count() const;  ///< a non-negative integer
  std::vector<std::string> strings() const;

  /// The string member `key`, or `fallback` when absent.
  std::string str_or(const std::string& key, std::string fallback = {}) const;

 private:
  const JsonDoc* doc_;
  const nlohmann::json* j_;
  std::string ptr_;
};

/// A legal citation (`basis`): a string, or an object {"doc", "article", "url", "confirmed",
/// "unconfirmed", "source"}. `text` is "doc article" (the clean citation, no status);
/// `confirmed` is false when the object says so or names what is `unconfirmed`.
struct Basis {
  std::string text, url, source, unconfirmed;
  bool confirmed = true;
};

/// Reads a citation; a PolicyError at the offending member for an unknown key, a wrong
/// type, a missing or empty doc, or "confirmed": true together with "unconfirmed".
Basis read_basis(const Node& n);

/// A JSON pointer token with ~ and / escaped.
std::string pointer_token(std::string_view key);

}  // namespace ecredit::detail
