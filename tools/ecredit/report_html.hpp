// What `ecredit demo` found, and its two renderings: summary.json and report.html.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ecredit/archive.hpp"

namespace ecredit_cli {

struct DemoResult {
  struct Validation {
    std::string title;
    std::size_t rows = 0, accepted = 0, rejected = 0, errors = 0, warnings = 0;
    std::map<std::string, std::size_t> counts;  ///< finding type → count
  };
  struct Repair {
    std::string record, uscc, severity, decision_date, status, regime, earliest, publication_end, deadline,
        missing;
  };
  struct Example {
    std::string scenario, uscc, name, verdict, measure, measure_en, measure_effect, basis;
    std::string basis_mark;  ///< "（待核实：文号）" when the basis is not confirmed, else ""
    /// "" when `name` is the subject's 基本信息 name; else where the name was taken from
    /// (the subject has no credit file: "list" = its list entry, "record" = one of its
    /// records, "none" = nowhere, `name` empty)
    std::string name_source;
  };
  /// size: market subjects generated; subjects: USCCs the registry knows (a 基本信息 file,
  /// or records / list entries only: coverage_counts["all"] tells them apart)
  std::size_t size = 0, subjects = 0, persons = 0, records = 0, list_entries = 0;
  std::uint64_t seed = 0;
  std::string as_of, model, pack_id, pack_version, pack_hash;
  std::map<std::string, std::size_t> grades;  ///< grade → subjects
  std::map<std::string, double> coverage;     ///< domain → share with a credit file
  std::map<std::string, std::pair<std::size_t, std::size_t>>
      coverage_counts;                                                  ///< domain → (subjects, with file)
  std::map<int, double> targets;                                        ///< year → coverage target
  std::map<std::string, Validation> validation;                         ///< dataset → report summary
  std::map<std::string, std::map<std::string, std::size_t>> prechecks;  ///< scenario → verdict → count
  std::map<std::string, std::size_t> measure_counts;                    ///< measure id → times applied
  std::map<std::string, std::string> measure_titles;
  std::map<std::string, std::string> measure_effects;  ///< measure id → effect name (prohibit …)
  /// code table (domain, scenario, severity) → code → Chinese label, from the pack's codes.json
  std::map<std::string, std::map<std::string, std::string>> code_labels;
  std::vector<Example> examples;
  std::vector<Repair> repairs;

  /// The archive's story (docs/demo.md "Day 2"): day 1 and the day-2 delta imported,
  /// an objection filed and accepted, a repair applied; what changed, as of the report date.
  struct Batch {
    std::int64_t batch = 0;
    std::string label, source, received_at;
    std::map<std::string, ecredit::ImportCounts> counts;  ///< dataset → reconciliation
  };
  struct Event {
    std::int64_t seq = 0;
    std::string kind, entity, on, actor;
  };
  struct BeforeAfter {
    std::string story;  ///< blacklisted, objection, repair, corrected, withdrawn
    std::string uscc, name, record;
    std::string grade_before, grade_after, verdict_before, verdict_after;
    double score_before = 0, score_after = 0;
    bool under_objection = false;  ///< the record is marked 异议处理中 after
  };
  struct ArchiveStory {
    std::string file;  ///< the archive file (relative to the output folder when inside it)
    std::string scenario = "gov_procurement";
    std::vector<Batch> batches;
    std::vector<Event> events;
    std::vector<BeforeAfter> changes;
    bool check_ok = false;
    std::size_t entities = 0, versions = 0;
  } archive;

  std::vector<double> timings;
};

std::string summary_json(const DemoResult& r);
/// A self-contained page (inline CSS and SVG, no script, no network) for a department head.
std::string report_html(const DemoResult& r);

}  // namespace ecredit_cli
