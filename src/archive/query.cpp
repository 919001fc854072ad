// Reading the archive: history, journal, changes_since, check().
#include "archive/archive_impl.hpp"
#include "ecredit/error.hpp"

ECREDIT_BEGIN_NAMESPACE

EntityHistory Archive::history(const std::string&) { throw Error("Archive::history: not implemented yet"); }
std::vector<JournalEntry> Archive::journal(std::int64_t) { throw Error("Archive::journal: not implemented yet"); }
std::vector<Change> Archive::changes_since(std::int64_t) {
  throw Error("Archive::changes_since: not implemented yet");
}
Archive::CheckResult Archive::check() { throw Error("Archive::check: not implemented yet"); }

ECREDIT_END_NAMESPACE
