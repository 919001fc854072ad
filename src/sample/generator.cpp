// The generator: subjects, people, organisations, authorities (src/sample/generator.hpp).
#include <algorithm>
#include <string>
#include <vector>

#include "ecredit/error.hpp"
#include "ecredit/id.hpp"
#include "generator.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

namespace {
// The related parties' stream is seeded from the seed and this ("relation" in ASCII), so
// the streams of one seed differ and the main one (rng_) draws exactly what it did before.
constexpr std::uint64_t kRelationSeed = 0x72656c6174696f6eull;
// The shared platform's lists' stream (dishonest_debtor_list, abnormal_operation_list, added
// after relation) likewise from this ("platform" in ASCII): rng_ and rel_rng_ draw what they did.
constexpr std::uint64_t kSharedListSeed = 0x706c6174666f726dull;

sys_days day_in(Rng& r, sys_days lo, sys_days hi) {
  if (hi <= lo) return lo;
  return lo + days{r.range(0, (hi - lo).count())};
}
}  // namespace

Generator::Generator(const Engine& engine, const fs::path& dir, const SampleOptions& o)
    : o_(o),
      rng_(o.seed),
      rel_rng_(o.seed ^ kRelationSeed),
      list_rng_(o.seed ^ kSharedListSeed),
      as_of_(o.as_of) {
  // Derived constants first (they draw from rng_ in a fixed order).
  const sys_days first = ymd_day(1955, 1, 1), last = ymd_day(2000, 12, 31);
  birth_first_ = first;
  const auto birth_days = static_cast<std::uint64_t>((last - first).count() + 1);
  const auto& regions = person_regions();
  person_perm_.reserve(regions.size() * 2);
  for (std::size_t i = 0; i < regions.size() * 2; ++i)
    person_perm_.emplace_back(birth_days * 499, rng_.bits(), rng_.bits());
  person_counter_.assign(regions.size() * 2, 0);
  person_top_.assign(regions.size() * 2, 0);
  for (const auto& r : regions) person_weights_.push_back(r.weight);
  ma_perm_ = Perm(31ull * 31 * 31 * 31 * 31, rng_.bits(), rng_.bits());
  old_perm_ = Perm(10'000'000, rng_.bits(), rng_.bits());
  const std::uint64_t nt = cjk_count(names().trade_chars);
  trade2_ = Perm(nt * nt, rng_.bits(), rng_.bits());
  trade3_ = Perm(nt * nt * nt, rng_.bits(), rng_.bits());
  account_perm_ = Perm(100'000'000, rng_.bits(), rng_.bits());
  for (const auto& a : archetypes()) archetype_weights_.push_back(a.share);
  for (const auto& d : districts()) {
    district_weights_.push_back(d.weight);
    industrial_weights_.push_back(d.industrial_weight);
  }
  for (const auto& s : surnames()) surname_weights_.push_back(s.w);
  make_authorities();
  compute_rates();

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!ec && !fs::is_directory(dir, ec) && !ec) ec = std::make_error_code(std::errc::not_a_directory);
  if (ec) throw_io_error("cannot create the sample folder", dir.string(), ec);
  tables_.reserve(kDatasets);
  for (int d = 0; d < kDatasets; ++d) {
    const Dataset* ds = engine.catalog().find(kDatasetId[d]);
    if (ds == nullptr)
      throw Error(std::string("sample generator: the catalog has no dataset ") + kDatasetId[d]);
    const bool guard =
        d == kRed || d == kBlack || d == kKey || d == kInc || d == kEs || d == kCom || d == kEva;
    tables_.emplace_back(*ds, dir / (std::string(kDatasetId[d]) + ".csv"), guard);
    Table& t = tables_.back();
    t.expected = static_cast<std::size_t>(static_cast<std::uint64_t>(o.subjects) * kPer1000[d] / 1000);
    // none in relation.csv and the shared lists: planting draws from rng_, which they must
    // not touch
    if (o.bad_rows && d < kRel)
      t.planned = std::min<std::size_t>(6, std::max<std::size_t>(1, t.expected / 25)) + t.expected / 5000;
  }
}

