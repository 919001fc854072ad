// Errors that name the thing and the reason (issue 12): every file or folder the
// library opens fails with IoError / PathNotFoundError naming the path as given and the
// operating system's reason, and a data folder without dataset files is an error.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "ecredit/ecredit.hpp"
#include "io/csv.hpp"
#include "test_util.hpp"

using namespace ecredit;
using test_util::TempDir;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// Runs `f`, which must throw E; returns the exception's message.
template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    FAIL("wrong exception type: " << e.what());
    return {};
  }
  FAIL("no exception");
  return {};
}

const std::string kData = ECREDIT_TEST_DATA;

}  // namespace

TEST_CASE("errors: one formatter; a missing path is PathNotFoundError, others IoError") {
  try {
    throw_io_error("cannot read data folder", "nope/",
                   std::make_error_code(std::errc::no_such_file_or_directory));
  } catch (const PathNotFoundError& e) {
    CHECK(std::string(e.what()) == "cannot read data folder 'nope/': No such file or directory");
    CHECK(e.path() == "nope/");
    CHECK(e.code() == std::errc::no_such_file_or_directory);
  }
  // std::filesystem reports system_category codes: the same kind and message
  try {
    throw_io_error("cannot read x", "a", std::error_code(ENOENT, std::system_category()));
  } catch (const PathNotFoundError& e) {
    CHECK(e.code().category() == std::generic_category());
  }
  try {
    throw_io_error("cannot read x", "a", std::make_error_code(std::errc::permission_denied));
    FAIL("no exception");
  } catch (const PathNotFoundError&) {
    FAIL("permission denied is not 'not found'");
  } catch (const IoError& e) {
    CHECK(std::string(e.what()) == "cannot read x 'a': Permission denied");
  }
  // both derive from Error, as every ecredit exception
  CHECK_THROWS_AS(throw_io_error("x", "y", std::make_error_code(std::errc::io_error)), Error);
}

TEST_CASE("errors: read_file names the file and the reason") {
  TempDir t("errors_read_file", true);
  const std::string missing = t.str() + "/nope.json";
  std::string m = message_of<PathNotFoundError>([&] { read_file(missing, "repair record file"); });
  CHECK(m == "cannot read repair record file '" + missing + "': No such file or directory");
  // a folder is not read as an empty file ("not JSON (byte 1)" before)
  m = message_of<IoError>([&] { read_file(t.str(), "repair record file"); });
  CHECK(m == "cannot read repair record file '" + t.str() + "': Is a directory");
  try {
    read_file(t.str(), "x");
  } catch (const IoError& e) {
    CHECK(e.code() == std::errc::is_a_directory);
    CHECK(e.path() == t.str());
  }
  // a file below something that is not a folder
  const std::string f = t.file("plain.txt", "hello");
  m = message_of<IoError>([&] { read_file(f + "/x", "record file"); });
  CHECK(contains(m, "Not a directory"));
  CHECK(read_file(f, "record file") == "hello");
}

TEST_CASE("errors: open_for_writing names the file and the reason") {
  TempDir t("errors_write", true);
  std::ofstream out;
  std::string m = message_of<IoError>([&] { open_for_writing(out, t.str(), "rejected rows file"); });
  CHECK(m == "cannot write rejected rows file '" + t.str() + "': Is a directory");
  const std::string nested = t.str() + "/no/such/folder/x.csv";
  m = message_of<PathNotFoundError>([&] { open_for_writing(out, nested, "valid rows file"); });
  CHECK(m == "cannot write valid rows file '" + nested + "': No such file or directory");
}

TEST_CASE("errors: join_path puts one separator between folder and name") {
  CHECK(join_path("my-pack/", "pack.json") == "my-pack/pack.json");
  CHECK(join_path("my-pack", "pack.json") == "my-pack/pack.json");
  CHECK(join_path("", "pack.json") == "pack.json");
}

TEST_CASE("errors: validate_file on a folder or a missing file") {
  const auto engine = Engine::default_engine();
  TempDir t("errors_validate", true);
  // a folder: named, with the reason (was "CSV input: read error")
  std::string m = message_of<IoError>([&] { validate_file(*engine, "subject", t.str()); });
  CHECK(m == "cannot read input file '" + t.str() + "': Is a directory");
  const std::string missing = t.str() + "/subject.csv";
  m = message_of<PathNotFoundError>([&] { validate_file(*engine, "subject", missing); });
  CHECK(m == "cannot read input file '" + missing + "': No such file or directory");
  // the JSON Lines path goes through the same opener
  m = message_of<PathNotFoundError>([&] { validate_file(*engine, "subject", t.str() + "/x.jsonl"); });
  CHECK(contains(m, "x.jsonl"));
  // CsvReader::open too
  m = message_of<IoError>([&] { io::CsvReader::open(t.str()); });
  CHECK(m == "cannot read CSV file '" + t.str() + "': Is a directory");
  CHECK_THROWS_AS(io::CsvReader::open(missing), PathNotFoundError);
}

