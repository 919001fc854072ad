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

#include "counting.hpp"
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

// What counts on as-of: a record, its age in months and the indicators whose codes
// accept it (CompiledModel::mask).
struct Counted {
  std::size_t index;
  int age;
  std::uint64_t candidates;
};

/// One subject graded under one model, step by step as docs/grading.md reads: what
/// counts, the indicators' points (each capped), the grade of the score (or no data),
/// the bad-record cap, then the vetoes.
class Evaluation {
 public:
  Evaluation(const Engine& engine, const Registry& reg, const GradingModel& m, const CompiledModel& cm,
             date::sys_days as_of, bool with_trace, Grade& g)
      : reg_(reg),
        m_(m),
        cm_(cm),
        as_of_(as_of),
        trace_(with_trace),
        g_(g),
        all_lists_(reg.list_entries()),
        counting_(engine, as_of, m.exclude_repaired, m.exclude_expired) {}

  void run(const std::vector<std::uint32_t>& records, const std::vector<std::size_t>& lists) {
    select_counted(records, lists);
    // Without a trace, walk each record's candidate indicators (a few set bits) instead
    // of every indicator for every record; the sums are the same, added in the same order.
    if (!trace_ && cm_.use_masks)
      score_by_masks();
    else
      score_indicators();
    g_.score = std::clamp(score_, m_.min_score, m_.max_score);
    grade_of_score();
    cap_for_bad_record();
    for (std::size_t k = 0; k < m_.vetoes.size(); ++k) apply_veto(k, lists);
  }

 private:
  void trace(TraceEntry step) { g_.trace.push_back(std::move(step)); }

  /// Records decided by as-of that no exclusion removes (the excluded traced with why),
  /// and the list entries active on as-of.
  void select_counted(const std::vector<std::uint32_t>& records, const std::vector<std::size_t>& lists) {
    counted_.clear();
    active_.clear();
    for (std::size_t i : records) {
      const date::sys_days decided = GradingAccess::date_of(reg_, i);
      if (decided > as_of_) continue;
      const detail::Exclusion ex = counting_.of(reg_, i);
      if (ex == detail::Exclusion::none) {
        counted_.push_back({i, months_between(decided, as_of_),
                            cm_.use_masks ? cm_.candidates(reg_, i) : ~std::uint64_t{0}});
      } else if (trace_) {
        trace({"excluded", "", std::string(GradingAccess::id(reg_, i)), months_between(decided, as_of_), 0, 0,
               counting_.why(reg_, i, ex), "", flags_of(i)});
      }
    }
    for (std::size_t i : lists)
      if (all_lists_[i].active(as_of_)) active_.push_back(i);
  }

  /// Whether indicator `ind` (index k) takes counted record `c`: inside its window, its
  /// codes and attributes accept the record.
  bool indicator_takes(std::size_t k, const Indicator& ind, const Counted& c) const {
    if (ind.window_months && c.age >= *ind.window_months) return false;
    if (!cm_.use_masks) return cm_.indicators[k].record(reg_, c.index);
    if (!((c.candidates >> k) & 1u)) return false;
    return ind.select.attributes.empty() || attributes_match(ind.select, GradingAccess::attrs(reg_, c.index));
  }

  static bool over_cap(const Indicator& ind, double total) {
    return ind.cap && ((ind.points < 0 && total < *ind.cap) || (ind.points > 0 && total > *ind.cap));
  }

  /// An indicator that counted something adds its total, held at its cap.
  void add_indicator(const Indicator& ind, double total) {
    any_ = true;
    bad_ |= ind.points < 0;
    if (over_cap(ind, total)) {
      if (trace_)
        trace({"cap",
               ind.id,
               "",
               -1,
               0,
               *ind.cap,
               "total " + fmt_num(total) + " capped at " + fmt_num(*ind.cap),
               ind.basis,
               {}});
      total = *ind.cap;
    }
    score_ += total;
  }