SampleSummary Generator::run() {
  for (std::size_t i = 0; i < o_.subjects; ++i) {
    Company c = make_company(i);
    write_company(c);
    plant_bad_rows(false);
  }
  plant_bad_rows(true);
  SampleSummary s;
  for (int d = 0; d < kDatasets; ++d) {
    tables_[static_cast<std::size_t>(d)].close();
    s.rows[kDatasetId[d]] =
        tables_[static_cast<std::size_t>(d)].good + tables_[static_cast<std::size_t>(d)].bad;
    s.bad_rows[kDatasetId[d]] = tables_[static_cast<std::size_t>(d)].bad;
  }
  return s;
}

// ---------------------------------------------------------------- rates
// λ (expected rows of dataset d for one subject of archetype a and tier t) in millionths:
// the dataset's rate per subject × the archetype's weight / the mean weight × the tier
// factor / the mean factor. Integer arithmetic only.
void Generator::compute_rates() {
  const auto& as = archetypes();
  for (int d = 1; d < kDatasets; ++d) {
    std::uint64_t share_sum = 0, weighted = 0, tier_sum = 0, tier_weighted = 0;
    for (const auto& a : as) {
      share_sum += a.share;
      weighted += static_cast<std::uint64_t>(a.share) * a.rates[static_cast<std::size_t>(d - 1)];
    }
    for (int t = 0; t < 4; ++t) {
      tier_sum += kTierShare[t];
      tier_weighted += static_cast<std::uint64_t>(kTierShare[t]) * kTierFactor[d][t];
    }
    denominator_[d] = weighted * tier_weighted;
    numerator_scale_[d] = share_sum * tier_sum;
  }
}

std::uint64_t Generator::lambda(const Company& c, int d) const {
  if (denominator_[d] == 0) return 0;
  const std::uint64_t w = c.type->rates[static_cast<std::size_t>(d - 1)];
  const std::uint64_t f = kTierFactor[d][c.tier];
  return static_cast<std::uint64_t>(kPer1000[d]) * 1000 * w * f * numerator_scale_[d] / denominator_[d];
}

/// Number of rows: a binomial(8, λ/8) draw (close to Poisson for small λ).
int Generator::draw_count(const Company& c, int d) {
  std::uint64_t per_trial = std::min<std::uint64_t>(lambda(c, d), 8'000'000) / 8;
  int n = 0;
  for (int i = 0; i < 8; ++i) n += rng_.below(1'000'000) < per_trial;
  return n;
}

sys_days Generator::day_between(sys_days lo, sys_days hi) { return day_in(rng_, lo, hi); }

/// An event of the subject: before as_of, after its establishment, mostly in the last five years.
sys_days Generator::event_day(const Company& c, int margin) {
  const sys_days hi = as_of_ - days{margin};
  sys_days lo = as_of_ - days{rng_.pct(90) ? 1826 : 2922};
  lo = std::max(lo, c.established + days{30});
  return day_between(std::min(lo, hi), hi);
}

std::string Generator::person_name(Rng& r, bool male) {
  std::string s = surnames()[r.weighted(surname_weights_)].s;
  const std::string_view own = male ? names().male_chars : names().female_chars;
  if (r.pct(70)) {
    const std::string_view first = r.pct(50) ? own : names().shared_chars;
    s += cjk(first, static_cast<std::size_t>(r.below(cjk_count(first))));
  }
  s += cjk(own, static_cast<std::size_t>(r.below(cjk_count(own))));
  return s;
}

/// A resident ID unique in the sample: region and sex chosen, then the counter of that
/// (region, sex) stratum mapped by a permutation onto (birth day, order code). The
/// stratum is full when its counters from the bottom and from the top (those of
/// relation_person_id) meet.
std::string Generator::person_id(std::size_t region, bool male) {
  for (std::size_t tries = 0; tries < person_regions().size(); ++tries) {
    const std::size_t stratum = region * 2 + (male ? 0 : 1);
    const Perm& p = person_perm_[stratum];
    if (person_counter_[stratum] + person_top_[stratum] < p.m)
      return format_person_id(region, p(person_counter_[stratum]++), male);
    region = (region + 1) % tables().permit_region;  // stratum exhausted: the next region
  }
  throw Error("sample generator: out of resident ID numbers");
}

