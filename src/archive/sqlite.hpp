// A thin RAII wrapper over SQLite's C API for the archive (src/archive/): Db (a
// connection), Stmt (a prepared statement), Tx (a transaction rolled back unless
// committed). Every SQLite error becomes an IoError naming the archive's path, what was
// being done and SQLite's own message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "ecredit/config.hpp"
#include "ecredit/error.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace archive {

/// SQLite's result codes as a std::error_category ("sqlite": sqlite3_errstr).
const std::error_category& sqlite_category() noexcept;

class Db;

/// A prepared statement. Bind parameters are 1-based, columns 0-based.
class Stmt {
 public:
  Stmt() = default;
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(std::exchange(o.s_, nullptr)) {}
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind_null(int i);
  /// Not copied (SQLITE_STATIC): `bytes` must outlive the statement's run() or step().
  Stmt& bind_blob(int i, std::string_view bytes);
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind_opt(int i, const std::optional<std::string>& v) { return v ? bind(i, *v) : bind_null(i); }
  /// Advances: true when a row is there, false when done.
  bool step();
  /// Runs a statement that returns no row (INSERT, UPDATE …) and resets it.
  void run();
  /// Ready to run again (bindings cleared).
  void reset();

  std::string text(int col) const;
  std::string_view view(int col) const;  ///< valid until the next step()
  std::string_view blob(int col) const;  ///< a BLOB's bytes, not copied; valid until the next step()
  std::int64_t integer(int col) const;
  bool is_null(int col) const;

 private:
  friend class Db;
  Db* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
};

/// Resets a statement when it goes out of scope (a cached statement, read in part).
struct ResetOnExit {
  Stmt& s;
  ~ResetOnExit() { s.reset(); }
};

/// A connection to the archive file.
class Db {
 public:
  Db() = default;
  /// Opens (creating when `create`) the file; throws IoError.
  Db(const std::string& path, bool create);
  ~Db();
  Db(Db&& o) noexcept;
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(std::string_view sql);
  Stmt prepare(std::string_view sql) { return Stmt(*this, sql); }
  /// A statement prepared once per connection (keyed by the literal's address): reset it
  /// after use (Stmt::run does; ResetOnExit for queries).
  Stmt& cached(const char* sql);
  /// The single integer a query returns (`fallback` when it returns no row or NULL).
  std::int64_t scalar(std::string_view sql, std::int64_t fallback = 0);
  const std::string& path() const noexcept { return path_; }
  sqlite3* handle() const noexcept { return db_; }
  /// Throws IoError("cannot <action> in archive (SQLite's message)", path, rc).
  [[noreturn]] void fail(std::string_view action, int rc) const;

 private:
  void adopt_cache() noexcept;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<const char*, std::unique_ptr<Stmt>> cache_;
};

/// A transaction: BEGIN IMMEDIATE (a write: takes the write lock now, waiting up to the
/// busy timeout) or BEGIN (a read). Rolled back by the destructor unless commit() ran.
class Tx {
 public:
  Tx(Db& db, bool write);
  ~Tx();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  void commit();
  Db& db() noexcept { return db_; }

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace archive
ECREDIT_END_NAMESPACE
