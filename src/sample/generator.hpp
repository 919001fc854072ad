// The sample-market generator (include/ecredit/sample.hpp): one pass over the market
// subjects; each subject is made (archetype, risk tier, identifiers, names), written, and
// its practitioners, licences, penalties, incidents, arrears, energy-saving results,
// evaluations, commitments, commendations, list entries and related parties
// (shareholders, officers, actual controllers, parents) are written right after it,
// so memory does not grow with the number of subjects (apart from the key sets of the
// small datasets keyed by name and date). Identifiers are unique by construction: USCCs
// and resident IDs come from integer permutations of counters, company names from
// per-word counters, decision numbers from per-prefix counters.
//
// Determinism: std::mt19937_64 is specified bit for bit by the standard; everything
// else here is integer arithmetic and string building, so the files are the same on
// every platform. No std::*_distribution, no floating point, no iteration over an
// unordered container. The related parties (relation.csv, added later) draw from a
// stream of their own (rel_rng_), so the other files are what they were before it; the
// lists the shared platform passes on (dishonest_debtor_list.csv, abnormal_operation_list.csv,
// added after it) from one more (list_rng_), so relation.csv and the others stay as well.
//
// The methods are defined in generator.cpp (subjects, people, organisations, related
// parties), records.cpp (practitioners, licences, penalties, incidents), lists.cpp
// (lists, the shared platform's lists, arrears, energy saving, evaluations, commitments,
// commendations) and bad_rows.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <date/date.h>

#include "data.hpp"
#include "ecredit/catalog.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/sample.hpp"
#include "random.hpp"
#include "table.hpp"
#include "text.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

namespace fs = std::filesystem;
using date::days;
using date::sys_days;

constexpr std::size_t kMaxSubjects = 10'000'000;

// Rows per 1,000 subjects (the datasets' rates are calibrated to these).
constexpr unsigned kPer1000[kDatasets] = {1000, 300, 600, 140, 15,  8,    12, 40,
                                          150,  8,   100, 50,  200, 1000, 18, 25};

// Risk tiers: good, normal, poor, bad (percent of subjects) and per-dataset factors (×100).
constexpr unsigned kTierShare[4] = {20, 62, 14, 4};
constexpr unsigned kTierFactor[kDatasets][4] = {
    {100, 100, 100, 100},  // subject (unused)
    {100, 100, 100, 100},  // practitioner
    {100, 100, 100, 100},  // licences
    {25, 80, 280, 700},    // penalties
    {100, 6, 0, 0},        // red list
    {0, 0, 8, 100},        // black list
    {0, 4, 100, 120},      // key attention
    {25, 80, 280, 700},    // arrears
    {100, 100, 100, 100},  // commitments
    {25, 80, 280, 700},    // incidents
    {100, 100, 100, 100},  // energy saving
    {300, 80, 20, 0},      // commendations
    {100, 100, 100, 100},  // evaluations
    {100, 100, 100, 100},  // relations (who owns and runs a firm does not follow its record)
    {20, 70, 250, 650},    // dishonest judgment debtors (the firm or its legal representative)
    {30, 80, 250, 500},    // abnormal operation (enterprises)
};

// The tables of data/sample/, by name.
inline const std::vector<LicenceKind>& licence_kinds() { return tables().licences; }
inline const std::vector<Archetype>& archetypes() { return tables().archetypes; }
inline const std::vector<District>& districts() { return tables().districts; }
inline const std::vector<PersonRegion>& person_regions() { return tables().person_regions; }
inline const std::vector<Weighted>& surnames() { return tables().surnames; }
inline const Names& names() { return tables().names; }
inline const std::vector<Violation>& violations() { return tables().violations; }
inline const std::vector<IncidentKind>& incident_kinds() { return tables().incidents; }
inline const std::vector<Honour>& honours() { return tables().honours; }
inline const std::vector<BadLabel>& bad_labels() { return tables().bad_labels; }

struct Person {
  std::string name, id;
  bool male = true;
};

struct Authority {
  std::string name, uscc, penalty_prefix, licence_prefix;
  std::string abbr;  // 穗发改, 南方能监, 穗天城管, … (black list 失信, key attention 关注, red list 守信,
                     // reports 调查)
};