/// As person_id, counting down from the top of the permutation: the relation file's new
/// persons take IDs no other file's person has, and person_id's sequence stays as it was.
std::string Generator::relation_person_id(std::size_t region, bool male) {
  for (std::size_t tries = 0; tries < person_regions().size(); ++tries) {
    const std::size_t stratum = region * 2 + (male ? 0 : 1);
    const Perm& p = person_perm_[stratum];
    if (person_counter_[stratum] + person_top_[stratum] < p.m)
      return format_person_id(region, p(p.m - 1 - person_top_[stratum]++), male);
    region = (region + 1) % tables().permit_region;
  }
  throw Error("sample generator: out of resident ID numbers");
}

/// The ID of permuted value `v` of a (region, sex) stratum: birth day v / 499, order code from v % 499.
std::string Generator::format_person_id(std::size_t region, std::uint64_t v, bool male) const {
  const sys_days birth = birth_first_ + days{static_cast<int>(v / 499)};
  const std::uint64_t k = v % 499;
  const std::uint64_t order = male ? 2 * k + 1 : 2 * k + 2;
  const date::year_month_day ymd{birth};
  std::string id = std::string(person_regions()[region].code) +
                   digits(static_cast<std::uint64_t>(static_cast<int>(ymd.year())), 4) +
                   digits(static_cast<unsigned>(ymd.month()), 2) +
                   digits(static_cast<unsigned>(ymd.day()), 2) + digits(order, 3);
  id.push_back(resident_id_check_char(id));
  return id;
}

Person Generator::make_person(unsigned male_pct) {
  Person p;
  p.male = rng_.pct(male_pct);
  p.name = person_name(p.male);
  p.id = person_id(rng_.weighted(person_weights_), p.male);
  return p;
}

Person Generator::relation_person(unsigned male_pct) {
  Person p;
  p.male = rel_rng_.pct(male_pct);
  p.name = person_name(rel_rng_, p.male);
  p.id = relation_person_id(rel_rng_.weighted(person_weights_), p.male);
  return p;
}

std::string Generator::phone() {
  if (rng_.pct(75))
    return std::string(names().mobile_prefixes[rng_.below(names().mobile_prefixes.size())]) +
           digits(rng_.below(100'000'000), 8);
  return "020-" + std::to_string(rng_.range(3, 8)) + digits(rng_.below(10'000'000), 7);
}

/// A trade name (字号) unique for this industry word: the word's k-th company gets the
/// permuted k-th pair of trade characters (three characters once the pairs run out).
std::string Generator::trade_name(const std::string& word) {
  std::uint64_t& k = trade_counter_[word];
  const std::uint64_t salt = fnv1a(word);
  const std::uint64_t nt = cjk_count(names().trade_chars);
  std::string s;
  if (k < trade2_.m) {
    const std::uint64_t v = (trade2_(k) + salt) % trade2_.m;
    s.append(cjk(names().trade_chars, v / nt)).append(cjk(names().trade_chars, v % nt));
  } else {
    const std::uint64_t v = (trade3_(k - trade2_.m) + salt) % trade3_.m;
    s.append(cjk(names().trade_chars, v / (nt * nt)))
        .append(cjk(names().trade_chars, v / nt % nt))
        .append(cjk(names().trade_chars, v % nt));
  }
  ++k;
  return s;
}

/// USCC of subject `index` (unique by construction): old-style companies embed an
/// 8-digit organisation code, newer ones an MA code.
std::string Generator::subject_uscc(std::size_t index, bool old_style, bool individual,
                                    const std::string& region) {
  std::string body;
  if (old_style && index < 10'000'000) {
    static constexpr char kFirst[] = {'1', '2', '5', '6', '7'};
    body.push_back(kFirst[rng_.below(5)]);
    body += digits(old_perm_(index), 7);
  } else {
    static constexpr char kThird[] = {'5', '9', 'C', 'D'};
    body = "MA";
    body.push_back(kThird[rng_.below(4)]);
    std::uint64_t v = ma_perm_(index);
    for (int i = 0; i < 5; ++i) {
      body.push_back(kUsccAlphabet[v % 31]);
      v /= 31;
    }
  }
  return make_uscc(std::string(individual ? "92" : "91") + region, body);
}

