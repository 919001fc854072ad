/// Opening files and folders. Every file or folder ecredit reads or writes goes through
/// these, so every such failure is an IoError (PathNotFoundError when the path does not
/// exist) whose message names the path as given and the operating system's reason:
///
///     std::string text = ecredit::read_file("record.json", "repair record file");
///     // → IoError "cannot read repair record file 'record.json': Is a directory"
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE

/// Opens `path` for binary reading. `what` names the file in the message ("policy
/// file" → `cannot read policy file 'p': …`); a folder is refused (EISDIR).
ECREDIT_API void open_for_reading(std::ifstream& in, const std::string& path, std::string_view what);

/// The whole content of the file `path` (see open_for_reading).
ECREDIT_API std::string read_file(const std::string& path, std::string_view what);

/// Opens `path` for binary writing, truncating it: `cannot write <what> 'p': …`.
ECREDIT_API void open_for_writing(std::ofstream& out, const std::string& path, std::string_view what);

/// Throws unless `dir` is a folder: `cannot read <what> 'dir': Not a directory`.
ECREDIT_API void require_directory(const std::string& dir, std::string_view what);

/// `dir` and `name` joined with one separator ("pack/" + "pack.json" = "pack/pack.json").
ECREDIT_API std::string join_path(const std::string& dir, std::string_view name);

ECREDIT_END_NAMESPACE
