// Credit repair decisions (docs/repair.md) and working-day arithmetic.
#include "ecredit/repair.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/measures.hpp"
#include "ecredit/registry.hpp"

ECREDIT_BEGIN_NAMESPACE

std::string_view repair_status_label(std::string_view status, std::string_view lang) noexcept {
  if (lang == "en") return status;
  if (status == "eligible") return "可修复";
  if (status == "not_yet") return "未到最短公示期";
  if (status == "missing_evidence") return "材料不全";
  if (status == "not_repairable") return "不可修复";
  if (status == "expired") return "公示期已满";
  return status;
}

namespace {
int year_of(date::sys_days d) { return static_cast<int>(date::year_month_day{d}.year()); }
int day_number(date::sys_days d) { return d.time_since_epoch().count(); }
}  // namespace

bool Calendar::covers(date::sys_days d) const { return years_.count(year_of(d)) != 0; }

bool Calendar::is_working_day(date::sys_days d) const {
  if (workdays_.count(day_number(d))) return true;
  if (holidays_.count(day_number(d))) return false;
  const date::weekday wd{d};
  return wd != date::Saturday && wd != date::Sunday;
}

date::sys_days Calendar::add_working_days(date::sys_days from, int n, bool* outside) const {
  if (n < 0) throw InvalidInputError("a negative number of working days");
  date::sys_days d = from;
  for (int left = n; left > 0;) {
    d += date::days{1};
    if (outside != nullptr && !covers(d)) *outside = true;
    if (is_working_day(d)) --left;
  }
  return d;
}

date::sys_days add_months(date::sys_days d, int months) {
  const date::year_month_day ymd{d};
  const date::year_month ym = date::year_month{ymd.year(), ymd.month()} + date::months{months};
  const date::year_month_day target{ym.year(), ym.month(), ymd.day()};
  if (target.ok()) return date::sys_days{target};
  return date::sys_days{date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}}};
}

namespace {

bool in(const std::vector<std::string>& set, const std::string& v) {
  return set.empty() || std::find(set.begin(), set.end(), v) != set.end();
}

bool any_in(const std::vector<std::string>& set, const std::vector<std::string>& values) {
  if (set.empty()) return true;
  for (const auto& v : values)
    if (std::find(set.begin(), set.end(), v) != set.end()) return true;
  return false;
}

std::string iso(date::sys_days d) { return format_iso_date(d); }

const RepairRegime& pick_regime(const RepairPolicy& p, date::sys_days key, std::string& why,
                                const char* what) {
  for (const RepairRegime& r : p.regimes)
    if (r.in_force(key)) {
      why = fmt::format("{} {} falls in {} .. {} ({})", what, iso(key), iso(*r.effective_from),
                        r.effective_to ? iso(*r.effective_to) : std::string("open"), r.id);
      return r;
    }
  const RepairRegime& first = p.regimes.front();
  if (key < *first.effective_from) {
    why = fmt::format("{} {} is before the first regime ({} from {}): that regime applies [judgement]", what,
                      iso(key), first.id, iso(*first.effective_from));
    return first;
  }
  throw NotFoundError(fmt::format("no repair regime in force on {} ({})", iso(key), what));
}

// The processing steps' due dates. Two timelines: the case as flagged (an extension
// applies when the record carries its flag) and the case with every extension (complex).
void plan_processing(const Calendar& cal, const RepairRegime& rg, const RepairRecord& rec,
                     date::sys_days as_of, RepairDecision& d) {
  if (rg.processing.empty()) return;
  bool any_extension = false;
  std::map<std::string, date::sys_days> due, due_all;  // step → due date (after extensions)
  std::string last;                                    // the previous step that is not an extension
  std::optional<date::sys_days> deadline, deadline_all;
  auto later = [](std::optional<date::sys_days>& a, date::sys_days b) {
    if (!a || *a < b) a = b;
  };
  for (const ProcessingStep& st : rg.processing) {
    const bool flagged = std::find(rec.flags.begin(), rec.flags.end(), st.flag) != rec.flags.end();
    RepairStepDate sd{st.step, st.title,   st.basis, st.working_days, {}, st.confirmed,
                      st.from, st.extends, true};
    const std::string mark = basis_mark(st.confirmed, "");
    if (!st.extends.empty()) {
      any_extension = true;
      sd.applies = flagged;
      const date::sys_days base_all = due_all.at(st.extends);
      sd.due = cal.add_working_days(base_all, st.working_days, &d.calendar_gap);
      due_all[st.extends] = sd.due;
      if (flagged)
        due[st.extends] = cal.add_working_days(due.at(st.extends), st.working_days, &d.calendar_gap);
      d.arithmetic.push_back(fmt::format("{}: {} {} + {} working days → {}{} ({})", st.step, st.extends,
                                         iso(base_all), st.working_days, iso(sd.due), mark,
                                         flagged ? "applies: the record is flagged " + st.flag
                                                 : "only if the case is " + st.flag + "; not applied"));
    } else {
      const std::string from = st.from.empty() ? (last.empty() ? "application" : last) : st.from;
      const date::sys_days base = from == "application" ? as_of : due.at(from);
      const date::sys_days base_all = from == "application" ? as_of : due_all.at(from);
      sd.from = from;
      sd.due = cal.add_working_days(base, st.working_days, &d.calendar_gap);
      due[st.step] = sd.due;
      due_all[st.step] = cal.add_working_days(base_all, st.working_days, &d.calendar_gap);
      last = st.step;
      d.arithmetic.push_back(fmt::format("{}: {} {} + {} working days → {}{}", st.step, from, iso(base),
                                         st.working_days, iso(sd.due), mark));
    }
    d.processing.push_back(std::move(sd));
  }
  for (const auto& [step, day] : due) later(deadline, day);
  for (const auto& [step, day] : due_all) later(deadline_all, day);
  d.processing_deadline = deadline;
  if (any_extension) {
    d.processing_deadline_extended = deadline_all;
    d.arithmetic.push_back(
        fmt::format("processing deadline {}; {} when every extension applies (complex case)", iso(*deadline),
                    iso(*deadline_all)));
  }
}

}  // namespace