void Generator::make_authorities() {
  auto gov = [](const std::string& name, const char* head, const std::string& pen, const std::string& lic,
                const std::string& abbr) {
    Authority a;
    a.name = name;
    a.uscc = make_uscc(head, "00" + digits(fnv1a(name) % 1'000'000, 6));
    a.penalty_prefix = pen;
    a.licence_prefix = lic;
    a.abbr = abbr;
    return a;
  };
  city_ = {
      gov("广州市发展和改革委员会", "11440100", "穗发改能罚", "穗发改许", "穗发改"),
      gov("广州市城市管理和综合执法局", "11440100", "穗城管燃罚", "穗城管燃许", "穗城管"),
      gov("广州市工业和信息化局", "11440100", "穗工信罚", "穗工信许", "穗工信"),
      gov("广州市应急管理局", "11440100", "（穗）应急罚", "穗应急危化许", "穗应急"),
      gov("广州市市场监督管理局", "11440100", "穗市监处罚", "穗市监特许", "穗市监"),
      gov("广州市商务局", "11440100", "穗商务罚", "穗商务成品油许", "穗商务"),
      gov("国家能源局南方监管局", "11100000", "南方能监罚", "南方能监许可", "南方能监"),
      gov("广州市节能中心", "12440100", "穗节能罚", "穗节能许", "穗节能"),
      gov("广东省住房和城乡建设厅", "11440000", "粤建罚", "粤建许", "粤建"),
  };
  for (const auto& d : districts()) {
    const std::string head = std::string("11") + d.code, abbr = std::string("穗") + d.abbr;
    dist_urban_.push_back(gov(std::string("广州市") + d.label + "城市管理和综合执法局", head.c_str(),
                              abbr + "城管罚", abbr + "城管许", abbr + "城管"));
    dist_emergency_.push_back(gov(std::string("广州市") + d.label + "应急管理局", head.c_str(),
                                  abbr + "应急罚", abbr + "应急许", abbr + "应急"));
    dist_dev_.push_back(gov(std::string("广州市") + d.label + "发展和改革局", head.c_str(), abbr + "发改罚",
                            abbr + "发改备", abbr + "发改"));
  }
  associations_ = {gov("中国电力企业联合会", "51100000", "", "", ""),
                   gov("中国城市燃气协会", "51100000", "", "", ""),
                   gov("中国节能协会", "51100000", "", "", ""),
                   gov("广东省电力行业协会", "51440000", "", "", ""),
                   gov("广州市燃气协会", "51440100", "", "", ""),
                   gov("广东省节能协会", "51440000", "", "", ""),
                   gov("广州市诚衡信用评价有限公司", "91440106", "", "", "")};
}

const Authority& Generator::authority(int code, const Company& c) const {
  switch (code) {
    case kDistUrban:
      return dist_urban_[c.district];
    case kDistEmergency:
      return dist_emergency_[c.district];
    case kDistDev:
      return dist_dev_[c.district];
    default:
      return city_[static_cast<std::size_t>(code)];
  }
}

/// "{prefix}〔{year}〕{n}号", numbered per prefix and year.
std::string Generator::doc_no(const std::string& prefix, int year) {
  const std::string key = prefix + std::to_string(year);
  const unsigned n = ++doc_counter_[key];
  return prefix + "〔" + std::to_string(year) + "〕" + std::to_string(n) + "号";
}

bool Generator::has_role(const Company& c, const std::vector<std::string>& roles) const {
  if (roles.empty()) return true;
  for (const auto& r : c.roles)
    if (std::find(roles.begin(), roles.end(), r) != roles.end()) return true;
  return false;
}