struct Company {
  const Archetype* type = nullptr;
  int tier = 1;
  std::string uscc, name, org_code, address, road;
  std::size_t district = 0;
  bool old_style = false;
  std::vector<int> domains;        // Dom values, primary first
  std::vector<std::string> roles;  // labels
  Person rep;
  std::vector<Person> responsible;  // other responsible persons (ids in responsible_ids)
  sys_days established{};
  // filled while its records are written
  std::string last_penalty_no, last_violation;
  std::size_t penalties = 0;
  bool serious_incident = false;
  bool black_listed = false;  // a black-list row was written
  bool rep_on_file = false;   // its subject row was written with the legal representative's ID
};

enum class BadKind : int { uscc, date, code, missing, dup_key, extra_cell, id, count };

class Generator {
 public:
  Generator(const Engine& engine, const fs::path& dir, const SampleOptions& o);

  SampleSummary run();

 private:
  Table& table(int d) { return tables_[static_cast<std::size_t>(d)]; }

  // ---------------------------------------------------------------- rates
  // λ (expected rows of dataset d for one subject of archetype a and tier t) in millionths:
  // the dataset's rate per subject × the archetype's weight / the mean weight × the tier
  // factor / the mean factor. Integer arithmetic only.
  void compute_rates();
  std::uint64_t lambda(const Company& c, int d) const;
  int draw_count(const Company& c, int d);

  // ---------------------------------------------------------------- days
  sys_days day_between(sys_days lo, sys_days hi);
  sys_days event_day(const Company& c, int margin = 1);

  // ---------------------------------------------------------------- people
  std::string person_name(bool male) { return person_name(rng_, male); }
  std::string person_name(Rng& r, bool male);

  std::string person_id(std::size_t region, bool male);
  /// A resident ID from the top of the stratum's permutation (person_id takes them from
  /// the bottom): the related parties' new persons, unique without drawing from rng_.
  std::string relation_person_id(std::size_t region, bool male);
  std::string format_person_id(std::size_t region, std::uint64_t v, bool male) const;

  Person make_person(unsigned male_pct);
  Person relation_person(unsigned male_pct);  // from rel_rng_

  std::string phone();

  // ---------------------------------------------------------------- organisations
  std::string trade_name(const std::string& word);

  std::string subject_uscc(std::size_t index, bool old_style, bool individual, const std::string& region);

  void make_authorities();
  const Authority& authority(int code, const Company& c) const;

  std::string doc_no(const std::string& prefix, int year);
  unsigned next(const char* counter) { return ++counters_[counter]; }

  bool has_role(const Company& c, const std::vector<std::string>& roles) const;

  Company make_company(std::size_t i);

  // ---------------------------------------------------------------- writing a subject
  void write_company(Company& c);

  using Ring = std::vector<std::pair<std::string, std::string>>;  // (name, uscc)
  void remember(Ring& ring, const Company& c);

  int record_domain(const Company& c);

  void set_party(Table& t, const Company& c);

  // ---------------------------------------------------------------- practitioners
  std::string qualification(int domain, bool expert);

  void write_practitioner(const Company& c);
  void fill_practitioner(Table& t, const Company& c);

  // ---------------------------------------------------------------- licences
  std::string cert_no(int fmt, sys_days decided, const Company& c);

  std::string project_name(const Company& c, int kind);

  void write_licence(const Company& c);

  // ---------------------------------------------------------------- penalties
  struct PenaltyPlan {
    std::string types, content;
    std::int64_t fine = 0;  // 万元 × 100
    std::int64_t confiscated = 0;
    bool suspends = false;
  };

  PenaltyPlan penalty_plan(int severity, const Company& c);

  const Violation& pick_violation(const Company& c, int domain, bool serious_only);

  sys_days write_penalty(Company& c, int severity, const char* incident_level, sys_days when = sys_days{},
                         int domain = -1);

  // ---------------------------------------------------------------- incidents
  void write_incident(Company& c);

  // ---------------------------------------------------------------- lists
  struct ListPlace {
    int auth;
    const char* basis;
    int years;
  };
  ListPlace black_place(const Company& c, int domain) const;

  void list_outcome(Table& t, sys_days included, sys_days expires, bool repairable);

  void set_list_subject(Table& t, const Company& c);

  void write_black(Company& c);

  void write_key_attention(const Company& c);

  void write_red(const Company& c);

  // ---------------------------------------------------------------- arrears
  void write_arrears(const Company& c);

  // ---------------------------------------------------------------- energy saving
  void write_energy_saving(const Company& c);

  // ---------------------------------------------------------------- evaluations
  void write_evaluation(const Company& c);

