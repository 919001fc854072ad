// Appointment checks (appointment.hpp) over the shared cases of tests/data/appointment
// (described in tests/data/appointment.md): appointment.json's grounds against records,
// list entries, relations and subject rows.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "ecredit/ecredit.hpp"
#include "test_util.hpp"

using namespace ecredit;
using test_util::kData;

namespace {

date::sys_days day(const char* s) { return parse_iso_date(s); }

const std::string kR1 = "91440111MA5APP0180", kR2 = "91440111MA5APP026T", kR3 = "91440111MA5APP034M";
const std::string kP = "440106197803031239",  // R1's legal representative until 2023-08-01, liable
    kV = "440104199001014564",                // R1's legal representative since 2023-08-01
    kU = "440111198207072347",                // R2's (closed; responsibility not recorded)
    kW = "440105198811115676",                // R3's (a gas licence revoked, not the business licence)
    kD = "440103198509093450";                // on the list of 失信被执行人

std::shared_ptr<const Registry> cases() {
  static auto r = Registry::from_dir(*Engine::default_engine(), kData + "/appointment");
  return r;
}

AppointmentCheck check(const std::string& person, const char* role, const char* as_of) {
  return appointment_check(*Engine::default_engine(), *cases(), person, role, day(as_of));
}

using Json = nlohmann::ordered_json;

// appointment.json of the built-in pack after `edit`, loaded: the PolicyError's message
std::string load_error(void (*edit)(Json&)) {
  auto files = test_util::pack_files();
  Json j = Json::parse(files.at("appointment.json"));
  edit(j);
  files["appointment.json"] = j.dump(2);
  try {
    Engine::from_files(files, "gz-energy (edited appointment.json)");
  } catch (const PolicyError& e) {
    return e.what();
  }
  return "(loaded)";
}

}  // namespace

TEST_CASE("appointment: the built-in policy and its load errors") {
  const AppointmentPolicy& p = Engine::default_engine()->appointment_policy();
  REQUIRE(p.roles.size() == 4);
  CHECK(p.grounds.size() == 5);
  CHECK(p.role("director") != nullptr);
  CHECK(load_error([](Json&) {}) == "(loaded)");
  CHECK(load_error([](Json& j) { j["roles"][0]["role"] = "chairman"; }).find("/roles/0/role") !=
        std::string::npos);
  CHECK(load_error([](Json& j) {
          j["grounds"][0]["roles"][0] = "shareholder";
        }).find("not a role of this file's 'roles'") != std::string::npos);
  CHECK(load_error([](Json& j) { j["grounds"][4]["lists"][0] = "grey"; }).find("list_kind") !=
        std::string::npos);
  CHECK(load_error([](Json& j) { j["grounds"][3]["years"] = 0; }).find("/grounds/3/years") !=
        std::string::npos);
  CHECK(load_error([](Json& j) { j["grounds"][1]["ground"] = "incapacity"; }).find("given twice") !=
        std::string::npos);
  CHECK(load_error([](Json& j) { j["grounds"][0]["check"] = "guess"; }).find("not_recorded, on_list") !=
        std::string::npos);
  CHECK(load_error([](Json& j) { j["grounds"][3]["closure_codes"][0] = "close"; }).find("penalty_type") !=
        std::string::npos);
  CHECK(load_error([](Json& j) { j["grounds"][3].erase("basis"); }).find("basis") != std::string::npos);
  CHECK(load_error([](Json& j) { j["grounds"][3]["window"] = 3; }).find("window") != std::string::npos);
}

