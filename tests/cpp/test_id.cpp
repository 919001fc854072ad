#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include "ecredit/ecredit.hpp"
#include "id_cases.hpp"
#include "test_util.hpp"

using namespace ecredit;

namespace {
std::string ymd_string(const std::optional<CivilDate>& d) { return d ? format_iso_date(*d) : std::string(); }
}  // namespace

TEST_CASE("shared identifier cases (tests/data/id_cases.tsv)") {
  const auto cases = load_id_cases();
  REQUIRE(cases.size() > 40);
  for (const auto& c : cases) {
    CAPTURE(c.line);
    CAPTURE(c.input);
    const IdResult r = check_id(c.input, parse_id_kind(c.check_as));
    CHECK(to_string(r.kind) == c.kind);
    CHECK(to_string(r.status) == c.status);
    CHECK(to_string(r.reason) == c.reason);
    CHECK(r.normalized == c.normalized);
    if (r.kind == IdKind::resident_id) {
      CHECK(ymd_string(r.birth_date) == c.birth_date);
      CHECK((r.sex ? std::string(1, r.sex) : std::string()) == c.sex);
      CHECK(to_string(r.permit) == c.permit);
      CHECK(r.converted == c.converted);
    }
    if (c.check_as == "uscc") {
      const IdVerdict v = uscc_verdict(c.input);
      CHECK(v.status == r.status);
      CHECK(v.reason == r.reason);
    }
  }
}

TEST_CASE("every USCC layer has its own reason code") {
  CHECK(check_uscc("91440101MA59U8YB6").reason == IdReason::length);
  CHECK(check_uscc("91440101MA59U8OB6Y").reason == IdReason::charset);
  CHECK(check_uscc("B1440101MA59U8YB6Y").reason == IdReason::authority);
  CHECK(check_uscc("95440101MA59U8YB6Y").reason == IdReason::category);
  CHECK(check_uscc("91000101MA59U8YB6Y").reason == IdReason::region);
  CHECK(check_uscc("91440101MA59U8YB1Y").reason == IdReason::org_code_checksum);
  const auto typo = check_uscc("91440101MA59U8YB6X");  // only the check char is wrong: not a pilot code
  CHECK(typo.status == IdStatus::invalid);
  CHECK(typo.reason == IdReason::checksum);
  const auto legacy = check_uscc("91350211M0000XUF46");  // a known pilot code
  CHECK(legacy.status == IdStatus::legacy);
  CHECK(legacy.reason == IdReason::checksum);
  CHECK(check_uscc("91440101MA59U8YB6Y").status == IdStatus::valid);
}

TEST_CASE("every reason has a description in Chinese and English") {
  CHECK(ecredit::describe(IdReason::none, "en").empty());
  std::set<std::string_view> zh, en;
  for (int r = 1; r <= static_cast<int>(IdReason::fifteen_digit); ++r) {
    const auto reason = static_cast<IdReason>(r);
    CAPTURE(ecredit::to_string(reason));
    const auto z = ecredit::describe(reason, "zh"), e = ecredit::describe(reason, "en");
    CHECK(!z.empty());
    CHECK(!e.empty());
    CHECK(z != e);
    zh.insert(z);
    en.insert(e);
  }
  CHECK(zh.size() == static_cast<std::size_t>(IdReason::fifteen_digit));  // no two alike
  CHECK(en.size() == zh.size());
}

TEST_CASE("effects and repair statuses have labels in Chinese and English") {
  CHECK(std::string(ecredit::effect_label(ecredit::Effect::prohibit, "zh")) == "禁止");
  CHECK(std::string(ecredit::effect_label(ecredit::Effect::clear, "en")) == "clear");
  CHECK(ecredit::repair_status_label("not_yet", "zh") == "未到最短公示期");
  CHECK(ecredit::repair_status_label("not_yet", "en") == "not_yet");
  CHECK(ecredit::repair_status_label("something_new", "zh") == "something_new");
}

TEST_CASE("normalisation") {
  CHECK(normalize_id(" ９１４４－0101 ma59\u00a0u8yb\u20146y\t") == "91440101MA59U8YB6Y");
  CHECK(normalize_id("") == "");
  CHECK(normalize_id("\xEF\xBC") == "\xEF\xBC");  // a cut UTF-8 sequence is kept, not read past
}

