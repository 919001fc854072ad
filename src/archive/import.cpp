// Import with reconciliation (docs/archive.md "Import").
#include "archive/archive_impl.hpp"
#include "ecredit/error.hpp"

ECREDIT_BEGIN_NAMESPACE

ImportResult Archive::import_dir(const std::string&, const std::string&, const std::string&) {
  throw Error("Archive::import_dir: not implemented yet");
}
ImportResult Archive::import_file(const std::string&, const std::string&, const std::string&, const std::string&) {
  throw Error("Archive::import_file: not implemented yet");
}
ImportResult Archive::import_records(const std::vector<KeyedRecord>&, const std::string&, const std::string&,
                                     const std::string&) {
  throw Error("Archive::import_records: not implemented yet");
}

ECREDIT_END_NAMESPACE
