// Matching joint reward/punishment measures and the approval precheck (docs/measures.md).
#include "ecredit/precheck.hpp"

#include <algorithm>
#include <climits>
#include <iterator>
#include <utility>

#include <fmt/format.h>
#include <re2/re2.h>

#include "counting.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "ecredit/id.hpp"
#include "ecredit/json.hpp"
#include "ecredit/registry.hpp"
#include "id_internal.hpp"
#include "registry_access.hpp"

ECREDIT_BEGIN_NAMESPACE

const char* effect_name(Effect e) noexcept {
  switch (e) {
    case Effect::prohibit:
      return "prohibit";
    case Effect::restrict:
      return "restrict";
    case Effect::caution:
      return "caution";
    case Effect::incentive:
      return "incentive";
    case Effect::clear:
      break;
  }
  return "clear";
}

const char* effect_label(Effect e, std::string_view lang) noexcept {
  if (lang == "en") return effect_name(e);
  switch (e) {
    case Effect::prohibit:
      return "禁止";
    case Effect::restrict:
      return "限制";
    case Effect::caution:
      return "重点关注";
    case Effect::incentive:
      return "激励";
    case Effect::clear:
      break;
  }
  return "无措施";
}

std::string basis_mark(bool confirmed, std::string_view what) {
  if (confirmed) return {};
  return what.empty() ? std::string("（待核实）") : "（待核实：" + std::string(what) + "）";
}

bool Measure::for_department(std::string_view dept) const {
  return dept.empty() || departments.empty() ||
         std::find(departments.begin(), departments.end(), dept) != departments.end();
}

const std::vector<std::size_t>& MeasureList::for_scenario(std::string_view scenario) const {
  static const std::vector<std::size_t> kNone;
  for (const auto& [name, idx] : by_scenario)
    if (name == scenario) return idx;
  return kNone;
}

const CodeTable* Engine::code_table(std::string_view name) const {
  auto it = codes_.find(std::string(name));
  return it == codes_.end() ? nullptr : &it->second;
}