  // ---------------------------------------------------------------- commitments
  void write_commitment(const Company& c);

  // ---------------------------------------------------------------- commendations
  void write_commendation(const Company& c);

  // ---------------------------------------------------------------- related parties
  // Drawn from rel_rng_ only, after the subject's other files (reading, never changing,
  // what the main stream made). Every row of a company is written here, so its keys are
  // checked in `rows` (a handful) and the file needs no key set.
  struct RelationRows {
    const Company& c;
    std::vector<std::pair<std::string, std::string>> keys;  // (role, party id) written
    Person top_holder;  // the first natural shareholder (the legal representative till one is written)
  };
  void write_relations(const Company& c, bool filed);
  void write_shareholders(RelationRows& rows);
  void write_officers(RelationRows& rows);
  Person officer(const Company& c);
  bool write_relation(RelationRows& rows, const char* role, const Person* person,
                      const std::pair<std::string, std::string>* organisation, const std::string& share,
                      sys_days from);
  sys_days relation_from(const Company& c, unsigned at_founding_pct);
  void remember_relation_party(const Company& c);

  // ---------------------------------------------------------------- the shared platform's lists
  // 失信被执行人 (the courts) and 经营异常名录 (market supervision), as the shared platform
  // passes them on. Drawn from list_rng_ only, after the related parties (reading, never
  // changing, what the main stream made); no bad rows are planted in them. Only filed
  // companies and people the other files name appear, so the demo's subjects stay.
  void write_shared_lists(const Company& c, bool filed);
  /// What the rows of one enforcement case share.
  struct DebtorCase {
    std::string court, case_no, title_doc, title_unit, obligation, performance, situation;
    sys_days filed{}, published{};
    bool filed_given = true;
    std::optional<sys_days> removed;
  };
  /// One 失信被执行人 case of the company's: the company itself, its legal representative
  /// (when the subject row names his ID) or one of its responsible persons, or the company
  /// with its legal representative as joint debtor (one case number, two rows).
  void write_dishonest_debtor(const Company& c);
  void write_debtor_row(const Company& c, const Person* person, const DebtorCase& k);
  /// One or (now and then, for annual reports) two 经营异常名录 entries of an enterprise.
  void write_abnormal_operation(const Company& c);

  // ---------------------------------------------------------------- bad rows
  void plant_bad_rows(bool at_end);

  struct BadContext {
    std::vector<std::string> cells;
    bool extra = false;
  };

  void plant_one(int d);

  void refresh_key(int d, std::vector<std::string>& cells);

  static sys_days parse_day(const std::string& s);

  bool corrupt(const Dataset& ds, BadKind kind, std::vector<std::string>& cells, bool& extra);

  // ---------------------------------------------------------------- state
  SampleOptions o_;
  Rng rng_;
  Rng rel_rng_;   // the related parties' stream (seeded from the seed, never advancing rng_)
  Rng list_rng_;  // the shared platform's lists' stream (likewise, and never advancing rel_rng_)
  sys_days as_of_;
  std::vector<Table> tables_;
  std::array<std::uint64_t, kDatasets> denominator_{}, numerator_scale_{};
  std::vector<unsigned> archetype_weights_, district_weights_, industrial_weights_, surname_weights_,
      person_weights_;
  sys_days birth_first_{};
  std::vector<Perm> person_perm_;
  std::vector<std::uint64_t> person_counter_, person_top_;  // IDs taken from the bottom, the top
  Perm ma_perm_, old_perm_, trade2_, trade3_, account_perm_;
  std::unordered_map<std::string, std::uint64_t> trade_counter_;
  std::unordered_map<std::string, unsigned> doc_counter_, counters_;
  std::vector<Authority> city_, dist_urban_, dist_emergency_, dist_dev_, associations_;
  std::vector<std::pair<Person, int>> reps_;
  std::size_t next_rep_ = 0, bad_subjects_ = 0;
  Ring gas_, pipeline_ops_, pv_owners_;
  // the related parties' rings (replaced from rel_rng_): filed companies that may hold
  // shares in or head a later one; legal representatives of black-listed firms who may
  // sit on the board of a later one
  Ring rel_companies_;
  std::vector<Person> black_reps_;
  // enforcement cases per court and year (the shared lists' case numbers)
  std::unordered_map<std::string, unsigned> case_counter_;
};

}  // namespace sample
ECREDIT_END_NAMESPACE