Company Generator::make_company(std::size_t i) {
  Company c;
  const auto& as = archetypes();
  c.type = &as[rng_.weighted(archetype_weights_)];
  const Archetype& a = *c.type;
  c.tier = static_cast<int>(rng_.weighted({kTierShare[0], kTierShare[1], kTierShare[2], kTierShare[3]}));
  c.district = rng_.weighted(a.industrial ? industrial_weights_ : district_weights_);
  const District& dist = districts()[c.district];

  // established: before 2015-10 companies carry an old organisation code
  const sys_days reform = ymd_day(2015, 10, 1);
  const sys_days latest = as_of_ - days{90};
  const sys_days earliest = as_of_ - days{35 * 365};
  const bool old_possible = earliest < std::min(reform, latest);
  c.old_style = old_possible && (latest < reform || rng_.pct(a.individual ? 20 : 45));
  c.established =
      c.old_style ? day_between(std::max(earliest, ymd_day(1990, 1, 1)), std::min(reform - days{1}, latest))
                  : day_between(std::max(reform, earliest), latest);
  c.uscc = subject_uscc(i, c.old_style, a.individual, dist.code);
  if (c.old_style && !a.individual) c.org_code = c.uscc.substr(8, 8) + "-" + c.uscc.substr(16, 1);

  const std::string word = rng_.pick(a.words);
  const std::string trade = trade_name(word);
  if (a.individual) {
    c.name = std::string("广州市") + dist.label + trade + word;
  } else {
    const unsigned p = static_cast<unsigned>(rng_.below(100));
    const char* prefix = p < 58 ? "广州" : p < 92 ? "广州市" : "广东";
    const unsigned f = static_cast<unsigned>(rng_.below(100));
    const char* form = f < 80   ? "有限公司"
                       : f < 88 ? "股份有限公司"
                       : f < 95 ? "有限责任公司"
                                : "集团有限公司";
    c.name = std::string(prefix) + trade + word + form;
  }
  c.domains.push_back(a.domain);
  if (a.domain2 >= 0 && rng_.pct(a.domain2_pct)) c.domains.push_back(a.domain2);
  c.roles.emplace_back(a.role);
  if (a.role2[0] != '\0' && rng_.pct(a.role2_pct)) c.roles.emplace_back(a.role2);

  c.road = rng_.pick(dist.roads);
  c.address = std::string("广州市") + dist.label + c.road + std::to_string(rng_.range(1, 999)) + "号";
  if (rng_.pct(50))
    c.address += rng_.pct(50)
                     ? std::to_string(rng_.range(1, 30)) + "栋" + std::to_string(rng_.range(101, 2505)) + "房"
                     : "自编" + std::to_string(rng_.range(1, 20)) + "号";

  // the legal representative: now and then one who already represents one or two companies
  if (!reps_.empty() && rng_.pct(3)) {
    auto& r = reps_[static_cast<std::size_t>(rng_.below(reps_.size()))];
    if (r.second < 3) {
      c.rep = r.first;
      ++r.second;
    }
  }
  if (c.rep.id.empty()) {
    c.rep = make_person(78);
    if (reps_.size() < 64)
      reps_.emplace_back(c.rep, 1);
    else
      reps_[next_rep_++ % 64] = {c.rep, 1};
  }
  // MOU subjects (power, oil & gas, pipeline) often name their other responsible persons
  if (!a.individual && a.domain != kSaving && a.domain != kRenew && rng_.pct(35)) {
    const int n = rng_.pct(70) ? 1 : 2;
    for (int k = 0; k < n; ++k) c.responsible.push_back(make_person(80));
  }
  return c;
}