namespace {

using detail::CompiledSelector;

// The first grading model in force on `as_of` (Engine::model_for without the throw).
const GradingModel* model_in_force(const Engine& engine, date::sys_days as_of) {
  for (const auto& m : engine.models())
    if (m.in_force(as_of)) return &m;
  return nullptr;
}

// The measure selectors and the commitment rules compiled against one registry.
struct CompiledMeasures {
  std::vector<CompiledSelector> triggers;    // one per measure (grade triggers: unused)
  std::vector<CompiledSelector> commitment;  // one per denied_records rule
  CompiledMeasures(const MeasureList& ml, const Registry& reg) {
    triggers.reserve(ml.measures.size());
    for (const Measure& m : ml.measures) triggers.emplace_back(m.trigger.select, reg);
    for (const auto& r : ml.commitment.denied_records) commitment.emplace_back(r.select, reg);
  }
};

// A record counts for measures when detail::CountingRules says so (not repaired, not past
// its publication end, not excluded while under objection: docs/measures.md) and it is
// inside the window.
bool record_counts(const detail::CountingRules& counting, const Registry& reg, std::size_t i,
                   date::sys_days as_of, std::optional<int> window) {
  if (counting.of(reg, i) != detail::Exclusion::none) return false;
  return !window || months_between(GradingAccess::date_of(reg, i), as_of) < *window;
}

// The target a set of roles names: the first in TargetBits order (subject, then
// legal_representative, responsible_person, shareholder, actual_controller, beneficial_owner).
const char* target_name(std::uint8_t roles) {
  for (std::size_t i = 0; i < std::size(kTargetNames); ++i)
    if (roles & (1u << i)) return kTargetNames[i];
  return kTargetNames[0];
}

// The measure targets a relation row (code table relation_role) makes its natural-person
// party (docs/measures.md). An actual controller is a beneficial owner as well: 令〔2024〕
// 第3号 counts whoever has actual control (docs/relations.md). director, supervisor,
// senior_manager, parent and branch reach no target: no memorandum of the pack names them.
std::uint8_t targets_of_role(std::string_view role) {
  static constexpr std::pair<std::string_view, std::uint8_t> kRoles[] = {
      {"legal_representative", target_legal_rep},
      {"principal", target_responsible},
      {"safety_responsible", target_responsible},
      {"technical_responsible", target_responsible},
      {"finance_responsible", target_responsible},
      {"responsible_person", target_responsible},
      {"shareholder", target_shareholder},
      {"actual_controller", target_actual_controller | target_beneficial_owner},
      {"beneficial_owner", target_beneficial_owner},
  };
  for (const auto& [name, bits] : kRoles)
    if (name == role) return bits;
  return 0;
}

// The target names of `roles`, comma-separated, for the trace.
std::string target_names(std::uint8_t roles) {
  std::string out;
  for (std::size_t i = 0; i < std::size(kTargetNames); ++i)
    if (roles & (1u << i)) out += (out.empty() ? "" : ", ") + std::string(kTargetNames[i]);
  return out;
}

// One credit file matched against the measures: the queried subject's own, or (for a
// person) a related subject's, or the person's own entries.
struct File {
  std::string uscc;  // "" for a person's own entries
  const std::vector<std::uint32_t>* records = nullptr;
  const std::vector<std::size_t>* lists = nullptr;
  std::uint8_t roles = target_subject;  // which targets apply through this file
};

class Matcher {
 public:
  Matcher(const Engine& engine, const Registry& reg, Decision& d)
      : engine_(engine), reg_(reg), d_(d), ml_(engine.measures()), counting_(engine, d.as_of) {
    cm_ = detail::cached<CompiledMeasures>(reg, engine.hash(), "\x1fmeasures",
                                           [&] { return CompiledMeasures(ml_, reg); });
  }

  /// A credit file against the scenario's candidate measures: its active list entries
  /// are listed, then each measure it triggers is matched.
  void match(const File& f, const std::vector<std::size_t>& candidates) {
    list_entries(f);
    flag_records(f);
    for (std::size_t k : candidates) match_measure(f, k);
  }

  /// The file's records that count on as-of while an objection to them is open: listed
  /// with the flag under_objection (异议处理中), traced.
  void flag_records(const File& f) {
    if (!f.records) return;
    for (std::uint32_t i : *f.records) {
      if (!detail::CountingRules::flagged(reg_, i) || counting_.of(reg_, i) != detail::Exclusion::none)
        continue;
      std::string id(GradingAccess::id(reg_, i));
      if (std::any_of(d_.flags.begin(), d_.flags.end(),
                      [&](const FlaggedRecord& x) { return x.record == id; }))
        continue;
      const bool accepted = GradingAccess::objection_state(reg_, i) == 2;
      d_.trace.push_back({"flag", id,
                          std::string("under objection (") + (accepted ? "accepted" : "pending") +
                              "): the record counts" + via(f)});
      d_.flags.push_back({std::move(id), kFlagUnderObjection, f.uscc});
    }
  }

  /// The file's list entries active on as-of, traced.
  void list_entries(const File& f) {
    const auto& lists = reg_.list_entries();
    if (f.lists)
      for (std::size_t i : *f.lists) {
        const ListEntry& e = lists[i];
        if (!e.active(d_.as_of)) continue;
        d_.lists.push_back({e.list, e.domain, e.id, f.uscc, e.included_on, e.expires_on});
        d_.trace.push_back(
            {"list", e.id,
             fmt::format("{} list{}{}{} since {}{}", e.list, e.domain.empty() ? "" : " (", e.domain,
                         e.domain.empty() ? "" : ")", format_iso_date(e.included_on), via(f))});
      }
  }