TEST_CASE("resident IDs: 15-digit conversion, permits, sex") {
  const auto r = check_resident_id("110105491231002");
  CHECK(r.status == IdStatus::legacy);
  CHECK(r.converted == "11010519491231002X");
  CHECK(check_resident_id(r.converted).status == IdStatus::valid);
  CHECK(check_resident_id("820000199001011237").permit == ResidencePermit::macao);
  CHECK(check_resident_id("440524188001010014").sex == 'M');
  CHECK(check_resident_id("110105200002290020").birth_date.has_value());          // leap day
  CHECK(check_resident_id("110105190002290020").reason == IdReason::birth_date);  // 1900 not leap
}

TEST_CASE("masking") {
  CHECK(mask_id("440104199003071234") == "440104********1234");
  CHECK(mask_id("440104 1990 0307 123x") == "440104********123X");
  CHECK(mask_id("110105491231002") == "11010*******002");
  CHECK(mask_id("123456789") == "123****89");
  CHECK(mask_id("") == "");
  CHECK(mask_id("ab") == "**");
  CHECK(mask_id("张三丰先生") == "张***生");  // counted in characters, never cut inside one
}

TEST_CASE("batch equals one by one") {
  std::vector<std::string> storage = {
      "91440101MA59U8YB6Y", "91350211M0000XUF46", "x", "", "９１４４０１０１ＭＡ５９Ｕ８ＹＢ６Ｙ",
      "123456789012345678"};
  std::vector<std::string_view> views(storage.begin(), storage.end());
  const auto verdicts = check_uscc_many(views);
  REQUIRE(verdicts.size() == views.size());
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto r = check_uscc(views[i]);
    CHECK(verdicts[i] == IdVerdict{r.status, r.reason});
  }
}

TEST_CASE("random bytes never crash and batch stays consistent") {
  std::mt19937_64 rng(20261127);
  std::uniform_int_distribution<int> len(0, 40), byte(0, 255), pick(0, 3);
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int genuine = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = pick(rng) == 0 ? len(rng) : 18;
    for (int k = 0; k < n; ++k)
      s.push_back(pick(rng) == 0 ? static_cast<char>(byte(rng))
                                 : alphabet[static_cast<std::size_t>(byte(rng)) % alphabet.size()]);
    const auto r = check_uscc(s);
    const auto v = uscc_verdict(s);
    REQUIRE(v.status == r.status);
    REQUIRE(v.reason == r.reason);
    REQUIRE((r.status == IdStatus::valid) == (r.reason == IdReason::none));
    genuine += r.genuine();
    (void)check_id(s);
    (void)mask_id(s);
  }
  CHECK(genuine < 20000);
}

TEST_CASE("kind names") {
  CHECK(parse_id_kind("auto") == IdKind::unknown);
  CHECK(parse_id_kind("resident_id") == IdKind::resident_id);
  CHECK_THROWS_AS(parse_id_kind("passport"), InvalidInputError);
  try {
    parse_id_kind("passport");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("passport") != std::string::npos);
  }
}

TEST_CASE("PolicyError names file, pointer and position") {
  const PolicyError e("expected a string", "catalog.json", "/datasets/0/id", 12, 5);
  CHECK(std::string(e.what()) == "catalog.json at /datasets/0/id (line 12, column 5): expected a string");
  CHECK(e.line() == 12);
}

TEST_CASE("version") { CHECK(library_version() == version_string); }

TEST_CASE(
    "legacy means a pilot code: the evidence of identifiers.json is legacy, its check-char typos are not") {
  std::ifstream in(test_util::kData + "/../../policies/identifiers.json", std::ios::binary);
  const auto j = nlohmann::json::parse(in);
  const auto& patterns = j.at("/uscc/legacy/pilot_patterns"_json_pointer);
  REQUIRE(!patterns.empty());
  std::size_t seen = 0;
  for (const auto& p : patterns)
    for (const auto& e : p.at("evidence")) {
      const std::string code = e.get<std::string>();
      const IdResult r = check_uscc(code);
      CHECK_MESSAGE(r.status == IdStatus::legacy, code);
      CHECK(r.reason == IdReason::checksum);
      // the same body under another region (Guangzhou 440101) is not a pilot code
      std::string moved = code;
      moved.replace(2, 6, "440101");
      CHECK_MESSAGE(check_uscc(moved).status != IdStatus::legacy, moved);
      ++seen;
    }
  CHECK(seen >= 3);
}

