// Crash safety of the archive (issue 14, docs/archive.md "Durability"): kills an importing
// process with SIGKILL at random moments and reopens the file each time.
//
//   archive_crash run DIR [--trials N] [--seed S] [--batches B] [--rows R]
//       N trials (default 50): each starts `archive_crash write` on DIR/crash.db (a fresh
//       file every 10 trials, else the one the last trial left), kills it with SIGKILL
//       after a random delay (seeded; every other trial a delay after the writer began an
//       import, within an import's time, so that at least a quarter of the kills fall
//       inside an import transaction — else the run fails as not testing it), reopens the archive and
//       verifies it: check() passes, the journal holds the import batches 1..K and nothing else, K lies
//       between the batches the writer reported committed and those it had begun, and the current state, the
//       versions of every entity and the reconciliation of every batch are exactly those of batches 1..K —
//       each batch entirely there or entirely absent, no duplicate versions. Exit 0 when every trial passes
//       (and enough kills fell inside an import).
//   archive_crash write DB WORK B R
//       Imports batches last_batch()+1 … last_batch()+B into DB, each a file of R-ish
//       admin_penalty rows generated from its number (inserts, updates, withdrawals with the
//       op column; every fourth batch re-sends the previous one without deletions), writing
//       "begin k" before and "done k" after each import to stdout, unbuffered.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecredit/archive.hpp"
#include "ecredit/error.hpp"

namespace fs = std::filesystem;