  /// Measure k, when it applies to the department and the file's roles and something
  /// in the file fires it: skipped (traced) when not in force, else matched once, its
  /// triggers gathered over the files.
  void match_measure(const File& f, std::size_t k) {
    const Measure& m = ml_.measures[k];
    if (!m.for_department(d_.department)) return;
    const std::uint8_t roles = m.targets & f.roles;
    if (roles == 0) return;
    std::vector<std::string> triggers = fire(m, k, f);
    if (triggers.empty()) return;
    if (!m.in_force(d_.as_of)) {
      d_.trace.push_back(
          {"skipped", m.id,
           "triggered but not in force on " + format_iso_date(d_.as_of) +
               (m.effective_from ? " (effective from " + format_iso_date(*m.effective_from) + ")"
                                 : std::string()) +
               (m.effective_to ? " (effective to " + format_iso_date(*m.effective_to) + ")"
                               : std::string())});
      return;
    }
    const char* target = target_name(roles);
    auto it = std::find_if(d_.measures.begin(), d_.measures.end(),
                           [&](const MatchedMeasure& x) { return x.measure == &m; });
    if (it != d_.measures.end()) {
      it->triggers.insert(it->triggers.end(), triggers.begin(), triggers.end());
      return;
    }
    std::string why;
    for (const auto& t : triggers) why += (why.empty() ? "" : ", ") + t;
    d_.trace.push_back(
        {"measure", m.id,
         fmt::format("{} as {}: {}{}; {}", effect_name(m.effect), target, why, via(f), m.basis)});
    d_.measures.push_back({&m, target, f.uscc, std::move(triggers)});
  }

  // Commitment-based approval: denied by a matched effect, a list, or a record rule.
  void commitment(const std::vector<File>& files) {
    const CommitmentPolicy& cp = ml_.commitment;
    std::string reason;
    for (const MatchedMeasure& mm : d_.measures)
      if (std::find(cp.denied_effects.begin(), cp.denied_effects.end(), mm.measure->effect) !=
          cp.denied_effects.end()) {
        reason = std::string("measure ") + mm.measure->id + " (" + effect_name(mm.measure->effect) + ")";
        break;
      }
    for (std::size_t i = 0; reason.empty() && i < d_.lists.size(); ++i)
      if (std::find(cp.denied_lists.begin(), cp.denied_lists.end(), d_.lists[i].list) !=
          cp.denied_lists.end())
        reason = d_.lists[i].list + " list entry " + d_.lists[i].entry_id;
    for (std::size_t k = 0; reason.empty() && k < cp.denied_records.size(); ++k)
      for (const File& f : files) {
        if (!f.records) continue;
        for (std::uint32_t i : *f.records)
          if (record_counts(counting_, reg_, i, d_.as_of, cp.denied_records[k].window_months) &&
              cm_->commitment[k].record(reg_, i)) {
            reason = "record " + std::string(GradingAccess::id(reg_, i));
            break;
          }
        if (!reason.empty()) break;
      }
    const std::string* basis = &cp.basis;
    if (reason.empty() && !d_.credit_file && !cp.no_credit_file.allowed) {
      reason = "no credit file";
      basis = &cp.no_credit_file.basis;
    }
    d_.commitment_allowed = reason.empty();
    if (!reason.empty())
      d_.commitment_reason = "not allowed: " + reason + (basis->empty() ? "" : "; " + *basis);
    std::string detail = d_.commitment_allowed ? "allowed" : d_.commitment_reason;
    if (!d_.credit_file && d_.commitment_allowed)
      detail += "; no credit file" + (cp.no_credit_file.basis.empty() ? "" : ": " + cp.no_credit_file.basis);
    d_.trace.push_back({"commitment", "", detail});
  }

 private:
  std::string via(const File& f) const {
    return f.uscc.empty() || f.uscc == d_.uscc ? std::string() : " (via " + f.uscc + ")";
  }

