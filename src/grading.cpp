// Evaluating grading models (docs/grading.md) against a registry as of a date.
#include "ecredit/grading.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdint>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "ecredit/id.hpp"
#include "ecredit/registry.hpp"
#include "registry_access.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

bool in(const std::vector<std::string>& set, const std::string& v) {
  return set.empty() || std::find(set.begin(), set.end(), v) != set.end();
}

std::string fmt_num(double x) {
  if (std::fabs(x - std::round(x)) < 1e-9) return fmt::format("{}", static_cast<long long>(std::llround(x)));
  return fmt::format("{:.4g}", x);
}

}  // namespace

namespace detail {

bool attribute_matches(std::string_view value, const std::vector<std::string>& accepted) {
  std::size_t start = 0;
  while (start <= value.size()) {
    const auto end = value.find(';', start);
    const std::string_view part =
        value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (std::find(accepted.begin(), accepted.end(), part) != accepted.end()) return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return false;
}

bool attributes_match(const Selector& s, const Record& r) {
  for (const auto& [name, accepted] : s.attributes) {
    auto it = r.attributes.find(name);
    if (it == r.attributes.end() || !attribute_matches(it->second, accepted)) return false;
  }
  return true;
}

// The same on a registry's attribute blob ("name\x1Fvalue\x1E…").
bool attributes_match(const Selector& s, std::string_view blob) {
  for (const auto& [name, accepted] : s.attributes) {
    bool found = false;
    std::size_t pos = 0;
    while (pos < blob.size()) {
      const auto sep = blob.find('\x1F', pos);
      const auto end = blob.find('\x1E', sep);
      if (blob.substr(pos, sep - pos) == name) {
        found = attribute_matches(blob.substr(sep + 1, end - sep - 1), accepted);
        break;
      }
      pos = end + 1;
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace detail

using detail::attributes_match;
using detail::CompiledModel;
using detail::CompiledSelector;

bool Selector::matches(const Record& r) const {
  if (for_lists) return false;
  if (!in(category, r.category) || !in(severity, r.severity) || !in(polarity, r.polarity) ||
      !in(domain, r.domain))
    return false;
  return attributes_match(*this, r);
}

bool Selector::matches(const ListEntry& e) const {
  return for_lists && in(list, e.list) && in(domain, e.domain);
}

int GradingModel::rank(std::string_view g) const {
  for (std::size_t i = 0; i < scale.size(); ++i)
    if (scale[i] == g) return static_cast<int>(i);
  return -1;
}

bool GradingModel::in_force(date::sys_days d) const {
  if (effective_from && d < *effective_from) return false;
  if (effective_to && d > *effective_to) return false;
  return true;
}

int months_between(date::sys_days from, date::sys_days to) {
  const date::year_month_day a{from}, b{to};
  int m = (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
          (static_cast<int>(static_cast<unsigned>(b.month())) -
           static_cast<int>(static_cast<unsigned>(a.month())));
  if (static_cast<unsigned>(b.day()) < static_cast<unsigned>(a.day())) --m;
  return m;
}

namespace {

// Why a record does not count on `as_of` under model `m`, or "" when it counts.
std::string excluded(const GradingModel& m, const Registry& reg, std::size_t i, date::sys_days as_of) {
  if (GradingAccess::date_of(reg, i) > as_of) return "after as-of";
  if (m.exclude_repaired) {
    const auto d = GradingAccess::repaired(reg, i);
    if (d && *d <= as_of) return "repaired on " + format_iso_date(*d);
  }
  if (m.exclude_expired) {
    const auto d = GradingAccess::expires(reg, i);
    if (d && *d <= as_of) return "expired on " + format_iso_date(*d);
  }
  if (m.exclude_objection && GradingAccess::objection(reg, i)) return "under objection";
  return {};
}

double decay_factor(const Indicator& ind, int age) {
  if (ind.decay.empty()) return 1.0;
  for (const auto& [bound, factor] : ind.decay)
    if (age < bound) return factor;
  return 0.0;  // aged out of the decay schedule
}

const GradingModel& pick_model(const Engine& engine, std::string_view model, date::sys_days as_of) {
  if (model.empty()) return engine.model_for(as_of);
  const GradingModel& m = engine.model(model);
  if (!m.in_force(as_of))
    throw InvalidInputError("grading model '" + m.id + "' is not in force on " + format_iso_date(as_of));
  return m;
}

Grade evaluate(const Engine& engine, const Registry& reg, const GradingModel& m, const CompiledModel& cm,
               const std::string& uscc, const std::vector<std::uint32_t>* rp,
               const std::vector<std::size_t>* lp, date::sys_days as_of, bool with_trace,
               bool labels = true) {
  Grade g;
  if (labels) {  // the precheck needs grade and score only
    g.uscc = uscc;
    g.model = m.id;
    g.model_version = m.version;
    g.pack_hash = engine.hash();
  }
  g.as_of = as_of;
  static const std::vector<std::uint32_t> kNoRecords;
  static const std::vector<std::size_t> kNoLists;
  const std::vector<std::uint32_t>& records = rp ? *rp : kNoRecords;
  const std::vector<std::size_t>& lists = lp ? *lp : kNoLists;
  const auto& all_lists = reg.list_entries();

  // which records count at all, with their age in months
  struct Counted {
    std::size_t index;
    int age;
    std::uint64_t candidates;  // indicators whose codes accept the record (CompiledModel::mask)
  };
  thread_local std::vector<Counted> counted;
  thread_local std::vector<std::size_t> active;
  counted.clear();
  active.clear();
  for (std::size_t i : records) {
    const date::sys_days decided = GradingAccess::date_of(reg, i);
    if (decided > as_of) continue;
    std::string why = excluded(m, reg, i, as_of);
    if (why.empty()) {
      counted.push_back(
          {i, months_between(decided, as_of), cm.use_masks ? cm.candidates(reg, i) : ~std::uint64_t{0}});
    } else if (with_trace) {
      g.trace.push_back({"excluded", "", std::string(GradingAccess::id(reg, i)),
                         months_between(decided, as_of), 0, 0, std::move(why), ""});
    }
  }
  for (std::size_t i : lists)
    if (all_lists[i].active(as_of)) active.push_back(i);

  bool any = false;
  bool bad = false;  // an indicator with negative points counted something
  double score = m.base_score;
  // Without a trace, walk each record's candidate indicators (a few set bits) instead of
  // every indicator for every record; the sums are the same, added in the same order.
  const bool fast = !with_trace && cm.use_masks;
  if (fast) {
    thread_local std::vector<double> totals;
    thread_local std::vector<std::uint8_t> hits;
    totals.assign(m.indicators.size(), 0.0);
    hits.assign(m.indicators.size(), 0);
    for (const auto& [i, age, candidates] : counted) {
      for (std::uint64_t bits = candidates; bits != 0; bits &= bits - 1) {
        const auto k = static_cast<std::size_t>(__builtin_ctzll(bits));
        const Indicator& ind = m.indicators[k];
        if (ind.window_months && age >= *ind.window_months) continue;
        if (!ind.select.attributes.empty() && !attributes_match(ind.select, GradingAccess::attrs(reg, i)))
          continue;
        totals[k] += ind.points * decay_factor(ind, age);
        hits[k] = 1;
      }
    }
    for (std::size_t k = 0; k < m.indicators.size(); ++k) {
      const Indicator& ind = m.indicators[k];
      if (ind.select.for_lists) {
        for (std::size_t i : active)
          if (cm.indicators[k].list(reg, i)) {
            totals[k] += ind.points;
            hits[k] = 1;
          }
      }
      if (!hits[k]) continue;
      any = true;
      bad |= ind.points < 0;
      double total = totals[k];
      if (ind.cap && ((ind.points < 0 && total < *ind.cap) || (ind.points > 0 && total > *ind.cap)))
        total = *ind.cap;
      score += total;
    }
  }
  for (std::size_t k = 0; !fast && k < m.indicators.size(); ++k) {
    const Indicator& ind = m.indicators[k];
    const CompiledSelector& sel = cm.indicators[k];
    double total = 0;
    bool hit = false;
    if (ind.select.for_lists) {
      for (std::size_t i : active) {
        if (!sel.list(reg, i)) continue;
        const ListEntry& e = all_lists[i];
        hit = true;
        total += ind.points;
        if (with_trace)
          g.trace.push_back({"indicator", ind.id, e.id, months_between(e.included_on, as_of), 1.0, ind.points,
                             e.list + " list entry", ind.basis});
      }
    } else {
      for (const auto& [i, age, candidates] : counted) {
        if (ind.window_months && age >= *ind.window_months) continue;
        if (cm.use_masks) {
          if (!((candidates >> k) & 1u)) continue;
          if (!ind.select.attributes.empty() && !attributes_match(ind.select, GradingAccess::attrs(reg, i)))
            continue;
        } else if (!sel.record(reg, i)) {
          continue;
        }
        const double factor = decay_factor(ind, age);
        hit = true;
        const double pts = ind.points * factor;
        total += pts;
        if (with_trace) {
          const auto& codes = GradingAccess::record_codes(reg, i);
          const std::string& severity = GradingAccess::code_name(reg, codes[1]);
          g.trace.push_back(
              {"indicator", ind.id, std::string(GradingAccess::id(reg, i)), age, factor, pts,
               GradingAccess::code_name(reg, codes[0]) + (severity.empty() ? "" : "/" + severity),
               ind.basis});
        }
      }
    }
    if (!hit) continue;
    any = true;
    bad |= ind.points < 0;
    if (ind.cap && ((ind.points < 0 && total < *ind.cap) || (ind.points > 0 && total > *ind.cap))) {
      if (with_trace)
        g.trace.push_back({"cap", ind.id, "", -1, 0, *ind.cap,
                           "total " + fmt_num(total) + " capped at " + fmt_num(*ind.cap), ind.basis});
      total = *ind.cap;
    }
    score += total;
  }
  score = std::clamp(score, m.min_score, m.max_score);
  g.score = score;

  // the grade from the score, or the no-data grade
  if (!any) {
    g.no_data = true;
    g.grade = m.no_data_grade;
    if (with_trace)
      g.trace.push_back({"no_data", "", "", -1, 0, 0, "nothing counts on this date: grade " + g.grade, ""});
  } else {
    for (const GradeThreshold& t : m.grades) {
      if (!t.min || score >= *t.min) {
        g.grade = t.grade;
        if (with_trace)
          g.trace.push_back({"threshold", "", "", -1, 0, score,
                             "score " + fmt_num(score) + (t.min ? " >= " + fmt_num(*t.min) : std::string()) +
                                 ": grade " + t.grade,
                             ""});
        break;
      }
    }
  }

  // a bad record inside its window holds the grade at the cap (never better than no record)
  if (bad && !m.bad_record_cap.empty() && m.rank(m.bad_record_cap) > m.rank(g.grade)) {
    if (with_trace)
      g.trace.push_back(
          {"bad_record_cap", "", "", -1, 0, 0,
           "a bad record counts: at most " + m.bad_record_cap + ": " + g.grade + " -> " + m.bad_record_cap,
           m.bad_record_cap_basis});
    g.grade = m.bad_record_cap;
  }

  // vetoes: the worst outcome wins
  for (std::size_t k = 0; k < m.vetoes.size(); ++k) {
    const Veto& v = m.vetoes[k];
    const CompiledSelector& sel = cm.vetoes[k];
    const std::string* trigger = nullptr;
    std::string trigger_text;
    if (v.when.for_lists) {
      // An active entry fires; with window_months, so does one that ended (expired or
      // was removed) less than that many months before as-of (e.g. NEA's two-year
      // no-upgrade rule after a black-list entry ends).
      for (std::size_t i : lists) {
        if (!sel.list(reg, i)) continue;
        const ListEntry& e = all_lists[i];
        bool fires = e.active(as_of);
        if (!fires && v.window_months && e.included_on <= as_of) {
          std::optional<date::sys_days> end = e.removed_on;
          if (e.expires_on && (!end || *e.expires_on < *end)) end = e.expires_on;
          fires = end && *end <= as_of && months_between(*end, as_of) < *v.window_months;
        }
        if (fires) {
          trigger = &e.id;
          break;
        }
      }
    } else {
      for (const auto& [i, age, candidates] : counted) {
        if (v.window_months && age >= *v.window_months) continue;
        if (!sel.record(reg, i)) continue;
        trigger_text = std::string(GradingAccess::id(reg, i));
        trigger = &trigger_text;
        break;
      }
    }
    if (trigger == nullptr) continue;
    const std::string before = g.grade;
    if (!v.grade.empty()) {
      if (m.rank(v.grade) > m.rank(g.grade) || g.no_data) g.grade = v.grade;
    } else if (m.rank(v.max_grade) > m.rank(g.grade)) {
      g.grade = v.max_grade;
    }
    g.no_data = false;
    if (with_trace)
      g.trace.push_back({"veto", v.id, *trigger, -1, 0, 0,
                         (v.grade.empty() ? "at most " + v.max_grade : "forces " + v.grade) + ": " + before +
                             " -> " + g.grade,
                         v.basis});
  }
  return g;
}

}  // namespace

Grade grade(const Engine& engine, const Registry& registry, std::string_view uscc, date::sys_days as_of,
            std::string_view model) {
  const GradingModel& m = pick_model(engine, model, as_of);
  const std::string u = normalize_id(uscc);  // as the registry stores it, and as precheck looks it up
  if (registry.subject(u) == nullptr && GradingAccess::records(registry, u) == nullptr &&
      GradingAccess::lists(registry, u) == nullptr) {
    const IdVerdict v = uscc_verdict(u);
    if (v.status == IdStatus::invalid)  // a code that is not genuine is an input error, not "unknown"
      throw InvalidInputError("'" + u + "' is not a genuine USCC (" + std::string(to_string(v.reason)) + ")");
    throw NotFoundError("no credit file or record for '" + u + "' in the registry");
  }
  const auto cm = detail::compiled_model(engine, registry, m);
  return evaluate(engine, registry, m, *cm, u, GradingAccess::records(registry, u),
                  GradingAccess::lists(registry, u), as_of, true);
}

namespace detail {

std::shared_ptr<const CompiledModel> compiled_model(const Engine& engine, const Registry& reg,
                                                    const GradingModel& m) {
  return cached<CompiledModel>(reg, engine.hash(), m.id, [&] { return CompiledModel(m, reg); });
}

Grade grade_subject(const Engine& engine, const Registry& reg, const GradingModel& m, const std::string& uscc,
                    const std::vector<std::uint32_t>* records, const std::vector<std::size_t>* lists,
                    date::sys_days as_of, bool with_trace) {
  const auto cm = compiled_model(engine, reg, m);
  return evaluate(engine, reg, m, *cm, uscc, records, lists, as_of, with_trace, with_trace);
}

}  // namespace detail

std::vector<Grade> grade_all(const Engine& engine, const Registry& registry, date::sys_days as_of,
                             std::string_view model, unsigned threads, bool with_trace) {
  const GradingModel& m = pick_model(engine, model, as_of);
  const std::vector<std::string>& ids = GradingAccess::sorted_usccs(registry);
  const auto cmp = detail::compiled_model(engine, registry, m);
  const CompiledModel& cm = *cmp;
  auto one = [&](std::size_t i) {
    const auto& sl = GradingAccess::slot(registry, i);
    const auto* rp = sl.first;
    const auto* lp = sl.second;
    return evaluate(engine, registry, m, cm, ids[i], rp, lp, as_of, with_trace);
  };
  std::vector<Grade> out(ids.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, ids.size() / 256)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < ids.size(); ++i) out[i] = one(i);
    return out;
  }
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(threads);
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      try {
        for (std::size_t i = t; i < ids.size(); i += threads) out[i] = one(i);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  return out;
}

ECREDIT_END_NAMESPACE
