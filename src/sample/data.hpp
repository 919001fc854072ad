// The sample market's tables (data/sample/*.json, embedded at build time): archetypes of
// firms, licences, districts, birth regions, surnames, name characters, violations,
// incidents, commendations and the bad code labels. Each file is an array of objects (or
// one object) with named fields; a malformed one is a PolicyError naming the file, the
// JSON pointer and the line.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

// Energy domains, in the order of their labels (the catalog's `domain` code table).
enum Dom : int { kElec, kOilGas, kPipe, kRenew, kSaving, kDomains };
extern const char* const kDomainLabel[kDomains];
constexpr int kAnyDomain = -1;  ///< a violation or honour of any domain; a licence of the primary one

// Datasets, in the order the generator writes their rows.
enum Ds : int {
  kSubject,
  kPract,
  kLic,
  kPen,
  kRed,
  kBlack,
  kKey,
  kArr,
  kCmt,
  kInc,
  kEs,
  kCom,
  kEva,
  kRel,  // drawn from its own random stream, so the files before it did not change
  // the lists the shared platform passes on (courts, market supervision), added after
  // relation: drawn from a stream of their own too, after the relations
  kDebtor,
  kAbnormal,
  kDatasets
};
extern const char* const kDatasetId[kDatasets];
/// The rate of a dataset archetypes.json may leave out (optional_rate): every archetype alike.
constexpr unsigned kDefaultRate = 100;
/// Whether archetypes.json may leave out dataset d's rate (relation and the shared lists,
/// added after the file's rates were set).
constexpr bool optional_rate(int d) { return d >= kRel; }

// Licence certificate-number formats (licences.json "cert_no_format").
enum Cert : int {
  kCertNone,
  kCertGasPipe,
  kCertGasBottle,
  kCertHazmat,
  kCertOil,
  kCertCylinder,
  kCertEquipment,
  kCertElecGen,
  kCertElecSupply,
  kCertInstall,
  kCertPv,
  kCertSafety,
  kCertFormats
};
// Authority codes: >= 0 a city-level authority, below 0 the subject's district office.
enum Auth : int {
  kDev,
  kUrban,
  kIndustry,
  kEmergency,
  kMarket,
  kCommerce,
  kNea,
  kSavingCentre,
  kHousing,
  kCityAuthorities,
  kDistUrban = -1,
  kDistEmergency = -2,
  kDistDev = -3
};
// Kinds of project named in approvals (archetypes.json "project").
enum Project : int { kProjectNone, kPowerPlant, kPipeline, kOilDepot, kGrid, kStoragePlant, kProjects };

struct LicenceKind {
  std::string id, doc, cert, type;  // type: license_type label
  int auth = kDev;
  int domain = kAnyDomain;  // kAnyDomain: the subject's primary domain
  int years = 0;            // 0: long-term (2099-12-31)
  std::string content;
  int cert_fmt = kCertNone;
};

struct Archetype {
  std::string role;         // energy_role label
  unsigned share = 0;       // per 10,000 subjects
  bool individual = false;  // 个体工商户
  Dom domain = kElec;
  int domain2 = -1;  // a second domain (-1 none), with domain2_pct
  unsigned domain2_pct = 0;
  std::string role2;  // a second role ("" none), with role2_pct
  unsigned role2_pct = 0;
  std::vector<std::string> words;  // industry words of the company names
  std::string scope;
  int capital_lo = 0, capital_hi = 0;  // 万元
  // relative rates (×100) of the datasets after subject, in Ds order; a dataset the
  // file names no rate for (relation, the shared lists: kDefaultRate) takes the same rate for every archetype
  std::array<unsigned, kDatasets - 1> rates{};
  std::vector<int> licences;  // indexes into licence_kinds()
  int project = kProjectNone;
  bool industrial = false;  // sited mostly in the industrial districts (黄埔, 南沙, 番禺, 增城, …)
};

struct District {
  std::string code, label, abbr;
  unsigned weight = 0;             // of all subjects
  unsigned industrial_weight = 0;  // of plants, depots, refineries, key energy users
  std::vector<std::string> roads;
};

// Resident-ID regions of birth; residence permits (weight 0) are chosen explicitly.
struct PersonRegion {
  std::string code;
  unsigned weight = 0;
  bool permit = false;
};

struct Weighted {
  std::string s;
  unsigned w = 0;
};

struct Names {
  std::string male_chars, female_chars, shared_chars;  // given names, 3-byte UTF-8 characters
  // Characters of trade names (字号). No character c such that c + one industry word is
  // another industry word, so names are unique by construction (see trade_name()).
  std::string trade_chars;
  std::vector<std::string> mobile_prefixes;
};

struct Violation {
  int domain = kAnyDomain;         // a Dom, or kAnyDomain (safety)
  std::vector<std::string> roles;  // role labels (empty: any)
  int auth = kDev;
  std::string type, facts, basis;
  unsigned minor = 0, general = 0, serious = 0;  // severity weights
};

struct IncidentKind {
  int domain = kElec;
  std::string what;
};

struct Honour {
  int domain = kAnyDomain;
  std::vector<std::string> roles;  // empty: any
  std::string title, level, by;
  int valid_years = 0;
  bool person = false;
};

struct BadLabel {
  std::string table, label;  // a label real submissions use that is in no code table
};

struct Tables {
  std::vector<LicenceKind> licences;
  std::vector<Archetype> archetypes;
  std::vector<District> districts;
  std::vector<PersonRegion> person_regions;
  std::size_t permit_region = 0;  // index of the first residence-permit region
  std::vector<Weighted> surnames;
  Names names;
  std::vector<Violation> violations;
  std::vector<IncidentKind> incidents;
  std::vector<Honour> honours;
  std::vector<BadLabel> bad_labels;
};

/// The embedded tables, read once (thread-safe); throws PolicyError when one is malformed.
const Tables& tables();

/// The data files under data/sample/ ("archetypes.json", …), in the order they are read.
const std::vector<std::string_view>& table_files();

/// The embedded text of one of them (empty for another name).
std::string_view embedded_table(std::string_view file);

/// Reads the tables from the given texts (file name → text; tests give a malformed file
/// this way). Throws PolicyError naming the file ("data/sample/<name>"), the JSON pointer
/// of the offending value and its line and column.
Tables read_tables(const std::map<std::string, std::string, std::less<>>& files);

}  // namespace sample
ECREDIT_END_NAMESPACE
