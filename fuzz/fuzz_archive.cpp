// The archive's import path and objection events from arbitrary bytes: a fresh archive
// file per input, then the input's steps in order, separated by lines "%%":
//   import <dataset>\n<file text>      import_file (CSV/TSV by content; the op column
//                                      `op` / `操作类型` with its values and aliases)
//   objection <record id>\n<grounds>   file_objection (filed on 2026-02-02)
//   advance <n> <step> [<outcome>]     advance_objection of the n-th objection filed
//   correct <entity id>\n<json>        correct with a "field-values" document
//   repair <record id>                 apply_repair (decided on 2026-03-01)
//   checkpoint                         checkpoint() (later snapshots start from it)
// Bad input is InvalidInputError / NotFoundError; anything else (a crash, a sanitizer
// report, an IoError from SQLite) is a finding. After each import the counts reconcile;
// at the end check() passes, the current snapshot builds, and a second Archive on the
// file (its snapshot from the checkpoint, if one was made) holds as many entries.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/archive.hpp"
#include "ecredit/error.hpp"
#include "ecredit/json.hpp"

namespace {

std::string temp_base() {
  const char* dir = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  return std::string(dir) + "/fuzz_archive_" + std::to_string(::getpid());
}

void remove_archive(const std::string& db) {
  for (const char* ext : {"", "-wal", "-shm", "-journal"}) std::remove((db + ext).c_str());
}

std::vector<std::string_view> split_steps(std::string_view text) {
  std::vector<std::string_view> out;
  for (;;) {
    const auto at = text.find("\n%%\n");
    if (at == std::string_view::npos) {
      out.push_back(text);
      return out;
    }
    out.push_back(text.substr(0, at));
    text.remove_prefix(at + 4);
  }
}

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "fuzz_archive: %s\n", what.c_str());
  std::abort();
}

void run(ecredit::Archive& archive, const std::string& file, std::string_view step,
         std::vector<std::string>& objections) {
  const auto eol = step.find('\n');
  const std::string head(step.substr(0, eol));
  const std::string_view body = eol == std::string_view::npos ? std::string_view() : step.substr(eol + 1);
  std::istringstream words(head);
  std::string verb, a, b, c;
  words >> verb >> a >> b >> c;
  const auto day = ecredit::parse_iso_date("2026-02-02");
  if (verb == "import") {
    {
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out.write(body.data(), static_cast<std::streamsize>(body.size()));
    }
    const ecredit::ImportResult r = archive.import_file(file, a, "fuzz", "2026-02-01");
    for (const auto& [dataset, n] : r.counts)
      if (n.read != n.inserted + n.updated + n.unchanged + n.withdrawn + n.rejected)
        finding("the counts of " + dataset + " do not reconcile");
    (void)ecredit::to_json(r);
  } else if (verb == "objection") {
    objections.push_back(archive.file_objection(a, day, std::string(body), "fuzz"));
  } else if (verb == "advance") {
    const std::size_t n = static_cast<std::size_t>(std::strtoul(a.c_str(), nullptr, 10));
    const std::string id = n < objections.size() ? objections[n] : a;
    archive.advance_objection(id, b, day + date::days{static_cast<int>(n % 30)}, c, "fuzz");
  } else if (verb == "correct") {
    archive.correct(a, ecredit::field_values_from_json(body), "fuzz", "fuzz");
  } else if (verb == "repair") {
    archive.apply_repair(a, ecredit::parse_iso_date("2026-03-01"));
  } else if (verb == "checkpoint") {
    (void)ecredit::to_json(archive.checkpoint());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string base = temp_base();
  static const auto engine = ecredit::Engine::default_engine();
  const std::string db = base + ".db", file = base + ".csv";
  remove_archive(db);
  {
    auto archive = ecredit::Archive::open(db, engine);
    std::vector<std::string> objections;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (std::string_view step : split_steps(text)) {
      try {
        run(*archive, file, step, objections);
      } catch (const ecredit::InvalidInputError&) {
      } catch (const ecredit::NotFoundError&) {
      } catch (const ecredit::PolicyError&) {
      }
    }
    const ecredit::Archive::CheckResult check = archive->check();
    if (!check.ok) finding("check() failed: " + (check.problems.empty() ? "" : check.problems.front()));
    const auto now = archive->registry();
    (void)archive->journal(0);
    const auto again = ecredit::Archive::open(db, engine)->registry();
    if (again->record_count() != now->record_count() || again->subjects().size() != now->subjects().size() ||
        again->list_entries().size() != now->list_entries().size() ||
        again->commitments().size() != now->commitments().size() ||
        again->relations().size() != now->relations().size())
      finding("a reopened archive's snapshot holds other entries than the current one");
  }
  remove_archive(db);
  std::remove(file.c_str());
  return 0;
}