  std::vector<std::string> fire(const Measure& m, std::size_t k, const File& f) {
    std::vector<std::string> out;
    const CompiledSelector& sel = cm_->triggers[k];
    switch (m.trigger.kind) {
      case MeasureTrigger::Kind::list:
        if (f.lists)
          for (std::size_t i : *f.lists) {
            const ListEntry& e = reg_.list_entries()[i];
            if (e.active(d_.as_of) && sel.list(reg_, i)) out.push_back(e.id);
          }
        break;
      case MeasureTrigger::Kind::record:
        if (f.records)
          for (std::uint32_t i : *f.records)
            if (record_counts(counting_, reg_, i, d_.as_of, m.trigger.window_months) && sel.record(reg_, i))
              out.emplace_back(GradingAccess::id(reg_, i));
        if (out.size() < m.trigger.min_count) out.clear();
        break;
      case MeasureTrigger::Kind::grade: {
        if (f.uscc.empty()) break;
        const std::string g = grade_of(f, m.trigger.model);
        if (!g.empty() &&
            std::find(m.trigger.grades.begin(), m.trigger.grades.end(), g) != m.trigger.grades.end())
          out.push_back("grade " + g);
        break;
      }
    }
    return out;
  }

  // The grade of a subject under `model` ("" = the model in force), "" when none is in force.
  std::string grade_of(const File& f, const std::string& model) {
    const GradingModel* gm = nullptr;
    if (model.empty()) {
      gm = model_in_force(engine_, d_.as_of);
    } else {
      gm = &engine_.model(model);
      if (!gm->in_force(d_.as_of)) gm = nullptr;
    }
    if (own_uscc_ != nullptr && gm == own_model_ && f.uscc == *own_uscc_) return own_grade_;
    for (const auto& k : grades_)
      if (k.model == gm && k.uscc == f.uscc) return k.grade;
    std::string g;
    if (gm != nullptr)
      g = detail::grade_subject(engine_, reg_, *gm, f.uscc, f.records, f.lists, d_.as_of, false).grade;
    grades_.push_back({gm, f.uscc, std::move(g)});
    return grades_.back().grade;
  }

 public:
  // A grade already computed (the decision's own), so grade triggers do not recompute it.
  void known_grade(const GradingModel* gm, const std::string& uscc, const std::string& grade) {
    own_model_ = gm;
    own_uscc_ = &uscc;
    own_grade_ = grade;
  }