namespace {

// ---- the batches, a pure function of their number ------------------------------------

struct Row {
  std::string op;  // "add", "update", "delete" or "" (no op column)
  long n = 0;      // the key number
  long fine = 0;
};

struct Shape {
  long inserts, updates, deletes;
};

Shape shape_of(long rows) { return {rows * 2 / 3, rows / 5, rows - rows * 2 / 3 - rows / 5}; }

// The nearest batch ≤ j that is no re-send (every fourth batch re-sends the one before).
long base(long j) { return j % 4 == 0 ? j - 1 : j; }

// Batch k (1-based): inserts keys [(k-1)·I, k·I); updates the first U keys batch base(k-1)
// inserted (fine + k); withdraws the D keys after them of batch k-2 (when it is no
// re-send) — so a withdrawn key is never updated nor withdrawn again. Every fourth batch
// re-sends batch k-1's inserts and updates without the op column and without its
// withdrawals: all unchanged.
std::vector<Row> batch_rows(long k, long rows) {
  const Shape s = shape_of(rows);
  std::vector<Row> out;
  if (k % 4 == 0) {
    for (Row r : batch_rows(k - 1, rows))
      if (r.op != "delete") out.push_back({"", r.n, r.fine});
    return out;
  }
  for (long j = 0; j < s.inserts; ++j) {
    const long n = (k - 1) * s.inserts + j;
    out.push_back({"add", n, 1000 + n});
  }
  if (k >= 2)
    for (long j = 0; j < s.updates; ++j) {
      const long n = (base(k - 1) - 1) * s.inserts + j;
      out.push_back({"update", n, 1000 + n + k});
    }
  if (k >= 3 && (k - 2) % 4 != 0)
    for (long j = 0; j < s.deletes; ++j) {
      const long n = (k - 3) * s.inserts + s.updates + j;
      out.push_back({"delete", n, 1000 + n});
    }
  return out;
}

std::string key_of(long n) { return "穗罚〔crash〕" + std::to_string(n) + "号"; }
std::string id_of(long n) { return "admin_penalty:" + key_of(n); }

void write_batch(const std::string& path, long k, long rows) {
  const std::vector<Row> rs = batch_rows(k, rows);
  const bool with_op = k % 4 != 0;
  std::ofstream out(path, std::ios::trunc);
  if (with_op) out << "op,";
  out << "decision_no,xdr_name,xdr_kind,xdr_uscc,violation_type,facts,legal_basis,penalty_types,"
         "penalty_content,fine_amount,decision_date,valid_until,authority,authority_uscc,source_unit,"
         "source_unit_uscc,domain,severity\n";
  for (const Row& r : rs) {
    if (with_op) out << r.op << ',';
    out << key_of(r.n) << ",广州某售电有限公司,法人及非法人组织,91440111MA5H2K3L87,违反电力市场交易规则,"
        << "未按规定披露信息,《电力市场运营基本规则》,罚款,罚款," << r.fine
        << ",2026-01-15,2027-01-15,广州市发展和改革委员会,11440100007498630N,广州市发展和改革委员会,"
        << "11440100007498630N,电力,一般\n";
  }
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

// ---- the expected state after batches 1..K ------------------------------------------

struct Entity {
  long versions = 0;
  bool withdrawn = false;
  long fine = 0;
};

struct Counts {
  long inserted = 0, updated = 0, unchanged = 0, withdrawn = 0;
};

struct Expected {
  std::map<long, Entity> entities;
  std::vector<Counts> batches;                             // [k-1]
  std::map<long, std::map<long, long>> versions_by_batch;  // k → n → versions made by k (0/1)
};

Expected expected_after(long batches, long rows) {
  Expected e;
  for (long k = 1; k <= batches; ++k) {
    Counts c;
    for (const Row& r : batch_rows(k, rows)) {
      auto it = e.entities.find(r.n);
      if (r.op == "delete") {
        if (it == e.entities.end() || it->second.withdrawn)
          throw std::logic_error("batch " + std::to_string(k) + " withdraws " + id_of(r.n) + " twice");
        it->second.withdrawn = true;
        ++it->second.versions;
        ++c.withdrawn;
      } else if (it == e.entities.end()) {
        if (r.op == "update")
          throw std::logic_error("batch " + std::to_string(k) + " updates unknown " + id_of(r.n));
        e.entities[r.n] = {1, false, r.fine};
        ++c.inserted;
      } else if (it->second.fine == r.fine && !it->second.withdrawn) {
        ++c.unchanged;
      } else {
        it->second.fine = r.fine;
        ++it->second.versions;
        ++c.updated;
      }
    }
    e.batches.push_back(c);
  }
  return e;
}

// ---- write ---------------------------------------------------------------------------

void say(const std::string& line) {
  const std::string s = line + "\n";
  if (::write(1, s.data(), s.size()) < 0) std::_Exit(3);
}

int do_write(const std::string& db, const std::string& work, long batches, long rows) {
  auto archive = ecredit::Archive::open(db);
  const long first = static_cast<long>(archive->last_batch()) + 1;
  const std::string file = work + "/batch.csv";
  for (long k = first; k < first + batches; ++k) {
    write_batch(file, k, rows);
    say("begin " + std::to_string(k));
    archive->import_file(file, "admin_penalty", "crash-test", "2026-02-01");
    say("done " + std::to_string(k));
  }
  return 0;
}

// ---- verify --------------------------------------------------------------------------

struct Verdict {
  std::vector<std::string> problems;
  void fail(const std::string& p) { problems.push_back(p); }
};

// Verifies DB after a kill; `done` / `begun`: the last batch the writer reported committed /
// begun. Returns K, the batches found.
long verify(const std::string& db, long done, long begun, long rows, Verdict& v) {
  auto archive = ecredit::Archive::open(db);
  const ecredit::Archive::CheckResult c = archive->check();
  if (!c.ok) {
    std::string all;
    for (const auto& p : c.problems) all += " " + p + ";";
    v.fail("check() failed:" + all);
  }
  const long k = static_cast<long>(archive->last_batch());
  if (k < done)
    v.fail("batch " + std::to_string(done) + " was reported committed but the archive ends at " +
           std::to_string(k));
  if (k > begun)
    v.fail("the archive has batch " + std::to_string(k) + " but only " + std::to_string(begun) +
           " were begun");
  // the journal: import batches 1..K, gap-free, nothing else
  const std::vector<ecredit::JournalEntry> journal = archive->journal(0);
  if (static_cast<long>(journal.size()) != k)
    v.fail("journal has " + std::to_string(journal.size()) + " entries, last_batch() is " +
           std::to_string(k));
  for (std::size_t i = 0; i < journal.size(); ++i)
    if (journal[i].seq != static_cast<std::int64_t>(i) + 1 || journal[i].kind != "import")
      v.fail("journal entry " + std::to_string(i) + " is seq " + std::to_string(journal[i].seq) + " kind " +
             journal[i].kind);
  const Expected e = expected_after(k, rows);
  // the current state: exactly the live entities with their last fine
  const auto reg = archive->registry();
  std::map<std::string, std::string> got;
  for (std::size_t i = 0; i < reg->record_count(); ++i) {
    const ecredit::Record r = reg->record(i);
    auto f = r.attributes.find("fine_amount");
    got[r.id] = f == r.attributes.end() ? "?" : f->second;
  }
  std::size_t live = 0;
  for (const auto& [n, ent] : e.entities) {
    if (ent.withdrawn) {
      if (got.count(id_of(n))) v.fail(id_of(n) + " is withdrawn but in the current state");
      continue;
    }
    ++live;
    auto it = got.find(id_of(n));
    if (it == got.end()) {
      v.fail(id_of(n) + " missing from the current state");
    } else if (std::stod(it->second) != static_cast<double>(ent.fine)) {
      v.fail(id_of(n) + " has fine " + it->second + ", expected " + std::to_string(ent.fine));
    }
  }
  if (got.size() != live)
    v.fail("the current state has " + std::to_string(got.size()) + " records, expected " +
           std::to_string(live));
  // versions: every entity the last two batches touched (and a sample of the rest) has
  // exactly its versions, each from a batch ≤ K, none twice from one batch; and the
  // versions per batch reconcile with that batch's counts
  std::map<std::int64_t, long> per_batch;
  std::set<long> sample;
  for (long kk = std::max(1L, k - 1); kk <= k; ++kk)
    for (const Row& r : batch_rows(kk, rows)) sample.insert(r.n);
  for (const auto& entry : e.entities)
    if (entry.first % 17 == 0) sample.insert(entry.first);
  // one key past the last insert: never made
  sample.insert(e.entities.empty() ? 0 : e.entities.rbegin()->first + 1);
  for (long n : sample) {
    auto it = e.entities.find(n);
    const long want = it == e.entities.end() ? 0 : it->second.versions;
    long have = 0;
    try {
      const ecredit::EntityHistory h = archive->history(id_of(n));
      std::set<std::int64_t> seen;
      for (const ecredit::EntityVersion& ver : h.versions) {
        ++have;
        if (ver.batch < 1 || ver.batch > k)
          v.fail(id_of(n) + " has a version of batch " + std::to_string(ver.batch));
        if (!seen.insert(ver.batch).second)
          v.fail(id_of(n) + " has two versions of batch " + std::to_string(ver.batch));
        ++per_batch[ver.batch];
      }
    } catch (const ecredit::NotFoundError&) {
    }
    if (have != want)
      v.fail(id_of(n) + " has " + std::to_string(have) + " versions, expected " + std::to_string(want));
  }
  // the last batch: its versions are exactly its inserts, updates and withdrawals, and the
  // journal's detail reports those counts (read = the rest + unchanged)
  if (k >= 1) {
    const Counts& want = e.batches[static_cast<std::size_t>(k - 1)];
    if (per_batch[k] != want.inserted + want.updated + want.withdrawn)
      v.fail("batch " + std::to_string(k) + " made " + std::to_string(per_batch[k]) + " versions, expected " +
             std::to_string(want.inserted + want.updated + want.withdrawn));
    const nlohmann::json d = nlohmann::json::parse(journal.back().detail, nullptr, false);
    const nlohmann::json* counts = nullptr;
    // the counts object of admin_penalty wherever the detail nests it
    std::vector<const nlohmann::json*> todo{&d};
    while (!todo.empty() && counts == nullptr) {
      const nlohmann::json* j = todo.back();
      todo.pop_back();
      if (!j->is_object()) continue;
      if (j->contains("inserted") && j->contains("withdrawn")) counts = j;
      for (const auto& item : j->items()) todo.push_back(&item.value());
    }
    if (counts == nullptr) {
      v.fail("batch " + std::to_string(k) + ": no counts in the journal detail " + journal.back().detail);
    } else {
      const long read = static_cast<long>(batch_rows(k, rows).size());
      for (const auto& [name, n] : std::vector<std::pair<const char*, long>>{{"read", read},
                                                                             {"inserted", want.inserted},
                                                                             {"updated", want.updated},
                                                                             {"unchanged", want.unchanged},
                                                                             {"withdrawn", want.withdrawn},
                                                                             {"rejected", 0}})
        if (!counts->contains(name) || (*counts)[name].get<long>() != n)
          v.fail("batch " + std::to_string(k) + " detail " + journal.back().detail + ": expected " + name +
                 " " + std::to_string(n));
    }
  }
  return k;
}

// ---- run -----------------------------------------------------------------------------

struct Child {
  pid_t pid = -1;
  int out = -1;
};

Child spawn_writer(const std::string& self, const std::string& db, const std::string& work, long batches,
                   long rows) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    const std::string b = std::to_string(batches), r = std::to_string(rows);
    ::execl(self.c_str(), self.c_str(), "write", db.c_str(), work.c_str(), b.c_str(), r.c_str(),
            static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

// Reads from `fd` until `text` holds a line "begin …" (or the writer's end).
void wait_for_begin(int fd, std::string& text) {
  char buf[256];
  ssize_t n;
  while (text.find("begin ") == std::string::npos && (n = ::read(fd, buf, sizeof buf)) > 0)
    text.append(buf, static_cast<std::size_t>(n));
}

// Reads the writer's report to its end (after `text`, read already); the last "done" and
// "begin" numbers.
void read_report(int fd, long& done, long& begun, std::string text = {}) {
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  std::istringstream in(text);
  std::string word;
  long k;
  while (in >> word >> k) (word == "done" ? done : begun) = k;
}

int do_run(const std::string& self, const std::string& dir, long trials, unsigned seed, long batches,
           long rows) {
  fs::create_directories(dir);
  const std::string db = dir + "/crash.db";
  std::mt19937 rng(seed);
  auto reset = [&] {
    for (const char* ext : {"", "-wal", "-shm", "-journal"}) fs::remove(db + ext);
  };
  // calibration: one writer run to its end gives the span the kills are drawn from
  reset();
  const auto t0 = std::chrono::steady_clock::now();
  Child c = spawn_writer(self, db, dir, batches, rows);
  long done = 0, begun = 0;
  read_report(c.out, done, begun);
  int status = 0;
  ::waitpid(c.pid, &status, 0);
  const double span = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || done != batches) {
    std::cerr << "archive_crash: the calibration writer failed (status " << status << ", " << done << " of "
              << batches << " batches)\n";
    return 1;
  }
  Verdict v0;
  verify(db, done, begun, rows, v0);
  if (!v0.problems.empty()) {
    for (const auto& p : v0.problems) std::cerr << "calibration: " << p << "\n";
    return 1;
  }
  std::cout << "calibration: " << batches << " batches of ~" << rows << " rows in " << span << " s\n";

  std::uniform_real_distribution<double> delay(0.0, span * 1.1);
  std::uniform_real_distribution<double> in_import(0.0, span / static_cast<double>(batches));
  long failed = 0, inside = 0, finished = 0, between = 0;
  for (long t = 0; t < trials; ++t) {
    if (t % 10 == 0) reset();
    long before = 0;
    {
      auto a = ecredit::Archive::open(db);
      before = static_cast<long>(a->last_batch());
    }
    // even trials: a moment anywhere in the writer's run (opening, between imports, after
    // the end); odd trials: a moment within an import, drawn after it reported "begin"
    const bool targeted = t % 2 == 1;
    const double wait_s = targeted ? in_import(rng) : delay(rng);
    c = spawn_writer(self, db, dir, batches, rows);
    std::string seen;
    if (targeted) wait_for_begin(c.out, seen);
    std::this_thread::sleep_for(std::chrono::duration<double>(wait_s));
    ::kill(c.pid, SIGKILL);
    ::waitpid(c.pid, &status, 0);
    done = before;
    begun = before;
    read_report(c.out, done, begun, seen);
    const bool killed = WIFSIGNALED(status);
    if (!killed && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
      std::cerr << "trial " << t << ": the writer failed on its own (status " << status << ")\n";
      ++failed;
      continue;
    }
    Verdict v;
    const long k = verify(db, done, begun, rows, v);
    const char* where = !killed ? "after the end" : begun > done ? "inside an import" : "between imports";
    (!killed ? finished : begun > done ? inside : between) += 1;
    std::cout << "trial " << t << ": kill " << static_cast<int>(wait_s * 1000) << " ms after "
              << (targeted ? "an import began" : "the start") << ", " << where << "; batches " << before
              << " → " << k << " (done " << done << ", begun " << begun << ") "
              << (v.problems.empty() ? "ok" : "FAILED") << "\n";
    for (const auto& p : v.problems) std::cout << "  " << p << "\n";
    if (!v.problems.empty()) ++failed;
  }
  std::cout << "archive_crash: " << trials << " trials (seed " << seed << "): " << inside
            << " killed inside an import, " << between << " between imports, " << finished
            << " after the writer finished; " << failed << " failed\n";
  if (failed > 0) return 1;
  if (inside * 4 < trials) {
    std::cout << "archive_crash: too few kills inside an import (" << inside << " of " << trials
              << "): the test does not test what it claims\n";
    return 1;
  }
  return 0;
}

long number(const char* s, const char* what) {
  char* end = nullptr;
  const long v = std::strtol(s, &end, 10);
  if (end == s || *end != '\0' || v < 0) {
    std::cerr << "archive_crash: " << what << " '" << s << "' is not a number\n";
    std::exit(2);
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 6 && std::string(argv[1]) == "write")
      return do_write(argv[2], argv[3], number(argv[4], "batches"), number(argv[5], "rows"));
    if (argc >= 3 && std::string(argv[1]) == "run") {
      long trials = 50, batches = 3, rows = 240;
      unsigned seed = 14;
      for (int i = 3; i + 1 < argc; i += 2) {
        const std::string opt = argv[i];
        if (opt == "--trials")
          trials = number(argv[i + 1], "trials");
        else if (opt == "--seed")
          seed = static_cast<unsigned>(number(argv[i + 1], "seed"));
        else if (opt == "--batches")
          batches = number(argv[i + 1], "batches");
        else if (opt == "--rows")
          rows = number(argv[i + 1], "rows");
        else {
          std::cerr << "archive_crash: unknown option " << opt << "\n";
          return 2;
        }
      }
      return do_run(fs::canonical("/proc/self/exe").string(), argv[2], trials, seed, batches, rows);
    }
    std::cerr << "usage: archive_crash run DIR [--trials N] [--seed S] [--batches B] [--rows R]\n"
                 "       archive_crash write DB WORK BATCHES ROWS\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "archive_crash: " << e.what() << "\n";
    return 1;
  }
}
