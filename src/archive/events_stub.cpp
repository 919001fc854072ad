// Placeholders for the lifecycle (objections, corrections, repairs, commitments) so that
// the library links; the events code (src/archive/events*.cpp) replaces this file:
// delete it (and its line in CMakeLists.txt) when it defines these.
#include "archive/archive_impl.hpp"
#include "ecredit/error.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {
[[noreturn]] void not_yet(const char* what) { throw Error(std::string("Archive::") + what + ": not implemented yet"); }
}  // namespace

std::string Archive::file_objection(const std::string&, date::sys_days, const std::string&, const std::string&) {
  not_yet("file_objection");
}
void Archive::advance_objection(const std::string&, const std::string&, date::sys_days, const std::string&,
                                const std::string&, const std::map<std::string, std::string>&,
                                const std::string&) {
  not_yet("advance_objection");
}
std::vector<Objection> Archive::objections(const std::string&, std::optional<date::sys_days>) {
  not_yet("objections");
}
void Archive::correct(const std::string&, const std::map<std::string, std::string>&, const std::string&,
                      const std::string&) {
  not_yet("correct");
}
std::string Archive::file_repair_application(const std::string&, date::sys_days, const RepairEvidence&,
                                             const std::string&) {
  not_yet("file_repair_application");
}
void Archive::apply_repair(const std::string&, date::sys_days, const std::optional<RepairDecision>&,
                           const std::string&) {
  not_yet("apply_repair");
}
std::vector<std::string> Archive::check_commitments(date::sys_days, const std::string&) {
  not_yet("check_commitments");
}

ECREDIT_END_NAMESPACE