void Generator::write_company(Company& c) {
  const Archetype& a = *c.type;
  const District& dist = districts()[c.district];
  Table& t = table(kSubject);
  t.clear();
  t["uscc"] = c.uscc;
  t["name"] = c.name;
  t["kind"] = a.individual ? "个体工商户" : "法人及非法人组织";
  std::string domains, roles;
  for (int d : c.domains) domains += (domains.empty() ? "" : "、") + std::string(kDomainLabel[d]);
  for (const auto& r : c.roles) roles += (roles.empty() ? "" : "、") + r;
  t["domains"] = domains;
  t["roles"] = roles;
  t["district"] = dist.label;
  if (rng_.pct(95)) t["address"] = c.address;
  if (!c.org_code.empty() && rng_.pct(40)) t["org_code"] = c.org_code;
  t["legal_rep"] = c.rep.name;
  if (rng_.pct(92)) {
    t["legal_rep_id_type"] = "身份证";
    t["legal_rep_id"] = c.rep.id;
  }
  std::string ids;
  for (const auto& p : c.responsible) ids += (ids.empty() ? "" : ";") + p.id;
  t["responsible_ids"] = ids;
  if (!a.individual && rng_.pct(90)) {
    std::int64_t cap = rng_.range(a.capital_lo, a.capital_hi);
    cap = cap >= 1000 ? cap / 100 * 100 : cap >= 100 ? cap / 10 * 10 : cap;
    t["registered_capital"] = rng_.pct(10) ? decimal(cap * 100 + rng_.range(0, 99), 2) : std::to_string(cap);
  }
  if (rng_.pct(98)) t["established_on"] = iso(c.established);
  if (rng_.pct(95)) {
    const unsigned s = static_cast<unsigned>(rng_.below(1000));
    t["operating_status"] = s < 945   ? "存续"
                            : s < 965 ? "注销"
                            : s < 980 ? "吊销"
                            : s < 990 ? "迁出"
                                      : "歇业";
  }
  if (rng_.pct(85)) t["business_scope"] = a.scope;
  if (rng_.pct(70)) {
    t["contact_person"] = rng_.pct(40) ? c.rep.name : person_name(rng_.pct(50));
    t["contact_phone"] = phone();
  }
  // a subject not yet filed: its records arrive, its 基本信息 row does not (coverage)
  static const unsigned kUnfiledScale[kDomains] = {50, 100, 200, 150, 100};  // percent of the rate, by domain
  const bool filed =
      o_.unfiled_per_mille == 0 ||
      rng_.below(100000) >= static_cast<std::uint64_t>(o_.unfiled_per_mille) * kUnfiledScale[c.type->domain];
  c.rep_on_file = filed && !t["legal_rep_id"].empty();
  if (filed) {
    t.commit();
  } else {
    t.clear();
  }

  if (c.type->domain == kOilGas && c.roles.front() == "燃气经营企业" && !a.individual) remember(gas_, c);
  if (c.type->domain == kPipe && c.roles.front() == "油气管道企业") remember(pipeline_ops_, c);
  if (c.roles.front() == "分布式光伏项目单位") remember(pv_owners_, c);

  for (int k = draw_count(c, kPract); k > 0; --k) write_practitioner(c);
  for (int k = draw_count(c, kLic); k > 0; --k) write_licence(c);
  for (int k = draw_count(c, kPen); k > 0; --k) write_penalty(c, -1, nullptr);
  for (int k = draw_count(c, kInc); k > 0; --k) write_incident(c);
  if (draw_count(c, kBlack) > 0) write_black(c);
  if (draw_count(c, kKey) > 0) write_key_attention(c);
  for (int k = draw_count(c, kArr); k > 0; --k) write_arrears(c);
  for (int k = draw_count(c, kEs); k > 0; --k) write_energy_saving(c);
  for (int k = draw_count(c, kEva); k > 0; --k) write_evaluation(c);
  for (int k = draw_count(c, kCmt); k > 0; --k) write_commitment(c);
  for (int k = draw_count(c, kCom); k > 0; --k) write_commendation(c);
  if (draw_count(c, kRed) > 0 && c.penalties == 0) write_red(c);
  write_relations(c, filed);     // from rel_rng_: the draws above are what they were before it
  write_shared_lists(c, filed);  // last, from list_rng_: nor do rel_rng_'s draws change
}

void Generator::remember(Ring& ring, const Company& c) {
  if (ring.size() < 64)
    ring.emplace_back(c.name, c.uscc);
  else
    ring[static_cast<std::size_t>(rng_.below(64))] = {c.name, c.uscc};
}

int Generator::record_domain(const Company& c) {
  return c.domains.size() > 1 && rng_.pct(30) ? c.domains[1] : c.domains[0];
}

