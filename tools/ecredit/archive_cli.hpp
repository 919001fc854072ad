// `ecredit archive …` (docs/cli.md "archive"): the archive's commands, and opening an
// archive for grade, precheck and demo --archive.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ecredit/archive.hpp"

namespace ecredit_cli {

/// Opens the archive at `path`; unless `create`, the file must exist (InvalidInputError
/// naming it and `ecredit archive init` otherwise), so that a mistyped name is not a new,
/// empty archive.
std::unique_ptr<ecredit::Archive> open_archive(const std::string& path,
                                               std::shared_ptr<const ecredit::Engine> engine,
                                               bool create = false);

struct ArchiveCommands;
struct ArchiveCommandsDeleter {
  void operator()(ArchiveCommands* c) const;
};
using ArchiveCommandsPtr = std::unique_ptr<ArchiveCommands, ArchiveCommandsDeleter>;
/// Adds `archive` and its subcommands to `app`.
ArchiveCommandsPtr add_archive_commands(CLI::App& app);
/// Checks what CLI11 cannot (throws CLI::ValidationError).
void check_archive_commands(const ArchiveCommands& c);
bool archive_parsed(const ArchiveCommands& c);
/// Runs the parsed archive command; returns the exit status.
int run_archive(const ArchiveCommands& c);

}  // namespace ecredit_cli