 private:
  const Engine& engine_;
  const Registry& reg_;
  Decision& d_;
  const MeasureList& ml_;
  std::shared_ptr<const CompiledMeasures> cm_;
  const detail::CountingRules counting_;
  struct KnownGrade {
    const GradingModel* model;
    std::string uscc, grade;
  };
  std::vector<KnownGrade> grades_;
  const GradingModel* own_model_ = nullptr;
  const std::string* own_uscc_ = nullptr;
  std::string own_grade_;
};

std::string resolve_scenario(const Engine& engine, std::string_view s, std::string& business_item) {
  for (const auto& [name, idx] : engine.measures().by_scenario)  // the common case: a scenario code
    if (name == s) return name;
  if (const CodeTable* t = engine.code_table("scenario"))
    if (const Code* c = t->find(s)) return c->code;
  const std::string key = normalize_id(s);
  for (const BusinessItem& b : engine.measures().business_items)
    if (b.code == s || normalize_id(b.code) == key) {
      business_item = b.code;
      return b.scenario;
    }
  if (engine.code_table("scenario") == nullptr && !engine.measures().for_scenario(s).empty())
    return std::string(s);
  std::string known;
  if (const CodeTable* t = engine.code_table("scenario"))
    for (const Code& c : t->codes) known += (known.empty() ? "" : ", ") + c.code;
  throw NotFoundError("unknown scenario '" + std::string(s) +
                      "' (not a scenario code, label, alias or business item of pack " + engine.id() +
                      (known.empty() ? ")" : "; scenarios: " + known + ")"));
}

std::string resolve_department(const Engine& engine, std::string_view dept) {
  if (dept.empty()) return {};
  const CodeTable* t = engine.code_table("department");
  if (t == nullptr) return std::string(dept);
  if (const Code* c = t->find(dept)) return c->code;
  std::string known;
  for (const Code& c : t->codes) known += (known.empty() ? "" : ", ") + c.code;
  throw NotFoundError("unknown department '" + std::string(dept) + "' (departments: " + known + ")");
}

int effect_rank(Effect e) { return static_cast<int>(e); }

// ---- the steps of a precheck ------------------------------------------------------

/// The query's scenario (a code, label, alias or business item) and department as
/// the pack's codes, traced.
void resolve_query(const Engine& engine, const PrecheckQuery& q, Decision& d) {
  std::string business_item;
  d.scenario = resolve_scenario(engine, q.scenario, business_item);
  d.business_item = business_item;
  d.department = resolve_department(engine, q.department);
  d.trace.push_back({"query", d.scenario,
                     fmt::format("scenario {}{}{}{}, {}{}, as of {}", d.scenario,
                                 business_item.empty() ? "" : " (business item ", business_item,
                                 business_item.empty() ? "" : ")",
                                 d.department.empty() ? "every department" : "department ", d.department,
                                 format_iso_date(q.as_of))});
}

/// A subject queried by USCC: its own credit file (none when the registry has no
/// entry for a genuine code; a code that is not genuine is refused), graded under the
/// model in force.
std::vector<File> subject_files(const Engine& engine, const Registry& registry, const PrecheckQuery& q,
                                Matcher& matcher, Decision& d) {
  std::vector<File> files;
  // already normalised (18 upper-case letters and digits): skip the normaliser
  d.uscc = is_plain_uscc(q.uscc) ? std::string(q.uscc) : normalize_id(q.uscc);
  const GradingAccess::Slot slot = GradingAccess::slot(registry, d.uscc);
  const Subject* s = slot.subject;
  File f{d.uscc, slot.records, slot.lists, target_subject};
  if (!slot.found) {
    const IdResult id = check_uscc(d.uscc);
    if (!id.genuine())
      throw InvalidInputError("'" + d.uscc + "' is not a genuine USCC (" + std::string(to_string(id.reason)) +
                              "): no decision is made on a code that is not genuine");
    d.credit_file = false;
    d.trace.push_back({"subject", d.uscc, "无信用档案 / no credit file in the registry: no measure applies"});
  } else {
    if (s != nullptr) d.subject_name = s->name;
    d.trace.push_back({"subject", d.uscc, s != nullptr ? s->name : "records only (no 基本信息 row)"});
    files.push_back(f);
    if (const GradingModel* gm = model_in_force(engine, q.as_of)) {
      d.grade =
          detail::grade_subject(engine, registry, *gm, d.uscc, f.records, f.lists, q.as_of, false).grade;
      d.grade_model = gm->id;
      matcher.known_grade(gm, d.uscc, d.grade);
      d.trace.push_back({"grade", gm->id, fmt::format("grade {} under {} {}", d.grade, gm->id, gm->version)});
    }
  }
  return files;
}

/// The file of related subject `uscc` gains `roles`: one file per subject, whichever
/// rows relate the person to it. False when the registry holds nothing on `uscc`.
bool add_related(const Registry& registry, const std::string& uscc, std::uint8_t roles,
                 std::vector<File>& files) {
  for (File& f : files)
    if (f.uscc == uscc) {
      f.roles |= roles;
      return true;
    }
  const GradingAccess::Slot slot = GradingAccess::slot(registry, uscc);
  if (!slot.found) return false;
  files.push_back({uscc, slot.records, slot.lists, roles});
  return true;
}

/// The relation rows naming the person that are in force on as-of (Registry::relations(),
/// indexed by party): each adds the targets of its role (targets_of_role) to the file of
/// its subject, traced with the relation's id (person IDs masked). Whether anything
/// related the person to a subject on the day.
bool relation_files(const Registry& registry, Decision& d, const std::string& masked,
                    std::vector<File>& files) {
  const auto& ix = *registry.impl().ix_;
  auto it = ix.relations_by_party_.find(d.person_id);
  if (it == ix.relations_by_party_.end()) return false;
  bool any = false;
  for (std::size_t i : it->second) {
    const Relation& r = ix.relations_[i];
    const std::uint8_t roles = targets_of_role(r.role);
    if (r.party_kind != "person" || roles == 0 || !r.active(d.as_of)) continue;
    any = true;
    std::string id = r.id;
    for (auto at = id.find(d.person_id); at != std::string::npos;
         at = id.find(d.person_id, at + masked.size()))
      id.replace(at, d.person_id.size(), masked);
    const GradingAccess::Slot slot = GradingAccess::slot(registry, r.uscc);
    const bool file = add_related(registry, r.uscc, roles, files);
    const std::string share = r.share ? fmt::format(" (share {:g})", *r.share) : std::string();
    const std::string name = slot.subject != nullptr ? " " + slot.subject->name : std::string();
    const std::string dates =
        (r.from_date ? "from " + format_iso_date(*r.from_date) : std::string("no start")) +
        (r.to_date ? " until " + format_iso_date(*r.to_date) : std::string());
    d.trace.push_back({"relation", std::move(id),
                       fmt::format("{} is {}{} of {}{} ({}): {}", masked, r.role, share, r.uscc, name, dates,
                                   file ? "targets " + target_names(roles)
                                        : std::string("无信用档案 / no credit file for the subject"))});
  }
  return any;
}

/// A person queried by resident ID: their own entries, then the subjects they are
/// related to on the as-of date — as legal representative or responsible person through
/// a subject row (legal_rep_id, responsible_ids: these have no dates and hold on every
/// day), and through relation rows in force (relation_files).
std::vector<File> person_files(const Registry& registry, const PrecheckQuery& q, Decision& d) {
  std::vector<File> files;
  const IdResult id = check_resident_id(q.person_id);
  if (!id.genuine())
    throw InvalidInputError("'" + mask_id(q.person_id) + "' is not a genuine resident ID (" +
                            std::string(to_string(id.reason)) +
                            "): no decision is made on a code that is not genuine");
  d.person_id = id.converted.empty() ? id.normalized : id.converted;
  const std::string masked = mask_id(d.person_id);
  // the person's own entries, then the subjects they represent or are responsible for
  File own{"", GradingAccess::person_records(registry, d.person_id),
           GradingAccess::person_lists(registry, d.person_id), target_subject};
  const Subject* person = registry.person(d.person_id);
  if (person != nullptr) d.subject_name = person->name;
  if (own.records || own.lists) files.push_back(own);
  if (const auto* rel = GradingAccess::related_subjects(registry, d.person_id))
    for (std::size_t i : *rel) {
      const Subject& s = registry.subjects()[i];
      if (s.uscc.empty()) continue;
      std::uint8_t roles = 0;
      if (s.legal_rep_id == d.person_id) roles |= target_legal_rep;
      if (std::find(s.responsible_ids.begin(), s.responsible_ids.end(), d.person_id) !=
          s.responsible_ids.end())
        roles |= target_responsible;
      files.push_back(
          {s.uscc, GradingAccess::records(registry, s.uscc), GradingAccess::lists(registry, s.uscc), roles});
      d.trace.push_back({"subject", s.uscc,
                         masked + " is " +
                             ((roles & target_legal_rep) ? std::string("legal representative")
                                                         : std::string("a responsible person")) +
                             " of " + s.uscc + " " + s.name});
    }
  const bool related = relation_files(registry, d, masked, files);
  if (files.empty()) {
    d.credit_file = person != nullptr || related;
    d.trace.push_back(
        {"subject", masked,
         std::string(d.credit_file ? "no record, list entry" : "无信用档案 / no credit file,") +
             (related ? " and no related subject with a credit file" : " and no related subject") +
             ": no measure applies"});
  }
  return files;
}

/// The matched measures strongest effect first (stable: file order among equals), and
/// the verdict: the strongest effect, or clear.
void strongest_first(Decision& d) {
  std::stable_sort(d.measures.begin(), d.measures.end(),
                   [](const MatchedMeasure& a, const MatchedMeasure& b) {
                     return effect_rank(a.measure->effect) < effect_rank(b.measure->effect);
                   });
  d.verdict = d.measures.empty() ? Effect::clear : d.measures.front().measure->effect;
}

}  // namespace

