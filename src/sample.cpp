// Sample data (include/ecredit/sample.hpp): a Guangzhou-like energy market written as
// the dataset files of the built-in credit data list.
//
// One pass over the market subjects: each subject is made (archetype, risk tier,
// identifiers, names), written, and its practitioners, licences, penalties, incidents,
// arrears, energy-saving results, evaluations, commitments, commendations and list
// entries are written right after it, so memory does not grow with the number of
// subjects (apart from the key sets of the small datasets keyed by name and date).
// Identifiers are unique by construction: USCCs and resident IDs come from integer
// permutations of counters, company names from per-word counters, decision numbers
// from per-prefix counters.
//
// Determinism: std::mt19937_64 is specified bit for bit by the standard; everything
// else here is integer arithmetic and string building, so the files are the same on
// every platform. No std::*_distribution, no floating point, no iteration over an
// unordered container.
#include "ecredit/sample.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ecredit/catalog.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/repair.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

namespace fs = std::filesystem;
using date::days;
using date::sys_days;

constexpr std::size_t kMaxSubjects = 10'000'000;

// ================================================================ random numbers

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  std::uint64_t bits() { return g_(); }
  /// Uniform in [0, n) for n > 0: rejection of the low 2^64 mod n values, so no bias.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t x = g_();
      if (x >= threshold) return x % n;
    }
  }
  /// Uniform in [lo, hi]; lo when hi < lo.
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  int irange(int lo, int hi) { return static_cast<int>(range(lo, hi)); }
  bool pct(unsigned p) { return below(100) < p; }
  bool permille(unsigned p) { return below(1000) < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(below(v.size()))];
  }
  /// Index drawn with integer weights.
  std::size_t weighted(const std::vector<unsigned>& w) {
    std::uint64_t total = 0;
    for (unsigned x : w) total += x;
    std::uint64_t r = below(total == 0 ? 1 : total);
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (r < w[i]) return i;
      r -= w[i];
    }
    return 0;
  }

 private:
  std::mt19937_64 g_;
};

/// A bijection of [0, m): x → (x·a + b) mod m with gcd(a, m) = 1 (m < 2^31, so no overflow).
struct Perm {
  std::uint64_t m = 1, a = 1, b = 0;
  Perm() = default;
  Perm(std::uint64_t size, std::uint64_t salt_a, std::uint64_t salt_b) : m(size) {
    a = m / 3 + salt_a % (m / 2 + 1);
    while (std::gcd(a, m) != 1) a = a + 1 < m ? a + 1 : 1;
    b = salt_b % m;
  }
  std::uint64_t operator()(std::uint64_t x) const { return (x % m * a + b) % m; }
};

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// ================================================================ identifiers
// The standards' own algorithms (GB 32100, GB 11714, GB 11643), computed here to make
// genuine codes; src/id.cpp checks them.

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int org_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 0;
}

/// GB 11714 check character of an 8-character body.
char org_check(std::string_view body) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) sum += org_value(body[i]) * kWeights[i];
  const int c = 11 - sum % 11;
  return c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c);
}

