#include "ecredit/file.hpp"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ecredit/error.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace fs = std::filesystem;

namespace {

std::error_code errno_code(int fallback) {
  const int e = errno;
  return {e != 0 ? e : fallback, std::generic_category()};
}

}  // namespace

void open_for_reading(std::ifstream& in, const std::string& path, std::string_view what) {
  const std::string action = "cannot read " + std::string(what);
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec) throw_io_error(action, path, ec);
  if (fs::is_directory(st)) throw_io_error(action, path, std::make_error_code(std::errc::is_a_directory));
  errno = 0;
  in.open(path, std::ios::in | std::ios::binary);
  if (!in.is_open()) throw_io_error(action, path, errno_code(EIO));
}

std::string read_file(const std::string& path, std::string_view what) {
  std::ifstream in;
  open_for_reading(in, path, what);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw_io_error("cannot read " + std::string(what), path, errno_code(EIO));
  return ss.str();
}

void open_for_writing(std::ofstream& out, const std::string& path, std::string_view what) {
  const std::string action = "cannot write " + std::string(what);
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw_io_error(action, path, std::make_error_code(std::errc::is_a_directory));
  errno = 0;
  out.open(path, std::ios::out | std::ios::binary | std::ios::trunc);
  if (!out.is_open()) throw_io_error(action, path, errno_code(EIO));
}

void require_directory(const std::string& dir, std::string_view what) {
  const std::string action = "cannot read " + std::string(what);
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (ec) throw_io_error(action, dir, ec);
  if (!fs::is_directory(st)) throw_io_error(action, dir, std::make_error_code(std::errc::not_a_directory));
}

std::string join_path(const std::string& dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  return (fs::path(dir) / fs::path(std::string(name))).string();
}

ECREDIT_END_NAMESPACE