Decision precheck(const Engine& engine, const Registry& registry, const PrecheckQuery& q) {
  if (q.uscc.empty() == q.person_id.empty())
    throw InvalidInputError("precheck needs exactly one of uscc and person_id");
  if (q.scenario.empty()) throw InvalidInputError("precheck needs a scenario");
  Decision d;
  d.trace.reserve(8);
  d.as_of = q.as_of;
  d.pack_hash = engine.hash();
  resolve_query(engine, q, d);
  const auto& candidates = engine.measures().for_scenario(d.scenario);
  Matcher matcher(engine, registry, d);
  std::vector<File> files =
      !q.uscc.empty() ? subject_files(engine, registry, q, matcher, d) : person_files(registry, q, d);

  for (const File& f : files) matcher.match(f, candidates);
  strongest_first(d);
  matcher.commitment(files);
  d.trace.push_back({"verdict", "",
                     fmt::format("{} ({} measure{})", effect_name(d.verdict), d.measures.size(),
                                 d.measures.size() == 1 ? "" : "s")});
  return d;
}

namespace {

// "2025-06-30" or "2025-06-30T14:05[:09[.123]][Z|+08:00]" (a space for T is accepted).
std::string check_time(std::string_view when) {
  if (when.empty()) throw InvalidInputError("feedback needs the time the measure was applied");
  static const RE2 kTime(
      R"(\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?)?)");
  if (!RE2::FullMatch(re2::StringPiece(when.data(), when.size()), kTime))
    throw InvalidInputError("not an ISO date or date-time: '" + std::string(when) + "'");
  parse_iso_date(when.substr(0, 10));  // a real date
  std::string out(when);
  if (out.size() > 10) out[10] = 'T';
  return out;
}

// ---- the checks of a feedback record ---------------------------------------------

/// The measure of this decision the feedback is about; NotFoundError names the ones it has.
const MatchedMeasure& matched_measure(const Decision& d, std::string_view measure_id) {
  const MatchedMeasure* mm = nullptr;
  for (const MatchedMeasure& x : d.measures)
    if (x.measure->id == measure_id) mm = &x;
  if (mm != nullptr) return *mm;
  std::string ids;
  for (const MatchedMeasure& x : d.measures) ids += (ids.empty() ? "" : ", ") + x.measure->id;
  throw NotFoundError("measure '" + std::string(measure_id) + "' is not in this decision (" +
                      (ids.empty() ? "it has no measures" : "measures: " + ids) + ")");
}

/// The result as its code (punished, rewarded, not_applied), given in Chinese or as the
/// code: a reward is 已激励 or 未实施, a punishment 已惩戒 or 未实施; 未实施 needs a reason.
std::string result_code(const Measure& m, std::string_view result, std::string_view reason) {
  std::string code;
  if (result == "已惩戒" || result == "punished") code = "punished";
  if (result == "已激励" || result == "rewarded") code = "rewarded";
  if (result == "未实施" || result == "not_applied") code = "not_applied";
  if (code.empty())
    throw InvalidInputError("feedback result '" + std::string(result) +
                            "' is not one of 已惩戒 (punished), 已激励 (rewarded), 未实施 (not_applied)");
  if ((code == "punished" && m.reward) || (code == "rewarded" && !m.reward))
    throw InvalidInputError("measure " + m.id + " is a " + (m.reward ? "reward" : "punishment") +
                            ": its result is " + (m.reward ? "已激励" : "已惩戒") + " or 未实施");
  if (code == "not_applied" && reason.empty())
    throw InvalidInputError("a 未实施 (not_applied) feedback needs the reason the measure was not applied");
  return code;
}

/// The department that handled the business item (the decision's when none is given),
/// one that applies the measure.
std::string applying_department(const Engine& engine, const Decision& d, const Measure& m,
                                std::string_view applied_by) {
  const std::string dept =
      resolve_department(engine, applied_by.empty() ? std::string_view(d.department) : applied_by);
  if (dept.empty()) throw InvalidInputError("feedback needs the department that handled the business item");
  if (!m.for_department(dept)) {
    std::string ds;
    for (const auto& x : m.departments) ds += (ds.empty() ? "" : ", ") + x;
    throw InvalidInputError("measure " + m.id + " is applied by " + ds + ", not " + dept);
  }
  return dept;
}

struct FeedbackTerms {
  const MatchedMeasure* matched;
  std::string code, department;
};

/// A feedback record's terms checked in the order a clerk fills them in: the measure,
/// the result, the case number, the department.
FeedbackTerms check_feedback(const Engine& engine, const Decision& d, std::string_view measure_id,
                             std::string_view result, std::string_view case_no, std::string_view applied_by,
                             std::string_view reason) {
  FeedbackTerms t;
  t.matched = &matched_measure(d, measure_id);
  const Measure& m = *t.matched->measure;
  t.code = result_code(m, result, reason);
  if (case_no.empty())
    throw InvalidInputError("feedback needs the case number (办件编号) of the business item");
  t.department = applying_department(engine, d, m, applied_by);
  return t;
}

}  // namespace