namespace {

// ---- the steps of a repair decision (docs/repair.md) ------------------------------

/// "a, b or c" for an error message.
std::string join_names(const std::set<std::string>& names) {
  std::string out;
  std::size_t i = 0;
  for (const std::string& n : names) {
    out += (i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ")) + n;
    ++i;
  }
  return names.empty() ? std::string("none") : out;
}

/// The record's terms resolved against the pack: its area as repair.json names it
/// ("" when none) and its procedure as a penalty_procedure code.
struct RecordTerms {
  std::string area, procedure;
};

/// Refuses a record the pack cannot decide on (naming the field and why); resolves
/// area aliases and the procedure code.
RecordTerms check_record(const Engine& engine, const RepairRecord& rec, date::sys_days as_of) {
  const RepairPolicy& p = engine.repair_policy();
  // The categories are those repair.json gives tiers for, the severities the codes of
  // the pack's `severity` table: the pack's vocabulary, not a list in code.
  std::set<std::string> categories;
  for (const RepairRegime& r : p.regimes)
    for (const auto& [cat, tiers] : r.tiers) categories.insert(cat);
  if (categories.count(rec.category) == 0)
    throw InvalidInputError("record category '" + rec.category + "' is not a category of repair.json (" +
                            join_names(categories) + ")");
  if (!rec.severity.empty()) {
    std::set<std::string> severities;
    if (const CodeTable* t = engine.code_table("severity"))
      for (const Code& c : t->codes) severities.insert(c.code);
    if (severities.count(rec.severity) == 0)
      throw InvalidInputError("record severity '" + rec.severity + "' is not a code of the severity table (" +
                              join_names(severities) + ")");
  }
  RecordTerms terms;
  if (!rec.area.empty()) {
    auto it = p.area_names.find(rec.area);
    if (it == p.area_names.end()) {
      std::string known;
      for (const auto& [name, a] : p.area_names)
        if (name == a) known += (known.empty() ? "" : ", ") + name;
      throw InvalidInputError("record area '" + rec.area + "' is not an area of repair.json (" +
                              (known.empty() ? "it has none" : known) + ", or their aliases)");
    }
    terms.area = it->second;
  }
  terms.procedure = rec.procedure;
  if (!terms.procedure.empty()) {
    if (const CodeTable* t = engine.code_table("penalty_procedure")) {
      const Code* c = t->find(terms.procedure);
      if (c == nullptr)
        throw InvalidInputError("record procedure '" + rec.procedure +
                                "' is not a code of penalty_procedure");
      terms.procedure = c->code;
    }
  }
  if (rec.fine_amount && !(*rec.fine_amount >= 0))
    throw InvalidInputError("record fine_amount must be a number of 万元, not negative");
  if (rec.decision_date > as_of)
    throw InvalidInputError("decision date " + iso(rec.decision_date) + " is after the as-of date " +
                            iso(as_of));
  return terms;
}

/// The tiers the record could fall in: (severity, from what), and what was looked at
/// and gave no tier (the arithmetic says so).
struct TierCandidates {
  std::vector<std::pair<std::string, std::string>> candidates;
  std::vector<std::string> undecided;
};

std::string marks(const RepairTierRule& r) {
  return basis_mark(r.confirmed, r.unconfirmed) +
         (r.source.empty() ? std::string() : " (source: " + r.source + ")");
}

void penalty_type_tiers(const RepairRegime& rg, const RepairRecord& rec, TierCandidates& tc) {
  for (const auto& t : rec.penalty_types) {
    auto it = rg.penalty_type_tiers.find(t);
    if (it == rg.penalty_type_tiers.end()) continue;
    const RepairTierRule& rule = it->second;
    if (!rule.tier.empty()) {
      tc.candidates.emplace_back(rule.tier, "penalty type " + t + marks(rule));
    } else if (rule.by_fine_amount) {
      if (!rec.fine_amount)
        tc.undecided.push_back("penalty type " + t +
                               ": its tier follows the fine amount, and the record gives none");
    } else {
      tc.undecided.push_back("penalty type " + t + ": no tier asserted" +
                             basis_mark(false, rule.unconfirmed) +
                             (rule.source.empty() ? "" : " (source: " + rule.source + ")"));
    }
  }
}

void fine_amount_tier(const RepairRegime& rg, const RepairRecord& rec, TierCandidates& tc) {
  if (!rec.fine_amount || !(*rec.fine_amount > 0) || rg.fine_tiers.bands.empty()) return;
  const FineTiers& ft = rg.fine_tiers;
  const double amount = *rec.fine_amount;
  const std::string mark = basis_mark(ft.confirmed, ft.unconfirmed);
  auto band = std::find_if(ft.bands.begin(), ft.bands.end(), [&](const FineBand& b) {
    return (!b.from || *b.from <= amount) && (!b.below || amount < *b.below);
  });
  if (band == ft.bands.end()) {
    tc.undecided.push_back(
        fmt::format("fine {} {}: in no band of fine_amount_tiers{}", amount, ft.unit, mark));
    return;
  }
  std::string range = band->from ? fmt::format("from {} ", *band->from) : std::string();
  if (band->below) range += fmt::format("below {} ", *band->below);
  tc.candidates.emplace_back(band->tier, fmt::format("fine {} {}: {}{}{}", amount, ft.unit,
                                                     band->label.empty() ? band->tier : band->label,
                                                     " (" + range + ft.unit + ")", mark));
}

/// The record's severity, each penalty type's tier, the procedure's and the fine's;
/// a category with one tier needs none of them.
TierCandidates tier_candidates(const RepairRegime& rg, const RepairRecord& rec, const std::string& procedure,
                               const std::map<std::string, RepairTier>& tiers) {
  TierCandidates tc;
  if (!rec.severity.empty()) tc.candidates.emplace_back(rec.severity, "severity");
  penalty_type_tiers(rg, rec, tc);
  if (!procedure.empty()) {
    auto it = rg.procedure_tiers.find(procedure);
    if (it != rg.procedure_tiers.end() && !it->second.tier.empty())
      tc.candidates.emplace_back(it->second.tier, "procedure " + procedure + marks(it->second));
  }
  fine_amount_tier(rg, rec, tc);
  if (!tc.candidates.empty()) return tc;
  if (tiers.size() == 1) {
    tc.candidates.emplace_back(tiers.begin()->first, "the only tier of " + rec.category);
    return tc;
  }
  std::string why;
  for (const auto& u : tc.undecided) why += "; " + u;
  throw InvalidInputError("record needs a severity (minor, general, serious): regime " + rg.id +
                          " has several tiers for " + rec.category +
                          (rg.penalty_type_tiers.empty() ? "" : " and no penalty type maps onto one") + why);
}

/// Several penalty types in one decision take the longest period (then the longest
/// minimum). Sets d.severity; returns the tier and what it came from.
std::pair<const RepairTier*, std::string> longest_tier(const RepairRegime& rg, const RepairRecord& rec,
                                                       const std::map<std::string, RepairTier>& tiers,
                                                       const TierCandidates& tc, RepairDecision& d) {
  const RepairTier* tier = nullptr;
  std::string chosen_from;
  for (const auto& [sev, from] : tc.candidates) {
    auto it = tiers.find(sev);
    if (it == tiers.end()) {
      if (tiers.size() != 1)
        throw InvalidInputError("regime " + rg.id + " has no " + sev + " tier for " + rec.category);
      it = tiers.begin();
    }
    if (tier == nullptr || it->second.max_months > tier->max_months ||
        (it->second.max_months == tier->max_months && it->second.min_months > tier->min_months)) {
      tier = &it->second;
      d.severity = it->first;
      chosen_from = from;
    }
  }
  return {tier, chosen_from};
}

/// The publication period of the tier, its minimum raised by the record's area.
void publication_period(const RepairRegime& rg, const RepairRecord& rec, const std::string& area,
                        const RepairTier& tier, const std::string& chosen_from, const TierCandidates& tc,
                        RepairDecision& d) {
  d.min_months = tier.min_months;
  d.max_months = tier.max_months;
  d.basis = tier.basis.empty() ? rg.basis : tier.basis;
  d.arithmetic.push_back(fmt::format("regime {}: {}", rg.id, d.regime_reason));
  d.arithmetic.push_back(fmt::format(
      "tier {} (from {}{}): publication {} to {} months{}", d.severity, chosen_from,
      tc.candidates.size() > 1 ? "; several penalty types: the longest period" : "", tier.min_months,
      tier.max_months, tier.note.empty() ? std::string() : " (" + tier.note + ")"));
  for (const auto& u : tc.undecided)
    d.arithmetic.push_back(u + (rec.severity.empty()
                                    ? std::string()
                                    : "; the record's severity " + rec.severity + " stands for it"));
  if (area.empty()) return;
  auto it = rg.area_min_months.find(area);
  if (it != rg.area_min_months.end() && it->second.first > d.min_months) {
    d.min_months = std::min(it->second.first, d.max_months);
    d.arithmetic.push_back(
        fmt::format("area {}: minimum raised to {} months ({})", area, d.min_months, it->second.second));
  }
}

/// Whether the record can never be repaired (publication already over, a broken
/// repair commitment, an exclusion of the regime): sets the status and reason.
bool not_repairable(const RepairPolicy& p, const RepairRegime& rg, const RepairRecord& rec,
                    const std::string& area, date::sys_days as_of, date::sys_days pub_end,
                    RepairDecision& d) {
  if (as_of >= pub_end) {
    d.status = "expired";
    d.reasons.push_back("publication ended on its own on " + iso(pub_end));
    return true;
  }
  if (rec.commitment_broken && p.breach_max_period) {
    d.status = "not_repairable";
    d.reasons.push_back("a 信用修复型 commitment was broken: published for the maximum period, until " +
                        iso(pub_end) + (p.breach_basis.empty() ? "" : " (" + p.breach_basis + ")"));
    return true;
  }
  std::vector<std::string> areas;
  if (!area.empty()) areas.push_back(area);
  for (const RepairExclusion& x : rg.exclusions) {
    if (in(x.categories, rec.category) && in(x.severities, d.severity) && any_in(x.flags, rec.flags) &&
        any_in(x.penalty_types, rec.penalty_types) && any_in(x.areas, areas)) {
      d.status = "not_repairable";
      d.reasons.push_back(x.reason + (x.basis.empty() ? "" : " (" + x.basis + ")") + "; published until " +
                          iso(pub_end));
      return true;
    }
  }
  return false;
}

/// The repeat limits on past repairs: too many in the window refuses (false); a
/// minimum time since the last repair moves `earliest` later.
bool within_repeat_limits(const RepairPolicy& p, const std::vector<date::sys_days>& history,
                          date::sys_days as_of, date::sys_days& earliest, RepairDecision& d) {
  for (const RepeatLimit& l : p.repeat_limits) {
    if (!l.enabled) continue;
    std::vector<date::sys_days> past;
    for (date::sys_days h : history)
      if (h <= as_of) past.push_back(h);
    std::sort(past.begin(), past.end());
    if (l.max_repairs > 0) {
      const date::sys_days since = add_months(as_of, -l.window_months);
      const auto n = std::count_if(past.begin(), past.end(), [&](date::sys_days h) { return h > since; });
      if (n >= l.max_repairs) {
        d.status = "not_repairable";
        d.reasons.push_back(fmt::format("{} repairs since {} (limit {} in {} months, {}){}", n, iso(since),
                                        l.max_repairs, l.window_months, l.id,
                                        l.basis.empty() ? std::string() : "; " + l.basis));
        return false;
      }
    }
    if (l.min_months_since_last > 0 && !past.empty()) {
      const date::sys_days next = add_months(past.back(), l.min_months_since_last);
      if (next > earliest) {
        earliest = next;
        d.arithmetic.push_back(fmt::format("last repair {} + {} months = {} ({})", iso(past.back()),
                                           l.min_months_since_last, iso(next), l.id));
      }
    }
  }
  return true;
}

}  // namespace

RepairDecision repair(const Engine& engine, const RepairRecord& rec, const RepairEvidence& evidence,
                      date::sys_days as_of, const std::vector<date::sys_days>& history) {
  const RepairPolicy& p = engine.repair_policy();
  if (p.regimes.empty()) throw NotFoundError("pack " + engine.id() + " has no repair regimes (repair.json)");
  const RecordTerms terms = check_record(engine, rec, as_of);

  RepairDecision d;
  d.record_id = rec.id;
  d.as_of = as_of;
  d.pack_hash = engine.hash();
  // the regime in force on the application date or the decision date (repair.json select_by)
  const RepairRegime& rg = p.select_by == "application_date"
                               ? pick_regime(p, as_of, d.regime_reason, "application date")
                               : pick_regime(p, rec.decision_date, d.regime_reason, "decision date");
  d.regime = rg.id;
  d.regime_title = rg.title;
  auto cat = rg.tiers.find(rec.category);
  if (cat == rg.tiers.end())
    throw InvalidInputError("regime " + rg.id + " has no rules for category '" + rec.category + "'");
  const auto& tiers = cat->second;

  // the tier, and with it the publication period
  const TierCandidates tc = tier_candidates(rg, rec, terms.procedure, tiers);
  const auto [tier, chosen_from] = longest_tier(rg, rec, tiers, tc, d);
  publication_period(rg, rec, terms.area, *tier, chosen_from, tc, d);

  // when publication ends on its own, and whether repair is possible at all
  const date::sys_days pub_end = add_months(rec.decision_date, d.max_months);
  d.publication_end = pub_end;
  d.arithmetic.push_back(fmt::format("publication ends {} + {} months = {}", iso(rec.decision_date),
                                     d.max_months, iso(pub_end)));
  if (not_repairable(p, rg, rec, terms.area, as_of, pub_end, d)) return d;

  // the earliest repair date: the minimum period, then the repeat limits
  date::sys_days earliest = add_months(rec.decision_date, d.min_months);
  d.arithmetic.push_back(fmt::format("earliest repair {} + {} months = {}", iso(rec.decision_date),
                                     d.min_months, iso(earliest)));
  if (!within_repeat_limits(p, history, as_of, earliest, d)) return d;
  d.earliest_date = earliest;

  // the evidence the tier asks for, provided by as-of
  for (const auto& name : tier->evidence) {
    auto it = evidence.find(name);
    if (it == evidence.end() || it->second > as_of) d.missing.push_back(name);
  }
  if (as_of < earliest) {
    d.status = "not_yet";
    d.reasons.push_back("the minimum publication period runs until " + iso(earliest));
    return d;
  }
  if (!d.missing.empty()) {
    d.status = "missing_evidence";
    std::string names;
    for (const auto& m : d.missing) names += (names.empty() ? "" : ", ") + m;
    d.reasons.push_back("evidence not provided by " + iso(as_of) + ": " + names);
    return d;
  }
  d.status = "eligible";
  plan_processing(engine.calendar(), rg, rec, as_of, d);
  if (d.calendar_gap)
    d.arithmetic.push_back(
        "a deadline runs past the years of calendar.json: there only weekends are non-working");
  d.effects = rg.effects;
  return d;
}

RepairRecord repair_record_of(const Record& r) {
  RepairRecord rr;
  rr.id = r.id;
  rr.category = r.category == "admin_penalty" ? "admin_penalty" : "other";
  rr.severity = r.severity;
  rr.domain = r.domain;
  rr.decision_date = r.decision_date;
  if (auto it = r.attributes.find("penalty_types"); it != r.attributes.end()) {
    std::size_t start = 0;
    while (start <= it->second.size()) {
      const auto end = it->second.find(';', start);
      const std::string part =
          it->second.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!part.empty()) rr.penalty_types.push_back(part);
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  if (auto it = r.attributes.find("fine_amount"); it != r.attributes.end() && !it->second.empty()) {
    try {
      rr.fine_amount = std::stod(it->second);
    } catch (const std::exception&) {
      // the catalog validated it as a number; a value it did not is left out
    }
  }
  return rr;
}

ECREDIT_END_NAMESPACE