  /// The points without a trace: each record's candidate indicators, then the lists.
  void score_by_masks() {
    thread_local std::vector<double> totals;
    thread_local std::vector<std::uint8_t> hits;
    totals.assign(m_.indicators.size(), 0.0);
    hits.assign(m_.indicators.size(), 0);
    for (const Counted& c : counted_) {
      for (std::uint64_t bits = c.candidates; bits != 0; bits &= bits - 1) {
        const auto k = static_cast<std::size_t>(__builtin_ctzll(bits));
        const Indicator& ind = m_.indicators[k];
        if (!indicator_takes(k, ind, c)) continue;
        totals[k] += ind.points * decay_factor(ind, c.age);
        hits[k] = 1;
      }
    }
    for (std::size_t k = 0; k < m_.indicators.size(); ++k) {
      const Indicator& ind = m_.indicators[k];
      if (ind.select.for_lists) {
        for (std::size_t i : active_)
          if (cm_.indicators[k].list(reg_, i)) {
            totals[k] += ind.points;
            hits[k] = 1;
          }
      }
      if (hits[k]) add_indicator(ind, totals[k]);
    }
  }

  /// The points indicator by indicator, each record or list entry traced.
  void score_indicators() {
    for (std::size_t k = 0; k < m_.indicators.size(); ++k) {
      const Indicator& ind = m_.indicators[k];
      double total = 0;
      bool hit = false;
      if (ind.select.for_lists) {
        for (std::size_t i : active_) {
          if (!cm_.indicators[k].list(reg_, i)) continue;
          const ListEntry& e = all_lists_[i];
          hit = true;
          total += ind.points;
          if (trace_)
            trace({"indicator",
                   ind.id,
                   e.id,
                   months_between(e.included_on, as_of_),
                   1.0,
                   ind.points,
                   e.list + " list entry",
                   ind.basis,
                   {}});
        }
      } else {
        for (const Counted& c : counted_) {
          if (!indicator_takes(k, ind, c)) continue;
          const double factor = decay_factor(ind, c.age);
          hit = true;
          const double pts = ind.points * factor;
          total += pts;
          if (trace_) trace_record(ind, c, factor, pts);
        }
      }
      if (hit) add_indicator(ind, total);
    }
  }

  void trace_record(const Indicator& ind, const Counted& c, double factor, double pts) {
    const auto& codes = GradingAccess::record_codes(reg_, c.index);
    const std::string& severity = GradingAccess::code_name(reg_, codes[1]);
    trace({"indicator", ind.id, std::string(GradingAccess::id(reg_, c.index)), c.age, factor, pts,
           GradingAccess::code_name(reg_, codes[0]) + (severity.empty() ? "" : "/" + severity), ind.basis,
           flags_of(c.index)});
  }

  /// The flags of record i for its trace lines: under_objection while an objection is open.
  std::vector<std::string> flags_of(std::size_t i) const {
    if (!detail::CountingRules::flagged(reg_, i)) return {};
    return {kFlagUnderObjection};
  }

  /// The grade of the first threshold the score reaches, or the no-data grade.
  void grade_of_score() {
    if (!any_) {
      g_.no_data = true;
      g_.grade = m_.no_data_grade;
      if (trace_)
        trace({"no_data", "", "", -1, 0, 0, "nothing counts on this date: grade " + g_.grade, "", {}});
      return;
    }
    for (const GradeThreshold& t : m_.grades) {
      if (t.min && !(g_.score >= *t.min)) continue;
      g_.grade = t.grade;
      if (trace_)
        trace({"threshold",
               "",
               "",
               -1,
               0,
               g_.score,
               "score " + fmt_num(g_.score) + (t.min ? " >= " + fmt_num(*t.min) : std::string()) +
                   ": grade " + t.grade,
               "",
               {}});
      return;
    }
  }