// Fields shared by the 双公示 datasets (licence, penalty).
void Generator::set_party(Table& t, const Company& c) {
  t["xdr_name"] = c.name;
  t["xdr_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
  t["xdr_uscc"] = c.uscc;
  if (!c.org_code.empty() && rng_.pct(30)) t["xdr_org_code"] = c.org_code;
  t["legal_rep"] = c.rep.name;
  if (rng_.pct(40)) {
    t["legal_rep_id_type"] = "身份证";
    t["legal_rep_id_no"] = c.rep.id;
  }
}

// ---------------------------------------------------------------- related parties
// relation.csv, as the market regulator's registration and the beneficial-owner filings
// give it. Everything here draws from rel_rng_ and reads, never changes, what the main
// stream made (the company, reps_), so the other files are byte for byte what they were.

namespace {
// Rows of a company with related parties, per 1,000 such companies (what the shareholders
// and officers below average): the chance of having them is λ / this, so the file holds
// about kPer1000[kRel] rows per 1,000 subjects.
constexpr std::uint64_t kRelationRowsPer1000 = 3500;
constexpr std::size_t kRelationRing = 64, kBlackRepRing = 16;
const char* const kPersonParty = "自然人";
const char* const kOrganisationParty = "法人及非法人组织";
}  // namespace

// Individual businesses have none (their operator is the subject row's legal_rep), nor
// have unfiled companies, and the parties that are companies are filed ones: so the file
// names no market subject the other files do not (the demo's count of subjects stays).
void Generator::write_relations(const Company& c, bool filed) {
  // a black-listed firm's legal representative, when the subject row names him, may sit on
  // the board of a later firm: the person the monitoring looks for
  if (c.black_listed && c.rep_on_file) {
    if (black_reps_.size() < kBlackRepRing)
      black_reps_.push_back(c.rep);
    else
      black_reps_[static_cast<std::size_t>(rel_rng_.below(kBlackRepRing))] = c.rep;
  }
  if (c.type->individual || !filed) return;
  const std::uint64_t chance = lambda(c, kRel) * 1000 / kRelationRowsPer1000;  // per million
  if (rel_rng_.below(1'000'000) < chance) {
    RelationRows rows{c, {}, c.rep};
    write_shareholders(rows);
    write_officers(rows);
  }
  remember_relation_party(c);
}

/// One to three natural persons (the legal representative first, most often) and now and
/// then an earlier company (first: a holding company); shares in hundredths adding up to
/// at most 100 (the rest held by holders not reported), the first holder's at least an
/// equal part.
void Generator::write_shareholders(RelationRows& rows) {
  const Company& c = rows.c;
  const int persons = rel_rng_.pct(50) ? 1 : rel_rng_.pct(60) ? 2 : 3;
  const bool company = !rel_companies_.empty() && rel_rng_.pct(20);
  const int holders = persons + (company ? 1 : 0);
  std::int64_t left = rel_rng_.pct(80) ? 100 : rel_rng_.range(51, 99);
  auto next_share = [&](int i) {  // holder i of `holders`: at least 1 for each one after it
    const int after = holders - 1 - i;
    const std::int64_t s =
        after == 0 ? left : rel_rng_.range(i == 0 ? (left + holders - 1) / holders : 1, left - after);
    left -= s;
    return rel_rng_.pct(95) ? decimal(s, 2) : std::string();  // now and then not given
  };
  int i = 0;  // (the draws in statements of their own: an argument list has no order)
  if (company) {
    const auto& holder = rel_rng_.pick(rel_companies_);
    const std::string share = next_share(i++);
    write_relation(rows, "股东", nullptr, &holder, share, relation_from(c, 60));
  }
  for (int k = 0; k < persons; ++k) {
    const Person p = k == 0 && rel_rng_.pct(70) ? c.rep : relation_person(75);
    if (k == 0) rows.top_holder = p;
    const std::string share = next_share(i++);
    write_relation(rows, "股东", &p, nullptr, share, relation_from(c, 70));
  }
}

/// Now and then directors, a supervisor, a senior manager (one of the responsible persons
/// the subject row names, when it names some), an actual controller and a parent company.
void Generator::write_officers(RelationRows& rows) {
  const Company& c = rows.c;
  if (rel_rng_.pct(40)) {
    if (rel_rng_.pct(50)) write_relation(rows, "董事", &c.rep, nullptr, "", relation_from(c, 60));
    for (int k = rel_rng_.pct(70) ? 1 : 2; k > 0; --k) {
      const Person p = officer(c);
      write_relation(rows, "董事", &p, nullptr, "", relation_from(c, 40));
    }
  }
  if (rel_rng_.pct(30)) {  // a new person: 董事、高级管理人员不得兼任监事 (公司法)
    const Person p = relation_person(50);
    write_relation(rows, "监事", &p, nullptr, "", relation_from(c, 50));
  }
  if (rel_rng_.pct(30)) {
    const Person p = !c.responsible.empty() && rel_rng_.pct(60) ? rel_rng_.pick(c.responsible)
                     : rel_rng_.pct(40)                         ? c.rep
                                                                : relation_person(70);
    write_relation(rows, "高级管理人员", &p, nullptr, "", relation_from(c, 30));
  }
  if (rel_rng_.pct(15)) {
    const Person& p = rel_rng_.pct(60) ? rows.top_holder : c.rep;
    write_relation(rows, "实际控制人", &p, nullptr, "", relation_from(c, 50));
  }
  if (!rel_companies_.empty() && rel_rng_.pct(10)) {
    const auto& parent = rel_rng_.pick(rel_companies_);
    write_relation(rows, "母公司（上级单位）", nullptr, &parent, "", relation_from(c, 70));
  }
}

/// A director besides the legal representative: now and then one who represents an earlier
/// firm (a black-listed one at times), so one person runs two firms; else a new person.
Person Generator::officer(const Company& c) {
  const unsigned r = static_cast<unsigned>(rel_rng_.below(100));
  if (r < 4 && !black_reps_.empty()) return rel_rng_.pick(black_reps_);
  if (r < 12 && !reps_.empty()) {
    const Person& p = reps_[static_cast<std::size_t>(rel_rng_.below(reps_.size()))].first;
    if (p.id != c.rep.id) return p;
  }
  return relation_person(70);
}

/// Writes one row unless the company already has this party in this role (so no two rows
/// share the primary key: every row of the company is written in this one call of
/// write_relations). `person` or `organisation` is the party; `share` "" for none.
bool Generator::write_relation(RelationRows& rows, const char* role, const Person* person,
                               const std::pair<std::string, std::string>* organisation,
                               const std::string& share, sys_days from) {
  const Company& c = rows.c;
  const std::string& id = person != nullptr ? person->id : organisation->second;
  for (const auto& k : rows.keys)
    if (k.first == role && k.second == id) return false;
  rows.keys.emplace_back(role, id);
  Table& t = table(kRel);
  t.clear();
  t["uscc"] = c.uscc;
  if (rel_rng_.pct(95)) t["name"] = c.name;
  if (person != nullptr) {
    t["party_kind"] = kPersonParty;
    t["party_name"] = person->name;
    t["party_id_type"] = "身份证";
    t["party_id_no"] = person->id;
  } else {
    t["party_kind"] = kOrganisationParty;
    t["party_name"] = organisation->first;
    t["party_uscc"] = organisation->second;
  }
  t["role"] = role;
  t["share"] = share;
  t["from_date"] = iso(from);
  // now and then a relation that has ended (a holding sold, an officer who left)
  const sys_days last = as_of_ - days{1};
  if (from + days{30} < last && rel_rng_.pct(6)) t["to_date"] = iso(day_in(rel_rng_, from + days{30}, last));
  if (rel_rng_.pct(80))
    t["source"] =
        std::string_view(role) == "实际控制人" ? "受益所有人信息备案" : "广州市市场监督管理局企业登记信息";
  t.commit();
  return true;
}

/// From the company's establishment (`at_founding_pct` percent), else a later day before as_of.
sys_days Generator::relation_from(const Company& c, unsigned at_founding_pct) {
  if (rel_rng_.pct(at_founding_pct)) return c.established;
  return day_in(rel_rng_, c.established + days{1}, as_of_ - days{1});
}

/// The companies later ones may name as shareholder or parent (filed ones only, see
/// write_relations); replaced at random once the ring is full.
void Generator::remember_relation_party(const Company& c) {
  if (rel_companies_.size() < kRelationRing)
    rel_companies_.emplace_back(c.name, c.uscc);
  else
    rel_companies_[static_cast<std::size_t>(rel_rng_.below(kRelationRing))] = {c.name, c.uscc};
}

}  // namespace sample
ECREDIT_END_NAMESPACE