/// GB 32100 check character of the first 17 characters.
char uscc_check(std::string_view first17) {
  int sum = 0, w = 1;
  for (std::size_t i = 0; i < 17; ++i) {
    sum += static_cast<int>(kUsccAlphabet.find(first17[i])) * w;
    w = w * 3 % 31;
  }
  return kUsccAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

/// "91" + region + body + both check characters.
std::string make_uscc(std::string_view head8, std::string_view body8) {
  std::string s;
  s.reserve(18);
  s.append(head8).append(body8);
  s.push_back(org_check(body8));
  s.push_back(uscc_check(s));
  return s;
}

/// GB 11643 check character of the first 17 digits.
char resident_check(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

// ================================================================ text helpers

std::string digits(std::uint64_t v, int width) {
  std::string s(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && v > 0; --i) {
    s[static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return s;
}

/// v / 10^scale written as a decimal without trailing zeros ("12.5", "3").
std::string decimal(std::int64_t v, int scale) {
  std::int64_t p = 1;
  for (int i = 0; i < scale; ++i) p *= 10;
  std::string s = std::to_string(v / p);
  std::int64_t frac = v % p;
  if (frac == 0) return s;
  std::string f = digits(static_cast<std::uint64_t>(frac), scale);
  while (!f.empty() && f.back() == '0') f.pop_back();
  return s + "." + f;
}

std::string iso(sys_days d) { return format_iso_date(d); }

int year_of(sys_days d) { return static_cast<int>(date::year_month_day{d}.year()); }

/// "3·15": month·day as incident names write it.
std::string month_dot_day(sys_days d) {
  const date::year_month_day ymd{d};
  return std::to_string(static_cast<unsigned>(ymd.month())) + "·" +
         std::to_string(static_cast<unsigned>(ymd.day()));
}

std::string cn_date(sys_days d) {
  const date::year_month_day ymd{d};
  return std::to_string(static_cast<int>(ymd.year())) + "年" +
         std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日";
}

sys_days ymd_day(int y, unsigned m, unsigned d) {
  return sys_days{date::year{y} / date::month{m} / date::day{d}};
}

/// Replaces every "{key}" of `t` by the matching value.
std::string fill(std::string t, const std::vector<std::pair<const char*, std::string>>& vars) {
  for (const auto& [key, value] : vars) {
    const std::string k = std::string("{") + key + "}";
    for (std::size_t p = t.find(k); p != std::string::npos; p = t.find(k, p + value.size()))
      t.replace(p, k.size(), value);
  }
  return t;
}

/// The i-th character of a string of 3-byte UTF-8 characters.
std::string_view cjk(std::string_view chars, std::size_t i) { return chars.substr(3 * i, 3); }
std::size_t cjk_count(std::string_view chars) { return chars.size() / 3; }

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// ================================================================ the market's tables

enum Dom : int { kElec, kOilGas, kPipe, kRenew, kSaving, kDomains };
const char* const kDomainLabel[kDomains] = {"电力", "石油天然气", "油气管道保护", "新能源和可再生能源",
                                            "节能"};

// Datasets, in the order their rates are given.
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
  kDatasets
};
const char* const kDatasetId[kDatasets] = {
    "subject",       "practitioner",       "admin_license", "admin_penalty", "red_list",
    "black_list",    "key_attention_list", "arrears",       "commitment",    "safety_incident",
    "energy_saving", "commendation",       "evaluation"};
// Rows per 1,000 subjects (the datasets' rates are calibrated to these).
constexpr unsigned kPer1000[kDatasets] = {1000, 300, 600, 140, 15, 8, 12, 40, 150, 8, 100, 50, 200};

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
};

// Licence kinds (admin_license).
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
  kCertSafety
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

struct LicenceKind {
  const char* doc;
  const char* cert;
  const char* type;  // license_type label
  int auth;
  int domain;  // -1: the subject's primary domain
  int years;   // 0: long-term (2099-12-31)
  const char* content;
  int cert_fmt;
};

const std::vector<LicenceKind>& licence_kinds() {
  static const std::vector<LicenceKind> v = {
      {"准予燃气经营许可决定书", "燃气经营许可证", "普通", kUrban, kOilGas, 5,
       "准予核发燃气经营许可证。经营类别：管道燃气；经营区域：广州市{district}", kCertGasPipe},
      {"准予燃气经营许可决定书", "燃气经营许可证", "普通", kUrban, kOilGas, 5,
       "准予核发燃气经营许可证。经营类别：瓶装燃气（液化石油气）；供应站地址：{address}", kCertGasBottle},
      {"危险化学品经营许可决定书", "危险化学品经营许可证", "普通", kEmergency, kOilGas, 3,
       "准予危险化学品经营许可。许可范围：{hazmat}（{storage}）", kCertHazmat},
      {"成品油零售经营批准决定书", "成品油零售经营批准证书", "普通", kCommerce, kOilGas, 5,
       "准予从事成品油零售经营。经营地址：{address}；经营品种：汽油、柴油", kCertOil},
      {"准予行政许可决定书", "移动式压力容器/气瓶充装许可证", "认可", kMarket, kOilGas, 4,
       "准予气瓶充装许可。充装介质：液化石油气；充装地址：{address}", kCertCylinder},
      {"特种设备使用登记决定书", "特种设备使用登记证", "登记", kMarket, -1, 0,
       "准予特种设备使用登记。设备类别：{equipment}；使用地点：{address}", kCertEquipment},
      {"电力业务许可决定书", "电力业务许可证（发电类）", "特许", kNea, kElec, 20,
       "准予电力业务许可（发电类）。机组{units}台，总装机容量{mw}兆瓦", kCertElecGen},
      {"电力业务许可决定书", "电力业务许可证（供电类）", "特许", kNea, kElec, 20,
       "准予电力业务许可（供电类）。供电营业区：广州市{district}{zone}", kCertElecSupply},
      {"承装（修、试）电力设施许可决定书", "承装（修、试）电力设施许可证", "认可", kNea, kElec, 6,
       "准予承装（修、试）电力设施许可。许可类别和等级：承装类{grade}级、承修类{grade}级、承试类{grade2}级",
       kCertInstall},
      {"企业投资项目核准决定书", "", "核准", kDev, -1, 2,
       "同意建设{project}。建设地点：广州市{district}；总投资{investment}万元", kCertNone},
      {"固定资产投资项目节能审查意见", "", "其他", kDev, kSaving, 2,
       "原则同意{project}节能报告。项目年综合能源消费量{tce}吨标准煤（当量值）", kCertNone},
      {"准予行政许可决定书", "", "普通", kDev, kPipe, 1,
       "准予在{road}{pipe}管道保护范围内进行{work}施工作业，施工期限{months}个月", kCertNone},
      {"广东省企业投资项目备案证", "", "登记", kDistDev, kRenew, 2,
       "准予备案：{name}{kw}千瓦分布式光伏发电项目，建设地点：{address}", kCertPv},
      {"准予行政许可决定书", "安全生产许可证", "普通", kHousing, -1, 3,
       "准予核发建筑施工企业安全生产许可证。许可范围：建筑施工", kCertSafety},
  };
  return v;
}

struct Archetype {
  const char* role;  // energy_role label
  unsigned share;    // per 10,000 subjects
  bool individual;   // 个体工商户
  Dom domain;
  int domain2;  // a second domain (-1 none), with domain2_pct
  unsigned domain2_pct;
  const char* role2;  // a second role ("" none), with role2_pct
  unsigned role2_pct;
  std::vector<const char*> words;  // industry words of the company names
  const char* scope;
  int capital_lo, capital_hi;  // 万元
  // practitioner, licence, penalty, red, black, key, arrears, commitment, incident, energy saving,
  // commendation, evaluation (relative, ×100)
  std::array<unsigned, 12> rates;
  std::vector<int> licences;
  int project;  // kind of project for approvals (0 none, 1 power plant, 2 pipeline, 3 storage, 4 grid, 5
                // storage plant)
  bool industrial = false;  // sited mostly in the industrial districts (黄埔, 南沙, 番禺, 增城, …)
};

const std::vector<Archetype>& archetypes() {
  static const std::vector<const char*> kIndustry = {
      "实业", "塑胶制品", "纺织", "汽车零部件", "食品",     "五金制品", "电子科技", "化工", "钢铁",    "水泥",
      "造纸", "玻璃",     "汽车", "医药",       "纺织印染", "陶瓷",     "数据科技", "铝业", "冷链物流"};
  static const std::vector<Archetype> v = {
      {"发电企业",
       250,
       false,
       kElec,
       kOilGas,
       20,
       "",
       0,
       {"热电", "发电", "电力", "能源发电"},
       "火力发电；热力生产和供应；发电技术服务；电力设施运行维护",
       5000,
       200000,
       {300, 220, 80, 150, 100, 100, 20, 120, 150, 150, 150, 250},
       {6, 9, 10, 5},
       1,
       true},
      {"配电企业",
       80,
       false,
       kElec,
       -1,
       0,
       "售电企业",
       50,
       {"配售电", "增量配电"},
       "供电业务；配电网建设、运营；售电业务；电力工程施工",
       5000,
       50000,
       {250, 180, 80, 120, 100, 100, 40, 120, 100, 20, 100, 200},
       {7, 9},
       4},
      {"供电企业",
       20,
       false,
       kElec,
       -1,
       0,
       "",
       0,
       {"供电服务"},
       "供电业务；电力设施运行维护；用电咨询服务",
       5000,
       100000,
       {250, 150, 80, 120, 100, 100, 20, 120, 100, 20, 120, 200},
       {7},
       4},
      {"售电企业",
       700,
       false,
       kElec,
       kSaving,
       15,
       "",
       0,
       {"售电", "能源科技", "电力销售"},
       "售电业务；合同能源管理；节能管理服务；电力需求侧管理咨询",
       2000,
       20000,
       {40, 0, 80, 80, 150, 120, 60, 160, 0, 0, 50, 180},
       {},
       0},
      {"电力建设施工企业",
       600,
       false,
       kElec,
       -1,
       0,
       "",
       0,
       {"电力工程", "电力建设", "机电安装工程", "输变电工程"},
       "输电、供电、受电电力设施的安装、维修和试验；建设工程施工；电气安装服务",
       1000,
       30000,
       {250, 180, 140, 60, 120, 120, 30, 120, 250, 0, 60, 150},
       {8, 13},
       0},
      {"电能服务机构",
       300,
       false,
       kElec,
       kSaving,
       20,
       "",
       0,
       {"电力技术服务", "电气技术", "电力科技"},
       "电力设施运行维护；电力行业高效节能技术研发；技术服务、技术咨询",
       100,
       5000,
       {150, 60, 60, 60, 80, 80, 20, 100, 80, 30, 60, 120},
       {8},
       0},
      {"电力用户",
       900,
       false,
       kElec,
       kSaving,
       20,
       "",
       0,
       kIndustry,
       "生产、销售；货物进出口；技术进出口",
       500,
       50000,
       {60, 40, 60, 80, 60, 80, 250, 60, 60, 80, 60, 80},
       {10, 5},
       0},
      {"燃气经营企业",
       550,
       false,
       kOilGas,
       kPipe,
       25,
       "油气管道企业",
       10,
       {"燃气", "天然气", "液化石油气", "能源"},
       "燃气经营；燃气汽车加气经营；燃气燃烧器具安装、维修；特种设备安装改造修理",
       1000,
       80000,
       {400, 280, 260, 100, 150, 150, 20, 220, 300, 20, 100, 220},
       {0, 1, 2, 4, 5},
       0},
      {"燃气经营企业",
       300,
       true,
       kOilGas,
       -1,
       0,
       "",
       0,
       {"燃气供应站", "液化气供应点"},
       "瓶装燃气经营（液化石油气）；日用百货销售",
       0,
       0,
       {60, 100, 220, 10, 60, 120, 0, 100, 100, 0, 10, 20},
       {1},
       0},
      {"成品油批发零售企业",
       600,
       false,
       kOilGas,
       -1,
       0,
       "",
       0,
       {"石油化工", "石化", "油品", "加油站"},
       "成品油零售（限危险化学品）；危险化学品经营；润滑油销售；便利店经营",
       300,
       20000,
       {150, 220, 160, 60, 100, 100, 20, 150, 100, 20, 60, 150},
       {3, 2},
       0},
      {"油气储运企业",
       120,
       false,
       kOilGas,
       kPipe,
       30,
       "",
       0,
       {"石油储运", "油气储运", "能源仓储"},
       "危险化学品仓储；港口货物装卸搬运；成品油仓储；道路危险货物运输",
       5000,
       100000,
       {200, 240, 120, 80, 100, 100, 20, 120, 200, 40, 80, 180},
       {2, 5, 9},
       3,
       true},
      {"炼化企业",
       20,
       false,
       kOilGas,
       kSaving,
       60,
       "重点用能单位",
       60,
       {"石油化工", "石化"},
       "原油加工及石油制品制造；危险化学品生产；热力生产和供应",
       50000,
       500000,
       {400, 260, 120, 100, 100, 100, 20, 120, 200, 300, 120, 250},
       {2, 5, 10, 9},
       3,
       true},
      {"油气进出口企业",
       60,
       false,
       kOilGas,
       -1,
       0,
       "",
       0,
       {"能源进出口", "燃料贸易", "石油贸易"},
       "货物进出口；成品油批发（限危险化学品）；燃料油销售；国际货物运输代理",
       2000,
       50000,
       {60, 100, 60, 60, 80, 80, 20, 100, 20, 0, 40, 150},
       {2},
       0},
      {"油气管道企业",
       150,
       false,
       kPipe,
       kOilGas,
       60,
       "",
       0,
       {"天然气管网", "管道燃气", "油气管道"},
       "天然气管道运输；燃气经营；管道工程施工；特种设备检验检测",
       10000,
       300000,
       {300, 240, 100, 100, 100, 100, 20, 150, 200, 20, 100, 200},
       {9, 0, 5},
       2,
       true},
      {"第三方施工单位",
       1200,
       false,
       kPipe,
       -1,
       0,
       "",
       0,
       {"建筑工程", "市政工程", "建设工程", "土石方工程", "基础工程", "管道工程"},
       "建设工程施工；市政设施管理；土石方工程施工；园林绿化工程施工",
       500,
       30000,
       {120, 150, 200, 30, 120, 150, 20, 120, 250, 0, 30, 80},
       {11, 13},
       0},
      {"项目管理单位",
       200,
       false,
       kPipe,
       -1,
       0,
       "",
       0,
       {"工程项目管理", "工程咨询", "建设监理"},
       "工程管理服务；建设工程监理；工程造价咨询业务",
       300,
       10000,
       {150, 40, 60, 40, 60, 60, 10, 100, 40, 0, 40, 100},
       {11},
       0},
      {"分布式光伏项目单位",
       1200,
       false,
       kRenew,
       kSaving,
       15,
       "",
       0,
       {"光伏科技", "新能源科技", "光伏发电", "太阳能科技", "绿色能源"},
       "太阳能发电技术服务；光伏设备及元器件销售；合同能源管理；发电业务（分布式光伏）",
       100,
       20000,
       {60, 120, 40, 80, 60, 60, 30, 150, 20, 30, 60, 120},
       {12},
       0},
      {"新能源和可再生能源企业",
       400,
       false,
       kRenew,
       -1,
       0,
       "",
       0,
       {"新能源", "风电", "生物质能源", "储能科技", "氢能科技", "充电科技"},
       "新兴能源技术研发；储能技术服务；电动汽车充电基础设施运营；生物质能技术服务",
       1000,
       100000,
       {120, 120, 50, 100, 60, 60, 20, 120, 40, 50, 100, 180},
       {12, 9, 6},
       5,
       true},
      {"重点用能单位",
       1000,
       false,
       kSaving,
       kElec,
       60,
       "电力用户",
       60,
       kIndustry,
       "生产、销售；货物进出口；技术进出口；余热余压余气利用技术研发",
       2000,
       200000,
       {60, 80, 100, 100, 80, 120, 150, 100, 60, 600, 100, 120},
       {10, 5},
       0,
       true},
      {"节能服务机构",
       800,
       false,
       kSaving,
       kRenew,
       25,
       "分布式光伏项目单位",
       20,
       {"节能科技", "节能服务", "能源管理", "综合能源服务", "节能环保科技"},
       "节能管理服务；合同能源管理；工程和技术研究和试验发展；余热发电关键技术研发",
       100,
       10000,
       {150, 30, 40, 100, 60, 60, 10, 150, 10, 100, 100, 220},
       {12},
       0},
      {"能源审计/节能评估机构",
       250,
       false,
       kSaving,
       -1,
       0,
       "",
       0,
       {"节能评估", "能源技术咨询", "能源审计"},
       "节能评估；能源审计服务；工程咨询；碳减排、碳转化、碳捕捉、碳封存技术研发",
       50,
       2000,
       {300, 0, 70, 80, 100, 100, 10, 150, 0, 120, 50, 220},
       {},
       0},
  };
  return v;
}

struct District {
  const char* code;
  const char* label;
  const char* abbr;
  unsigned weight;             // of all subjects
  unsigned industrial_weight;  // of plants, depots, refineries, key energy users
  std::vector<const char*> roads;
};

const std::vector<District>& districts() {
  static const std::vector<District> v = {
      {"440103", "荔湾区", "荔", 5, 2, {"中山八路", "芳村大道中", "花地大道南", "龙溪大道", "康王中路"}},
      {"440104",
       "越秀区",
       "越",
       6,
       1,
       {"环市东路", "东风中路", "北京路", "中山五路", "解放北路", "先烈中路"}},
      {"440105",
       "海珠区",
       "海",
       7,
       2,
       {"新港中路", "江南大道中", "工业大道中", "琶洲大道", "南洲路", "广州大道南"}},
      {"440106",
       "天河区",
       "天",
       13,
       2,
       {"天河路", "黄埔大道西", "花城大道", "天河北路", "中山大道西", "科韵路", "珠江东路"}},
      {"440111",
       "白云区",
       "云",
       12,
       10,
       {"白云大道北", "机场路", "广园中路", "广从五路", "石井大道", "良田路"}},
      {"440112",
       "黄埔区",
       "埔",
       14,
       26,
       {"科学大道", "开创大道", "黄埔东路", "开发大道", "港前路", "永和大道"}},
      {"440113",
       "番禺区",
       "番",
       12,
       12,
       {"清河东路", "迎宾路", "亚运大道", "兴南大道", "市莲路", "大石105国道"}},
      {"440114", "花都区", "花", 9, 10, {"迎宾大道", "芙蓉大道", "空港大道", "花都大道西", "新华路"}},
      {"440115",
       "南沙区",
       "南",
       10,
       22,
       {"进港大道", "环市大道南", "黄阁大道", "明珠湾大道", "龙穴岛港前大道"}},
      {"440117", "从化区", "从", 4, 5, {"河滨北路", "广从南路", "鳌头大道", "温泉大道"}},
      {"440118", "增城区", "增", 7, 10, {"增城大道", "港口大道", "新新大道", "田桥路"}},
  };
  return v;
}

// Resident-ID regions of birth: Guangzhou (current and old codes), other Guangdong cities,
// neighbouring provinces.
struct PersonRegion {
  const char* code;
  unsigned weight;
};
const std::vector<PersonRegion>& person_regions() {
  static const std::vector<PersonRegion> v = {
      {"440103", 6},
      {"440104", 8},
      {"440105", 8},
      {"440106", 8},
      {"440111", 7},
      {"440112", 5},
      {"440113", 7},
      {"440114", 4},
      {"440115", 3},
      {"440117", 2},
      {"440118", 3},
      {"440102", 2},
      {"440107", 1},
      {"440183", 2},
      {"440184", 1},
      {"440303", 2},
      {"440604", 2},
      {"440606", 2},
      {"440513", 2},
      {"441402", 2},
      {"441421", 1},
      {"445202", 2},
      {"445221", 1},
      {"440882", 1},
      {"440981", 1},
      {"441302", 1},
      {"440703", 1},
      {"441900", 1},
      {"430103", 1},
      {"430602", 1},
      {"360102", 1},
      {"450102", 1},
      {"420106", 1},
      {"350102", 1},
      {"510107", 1},
      // residence permits of Hong Kong, Macao and Taiwan residents (weight 0: chosen explicitly)
      {"810000", 0},
      {"820000", 0},
      {"830000", 0},
  };
  return v;
}
constexpr std::size_t kPermitRegion = 35;  // index of 810000 above

struct Weighted {
  const char* s;
  unsigned w;
};

const std::vector<Weighted>& surnames() {
  static const std::vector<Weighted> v = {
      {"陈", 80}, {"李", 55},  {"黄", 55},  {"张", 40}, {"梁", 35}, {"林", 32}, {"刘", 32}, {"吴", 28},
      {"何", 28}, {"罗", 22},  {"郭", 15},  {"郑", 20}, {"谢", 18}, {"周", 16}, {"冯", 15}, {"叶", 15},
      {"蔡", 14}, {"邓", 16},  {"曾", 15},  {"杨", 22}, {"王", 25}, {"徐", 12}, {"钟", 14}, {"卢", 12},
      {"麦", 8},  {"温", 8},   {"邱", 8},   {"潘", 10}, {"余", 10}, {"彭", 10}, {"赖", 8},  {"朱", 12},
      {"胡", 12}, {"欧阳", 4}, {"司徒", 2}, {"区", 3},  {"关", 6},  {"黎", 10}, {"莫", 8},  {"苏", 10},
      {"许", 10}, {"方", 8},   {"江", 8},   {"汤", 5},  {"严", 5},  {"廖", 10}, {"谭", 10}, {"骆", 4},
      {"简", 4},  {"孔", 3},
  };
  return v;
}
constexpr std::string_view kMaleChars =
    "伟强军杰斌辉华明勇涛健俊峰浩文志国建海波锋鹏宇飞龙荣生平东宏永家振耀光德彬坚锐成达超庆伦炜";
constexpr std::string_view kFemaleChars =
    "丽芳敏静燕娟婷玲霞秀红艳颖琳慧洁欣雪梅兰凤珍莉萍琴佩诗雅美倩怡蕾婉翠玉";
constexpr std::string_view kSharedChars = "子思晓佳嘉永家雨春秋少绍泽锦卓海志文小";
// Characters of trade names (字号). No character c such that c + one industry word is
// another industry word, so names are unique by construction (see trade_name()).
constexpr std::string_view kTradeChars =
    "华粤穗恒泰鑫源达盛通安信宏联创绿明海珠云兴嘉和丰瑞祥润力德诚锦汇隆远骏腾耀晟昊宇航科捷成凯中南广越岭峰天"
    "启智博威立正元永长万顺益富佳美光辉星晨阳朗清蓝青禾林森川江湖港湾沙金银宝龙凤鹏毅豪弘钧铭骐翔超卓振鼎盈聚"
    "利发旺茂昌荣康健乐泓澜涛浩洋潮桦榕荔晖曜昕晓旭煜炜烨焱灿熙照容融迅驰勤义仁友邦亚欧东北方圆汉唐泽沛澄湛深"
    "坤乾逸彩秀佑贤俊骅劲";

const char* const kMobilePrefixes[] = {"135", "136", "137", "138", "139", "150", "151", "158", "159", "186",
                                       "187", "188", "189", "133", "153", "180", "181", "177", "199", "166"};

// ---- penalties ------------------------------------------------------------------------

constexpr int kAnyDomain = -1;
struct Violation {
  int domain;         // a Dom, or kAnyDomain (safety)
  const char* roles;  // role labels separated by ',' ("" any)
  int auth;
  const char* type;
  const char* facts;
  const char* basis;
  unsigned minor, general, serious;  // severity weights
};

const std::vector<Violation>& violations() {
  static const std::vector<Violation> v = {
      {kOilGas, "燃气经营企业", kDistUrban, "未取得燃气经营许可证从事燃气经营活动",
       "经查，当事人未取得燃气经营许可证，于{date}在{place}"
       "从事瓶装液化石油气经营活动，现场查获液化石油气钢瓶{n}只。",
       "《城镇燃气管理条例》第四十五条第一款", 0, 60, 40},
      {kOilGas, "燃气经营企业", kUrban, "燃气经营者未按规定对燃气用户的燃气设施定期进行安全检查",
       "经查，当事人{year}年度未按规定对{place}片区{n}户燃气用户的燃气设施进行定期安全检查。",
       "《城镇燃气管理条例》；《广东省燃气管理条例》", 30, 60, 10},
      {kOilGas, "燃气经营企业", kDistUrban, "在不具备安全条件的场所储存燃气",
       "{date}，执法人员在{place}检查发现，当事人在不具备安全条件的场所储存液化石油气钢瓶{n}只。",
       "《城镇燃气管理条例》", 20, 70, 10},
      {kOilGas, "燃气经营企业", kDistUrban, "向未取得燃气经营许可证的单位或者个人提供用于经营的燃气",
       "经查，当事人于{date}向未取得燃气经营许可证的个人供应液化石油气{n}瓶用于经营。",
       "《城镇燃气管理条例》", 10, 70, 20},
      {kOilGas, "燃气经营企业", kMarket, "气瓶充装单位为超期未检气瓶充装燃气",
       "{date}，执法人员在{place}检查发现，当事人为{n}只超过定期检验期限的液化石油气钢瓶充装。",
       "《中华人民共和国特种设备安全法》", 10, 75, 15},
      {kOilGas, "成品油批发零售企业,油气储运企业,炼化企业,油气进出口企业", kMarket, "销售不合格车用汽油",
       "经抽样检验，当事人于{date}在{place}"
       "销售的92号车用汽油硫含量不符合国家标准，以不合格产品冒充合格产品。",
       "《中华人民共和国产品质量法》第五十条", 0, 60, 40},
      {kOilGas, "成品油批发零售企业,油气储运企业,油气进出口企业", kEmergency,
       "未取得危险化学品经营许可证经营危险化学品",
       "经查，当事人在危险化学品经营许可证有效期届满后，自{date}起继续在{place}经营柴油。",
       "《危险化学品安全管理条例》", 0, 50, 50},
      {kElec, "电力建设施工企业,电能服务机构", kNea, "超越许可范围承揽承装（修、试）电力设施业务",
       "经查，当事人于{date}承揽了超出其许可等级的{place}110千伏变电站改造工程。",
       "《承装（修、试）电力设施许可证管理办法》", 10, 70, 20},
      {kElec, "", kNea, "未按规定报送电力安全生产信息",
       "经查，当事人未按规定于{date}前报送电力安全生产信息。", "《电力安全生产监督管理办法》", 70, 30, 0},
      {kElec, "售电企业", kNea, "售电公司未按规定进行信息披露",
       "经查，当事人{year}年度未按规定在电力交易平台披露公司信息和履约保函情况。",
       "《电力市场监管办法》；《售电公司管理办法》", 50, 45, 5},
      {kElec, "售电企业", kNea, "售电公司在电力市场注册和交易中提供虚假材料",
       "经查，当事人于{date}在电力市场注册和交易中提交虚假的资产证明和履约保函材料。",
       "《售电公司管理办法》；《电力市场监管办法》", 0, 40, 60},
      {kElec, "电力建设施工企业,电能服务机构,电力用户,重点用能单位", kIndustry,
       "在电力设施保护区内施工危及电力设施安全",
       "{date}，当事人在{place}架空电力线路保护区内使用吊车作业，危及电力设施安全。", "《电力设施保护条例》",
       20, 70, 10},
      {kElec, "发电企业,配电企业,供电企业", kNea, "未取得电力业务许可证从事电力业务",
       "经查，当事人未取得电力业务许可证，自{date}起在{place}从事电力业务。", "《电力监管条例》", 0, 40, 60},
      {kPipe, "第三方施工单位,项目管理单位", kDev, "未经批准在管道保护范围内进行施工作业",
       "经查，当事人于{date}在{place}"
       "天然气管道中心线两侧五米范围内进行机械开挖作业，未依法取得施工作业许可。",
       "《中华人民共和国石油天然气管道保护法》", 10, 75, 15},
      {kPipe, "第三方施工单位", kDev, "施工作业未采取管道保护措施",
       "{date}，当事人在{place}进行市政道路施工时未按管道企业安全交底要求采取保护措施。",
       "《中华人民共和国石油天然气管道保护法》", 20, 70, 10},
      {kPipe, "油气管道企业,燃气经营企业", kDev, "管道企业未按规定对管道进行巡护、检测和维修",
       "经查，当事人未按规定对{place}段管道开展巡护和定期检测，{year}年度巡检记录缺失。",
       "《中华人民共和国石油天然气管道保护法》", 20, 70, 10},
      {kSaving, "重点用能单位", kDev, "重点用能单位未按照规定报送能源利用状况报告",
       "经查，当事人未按规定报送{year}年度能源利用状况报告，经责令限期改正逾期仍未改正。",
       "《中华人民共和国节约能源法》第八十二条", 30, 65, 5},
      {kSaving, "重点用能单位", kIndustry, "重点用能单位未按照规定设立能源管理岗位",
       "经查，当事人未按规定设立能源管理岗位、聘任能源管理负责人。", "《中华人民共和国节约能源法》第八十四条",
       20, 75, 5},
      {kSaving, "", kDev, "固定资产投资项目未按规定进行节能审查即开工建设",
       "经查，当事人投资建设的{place}技术改造项目未按规定进行节能审查，于{date}擅自开工建设。",
       "《中华人民共和国节约能源法》第六十八条", 0, 70, 30},
      {kSaving, "能源审计/节能评估机构", kDev, "节能评估机构在节能报告编制中弄虚作假",
       "经查，当事人于{date}编制的节能报告中能源消费量数据失实，引用资料与实际不符。",
       "《固定资产投资项目节能审查办法》", 0, 40, 60},
      {kSaving, "重点用能单位,电力用户", kIndustry, "使用国家明令淘汰的用能设备",
       "{date}，节能监察发现当事人在生产中使用国家明令淘汰的高耗能电机{n}台。",
       "《中华人民共和国节约能源法》第七十一条", 10, 80, 10},
      {kSaving, "节能服务机构", kDev, "节能服务机构提供虚假信息",
       "经查，当事人在{year}年度节能专项资金申报中提供虚假的节能量审核材料。",
       "《中华人民共和国节约能源法》第七十六条", 0, 50, 50},
      {kRenew, "", kDistDev, "分布式光伏项目未按备案内容建设",
       "经查，当事人备案的分布式光伏发电项目实际建设规模与备案内容不符，于{date}擅自变更建设地点。",
       "《企业投资项目核准和备案管理条例》", 30, 65, 5},
      {kRenew, "分布式光伏项目单位,新能源和可再生能源企业,节能服务机构", kDev,
       "以虚报装机容量等方式骗取可再生能源补贴资金",
       "经查，当事人在{year}年度分布式光伏发电补贴申报中虚报装机容量，于{date}骗取补贴资金。",
       "《可再生能源电价附加补助资金管理办法》", 0, 30, 70},
      {kRenew, "", kNea, "新能源场站未按规定报送安全生产信息",
       "经查，当事人未按规定于{date}前报送新能源场站运行安全信息。", "《电力安全生产监督管理办法》", 70, 30,
       0},
      {kAnyDomain, "", kDistEmergency, "未按规定对从业人员进行安全生产教育和培训",
       "{date}，执法人员检查发现，当事人未按规定对{n}名从业人员进行安全生产教育和培训，未如实记录培训情况。",
       "《中华人民共和国安全生产法》第九十七条", 20, 75, 5},
      {kAnyDomain, "", kDistEmergency, "未按规定开展生产安全事故隐患排查治理",
       "{date}，执法人员在{place}检查发现，当事人未建立事故隐患排查治理制度，存在{n}项安全隐患。",
       "《中华人民共和国安全生产法》", 15, 75, 10},
  };
  return v;
}

// Incidents: what happened, by domain.
struct IncidentKind {
  int domain;
  const char* what;
};
const std::vector<IncidentKind>& incident_kinds() {
  static const std::vector<IncidentKind> v = {
      {kOilGas, "燃气泄漏爆燃"},
      {kOilGas, "液化石油气钢瓶泄漏着火"},
      {kOilGas, "加油站卸油作业着火"},
      {kOilGas, "油罐清洗作业中毒窒息"},
      {kElec, "触电"},
      {kElec, "高处坠落"},
      {kElec, "变电站设备爆炸"},
      {kPipe, "燃气管道泄漏着火"},
      {kRenew, "屋顶光伏组件火灾"},
      {kRenew, "储能电站火灾"},
      {kSaving, "锅炉爆管"},
      {kSaving, "物体打击"},
  };
  return v;
}

// Bad code labels: a label real submissions use that is in no table (checked against the
// table at run time).
const std::vector<std::pair<const char*, const char*>>& bad_labels() {
  static const std::vector<std::pair<const char*, const char*>> v = {
      {"domain", "煤炭"},
      {"subject_kind", "企业法人"},
      {"energy_role", "煤矿企业"},
      {"cert_type", "军官证"},
      {"penalty_type", "约谈"},
      {"license_type", "备案"},
      {"severity", "较重"},
      {"list_status", "暂停"},
      {"arrears_kind", "水费"},
      {"arrears_status", "催缴中"},
      {"commitment_type", "承诺制"},
      {"fulfilment_status", "履行中"},
      {"disclosure_type", "内部"},
      {"incident_level", "轻微事故"},
      {"evaluation_scheme", "纳税信用评价"},
      {"evaluation_grade", "BBB"},
      {"energy_saving_item", "清洁生产审核"},
      {"energy_saving_result", "良好"},
      {"commendation_level", "县级"},
      {"operating_status", "清算"},
      {"district", "佛山市南海区"},
  };
  return v;
}

// ================================================================ one dataset file

class Table {
 public:
  Table(const Dataset& ds, const fs::path& path, bool guard) : ds_(ds), path_(path), guard_(guard) {
    open_for_writing(out_, path.string(), "sample file");
    for (std::size_t i = 0; i < ds.fields.size(); ++i) index_.emplace(ds.fields[i].name, i);
    row_.resize(ds.fields.size());
    std::string header;
    for (std::size_t i = 0; i < ds.fields.size(); ++i) {
      if (i > 0) header.push_back(',');
      header += ds.fields[i].name;
    }
    header.push_back('\n');
    buf_ += header;
  }

  const Dataset& dataset() const { return ds_; }
  void clear() {
    for (auto& c : row_) c.clear();
  }
  std::string& operator[](std::string_view name) {
    auto it = index_.find(name);
    if (it == index_.end())
      throw Error("sample generator: dataset '" + ds_.id + "' has no field '" + std::string(name) + "'");
    return row_[it->second];
  }
  std::size_t index(std::string_view name) const {
    auto it = index_.find(name);
    return it == index_.end() ? ds_.fields.size() : it->second;
  }

  /// The primary key of `cells` as one hash (cells joined by a unit separator).
  std::uint64_t key_of(const std::vector<std::string>& cells) const {
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i : ds_.primary_key_index) {
      h = fnv1a(cells[i], h);
      h = fnv1a("\x1f", h);
    }
    return h;
  }
  /// For datasets keyed by name and date: is the current row's key unused?
  bool key_free() const { return !guard_ || keys_.count(key_of(row_)) == 0; }
  bool key_free(const std::vector<std::string>& cells) const {
    return !guard_ || keys_.count(key_of(cells)) == 0;
  }
  void reserve_key(const std::vector<std::string>& cells) {
    if (guard_) keys_.insert(key_of(cells));
  }

  /// Writes the current row as a good row; it becomes the template of later bad rows.
  void commit() {
    reserve_key(row_);
    emit(row_, false);
    ++good;
    last_good_ = row_;
    has_template_ = true;
  }
  void commit_bad(const std::vector<std::string>& cells, bool extra_cell) {
    reserve_key(cells);
    emit(cells, extra_cell);
    ++bad;
  }
  bool has_template() const { return has_template_; }
  const std::vector<std::string>& last_good() const { return last_good_; }

  void close() {
    flush();
    out_.close();
    if (!out_) throw Error("cannot write " + path_.string());
  }

  std::size_t good = 0, bad = 0;
  std::size_t expected = 0, planned = 0;  // expected rows; bad rows to plant

 private:
  void emit(const std::vector<std::string>& cells, bool extra_cell) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) buf_.push_back(',');
      append_cell(cells[i]);
    }
    if (extra_cell) buf_ += ",见附件";  // one cell beyond the header
    buf_.push_back('\n');
    if (buf_.size() >= (1u << 20)) flush();
  }
  void append_cell(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) {
      buf_ += v;
      return;
    }
    buf_.push_back('"');
    for (char c : v) {
      if (c == '"') buf_.push_back('"');
      buf_.push_back(c);
    }
    buf_.push_back('"');
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
    if (!out_) throw Error("cannot write " + path_.string());
  }

  const Dataset& ds_;
  fs::path path_;
  bool guard_;
  std::ofstream out_;
  std::string buf_;
  std::unordered_map<std::string_view, std::size_t> index_;
  std::vector<std::string> row_, last_good_;
  bool has_template_ = false;
  std::unordered_set<std::uint64_t> keys_;
};