  /// A bad record inside its window holds the grade at the cap (never better than no record).
  void cap_for_bad_record() {
    if (!bad_ || m_.bad_record_cap.empty() || m_.rank(m_.bad_record_cap) <= m_.rank(g_.grade)) return;
    if (trace_)
      trace(
          {"bad_record_cap",
           "",
           "",
           -1,
           0,
           0,
           "a bad record counts: at most " + m_.bad_record_cap + ": " + g_.grade + " -> " + m_.bad_record_cap,
           m_.bad_record_cap_basis,
           {}});
    g_.grade = m_.bad_record_cap;
  }

  /// The list entry that fires veto `v`: an active one; with window_months, also one
  /// that ended (expired or was removed) less than that many months before as-of (e.g.
  /// NEA's two-year no-upgrade rule after a black-list entry ends).
  const std::string* list_trigger(const Veto& v, const CompiledSelector& sel,
                                  const std::vector<std::size_t>& lists) const {
    for (std::size_t i : lists) {
      if (!sel.list(reg_, i)) continue;
      const ListEntry& e = all_lists_[i];
      bool fires = e.active(as_of_);
      if (!fires && v.window_months && e.included_on <= as_of_) {
        std::optional<date::sys_days> end = e.removed_on;
        if (e.expires_on && (!end || *e.expires_on < *end)) end = e.expires_on;
        fires = end && *end <= as_of_ && months_between(*end, as_of_) < *v.window_months;
      }
      if (fires) return &e.id;
    }
    return nullptr;
  }

  /// The first counted record inside the veto's window that it selects.
  const Counted* record_trigger(const Veto& v, const CompiledSelector& sel) const {
    for (const Counted& c : counted_) {
      if (v.window_months && c.age >= *v.window_months) continue;
      if (sel.record(reg_, c.index)) return &c;
    }
    return nullptr;
  }

  /// Veto k, when something fires it: the worst outcome wins.
  void apply_veto(std::size_t k, const std::vector<std::size_t>& lists) {
    const Veto& v = m_.vetoes[k];
    const CompiledSelector& sel = cm_.vetoes[k];
    std::string trigger;  // the id of what fired it (for the trace)
    std::vector<std::string> flags;
    if (v.when.for_lists) {
      const std::string* id = list_trigger(v, sel, lists);
      if (id == nullptr) return;
      if (trace_) trigger = *id;
    } else {
      const Counted* c = record_trigger(v, sel);
      if (c == nullptr) return;
      if (trace_) {
        trigger = std::string(GradingAccess::id(reg_, c->index));
        flags = flags_of(c->index);
      }
    }
    const std::string before = g_.grade;
    if (!v.grade.empty()) {
      if (m_.rank(v.grade) > m_.rank(g_.grade) || g_.no_data) g_.grade = v.grade;
    } else if (m_.rank(v.max_grade) > m_.rank(g_.grade)) {
      g_.grade = v.max_grade;
    }
    g_.no_data = false;
    if (trace_)
      trace({"veto", v.id, std::move(trigger), -1, 0, 0,
             (v.grade.empty() ? "at most " + v.max_grade : "forces " + v.grade) + ": " + before + " -> " +
                 g_.grade,
             v.basis, std::move(flags)});
  }

  const Registry& reg_;
  const GradingModel& m_;
  const CompiledModel& cm_;
  const date::sys_days as_of_;
  const bool trace_;
  Grade& g_;
  const std::vector<ListEntry>& all_lists_;
  const detail::CountingRules counting_;
  // reused across evaluations on this thread (no allocation per subject)
  static thread_local std::vector<Counted> counted_;
  static thread_local std::vector<std::size_t> active_;
  bool any_ = false;  // some indicator counted something
  bool bad_ = false;  // an indicator with negative points counted something
  double score_ = m_.base_score;
};

thread_local std::vector<Counted> Evaluation::counted_;
thread_local std::vector<std::size_t> Evaluation::active_;

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
  Evaluation(engine, reg, m, cm, as_of, with_trace, g).run(rp ? *rp : kNoRecords, lp ? *lp : kNoLists);
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