TEST_CASE(
    "validation follows: uscc-legacy (a warning) only for pilot codes, uscc-checksum (an error) otherwise") {
  const auto engine = Engine::default_engine();
  auto finding_of = [&](const char* uscc) {
    std::istringstream in(std::string("uscc,name,kind,domains\n") + uscc + ",甲,法人及非法人组织,电力\n");
    const Report r = validate_stream(*engine, "subject", in);
    for (const Finding& f : r.findings)
      if (f.field == "uscc") return std::make_pair(f.type, r.stats.rejected);
    return std::make_pair(std::string(), r.stats.rejected);
  };
  CHECK(finding_of("91350211M0000XUF46") == std::make_pair(std::string("uscc-legacy"), std::size_t{0}));
  CHECK(finding_of("91440113MA9UQ8E11M") == std::make_pair(std::string("uscc-checksum"), std::size_t{1}));
  CHECK(finding_of("91440113MA9UQ8E11N") == std::make_pair(std::string(), std::size_t{0}));
}

TEST_CASE("check characters: the checks' own arithmetic, public") {
  // Every genuine 18-character code of the shared cases ends in the character the public
  // functions compute from its first 17 (USCCs with a wrong mod-31 character are pilot
  // codes, not counted); every one with a wrong check character does not.
  std::size_t usccs = 0, ids = 0;
  for (const auto& c : load_id_cases()) {
    CAPTURE(c.line);
    if (c.normalized.size() != 18) continue;
    const std::string_view n = c.normalized;
    if (c.kind == "uscc" && c.status == "valid") {
      CHECK(uscc_check_char(n.substr(0, 17)) == n[17]);
      CHECK(org_code_check_char(n.substr(8, 8)) == n[16]);
      ++usccs;
    } else if (c.kind == "uscc" && c.status == "invalid" && c.reason == "checksum") {
      CHECK(uscc_check_char(n.substr(0, 17)) != n[17]);
    } else if (c.kind == "resident_id" && c.status == "valid") {
      CHECK(resident_id_check_char(n.substr(0, 17)) == n[17]);
      ++ids;
    } else if (c.kind == "resident_id" && c.reason == "checksum") {
      CHECK(resident_id_check_char(n.substr(0, 17)) != n[17]);
    }
  }
  CHECK(usccs > 3);
  CHECK(ids > 3);
  // The examples of the header and of docs/identifiers.md.
  CHECK(uscc_check_char("91350100M000100Y4") == '3');
  CHECK(uscc_check_char("91440101MA59U8YB6") == 'Y');
  CHECK(org_code_check_char("MA59U8YB") == '6');
  // GB 11714: 10 is written 'X', 11 is written '0' — a body of each, found by the checker.
  for (const char want : {'X', '0'}) {
    bool found = false;
    for (int v = 0; v < 100000 && !found; ++v) {
      std::string body = std::to_string(10000000 + v);
      if (org_code_check_char(body) == want) {
        found = true;
        CHECK(check_org_code(body + want).status == IdStatus::valid);
      }
    }
    CHECK(found);
  }
  // '\0' for input of the wrong length or alphabet; the input is not normalised.
  CHECK(uscc_check_char("91440101MA59U8YB") == '\0');
  CHECK(uscc_check_char("91440101MA59U8YB66") == '\0');
  CHECK(uscc_check_char("91440101MA59U8OB6") == '\0');  // O is not in the USCC alphabet
  CHECK(uscc_check_char("91440101ma59u8yb6") == '\0');
  CHECK(org_code_check_char("MA59U8Y") == '\0');
  CHECK(org_code_check_char("MA59U8Y-") == '\0');
  CHECK(resident_id_check_char("4401041990030712") == '\0');
  CHECK(resident_id_check_char("44010419900307123X") == '\0');
  CHECK(resident_id_check_char("4401041990030712X") == '\0');
  CHECK(resident_id_check_char("") == '\0');
  // A resident ID made with it passes the check.
  const std::string first17 = "44010419900307123";
  CHECK(check_resident_id(first17 + resident_id_check_char(first17)).status == IdStatus::valid);
}