std::string Decision::feedback(const Engine& engine, std::string_view measure_id, std::string_view result,
                               std::string_view case_no, std::string_view applied_by, std::string_view when,
                               std::string_view reason, int indent) const {
  return ecredit::to_json(feedback_record(engine, measure_id, result, case_no, applied_by, when, reason),
                          indent);
}

FeedbackRecord Decision::feedback_record(const Engine& engine, std::string_view measure_id,
                                         std::string_view result, std::string_view case_no,
                                         std::string_view applied_by, std::string_view when,
                                         std::string_view reason) const {
  const FeedbackTerms terms = check_feedback(engine, *this, measure_id, result, case_no, applied_by, reason);
  const MatchedMeasure* mm = terms.matched;
  const Measure& m = *mm->measure;
  const std::string& code = terms.code;
  const std::string& dept = terms.department;
  static const std::pair<const char*, const char*> kLabels[] = {
      {"punished", "已惩戒"}, {"rewarded", "已激励"}, {"not_applied", "未实施"}};
  FeedbackRecord f;
  f.measure_id = m.id;
  f.measure_title = m.title;
  f.kind = m.reward ? "reward" : "punishment";
  f.effect = effect_name(m.effect);
  f.mandatory = m.mandatory;
  f.basis = m.basis;
  f.department = dept;
  if (const CodeTable* t = engine.code_table("department"))
    if (const Code* c = t->find(dept)) f.department_name = c->label;
  f.scenario = scenario;
  f.business_item = business_item;
  f.case_no = std::string(case_no);
  f.uscc = uscc;
  f.person_id = person_id;
  f.name = subject_name;
  if (!mm->via.empty() && mm->via != uscc) f.via = mm->via;
  for (const auto& [c, label] : kLabels)
    if (code == c) f.result = label;
  f.result_code = code;
  f.reason = std::string(reason);
  f.time = check_time(when);
  f.verdict = verdict;
  f.as_of = as_of;
  f.pack_hash = pack_hash;
  return f;
}

ECREDIT_END_NAMESPACE
