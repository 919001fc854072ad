#include "archive/sqlite.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace archive {

namespace {
class SqliteCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "sqlite"; }
  std::string message(int rc) const override { return sqlite3_errstr(rc); }
};
}  // namespace

const std::error_category& sqlite_category() noexcept {
  static const SqliteCategory c;
  return c;
}

// ---- Db ----
Db::Db(const std::string& path, bool create) : path_(path) {
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw IoError("cannot open archive (" + msg + ")", path, std::error_code(rc, sqlite_category()));
  }
  sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() {
  cache_.clear();  // statements first
  if (db_) sqlite3_close_v2(db_);
}

Db::Db(Db&& o) noexcept
    : db_(std::exchange(o.db_, nullptr)), path_(std::move(o.path_)), cache_(std::move(o.cache_)) {
  adopt_cache();
}

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    cache_.clear();
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(o.db_, nullptr);
    path_ = std::move(o.path_);
    cache_ = std::move(o.cache_);
    adopt_cache();
  }
  return *this;
}

void Db::adopt_cache() noexcept {
  for (auto& kv : cache_) kv.second->db_ = this;
}

Stmt& Db::cached(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(sql, std::make_unique<Stmt>(*this, sql)).first;
  return *it->second;
}

void Db::fail(std::string_view action, int rc) const {
  const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  throw IoError("cannot " + std::string(action) + " in archive (" + msg + ")", path_,
                std::error_code(rc & 0xFF, sqlite_category()));
}

void Db::exec(std::string_view sql) {
  const std::string s(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    const std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw IoError("cannot run '" + s.substr(0, 60) + "' in archive (" + msg + ")", path_,
                  std::error_code(rc & 0xFF, sqlite_category()));
  }
}

std::int64_t Db::scalar(std::string_view sql, std::int64_t fallback) {
  Stmt s(*this, sql);
  if (!s.step() || s.is_null(0)) return fallback;
  return s.integer(0);
}

// ---- Stmt ----
Stmt::Stmt(Db& db, std::string_view sql) : db_(&db) {
  const int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &s_, nullptr);
  if (rc != SQLITE_OK) db.fail("prepare '" + std::string(sql.substr(0, 60)) + "'", rc);
}

Stmt::~Stmt() {
  if (s_) sqlite3_finalize(s_);
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    if (s_) sqlite3_finalize(s_);
    db_ = o.db_;
    s_ = std::exchange(o.s_, nullptr);
  }
  return *this;
}

Stmt& Stmt::bind(int i, std::string_view v) {
  const int rc = sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->fail("bind a value", rc);
  return *this;
}
Stmt& Stmt::bind(int i, std::int64_t v) {
  const int rc = sqlite3_bind_int64(s_, i, v);
  if (rc != SQLITE_OK) db_->fail("bind a value", rc);
  return *this;
}
Stmt& Stmt::bind_blob(int i, std::string_view v) {
  const int rc = sqlite3_bind_blob64(s_, i, v.data(), static_cast<sqlite3_uint64>(v.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) db_->fail("bind a blob", rc);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  const int rc = sqlite3_bind_null(s_, i);
  if (rc != SQLITE_OK) db_->fail("bind a value", rc);
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string sql = sqlite3_sql(s_) ? std::string(sqlite3_sql(s_)).substr(0, 60) : std::string();
  sqlite3_reset(s_);
  db_->fail("run '" + sql + "'", rc);
}

void Stmt::run() {
  while (step()) {
  }
  reset();
}

void Stmt::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

std::string Stmt::text(int col) const { return std::string(view(col)); }
std::string_view Stmt::view(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  if (!p) return {};
  return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col)));
}
std::string_view Stmt::blob(int col) const {
  const void* p = sqlite3_column_blob(s_, col);
  if (!p) return {};
  return std::string_view(static_cast<const char*>(p),
                          static_cast<std::size_t>(sqlite3_column_bytes(s_, col)));
}
std::int64_t Stmt::integer(int col) const { return sqlite3_column_int64(s_, col); }
bool Stmt::is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

// ---- Tx ----
Tx::Tx(Db& db, bool write) : db_(db) { db_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
Tx::~Tx() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}
void Tx::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace archive
ECREDIT_END_NAMESPACE