// ================================================================ the generator

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
};

enum class BadKind : int { uscc, date, code, missing, dup_key, extra_cell, id, count };

class Generator {
 public:
  Generator(const Engine& engine, const fs::path& dir, const SampleOptions& o)
      : o_(o), rng_(o.seed), as_of_(o.as_of) {
    // Derived constants first (they draw from rng_ in a fixed order).
    const sys_days first = ymd_day(1955, 1, 1), last = ymd_day(2000, 12, 31);
    birth_first_ = first;
    const auto birth_days = static_cast<std::uint64_t>((last - first).count() + 1);
    const auto& regions = person_regions();
    person_perm_.reserve(regions.size() * 2);
    for (std::size_t i = 0; i < regions.size() * 2; ++i)
      person_perm_.emplace_back(birth_days * 499, rng_.bits(), rng_.bits());
    person_counter_.assign(regions.size() * 2, 0);
    for (const auto& r : regions) person_weights_.push_back(r.weight);
    ma_perm_ = Perm(31ull * 31 * 31 * 31 * 31, rng_.bits(), rng_.bits());
    old_perm_ = Perm(10'000'000, rng_.bits(), rng_.bits());
    const std::uint64_t nt = cjk_count(kTradeChars);
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
      if (o.bad_rows)
        t.planned = std::min<std::size_t>(6, std::max<std::size_t>(1, t.expected / 25)) + t.expected / 5000;
    }
  }

  SampleSummary run() {
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

 private:
  Table& table(int d) { return tables_[static_cast<std::size_t>(d)]; }

  // ---------------------------------------------------------------- rates
  // λ (expected rows of dataset d for one subject of archetype a and tier t) in millionths:
  // the dataset's rate per subject × the archetype's weight / the mean weight × the tier
  // factor / the mean factor. Integer arithmetic only.
  void compute_rates() {
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
  std::uint64_t lambda(const Company& c, int d) const {
    if (denominator_[d] == 0) return 0;
    const std::uint64_t w = c.type->rates[static_cast<std::size_t>(d - 1)];
    const std::uint64_t f = kTierFactor[d][c.tier];
    return static_cast<std::uint64_t>(kPer1000[d]) * 1000 * w * f * numerator_scale_[d] / denominator_[d];
  }
  /// Number of rows: a binomial(8, λ/8) draw (close to Poisson for small λ).
  int draw_count(const Company& c, int d) {
    std::uint64_t per_trial = std::min<std::uint64_t>(lambda(c, d), 8'000'000) / 8;
    int n = 0;
    for (int i = 0; i < 8; ++i) n += rng_.below(1'000'000) < per_trial;
    return n;
  }

  // ---------------------------------------------------------------- days
  sys_days day_between(sys_days lo, sys_days hi) {
    if (hi <= lo) return lo;
    return lo + days{rng_.range(0, (hi - lo).count())};
  }
  /// An event of the subject: before as_of, after its establishment, mostly in the last five years.
  sys_days event_day(const Company& c, int margin = 1) {
    const sys_days hi = as_of_ - days{margin};
    sys_days lo = as_of_ - days{rng_.pct(90) ? 1826 : 2922};
    lo = std::max(lo, c.established + days{30});
    return day_between(std::min(lo, hi), hi);
  }

  // ---------------------------------------------------------------- people
  std::string person_name(bool male) {
    std::string s = surnames()[rng_.weighted(surname_weights_)].s;
    const std::string_view own = male ? kMaleChars : kFemaleChars;
    if (rng_.pct(70)) {
      const std::string_view first = rng_.pct(50) ? own : kSharedChars;
      s += cjk(first, static_cast<std::size_t>(rng_.below(cjk_count(first))));
    }
    s += cjk(own, static_cast<std::size_t>(rng_.below(cjk_count(own))));
    return s;
  }

  /// A resident ID unique in the sample: region and sex chosen, then the counter of that
  /// (region, sex) stratum mapped by a permutation onto (birth day, order code).
  std::string person_id(std::size_t region, bool male) {
    const auto& regions = person_regions();
    for (std::size_t tries = 0; tries < regions.size(); ++tries) {
      const std::size_t stratum = region * 2 + (male ? 0 : 1);
      const Perm& p = person_perm_[stratum];
      if (person_counter_[stratum] < p.m) {
        const std::uint64_t v = p(person_counter_[stratum]++);
        const sys_days birth = birth_first_ + days{static_cast<int>(v / 499)};
        const std::uint64_t k = v % 499;
        const std::uint64_t order = male ? 2 * k + 1 : 2 * k + 2;
        const date::year_month_day ymd{birth};
        std::string id = std::string(regions[region].code) +
                         digits(static_cast<std::uint64_t>(static_cast<int>(ymd.year())), 4) +
                         digits(static_cast<unsigned>(ymd.month()), 2) +
                         digits(static_cast<unsigned>(ymd.day()), 2) + digits(order, 3);
        id.push_back(resident_check(id));
        return id;
      }
      region = (region + 1) % kPermitRegion;  // stratum exhausted: the next region
    }
    throw Error("sample generator: out of resident ID numbers");
  }

  Person make_person(unsigned male_pct) {
    Person p;
    p.male = rng_.pct(male_pct);
    p.name = person_name(p.male);
    p.id = person_id(rng_.weighted(person_weights_), p.male);
    return p;
  }

  std::string phone() {
    if (rng_.pct(75))
      return std::string(kMobilePrefixes[rng_.below(std::size(kMobilePrefixes))]) +
             digits(rng_.below(100'000'000), 8);
    return "020-" + std::to_string(rng_.range(3, 8)) + digits(rng_.below(10'000'000), 7);
  }

  // ---------------------------------------------------------------- organisations
  /// A trade name (字号) unique for this industry word: the word's k-th company gets the
  /// permuted k-th pair of trade characters (three characters once the pairs run out).
  std::string trade_name(const std::string& word) {
    std::uint64_t& k = trade_counter_[word];
    const std::uint64_t salt = fnv1a(word);
    const std::uint64_t nt = cjk_count(kTradeChars);
    std::string s;
    if (k < trade2_.m) {
      const std::uint64_t v = (trade2_(k) + salt) % trade2_.m;
      s.append(cjk(kTradeChars, v / nt)).append(cjk(kTradeChars, v % nt));
    } else {
      const std::uint64_t v = (trade3_(k - trade2_.m) + salt) % trade3_.m;
      s.append(cjk(kTradeChars, v / (nt * nt)))
          .append(cjk(kTradeChars, v / nt % nt))
          .append(cjk(kTradeChars, v % nt));
    }
    ++k;
    return s;
  }

  /// USCC of subject `index` (unique by construction): old-style companies embed an
  /// 8-digit organisation code, newer ones an MA code.
  std::string subject_uscc(std::size_t index, bool old_style, bool individual, const char* region) {
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

  void make_authorities() {
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
  const Authority& authority(int code, const Company& c) const {
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
  std::string doc_no(const std::string& prefix, int year) {
    const std::string key = prefix + std::to_string(year);
    const unsigned n = ++doc_counter_[key];
    return prefix + "〔" + std::to_string(year) + "〕" + std::to_string(n) + "号";
  }
  unsigned next(const char* counter) { return ++counters_[counter]; }

  bool has_role(const Company& c, const char* roles) const {
    if (roles[0] == '\0') return true;
    const std::string_view list = roles;
    for (const auto& r : c.roles) {
      std::size_t p = list.find(r);
      while (p != std::string_view::npos) {
        const std::size_t e = p + r.size();
        if ((p == 0 || list[p - 1] == ',') && (e == list.size() || list[e] == ',')) return true;
        p = list.find(r, p + 1);
      }
    }
    return false;
  }

  Company make_company(std::size_t i) {
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
      c.address += rng_.pct(50) ? std::to_string(rng_.range(1, 30)) + "栋" +
                                      std::to_string(rng_.range(101, 2505)) + "房"
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

  // ---------------------------------------------------------------- writing a subject
  void write_company(Company& c) {
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
      t["registered_capital"] =
          rng_.pct(10) ? decimal(cap * 100 + rng_.range(0, 99), 2) : std::to_string(cap);
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
    static const unsigned kUnfiledScale[kDomains] = {50, 100, 200, 150,
                                                     100};  // percent of the rate, by domain
    const bool filed = o_.unfiled_per_mille == 0 ||
                       rng_.below(100000) >=
                           static_cast<std::uint64_t>(o_.unfiled_per_mille) * kUnfiledScale[c.type->domain];
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
  }

  using Ring = std::vector<std::pair<std::string, std::string>>;  // (name, uscc)
  void remember(Ring& ring, const Company& c) {
    if (ring.size() < 64)
      ring.emplace_back(c.name, c.uscc);
    else
      ring[static_cast<std::size_t>(rng_.below(64))] = {c.name, c.uscc};
  }

  int record_domain(const Company& c) {
    return c.domains.size() > 1 && rng_.pct(30) ? c.domains[1] : c.domains[0];
  }

  // Fields shared by the 双公示 datasets (licence, penalty).
  void set_party(Table& t, const Company& c) {
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

  // ---------------------------------------------------------------- practitioners
  std::string qualification(int domain, bool expert) {
    static const std::vector<std::vector<const char*>> q = {
        {"特种作业操作证（电工作业）", "注册电气工程师（供配电）", "电力工程高级工程师",
         "电力安全生产管理人员"},
        {"燃气经营企业从业人员专业培训考核合格证（主要负责人）",
         "燃气经营企业从业人员专业培训考核合格证（安全生产管理人员）",
         "燃气经营企业从业人员专业培训考核合格证（运行、维护和抢修人员）",
         "特种设备安全管理和作业人员证（气瓶充装）"},
        {"注册安全工程师", "建设工程安全生产管理人员（C证）", "管道保护工程师", "注册建造师（市政公用工程）"},
        {"光伏电站运维工程师", "注册电气工程师（发输变电）", "新能源工程师", "储能电站运维工程师"},
        {"能源管理师", "节能评估师", "注册能源审计师", "高级工程师（热能动力）"},
    };
    if (expert) return rng_.pct(50) ? "教授级高级工程师" : "高级工程师（节能）";
    return rng_.pick(q[static_cast<std::size_t>(domain)]);
  }

  void write_practitioner(const Company& c) {
    Table& t = table(kPract);
    t.clear();
    fill_practitioner(t, c);
    t.commit();
  }
  void fill_practitioner(Table& t, const Company& c) {
    const bool expert =
        c.type->domain == kSaving && rng_.pct(c.roles.front() == "能源审计/节能评估机构" ? 50 : 20);
    const bool male = rng_.pct(expert ? 75 : 70);
    t["name"] = person_name(male);
    const unsigned kind = static_cast<unsigned>(rng_.below(1000));
    if (kind < 8) {  // Hong Kong / Macao / Taiwan residence permit
      t["id_type"] = "港澳台居民居住证";
      t["id_no"] = person_id(kPermitRegion + static_cast<std::size_t>(rng_.below(3)), male);
    } else if (kind < 14) {  // mainland travel permit of a Hong Kong resident
      t["id_type"] = "港澳居民来往内地通行证";
      t["id_no"] = "H" + digits(next("hk_permit") * 7919 % 100'000'000, 8);
    } else {
      t["id_type"] = "身份证";
      t["id_no"] = person_id(rng_.weighted(person_weights_), male);
    }
    t["role"] = expert ? "节能专家" : "从业人员";
    const int d = record_domain(c);
    t["domains"] = kDomainLabel[d];
    t["employer"] = c.name;
    if (rng_.pct(90)) t["employer_uscc"] = c.uscc;
    if (rng_.pct(85)) {
      t["qualification"] = qualification(d, expert);
      t["qualification_no"] = std::string(expert ? "GZJN" : "GD") +
                              std::to_string(rng_.range(2008, year_of(as_of_))) +
                              digits(next("qualification"), 6);
    }
    if (rng_.pct(80)) t["phone"] = phone();
  }

  // ---------------------------------------------------------------- licences
  std::string cert_no(int fmt, sys_days decided, const Company& c) {
    const int year = year_of(decided);
    const std::string yy = digits(static_cast<std::uint64_t>(year % 100), 2);
    const std::string dcode = districts()[c.district].code;
    switch (fmt) {
      case kCertGasPipe:
        return "粤" + std::to_string(year) + dcode.substr(2) + digits(next("gas_cert"), 4) + "G";
      case kCertGasBottle:
        return "粤" + std::to_string(year) + dcode.substr(2) + digits(next("gas_cert"), 4) + "P";
      case kCertHazmat:
        return "粤穗危化经字〔" + std::to_string(year) + "〕" + digits(next("hazmat"), 6);
      case kCertOil:
        return "油零售证书第" + dcode + digits(next("oil"), 4) + "号";
      case kCertCylinder:
        return "TS4244" + digits(next("cylinder"), 4) + "-" + std::to_string(year + 4);
      case kCertEquipment:
        return "容11粤A" + digits(next("equipment"), 5) + "（" + yy + "）";
      case kCertElecGen:
        return "10523" + yy + "-" + digits(next("elec_gen"), 5);
      case kCertElecSupply:
        return "30523" + yy + "-" + digits(next("elec_supply"), 5);
      case kCertInstall:
        return "5-2-" + digits(next("install"), 5) + "-" + std::to_string(year);
      case kCertPv:
        return yy + digits(static_cast<unsigned>(date::year_month_day{decided}.month()), 2) + "-" + dcode +
               "-04-01-" + digits(next("pv_project"), 6);
      case kCertSafety:
        return "（粤）JZ安许证字〔" + std::to_string(year) + "〕" + digits(next("safety_cert"), 6);
      default:
        return "";
    }
  }

  std::string project_name(const Company& c, int kind) {
    const std::string d = districts()[c.district].label;
    switch (kind) {
      case 1:
        return d + std::to_string(rng_.range(2, 9) * 100) + "兆瓦级天然气热电联产项目";
      case 2:
        return d + c.road + "段天然气高压管道工程";
      case 3:
        return d + "成品油库扩建工程";
      case 4:
        return d + "增量配电网项目";
      case 5:
        return d + std::to_string(rng_.range(5, 100)) + "兆瓦时储能电站项目";
      default:
        return c.name + "技术改造项目";
    }
  }

  void write_licence(const Company& c) {
    const Archetype& a = *c.type;
    if (a.licences.empty()) return;
    const LicenceKind& k = licence_kinds()[static_cast<std::size_t>(rng_.pick(a.licences))];
    const Authority& auth = authority(k.auth, c);
    const District& dist = districts()[c.district];
    Table& t = table(kLic);
    t.clear();
    const sys_days decided = event_day(c);
    const int year = year_of(decided);
    t["decision_doc_name"] = k.doc;
    t["decision_no"] = doc_no(auth.licence_prefix, year);
    set_party(t, c);
    t["license_type"] = k.type;
    if (k.cert[0] != '\0') {
      t["cert_name"] = k.cert;
      t["cert_no"] = cert_no(k.cert_fmt, decided, c);
    } else if (k.cert_fmt == kCertPv) {
      t["cert_no"] = cert_no(k.cert_fmt, decided, c);
    }
    static const std::vector<const char*> kHazmat = {"汽油、柴油", "液化石油气、天然气", "汽油、柴油、石脑油",
                                                     "甲醇、乙醇、液化石油气"};
    static const std::vector<const char*> kEquipment = {"压力容器（液化石油气储罐）", "压力管道（GC2）",
                                                        "锅炉", "场（厂）内专用机动车辆", "起重机械"};
    static const std::vector<const char*> kWork = {"顶管穿越", "定向钻穿越", "开挖", "桩基", "爆破"};
    t["content"] = fill(k.content, {{"district", dist.label},
                                    {"address", c.address},
                                    {"hazmat", rng_.pick(kHazmat)},
                                    {"storage", rng_.pct(50) ? "带储存设施" : "不带储存设施"},
                                    {"equipment", rng_.pick(kEquipment)},
                                    {"units", std::to_string(rng_.range(1, 4))},
                                    {"mw", std::to_string(rng_.range(2, 40) * 50)},
                                    {"zone", c.road + "片区"},
                                    {"grade", std::to_string(rng_.range(2, 5))},
                                    {"grade2", std::to_string(rng_.range(2, 5))},
                                    {"project", project_name(c, a.project)},
                                    {"investment", std::to_string(rng_.range(5, 500) * 100)},
                                    {"tce", std::to_string(rng_.range(1000, 80000))},
                                    {"road", c.road},
                                    {"pipe", rng_.pct(60) ? "高压天然气" : "次高压燃气"},
                                    {"work", rng_.pick(kWork)},
                                    {"months", std::to_string(rng_.range(2, 12))},
                                    {"name", c.name},
                                    {"kw", std::to_string(rng_.range(10, 600) * 10)}});
    t["decision_date"] = iso(decided);
    t["valid_from"] = iso(decided);
    const sys_days until = k.years == 0 ? ymd_day(2099, 12, 31) : add_months(decided, 12 * k.years) - days{1};
    t["valid_until"] = iso(until);
    t["authority"] = auth.name;
    t["authority_uscc"] = auth.uscc;
    if (rng_.pct(60)) t["status"] = until >= as_of_ ? "有效" : "已失效";
    t["source_unit"] = auth.name;
    t["source_unit_uscc"] = auth.uscc;
    t["domain"] = kDomainLabel[k.domain >= 0 ? k.domain : record_domain(c)];
    t.commit();
  }

  // ---------------------------------------------------------------- penalties
  struct PenaltyPlan {
    std::string types, content;
    std::int64_t fine = 0;  // 万元 × 100
    std::int64_t confiscated = 0;
    bool suspends = false;
  };

  PenaltyPlan penalty_plan(int severity, const Company& c) {
    PenaltyPlan p;
    auto fine_text = [](std::int64_t v) { return "处罚款人民币" + decimal(v, 2) + "万元"; };
    if (severity == 0) {
      const unsigned r = static_cast<unsigned>(rng_.below(100));
      if (r < 60) {
        p.types = "警告";
        p.content = "给予警告，责令限期改正";
      } else if (r < 75) {
        p.types = "通报批评";
        p.content = "予以通报批评，责令限期改正";
      } else {
        p.types = "罚款";
        p.fine = rng_.range(10, 50);
        p.content = fine_text(p.fine);
      }
      return p;
    }
    if (severity == 1) {
      p.fine = rng_.range(5, 100) * 10;
      const unsigned r = static_cast<unsigned>(rng_.below(100));
      if (r < 70) {
        p.types = "罚款";
        p.content = fine_text(p.fine);
      } else if (r < 80) {
        p.types = "警告、罚款";
        p.content = "给予警告，并" + fine_text(p.fine);
      } else {
        p.types = "罚款、没收违法所得";
        p.confiscated = rng_.range(10, 2000);
        p.content = fine_text(p.fine) + "，没收违法所得人民币" + decimal(p.confiscated, 2) + "万元";
      }
      return p;
    }
    p.fine = rng_.range(10, 200) * 100;
    std::string licence = "许可证件";
    if (!c.type->licences.empty()) {
      const char* cert = licence_kinds()[static_cast<std::size_t>(c.type->licences.front())].cert;
      if (cert[0] != '\0') licence = cert;
    }
    const unsigned r = static_cast<unsigned>(rng_.below(100));
    if (r < 30) {
      p.types = "罚款、责令停产停业";
      p.content = fine_text(p.fine) + "，责令停产停业整顿" + std::to_string(rng_.range(1, 6) * 15) + "日";
    } else if (r < 50) {
      p.types = "罚款、暂扣许可证件";
      p.content = fine_text(p.fine) + "，暂扣" + licence + std::to_string(rng_.range(1, 6)) + "个月";
      p.suspends = true;
    } else if (r < 65) {
      p.types = "罚款、吊销许可证件";
      p.content = fine_text(p.fine) + "，吊销" + licence;
      p.suspends = true;
    } else if (r < 85) {
      p.types = "罚款、没收违法所得、没收非法财物";
      p.confiscated = rng_.range(100, 5000);
      p.content =
          fine_text(p.fine) + "，没收违法所得人民币" + decimal(p.confiscated, 2) + "万元，没收非法财物";
    } else if (r < 95) {
      p.types = "罚款、降低资质等级";
      p.content = fine_text(p.fine) + "，降低资质等级";
    } else {
      p.types = "罚款、限制从业";
      p.content = fine_text(p.fine) + "，对主要负责人" + std::to_string(rng_.range(1, 5)) + "年内限制从业";
    }
    return p;
  }

  /// A violation that fits the subject's roles in `domain`. Serious ones (behind a black
  /// listing) come from the domain itself when it has any, not from the generic safety ones.
  const Violation& pick_violation(const Company& c, int domain, bool serious_only) {
    const auto& vs = violations();
    for (int pass = 0; pass < 2; ++pass) {
      std::vector<unsigned> w;
      std::uint64_t total = 0;
      for (const auto& v : vs) {
        const bool generic = v.domain == kAnyDomain;
        const bool domain_ok = v.domain == domain || (generic && (!serious_only || pass == 1));
        const bool ok = domain_ok && has_role(c, v.roles) && (!serious_only || v.serious > 0);
        w.push_back(ok ? (generic ? 3u : 10u) : 0u);
        total += w.back();
      }
      if (total > 0) return vs[rng_.weighted(w)];
    }
    return vs[vs.size() - 1];  // the safety ones fit every subject
  }

  /// A penalty of the subject. severity: -1 drawn from the violation, else 0 minor, 1 general,
  /// 2 serious. `incident_level` ("" none) makes it the penalty for an incident.
  /// Returns the decision date.
  sys_days write_penalty(Company& c, int severity, const char* incident_level, sys_days when = sys_days{},
                         int domain = -1) {
    Table& t = table(kPen);
    t.clear();
    if (domain < 0) domain = record_domain(c);
    std::string type, facts, basis;
    int auth_code;
    const sys_days decided = when == sys_days{} ? event_day(c) : when;
    const sys_days act = decided - days{rng_.range(20, 120)};
    const std::string place = std::string("广州市") + districts()[c.district].label + c.road;
    if (incident_level != nullptr) {
      type = "对生产安全事故发生负有责任";
      facts = "经调查，当事人对" + cn_date(act) + "发生的" + place +
              "生产安全事故负有责任，未履行安全生产管理职责。";
      basis = "《中华人民共和国安全生产法》第一百一十四条";
      auth_code = std::string(incident_level) == "general" ? kDistEmergency : kEmergency;
    } else {
      const Violation& v = pick_violation(c, domain, severity == 2);
      if (severity < 0) severity = static_cast<int>(rng_.weighted({v.minor, v.general, v.serious}));
      type = v.type;
      facts = fill(v.facts, {{"date", cn_date(act)},
                             {"place", place},
                             {"year", std::to_string(year_of(act) - 1)},
                             {"n", std::to_string(rng_.range(3, 60))}});
      basis = v.basis;
      auth_code = v.auth;
    }
    PenaltyPlan plan = penalty_plan(severity, c);
    if (incident_level != nullptr) {
      const std::string lv = incident_level;
      const std::int64_t lo = lv == "major" ? 200 : lv == "larger" ? 100 : 30;
      const std::int64_t hi = lv == "major" ? 1000 : lv == "larger" ? 200 : 100;
      plan.fine = rng_.range(lo, hi) * 100;
      plan.types = severity == 2 ? "罚款、责令停产停业" : "罚款";
      plan.content =
          "处罚款人民币" + decimal(plan.fine, 2) + "万元" +
          (severity == 2 ? "，责令停产停业整顿" + std::to_string(rng_.range(1, 4) * 15) + "日" : "");
      plan.confiscated = 0;
      plan.suspends = false;
    }
    const Authority& auth = authority(auth_code, c);
    const int year = year_of(decided);
    const std::string no = doc_no(auth.penalty_prefix, year);
    t["decision_no"] = no;
    set_party(t, c);
    t["violation_type"] = type;
    t["facts"] = facts;
    t["legal_basis"] = basis;
    t["penalty_types"] = plan.types;
    t["penalty_content"] = plan.content;
    if (plan.fine > 0) t["fine_amount"] = decimal(plan.fine, 2);
    if (plan.confiscated > 0) t["confiscated_amount"] = decimal(plan.confiscated, 2);
    if (plan.suspends) {
      std::string licence = "许可证件";
      if (!c.type->licences.empty()) {
        const char* cert = licence_kinds()[static_cast<std::size_t>(c.type->licences.front())].cert;
        if (cert[0] != '\0') licence = cert;
      }
      t["license_suspended"] = licence;
    }
    t["decision_date"] = iso(decided);
    const int months = severity == 0 ? 3 : severity == 1 ? 12 : 36;
    const sys_days until = add_months(decided, months);
    t["valid_until"] = iso(until);
    if (rng_.pct(50)) t["publication_end"] = iso(until);
    t["authority"] = auth.name;
    t["authority_uscc"] = auth.uscc;
    t["source_unit"] = auth.name;
    t["source_unit_uscc"] = auth.uscc;
    if (rng_.pct(10)) t["remarks"] = "当事人已履行处罚决定";
    t["domain"] = kDomainLabel[domain];
    static const char* const kSeverity[] = {"轻微", "一般", "严重"};
    t["severity"] = kSeverity[severity];
    if (severity == 2 && c.tier == 3 && rng_.pct(25))
      t["veto_cause"] = rng_.pct(50) ? "合同欺诈" : "其他严重违法违规行为";
    t.commit();
    ++c.penalties;
    c.last_penalty_no = no;
    c.last_violation = type;
    return decided;
  }

  // ---------------------------------------------------------------- incidents
  void write_incident(Company& c) {
    Table& t = table(kInc);
    const bool constructor = c.roles.front() == "第三方施工单位";
    const District& dist = districts()[c.district];
    for (int attempt = 0; attempt < 5; ++attempt) {
      t.clear();
      std::string level;
      if (constructor && rng_.pct(80)) {
        level = "pipeline_damage";
      } else {
        const unsigned r = static_cast<unsigned>(rng_.below(1000));
        level = r < (c.tier == 3 ? 960u : 990u) ? "general" : "larger";
        if (c.tier == 3 && rng_.pct(4)) level = "major";
      }
      const sys_days occurred = event_day(c, 2);
      const std::string where = std::string("广州市") + dist.label + c.road;
      std::string what;
      if (level == "pipeline_damage") {
        what = "燃气管道第三方施工损坏事件";
      } else {
        std::vector<unsigned> w;
        for (const auto& k : incident_kinds()) w.push_back(k.domain == c.domains[0] ? 1u : 0u);
        std::uint64_t total = 0;
        for (unsigned x : w) total += x;
        what = (total == 0 ? incident_kinds()[5] : incident_kinds()[rng_.weighted(w)]).what +
               std::string("事故");
      }
      t["incident_name"] = where + "“" + month_dot_day(occurred) + "”" + what;
      static const std::vector<std::pair<const char*, const char*>> kLevel = {
          {"general", "一般事故"},
          {"larger", "较大事故"},
          {"major", "重大事故"},
          {"pipeline_damage", "第三方破坏管道"}};
      for (const auto& [code, label] : kLevel)
        if (level == code) t["incident_level"] = label;
      t["occurred_on"] = iso(occurred);
      t["location"] = where + std::to_string(rng_.range(1, 999)) + "号附近";
      t["district"] = dist.label;
      t["responsible_name"] = c.name;
      t["responsible_uscc"] = c.uscc;
      t["responsible_role"] = c.roles.front();
      int deaths = 0, injuries = 0;
      std::int64_t loss = 0;  // 万元 × 10
      if (level == "pipeline_damage") {
        loss = rng_.range(5, 800);
        if (pipeline_ops_.empty() || rng_.pct(10)) {
          t["pipeline_operator_name"] = "广州" + trade_name("天然气管网") + "天然气管网有限公司";
        } else {
          const auto& op = rng_.pick(pipeline_ops_);
          t["pipeline_operator_name"] = op.first;
          t["pipeline_operator_uscc"] = op.second;
        }
        if (rng_.pct(30))
          t["project_manager_name"] = "广州" + trade_name("工程项目管理") + "工程项目管理有限公司";
        t["description"] = cn_date(occurred) + "，" + c.name + "在" + where + "进行机械开挖作业时挖断DN" +
                           std::to_string(rng_.range(1, 4) * 100) + "中压燃气管道，造成燃气泄漏，约" +
                           std::to_string(rng_.range(20, 3000)) + "户用户停气" +
                           std::to_string(rng_.range(2, 30)) + "小时，未造成人员伤亡。";
      } else {
        if (level == "general") {
          const unsigned r = static_cast<unsigned>(rng_.below(100));
          deaths = r < 65 ? 0 : r < 90 ? 1 : 2;
          injuries = static_cast<int>(rng_.range(0, 3));
          loss = rng_.range(5, 9990);
        } else if (level == "larger") {
          deaths = static_cast<int>(rng_.range(3, 9));
          injuries = static_cast<int>(rng_.range(0, 20));
          loss = rng_.range(10000, 49990);
        } else {
          deaths = static_cast<int>(rng_.range(10, 14));
          injuries = static_cast<int>(rng_.range(10, 60));
          loss = rng_.range(50000, 99990);
        }
        t["deaths"] = std::to_string(deaths);
        t["serious_injuries"] = std::to_string(injuries);
        t["description"] = cn_date(occurred) + "，" + c.name + "在" + where + "发生" + what + "，造成" +
                           std::to_string(deaths) + "人死亡、" + std::to_string(injuries) + "人重伤。";
      }
      t["direct_loss"] = decimal(loss, 1);
      const int auth_code = level == "general" || level == "pipeline_damage"
                                ? (level == "pipeline_damage" ? kDev : kDistEmergency)
                                : kEmergency;
      const Authority& auth = authority(auth_code, c);
      if (rng_.pct(70)) t["report_no"] = doc_no(auth.abbr + "事故调查", year_of(occurred));
      t["authority"] = auth.name;
      if (rng_.pct(80)) t["authority_uscc"] = auth.uscc;
      const sys_days closed = occurred + days{rng_.range(20, 180)};
      if (closed < as_of_) t["closed_on"] = iso(closed);
      t["domain"] = level == "pipeline_damage" ? kDomainLabel[kPipe] : kDomainLabel[c.domains[0]];
      t["severity"] = level == "general" || level == "pipeline_damage" ? "一般" : "严重";
      if (!t.key_free()) continue;
      t.commit();
      if (level != "general" && level != "pipeline_damage") c.serious_incident = true;
      // most incidents bring a penalty from the emergency management bureau
      const sys_days decided = occurred + days{rng_.range(30, 150)};
      if (level != "pipeline_damage" && decided < as_of_ && rng_.pct(60))
        write_penalty(c, level == "general" ? 1 : 2,
                      level == "general"  ? "general"
                      : level == "larger" ? "larger"
                                          : "major",
                      decided);
      return;
    }
  }

  // ---------------------------------------------------------------- lists
  struct ListPlace {
    int auth;
    const char* basis;
    int years;
  };
  ListPlace black_place(const Company& c, int domain) const {
    if (c.serious_incident)
      return {kEmergency,
              "《关于对安全生产领域失信生产经营单位及其有关人员开展联合惩戒的合作备忘录》（发改财金〔2016〕10"
              "01号）",
              1};
    switch (domain) {
      case kElec:
        return {
            kNea,
            "《关于对电力行业严重违法失信市场主体及其有关人员实施联合惩戒的合作备忘录》；《电力监管条例》",
            3};
      case kOilGas:
        return {kUrban,
                "《关于对石油天然气行业严重违法失信主体实施联合惩戒的合作备忘录》；《城镇燃气管理条例》", 3};
      case kPipe:
        return {kDev,
                "《中华人民共和国石油天然气管道保护法》；《广州市能源行业信用体系建设规划（2019—2025年）》四"
                "（三）",
                3};
      case kRenew:
        return {
            kDev,
            "《广州市能源行业信用体系建设规划（2019—2025年）》四（四）；《企业投资项目核准和备案管理条例》",
            3};
      default:
        return {kDev,
                "《中华人民共和国节约能源法》；《广州市能源行业信用体系建设规划（2019—2025年）》四（五）", 3};
    }
  }

  /// Status and removal of a list entry on the as-of day.
  void list_outcome(Table& t, sys_days included, sys_days expires, bool repairable) {
    t["expires_on"] = iso(expires);
    const sys_days min_period = add_months(included, 12);
    if (repairable && min_period < as_of_ - days{1} && rng_.pct(15)) {
      const sys_days removed = day_between(min_period, std::min(expires, as_of_ - days{1}));
      t["removed_on"] = iso(removed);
      t["removal_reason"] = "完成信用修复，经认定单位同意移出";
      t["status"] = "已信用修复";
    } else if (rng_.pct(90)) {
      t["status"] = expires <= as_of_ ? "已到期" : "有效";
    }
  }

  void set_list_subject(Table& t, const Company& c) {
    t["uscc"] = c.uscc;
    t["name"] = c.name;
    t["subject_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
    t["legal_rep"] = c.rep.name;
  }

  void write_black(Company& c) {
    Table& t = table(kBlack);
    const int domain = c.domains[0];
    // the serious penalty that led to the listing, 1–4 months before it
    const sys_days penalty_day = event_day(c, 75);
    write_penalty(c, 2, nullptr, penalty_day, domain);
    const ListPlace place = black_place(c, domain);
    const Authority& auth = city_[static_cast<std::size_t>(place.auth)];
    for (int attempt = 0; attempt < 5; ++attempt) {
      t.clear();
      const sys_days included =
          penalty_day +
          days{rng_.range(30, std::max<std::int64_t>(
                                  30, std::min<std::int64_t>(120, (as_of_ - penalty_day).count() - 1)))};
      set_list_subject(t, c);
      t["domain"] = kDomainLabel[domain];
      t["list_basis"] = place.basis;
      t["listing_unit"] = auth.name;
      t["listing_unit_uscc"] = auth.uscc;
      t["decision_no"] = doc_no(auth.abbr + "失信", year_of(included));
      t["reason"] =
          "因" + c.last_violation + "受到行政处罚（" + c.last_penalty_no + "），情节严重，认定为严重失信主体";
      t["included_on"] = iso(included);
      list_outcome(t, included, add_months(included, 12 * place.years), true);
      if (rng_.pct(80)) t["notice_date"] = iso(included - days{rng_.range(15, 28)});
      std::string persons = c.rep.name;
      for (const auto& p : c.responsible) persons += "、" + p.name;
      t["responsible_persons"] = persons;
      t["severity"] = "严重";
      if (!t.key_free()) continue;
      t.commit();
      return;
    }
  }

  void write_key_attention(const Company& c) {
    Table& t = table(kKey);
    const int domain = c.domains[0];
    static const std::vector<const char*> kReasons[kDomains] = {
        {"一年内受到两次以上电力监管行政处罚", "拖欠电费且经催缴仍未缴清",
         "电力市场交易中存在违规行为，经约谈仍未整改"},
        {"一年内受到两次以上燃气管理行政处罚", "燃气安全检查发现重大隐患，逾期未整改",
         "瓶装燃气经营存在违规充装行为"},
        {"第三方施工多次损坏燃气管道", "未经许可在管道保护范围内施工，经责令仍未整改"},
        {"分布式光伏项目未按备案内容建设，经责令仍未整改", "拖欠光伏发电电费且经催缴仍未缴清"},
        {"节能目标责任评价考核结果为未完成等级", "拒不参加节能监察",
         "未按规定报送能源利用状况报告，经责令仍未改正"},
    };
    const int auth_code = domain == kOilGas ? kUrban : domain == kElec ? (rng_.pct(50) ? kNea : kDev) : kDev;
    const Authority& auth = city_[static_cast<std::size_t>(auth_code)];
    for (int attempt = 0; attempt < 5; ++attempt) {
      t.clear();
      const sys_days included = event_day(c, 2);
      set_list_subject(t, c);
      t["domain"] = kDomainLabel[domain];
      t["list_basis"] =
          "《广州市能源行业信用体系建设规划（2019—2025年）》三（三）；《国务院办公厅关于进一步完善失信约束制"
          "度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）";
      t["listing_unit"] = auth.name;
      t["listing_unit_uscc"] = auth.uscc;
      if (rng_.pct(60)) t["decision_no"] = doc_no(auth.abbr + "信用关注", year_of(included));
      t["reason"] = rng_.pick(kReasons[domain]);
      t["included_on"] = iso(included);
      list_outcome(t, included, add_months(included, rng_.pct(70) ? 12 : 6), false);
      if (!t.key_free()) continue;
      t.commit();
      return;
    }
  }

  void write_red(const Company& c) {
    Table& t = table(kRed);
    const int domain = c.domains[0];
    static const std::vector<const char*> kReasons = {
        "连续三年信用评价为AAA级，无不良信用记录", "获评省级以上表彰，近三年无行政处罚和其他不良信用记录",
        "近三年严格履行信用承诺，无行政处罚和其他不良信用记录", "节能目标责任评价考核连续三年超额完成"};
    const int auth_code = domain == kOilGas ? kUrban : domain == kElec && rng_.pct(50) ? kNea : kDev;
    const Authority& auth = city_[static_cast<std::size_t>(auth_code)];
    for (int attempt = 0; attempt < 5; ++attempt) {
      t.clear();
      const sys_days included = event_day(c, 2);
      set_list_subject(t, c);
      t["domain"] = kDomainLabel[domain];
      t["list_basis"] = "《广州市能源行业信用体系建设规划（2019—2025年）》三（三）1 守信激励";
      t["listing_unit"] = auth.name;
      t["listing_unit_uscc"] = auth.uscc;
      if (rng_.pct(70)) t["decision_no"] = doc_no(auth.abbr + "守信", year_of(included));
      t["reason"] = rng_.pick(kReasons);
      t["included_on"] = iso(included);
      const sys_days expires = add_months(included, rng_.pct(50) ? 24 : 36);
      t["expires_on"] = iso(expires);
      if (rng_.pct(90)) t["status"] = expires <= as_of_ ? "已到期" : "有效";
      if (!t.key_free()) continue;
      t.commit();
      return;
    }
  }

  // ---------------------------------------------------------------- arrears
  void write_arrears(const Company& c) {
    Table& t = table(kArr);
    t.clear();
    const bool factory = c.roles.front() == "电力用户" || c.roles.front() == "重点用能单位";
    std::string kind = "电费", supplier = "广东电网有限责任公司广州供电局", supplier_uscc, prefix = "03";
    int domain = kElec;
    const unsigned r = static_cast<unsigned>(rng_.below(100));
    if (factory && r < 20 && !pv_owners_.empty()) {
      kind = "光伏发电电费";
      const auto& s = rng_.pick(pv_owners_);
      supplier = s.first;
      supplier_uscc = s.second;
      prefix = "GF";
      domain = kRenew;
    } else if (r < 45 && !gas_.empty()) {
      kind = "燃气费";
      const auto& s = rng_.pick(gas_);
      supplier = s.first;
      supplier_uscc = s.second;
      prefix = "RQ";
      domain = kOilGas;
    }
    const sys_days recognised = event_day(c, 2);
    const sys_days period_end = recognised - days{rng_.range(30, 180)};
    const date::year_month_day end_ymd{period_end};
    const sys_days month_end = sys_days{end_ymd.year() / end_ymd.month() / date::last};
    const sys_days pe = month_end < recognised ? month_end : period_end;
    const date::year_month_day pe_ymd{pe};
    const sys_days ps = add_months(sys_days{pe_ymd.year() / pe_ymd.month() / date::day{1}},
                                   -static_cast<int>(rng_.range(0, 5)));
    t["uscc"] = c.uscc;
    t["name"] = c.name;
    t["subject_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
    t["legal_rep"] = c.rep.name;
    t["arrears_kind"] = kind;
    t["account_no"] = prefix + digits(account_perm_(next("account")), 8);
    const std::int64_t amount =
        kind == "电费" ? rng_.range(500'000, 200'000'000) : rng_.range(100'000, 30'000'000);
    t["amount"] = decimal(amount, 2);
    t["period_start"] = iso(ps);
    t["period_end"] = iso(pe);
    if (rng_.pct(80)) t["overdue_days"] = std::to_string((recognised - pe).count());
    t["supplier"] = supplier;
    if (!supplier_uscc.empty()) t["supplier_uscc"] = supplier_uscc;
    t["recognised_on"] = iso(recognised);
    const bool malicious = rng_.pct(c.tier >= 2 ? 25 : 5);
    if (rng_.pct(85)) t["malicious"] = malicious ? "是" : "否";
    const unsigned s = static_cast<unsigned>(rng_.below(100));
    t["status"] = s < 50 ? "未缴清" : s < 70 ? "部分缴纳" : s < 90 ? "已缴清" : "有异议";
    t["domain"] = kDomainLabel[domain];
    if (rng_.pct(80)) t["severity"] = malicious ? "严重" : amount < 2'000'000 ? "轻微" : "一般";
    t.commit();
  }

  // ---------------------------------------------------------------- energy saving
  void write_energy_saving(const Company& c) {
    Table& t = table(kEs);
    const bool key_user = c.roles.front() == "重点用能单位" || c.roles.front() == "炼化企业";
    for (int attempt = 0; attempt < 5; ++attempt) {
      t.clear();
      t["uscc"] = c.uscc;
      t["name"] = c.name;
      const sys_days concluded = event_day(c, 2);
      const int year = year_of(concluded);
      std::string item, result;
      const unsigned bad = c.tier >= 2 ? 25 : c.tier == 1 ? 8 : 2;
      if (key_user && rng_.pct(50)) {
        item = "节能目标责任评价考核";
        const unsigned r = static_cast<unsigned>(rng_.below(100));
        result = r < bad / 5    ? "拒不参加考核"
                 : r < bad      ? "未完成"
                 : r < bad + 12 ? "基本完成"
                 : r < 80       ? "完成"
                                : "超额完成";
        t["year"] = std::to_string(year - 1);
        if (result != "拒不参加考核")
          t["score"] = decimal(rng_.range(result == "未完成" ? 400 : 650, 990), 1);
      } else {
        static const std::vector<const char*> kItems = {"节能监察", "能源审计", "固定资产投资项目节能审查",
                                                        "能耗在线监测数据报送", "能源利用状况报告"};
        item = key_user ? rng_.pick(kItems) : "节能监察";
        result = rng_.pct(bad + 4) ? "不合格" : "合格";
        if (item == "能源利用状况报告" || item == "能耗在线监测数据报送")
          t["year"] = std::to_string(year - 1);
      }
      t["item"] = item;
      t["result"] = result;
      if (key_user && rng_.pct(80)) t["energy_consumption"] = decimal(rng_.range(50'000, 3'000'000), 1);
      const bool failed = result == "未完成" || result == "不合格" || result == "拒不参加考核";
      if (failed) {
        static const std::vector<const char*> kFindings = {
            "未按规定设立能源管理岗位", "能源计量器具配备率未达到国家标准要求",
            "单位产品能耗超过国家限额标准", "未按期完成年度节能目标", "未按规定开展能源审计"};
        t["findings"] = rng_.pick(kFindings);
        t["handling"] =
            "责令限期" + std::to_string(rng_.range(1, 6)) + "个月内整改，整改情况报送市节能主管部门";
      }
      t["concluded_on"] = iso(concluded);
      const Authority& auth = city_[item == "节能监察"               ? kSavingCentre
                                    : item == "能耗在线监测数据报送" ? kIndustry
                                                                     : kDev];
      t["authority"] = auth.name;
      if (rng_.pct(70)) t["authority_uscc"] = auth.uscc;
      if (rng_.pct(60))
        t["document_no"] = doc_no(item == "节能监察"               ? "穗节能监察"
                                  : item == "能耗在线监测数据报送" ? "穗工信节能"
                                                                   : "穗发改节能",
                                  year);
      t["domain"] = kDomainLabel[kSaving];
      if (failed) t["severity"] = result == "拒不参加考核" ? "严重" : "一般";
      if (!t.key_free()) continue;
      t.commit();
      return;
    }
  }

  // ---------------------------------------------------------------- evaluations
  void write_evaluation(const Company& c) {
    Table& t = table(kEva);
    for (int attempt = 0; attempt < 5; ++attempt) {
      t.clear();
      t["uscc"] = c.uscc;
      t["name"] = c.name;
      const sys_days evaluated = event_day(c, 2);
      const int year = year_of(evaluated);
      const unsigned s = static_cast<unsigned>(rng_.below(100));
      const int domain = c.domains[0];
      std::string grade;
      static const char* const kNeaGrades[] = {"AAA", "AA", "A", "B", "C"};
      static const unsigned kNeaWeights[4][5] = {
          {50, 40, 10, 0, 0}, {15, 45, 35, 5, 0}, {0, 10, 40, 40, 10}, {0, 0, 10, 40, 50}};
      static const char* const kRiskGrades[] = {"A", "B", "C", "D"};
      static const unsigned kRiskWeights[4][4] = {
          {70, 30, 0, 0}, {20, 70, 10, 0}, {0, 40, 50, 10}, {0, 10, 50, 40}};
      auto nea_grade = [&] {
        const auto& w = kNeaWeights[c.tier];
        return std::string(kNeaGrades[rng_.weighted({w[0], w[1], w[2], w[3], w[4]})]);
      };
      bool validity = true;
      if (s < 35 && domain != kPipe) {
        t["scheme"] = "能源行业市场主体信用评价";
        grade = nea_grade();
        const Authority& ev = associations_[domain == kOilGas ? 1u : domain == kSaving ? 2u : 0u];
        t["evaluator"] = ev.name;
        if (rng_.pct(80)) t["evaluator_uscc"] = ev.uscc;
        const bool veto = c.tier == 3 && rng_.pct(20);
        if (veto) grade = "C";
        if (rng_.pct(85) || veto) t["veto"] = veto ? "是" : "否";
        if (veto) t["veto_cause"] = rng_.pct(50) ? "合同欺诈" : "其他严重违法违规行为";
      } else if (s < 65) {
        t["scheme"] = "信用风险分类";
        const auto& w = kRiskWeights[c.tier];
        grade = kRiskGrades[rng_.weighted({w[0], w[1], w[2], w[3]})];
        t["evaluator"] = city_[kMarket].name;
        if (rng_.pct(80)) t["evaluator_uscc"] = city_[kMarket].uscc;
        validity = false;
      } else if (s < 80) {
        t["scheme"] = "公共信用综合评价";
        const auto& w = kRiskWeights[c.tier];
        grade = kRiskGrades[rng_.weighted({w[0], w[1], w[2], w[3]})];
        t["evaluator"] = city_[kDev].name;
        if (rng_.pct(80)) t["evaluator_uscc"] = city_[kDev].uscc;
        validity = false;
      } else if (s < 92) {
        t["scheme"] = "行业协会信用评价";
        grade = nea_grade();
        const Authority& ev = associations_[domain == kOilGas ? 4u : domain == kSaving ? 5u : 3u];
        t["evaluator"] = ev.name;
        if (rng_.pct(80)) t["evaluator_uscc"] = ev.uscc;
      } else {
        t["scheme"] = "第三方信用评价";
        grade = nea_grade();
        t["evaluator"] = associations_[6].name;
        t["evaluator_uscc"] = associations_[6].uscc;
      }
      t["grade"] = grade;
      if (validity) {
        const int base = grade == "AAA"  ? 900
                         : grade == "AA" ? 800
                         : grade == "A"  ? 700
                         : grade == "B"  ? 600
                                         : 450;
        if (rng_.pct(80)) t["score"] = decimal(base + rng_.range(0, 99), 1);
        if (rng_.pct(85)) {
          t["valid_from"] = iso(evaluated);
          t["valid_to"] = iso(add_months(evaluated, 36) - days{1});
        }
        if (rng_.pct(70))
          t["certificate_no"] = "XYPJ-" + std::to_string(year) + "-" + digits(next("certificate"), 5);
      }
      if (rng_.pct(50)) t["report_no"] = "PJBG" + std::to_string(year) + digits(next("report"), 6);
      t["evaluated_on"] = iso(evaluated);
      t["domain"] = kDomainLabel[domain];
      if (!t.key_free()) continue;
      t.commit();
      return;
    }
  }

  // ---------------------------------------------------------------- commitments
  void write_commitment(const Company& c) {
    Table& t = table(kCmt);
    t.clear();
    const sys_days committed = event_day(c, 2);
    const int domain = record_domain(c);
    std::string type, matter;
    int auth_code = kDev;
    const unsigned r = static_cast<unsigned>(rng_.below(100));
    if (!c.last_penalty_no.empty() && r < 25) {
      type = "信用修复型";
      matter = "申请行政处罚信息信用修复（" + c.last_penalty_no + "）";
    } else if (r < 45) {
      type = "审批替代型";
      static const std::vector<const char*> kMatters[kDomains] = {
          {"电力业务许可证（供电类）变更", "承装（修、试）电力设施许可证延续"},
          {"燃气经营许可证核发（告知承诺制）", "成品油零售经营批准证书变更"},
          {"在管道保护范围内施工作业许可（告知承诺制）"},
          {"分布式光伏发电项目备案（告知承诺制）"},
          {"固定资产投资项目节能审查（告知承诺制）"}};
      matter = rng_.pick(kMatters[domain]);
      auth_code = domain == kOilGas ? kUrban : domain == kElec ? kNea : kDev;
    } else if (r < 60) {
      type = "容缺受理型";
      matter = "企业投资项目核准（容缺受理）";
    } else if (r < 75) {
      type = "证明事项型";
      matter = rng_.pct(50) ? "广州市节能专项资金申报证明事项告知承诺" : "无违法违规记录证明事项告知承诺";
      auth_code = rng_.pct(50) ? kIndustry : kDev;
    } else if (r < 90) {
      type = "行业自律型";
      matter = domain == kOilGas ? "广州市燃气行业自律公约承诺"
               : domain == kElec ? "售电公司市场交易诚信承诺"
                                 : "节能服务行业诚信自律承诺";
    } else {
      type = "主动型";
      matter = "主动公开信用承诺";
    }
    const Authority& auth = city_[static_cast<std::size_t>(auth_code)];
    t["commitment_no"] = "XYCN" + std::to_string(year_of(committed)) + digits(next("commitment"), 7);
    t["commitment_type"] = type;
    t["matter"] = matter;
    if (rng_.pct(60))
      t["content"] = "本单位承诺所提交材料真实、完整、有效，如有虚假，愿意承担相应法律责任并接受失信惩戒。";
    t["uscc"] = c.uscc;
    t["name"] = c.name;
    t["subject_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
    t["legal_rep"] = c.rep.name;
    t["committed_on"] = iso(committed);
    if (rng_.pct(70)) t["valid_until"] = iso(add_months(committed, 12));
    t["acceptor"] = auth.name;
    if (rng_.pct(70)) t["acceptor_uscc"] = auth.uscc;
    if (committed + days{90} < as_of_ && rng_.pct(90)) {
      const unsigned breach = c.tier >= 2 ? 25 : c.tier == 1 ? 6 : 1;
      const unsigned f = static_cast<unsigned>(rng_.below(100));
      const char* status = f < breach / 2 ? "全部未履行" : f < breach ? "部分履行" : "全部履行";
      t["fulfilment_status"] = status;
      t["verified_on"] =
          iso(day_between(committed + days{30}, std::min(committed + days{365}, as_of_ - days{1})));
      if (std::string_view(status) != "全部履行")
        t["breach_description"] = "承诺在三个月内补交的材料逾期未提交，经核查部分承诺内容与实际不符";
    }
    const unsigned d = static_cast<unsigned>(rng_.below(100));
    t["disclosure_type"] = d < 70 ? "可向社会公开" : d < 95 ? "特定范围内公开" : "不可公开";
    t["domain"] = kDomainLabel[domain];
    t.commit();
  }

  // ---------------------------------------------------------------- commendations
  struct Honour {
    int domain;         // kAnyDomain: any
    const char* roles;  // role labels separated by ',' ("" any)
    const char* title;
    const char* level;
    const char* by;
    int valid_years;
    bool person;
  };
  void write_commendation(const Company& c) {
    static const std::vector<Honour> kHonours = {
        {kSaving, "重点用能单位,节能服务机构,炼化企业", "{year}年度广州市节能先进单位", "市级",
         "广州市发展和改革委员会", 0, false},
        {kAnyDomain, "", "广东省守合同重信用企业（{year}年度）", "省级", "广东省市场监督管理局", 2, false},
        {kAnyDomain, "", "{year}年度广州市安全生产先进单位", "市级", "广州市应急管理局", 0, false},
        {kOilGas, "燃气经营企业,油气管道企业", "{year}年度燃气安全管理先进单位", "行业协会", "广州市燃气协会",
         0, false},
        {kElec, "发电企业,配电企业,供电企业,电力建设施工企业", "{year}年度全国电力安全生产先进单位", "国家级",
         "中国电力企业联合会", 0, false},
        {kElec, "发电企业,配电企业,供电企业,售电企业,电力建设施工企业,电能服务机构",
         "{year}年度广东省电力行业优秀企业", "行业协会", "广东省电力行业协会", 0, false},
        {kRenew, "分布式光伏项目单位,节能服务机构", "广州市分布式光伏示范项目（{year}年）", "市级",
         "广州市发展和改革委员会", 3, false},
        {kSaving, "节能服务机构,能源审计/节能评估机构", "{year}年度节能服务优秀企业", "行业协会",
         "广东省节能协会", 0, false},
        {kAnyDomain, "", "{year}年度区级守信示范企业", "区级", "", 2, false},
        {kSaving, "节能服务机构,能源审计/节能评估机构,重点用能单位", "{year}年度广州市优秀节能专家", "市级",
         "广州市发展和改革委员会", 0, true},
        {kOilGas, "燃气经营企业", "{year}年度燃气行业优秀从业人员", "行业协会", "广州市燃气协会", 0, true},
    };
    Table& t = table(kCom);
    for (int attempt = 0; attempt < 5; ++attempt) {
      std::vector<unsigned> w;
      for (const auto& h : kHonours) {
        const bool ok = (h.domain == kAnyDomain ||
                         std::find(c.domains.begin(), c.domains.end(), h.domain) != c.domains.end()) &&
                        has_role(c, h.roles);
        w.push_back(ok ? (h.person ? 2u : 10u) : 0u);
      }
      const Honour& h = kHonours[rng_.weighted(w)];
      t.clear();
      const sys_days when = event_day(c, 2);
      const int year = year_of(when) - 1;  // honours for a year are awarded in the next
      const std::uint64_t hh = fnv1a(h.title) + static_cast<std::uint64_t>(year);
      sys_days awarded =
          ymd_day(year + 1, static_cast<unsigned>(hh % 6 + 1), static_cast<unsigned>(hh / 7 % 28 + 1));
      if (awarded >= as_of_ || awarded <= c.established) awarded = when;
      const std::string title = fill(h.title, {{"year", std::to_string(year)}});
      std::string by = h.by;
      if (by.empty()) by = dist_dev_[c.district].name;
      if (h.person) {
        const bool male = rng_.pct(70);
        t["name"] = person_name(male);
        t["subject_kind"] = "自然人";
        t["id_type"] = "身份证";
        t["id_no"] = person_id(rng_.weighted(person_weights_), male);
      } else {
        t["uscc"] = c.uscc;
        t["name"] = c.name;
        t["subject_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
        t["legal_rep"] = c.rep.name;
      }
      t["honour"] = title;
      t["level"] = h.level;
      if (rng_.pct(50)) t["content"] = h.person ? "授予荣誉称号并颁发证书" : "授予荣誉称号，颁发奖牌和证书";
      t["awarded_by"] = by;
      for (const auto& a : associations_)
        if (a.name == by && rng_.pct(60)) t["awarded_by_uscc"] = a.uscc;
      for (const auto& a : city_)
        if (a.name == by && rng_.pct(60)) t["awarded_by_uscc"] = a.uscc;
      if (rng_.pct(70)) {
        const std::string prefix = by == "广州市发展和改革委员会" ? "穗发改"
                                   : by == "广州市应急管理局"     ? "穗应急"
                                                                  : "";
        if (!prefix.empty())
          t["document_no"] =
              prefix + "〔" + std::to_string(year + 1) + "〕" + std::to_string(hh % 300 + 1) + "号";
      }
      t["awarded_on"] = iso(awarded);
      if (h.valid_years > 0) t["valid_until"] = iso(add_months(awarded, 12 * h.valid_years));
      t["domain"] = kDomainLabel[h.domain == kAnyDomain ? c.domains[0] : h.domain];
      if (!t.key_free()) continue;
      t.commit();
      return;
    }
  }

  // ---------------------------------------------------------------- bad rows
  /// Plants the bad rows whose turn has come (at a subject boundary, so no later good row
  /// of that subject follows its template), or all the remaining ones at the end.
  void plant_bad_rows(bool at_end) {
    for (int d = 0; d < kDatasets; ++d) {
      Table& t = table(d);
      while (t.bad < t.planned && t.has_template()) {
        if (!at_end) {
          const std::size_t k = t.bad;
          const std::size_t threshold = (2 * k + 1) * std::max<std::size_t>(t.expected, 1) / (2 * t.planned);
          if (t.good < threshold) break;
        }
        plant_one(d);
      }
    }
  }

  struct BadContext {
    std::vector<std::string> cells;
    bool extra = false;
  };

  void plant_one(int d) {
    Table& t = table(d);
    const Dataset& ds = t.dataset();
    const auto start = static_cast<int>((static_cast<std::uint64_t>(d) * 3 + o_.seed + t.bad) % 7);
    for (int step = 0; step < 7; ++step) {
      const auto kind = static_cast<BadKind>((start + step) % 7);
      std::vector<std::string> cells = t.last_good();
      if (kind != BadKind::dup_key) refresh_key(d, cells);
      bool extra = false;
      if (!corrupt(ds, kind, cells, extra)) continue;
      t.commit_bad(cells, extra);
      return;
    }
    // nothing applied (cannot happen: extra_cell always applies); count nothing
  }

  /// Gives `cells` a primary key no other row has.
  void refresh_key(int d, std::vector<std::string>& cells) {
    Table& t = table(d);
    auto set = [&](const char* field, std::string v) { cells[t.index(field)] = std::move(v); };
    switch (d) {
      case kSubject: {
        const std::size_t index = o_.subjects + bad_subjects_++;
        const std::string& old = cells[t.index("uscc")];
        set("uscc", make_uscc(old.substr(0, 8), [&] {
              std::string body = "MA";
              body.push_back('9');
              std::uint64_t v = ma_perm_(index);
              for (int i = 0; i < 5; ++i) {
                body.push_back(kUsccAlphabet[v % 31]);
                v /= 31;
              }
              return body;
            }()));
        return;
      }
      case kPract:
        cells[t.index("id_type")] = "身份证";
        set("id_no", person_id(rng_.weighted(person_weights_), rng_.pct(70)));
        return;
      case kLic:
      case kPen: {
        std::string& no = cells[t.index("decision_no")];
        const std::size_t open = no.find("〔"), close = no.find("〕");
        const std::string prefix = no.substr(0, open);
        const int year = std::stoi(no.substr(open + 3, close - open - 3));
        no = doc_no(prefix, year);
        return;
      }
      case kCmt:
        set("commitment_no",
            "XYCN" + cells[t.index("committed_on")].substr(0, 4) + digits(next("commitment"), 7));
        return;
      case kArr: {
        std::string& acc = cells[t.index("account_no")];
        acc = acc.substr(0, 2) + digits(account_perm_(next("account")), 8);
        return;
      }
      default:
        break;
    }
    // keyed by name and date: move every date of the row back a few days until the key is new
    for (int shift = 1; shift < 400; ++shift) {
      std::vector<std::string> moved = cells;
      for (std::size_t f = 0; f < moved.size(); ++f)
        if (t.dataset().fields[f].type == FieldType::date && moved[f].size() == 10)
          moved[f] = iso(parse_day(moved[f]) - days{shift});
      if (t.key_free(moved)) {
        cells = std::move(moved);
        return;
      }
    }
  }

  static sys_days parse_day(const std::string& s) {
    const int y = std::stoi(s.substr(0, 4));
    const auto m = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
    const auto dd = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
    return ymd_day(y, m, dd);
  }

  /// Breaks `cells` the way real submissions are broken; false when `kind` does not fit this row.
  bool corrupt(const Dataset& ds, BadKind kind, std::vector<std::string>& cells, bool& extra) {
    std::vector<std::size_t> candidates;
    auto choose = [&]() { return candidates[static_cast<std::size_t>(rng_.below(candidates.size()))]; };
    switch (kind) {
      case BadKind::uscc: {
        // a wrong check character of the embedded organisation code (a typo in the 17th character)
        std::size_t party = ds.fields.size();
        const auto subject = ds.maps_to.keys.find("subject");
        for (std::size_t f = 0; f < ds.fields.size(); ++f)
          if (ds.fields[f].type == FieldType::uscc && cells[f].size() == 18) {
            candidates.push_back(f);
            if (subject != ds.maps_to.keys.end() && ds.fields[f].name == subject->second) party = f;
          }
        if (candidates.empty()) return false;
        std::string& u = cells[party < ds.fields.size() && rng_.pct(75) ? party : choose()];
        const char old = u[16];
        char c;
        do {
          c = static_cast<char>('0' + rng_.below(10));
        } while (c == old);
        u[16] = c;
        return true;
      }
      case BadKind::date: {
        for (std::size_t f = 0; f < ds.fields.size(); ++f)
          if (ds.fields[f].type == FieldType::date && !cells[f].empty() &&
              ds.fields[f].severity == Severity::error)
            candidates.push_back(f);
        if (candidates.empty()) return false;
        static const std::vector<const char*> kImpossible = {"2024-02-30", "2024-13-01", "2023-06-31",
                                                             "2023-02-29", "2022-04-31"};
        cells[choose()] = rng_.pick(kImpossible);
        return true;
      }
      case BadKind::code: {
        std::vector<const char*> labels;
        for (std::size_t f = 0; f < ds.fields.size(); ++f) {
          const Field& fd = ds.fields[f];
          if (fd.type != FieldType::code || fd.table == nullptr || cells[f].empty() ||
              fd.severity != Severity::error)
            continue;
          for (const auto& [table_name, label] : bad_labels())
            if (fd.codes == table_name && fd.table->find(label) == nullptr) {
              candidates.push_back(f);
              labels.push_back(label);
            }
        }
        if (candidates.empty()) return false;
        const std::size_t i = static_cast<std::size_t>(rng_.below(candidates.size()));
        cells[candidates[i]] = labels[i];
        return true;
      }
      case BadKind::missing: {
        for (std::size_t f = 0; f < ds.fields.size(); ++f)
          if (ds.fields[f].required && !cells[f].empty() && ds.fields[f].severity == Severity::error)
            candidates.push_back(f);
        if (candidates.empty()) return false;
        cells[choose()].clear();
        return true;
      }
      case BadKind::dup_key: {
        // the same key resubmitted with a corrected text
        if (ds.primary_key_index.empty()) return false;
        for (std::size_t f = 0; f < ds.fields.size(); ++f) {
          const Field& fd = ds.fields[f];
          const bool in_key = std::find(ds.primary_key_index.begin(), ds.primary_key_index.end(), f) !=
                              ds.primary_key_index.end();
          bool in_rule = false;
          for (const Rule& r : ds.rules)
            in_rule =
                in_rule || std::find(r.field_index.begin(), r.field_index.end(), f) != r.field_index.end();
          if (!in_key && !in_rule && !fd.personal && fd.type == FieldType::string && fd.pattern.empty() &&
              !cells[f].empty() && (!fd.max_length || char_count(cells[f]) + 4 <= *fd.max_length))
            candidates.push_back(f);
        }
        if (!candidates.empty()) cells[choose()] += "（更正）";
        return true;
      }
      case BadKind::extra_cell:
        extra = true;
        return true;
      case BadKind::id: {
        for (const Rule& r : ds.rules) {
          if (r.kind != RuleKind::id_matches_type) continue;
          const std::size_t type = r.field_index[0], number = r.field_index[1];
          if (cells[type] == "身份证" && cells[number].size() == 18) candidates.push_back(number);
        }
        if (candidates.empty()) return false;
        std::string& id = cells[choose()];
        const char old = id[17];
        char c;
        do {
          c = "0123456789X"[rng_.below(11)];
        } while (c == old);
        id[17] = c;
        return true;
      }
      default:
        return false;
    }
  }

  // ---------------------------------------------------------------- state
  SampleOptions o_;
  Rng rng_;
  sys_days as_of_;
  std::vector<Table> tables_;
  std::array<std::uint64_t, kDatasets> denominator_{}, numerator_scale_{};
  std::vector<unsigned> archetype_weights_, district_weights_, industrial_weights_, surname_weights_,
      person_weights_;
  sys_days birth_first_{};
  std::vector<Perm> person_perm_;
  std::vector<std::uint64_t> person_counter_;
  Perm ma_perm_, old_perm_, trade2_, trade3_, account_perm_;
  std::unordered_map<std::string, std::uint64_t> trade_counter_;
  std::unordered_map<std::string, unsigned> doc_counter_, counters_;
  std::vector<Authority> city_, dist_urban_, dist_emergency_, dist_dev_, associations_;
  std::vector<std::pair<Person, int>> reps_;
  std::size_t next_rep_ = 0, bad_subjects_ = 0;
  Ring gas_, pipeline_ops_, pv_owners_;
};

}  // namespace

SampleSummary write_sample(const std::string& dir, const SampleOptions& options) {
  if (options.subjects == 0 || options.subjects > kMaxSubjects)
    throw InvalidInputError("sample: subjects must be between 1 and 10,000,000, got " +
                            std::to_string(options.subjects));
  if (options.as_of < ymd_day(2010, 1, 1) || options.as_of > ymd_day(2090, 12, 31))
    throw InvalidInputError("sample: as_of must be between 2010-01-01 and 2090-12-31, got " +
                            iso(options.as_of));
  if (options.unfiled_per_mille > 1000)
    throw InvalidInputError("sample: unfiled_per_mille is at most 1000, got " +
                            std::to_string(options.unfiled_per_mille));
  if (dir.empty()) throw InvalidInputError("sample: no folder given");
  const auto engine = Engine::default_engine();
  Generator g(*engine, fs::path(dir), options);
  return g.run();
}

ECREDIT_END_NAMESPACE