TEST_CASE("errors: Engine::load joins paths and names the missing thing") {
  TempDir t("errors_pack", true);
  const std::string slash = t.str() + "/";
  // a folder without pack.json: one separator (was "my-pack//pack.json")
  std::string m = message_of<PathNotFoundError>([&] { Engine::load(slash); });
  CHECK(m == "cannot read policy file '" + t.str() + "/pack.json': No such file or directory");
  CHECK_FALSE(contains(m, "//"));
  // a missing folder is named as the folder
  m = message_of<PathNotFoundError>([&] { Engine::load(slash + "nope"); });
  CHECK(m == "cannot read policy pack folder '" + slash + "nope': No such file or directory");
  // a file given as the pack folder
  const std::string f = t.file("pack.json", "{}");
  m = message_of<IoError>([&] { Engine::load(f); });
  CHECK(m == "cannot read policy pack folder '" + f + "': Not a directory");
  // a pack whose pack.json names a file that is missing: the file, joined properly
  fs::copy(kData + "/packs/mini", t.path / "mini", fs::copy_options::recursive);
  CHECK_NOTHROW(Engine::load((t.path / "mini").string() + "/"));
  fs::remove(t.path / "mini" / "codes.json");
  m = message_of<PathNotFoundError>([&] { Engine::load((t.path / "mini").string() + "/"); });
  CHECK(m == "cannot read policy file '" + t.str() + "/mini/codes.json': No such file or directory");
}

TEST_CASE("errors: Registry::from_dir on missing, file, empty and unknown-file folders") {
  const auto engine = Engine::default_engine();
  TempDir t("errors_registry", true);
  const std::string missing = t.str() + "/missing/";
  std::string m = message_of<PathNotFoundError>([&] { Registry::from_dir(*engine, missing); });
  CHECK(m == "cannot read data folder '" + missing + "': No such file or directory");
  const std::string file = t.file("subject.csv");
  m = message_of<IoError>([&] { Registry::from_dir(*engine, file); });
  CHECK(m == "cannot read data folder '" + file + "': Not a directory");
  fs::remove(file);

  // an empty folder is an error, not "0 subjects graded"
  const std::string empty = t.str() + "/";
  m = message_of<InvalidInputError>([&] { Registry::from_dir(*engine, empty); });
  CHECK(contains(m, "no dataset file (<dataset_id>.csv, .tsv or .jsonl) in data folder '" + empty + "'"));
  CHECK(contains(m, "known datasets: "));
  for (const auto& d : engine->catalog().datasets) CHECK(contains(m, d.id));

  // only notes: still no dataset file, and the notes are named
  t.file("README.md");
  m = message_of<InvalidInputError>([&] { Registry::from_dir(*engine, empty); });
  CHECK(contains(m, "no dataset file"));
  CHECK(contains(m, "(other files: README.md)"));

  // a data file whose name is no dataset id is refused, not skipped
  fs::copy(kData + "/registry/subject.csv", t.path / "subject.csv");
  t.file("admin_penalties.csv", "a,b\n1,2\n");
  m = message_of<InvalidInputError>([&] { Registry::from_dir(*engine, t.str()); });
  CHECK(contains(m, "admin_penalties.csv names no dataset of pack " + engine->id()));
  CHECK(contains(m, "admin_penalty"));
  fs::remove(t.path / "admin_penalties.csv");

  // notes beside dataset files are skipped and listed
  LoadSummary sum;
  const auto reg = Registry::from_dir(*engine, t.str(), &sum);
  CHECK(sum.reports.count("subject") == 1);
  CHECK(sum.skipped == std::vector<std::string>{"README.md"});
  CHECK(reg->subjects().size() == sum.subjects);
}

TEST_CASE("errors: write_sample names the folder it cannot create") {
  TempDir t("errors_sample", true);
  const std::string file = t.file("occupied");
  SampleOptions o;
  o.subjects = 10;
  const std::string m = message_of<IoError>([&] { write_sample(file, o); });
  CHECK(contains(m, "cannot create the sample folder '" + file + "': "));
}