TEST_CASE("appointment: barred by a revocation 2 years ago, allowed once 3 years have passed") {
  const auto two = check(kP, "legal_representative", "2025-05-10");
  CHECK(two.status == "barred");
  CHECK_FALSE(two.allowed());
  REQUIRE(two.reasons.size() == 1);
  const auto& r = two.reasons[0];
  CHECK(r.ground == "revoked_or_closed");
  CHECK(r.outcome == "barred");
  REQUIRE(r.until);
  CHECK(*r.until == day("2026-05-10"));
  REQUIRE(r.facts.size() == 2);
  CHECK(r.facts[0].kind == "record");
  CHECK(r.facts[0].uscc == kR1);
  CHECK(r.facts[1].kind == "relation");  // the legal_representative row in force on the decision date
  CHECK(r.why.find("负有个人责任") != std::string::npos);
  CHECK(r.basis.find("第一百七十八条") != std::string::npos);
  CHECK_FALSE(r.basis_confirmed);  // the pack says the article text was not checked against the original

  CHECK(check(kP, "legal_representative", "2026-05-09").status == "barred");  // the last day
  const auto three = check(kP, "legal_representative", "2026-05-10");
  CHECK(three.status == "allowed");
  CHECK(three.allowed());
  CHECK(three.reasons.empty());
  // The grounds the registry holds no data for are said as such, whatever the status.
  CHECK(three.unchecked.size() == 3);
  CHECK(three.unchecked[0].ground == "incapacity");
  CHECK_FALSE(three.basis.empty());
  // Every role of appointment.json.
  for (const char* role : {"director", "supervisor", "senior_manager"})
    CHECK(check(kP, role, "2025-05-10").status == "barred");
  // Before the decision nothing bars.
  CHECK(check(kP, "director", "2023-05-09").status == "allowed");
}

TEST_CASE("appointment: the legal representative named on the record, not a later one") {
  // V became R1's legal representative after the revocation; the record names P.
  CHECK(check(kV, "legal_representative", "2025-05-10").status == "allowed");
}

TEST_CASE("appointment: a closure without a finding of personal responsibility is undetermined") {
  const auto c = check(kU, "director", "2025-05-10");
  CHECK(c.status == "undetermined");
  REQUIRE(c.reasons.size() == 1);
  CHECK(c.reasons[0].outcome == "undetermined");
  CHECK(c.reasons[0].why.find("是否负有个人责任未记录") != std::string::npos);
  // The record names no legal representative: the subject row (undated) says it is U.
  CHECK(c.reasons[0].facts.back().kind == "subject");
}

TEST_CASE("appointment: a revoked gas licence is not a revoked business licence") {
  CHECK(check(kW, "legal_representative", "2025-05-10").status == "allowed");
}

TEST_CASE("appointment: on the list of 失信被执行人") {
  const auto c = check(kD, "director", "2025-05-10");
  CHECK(c.status == "barred");
  REQUIRE(c.reasons.size() == 1);
  CHECK(c.reasons[0].ground == "dishonest_debtor");
  CHECK(c.reasons[0].facts[0].kind == "list_entry");
  CHECK(c.reasons[0].why.find("失信被执行人名单") != std::string::npos);
  CHECK(check(kD, "director", "2025-01-14").status == "allowed");  // the day before publication
}

TEST_CASE("appointment: bad input") {
  const auto& e = *Engine::default_engine();
  CHECK_THROWS_WITH_AS(appointment_check(e, *cases(), kP, "shareholder", day("2025-05-10")),
                       doctest::Contains("legal_representative, director, supervisor, senior_manager"),
                       InvalidInputError);
  CHECK_THROWS_WITH_AS(appointment_check(e, *cases(), kR1, "director", day("2025-05-10")),
                       doctest::Contains("USCC"), InvalidInputError);
  CHECK_THROWS_AS(appointment_check(e, *cases(), "440106197803031238", "director", day("2025-05-10")),
                  InvalidInputError);  // a wrong check digit
  // The error names no full ID number.
  try {
    appointment_check(e, *cases(), "440106197803031238", "director", day("2025-05-10"));
  } catch (const InvalidInputError& x) {
    CHECK(std::string(x.what()).find("440106197803031238") == std::string::npos);
  }
}
