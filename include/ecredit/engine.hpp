/// An Engine is one loaded policy pack: code tables and the credit data list, grading
/// models, measures, repair regimes, the working-day calendar, the objection procedure
/// and the appointment disqualifications. Immutable after load, shared across threads,
/// identified by the SHA-256 of its files.
///
///     auto engine = ecredit::Engine::default_engine();   // the built-in gz-energy pack
///     const ecredit::Dataset* ds = engine->catalog().find("admin_penalty");
#pragma once

#include <map>
#include <memory>
#include <string>

#include "ecredit/catalog.hpp"
#include "ecredit/config.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/measures.hpp"
#include "ecredit/policy/appointment.hpp"  // IWYU pragma: export
#include "ecredit/policy/monitoring.hpp"   // IWYU pragma: export
#include "ecredit/policy/objections.hpp"   // IWYU pragma: export
#include "ecredit/repair.hpp"

ECREDIT_BEGIN_NAMESPACE

class ECREDIT_API Engine {
 public:
  /// The built-in pack (policies/gz-energy, compiled in), loaded once.
  static std::shared_ptr<const Engine> default_engine();
  /// A pack folder with pack.json. Throws PolicyError (file, JSON pointer, line/column)
  /// when a file is broken, PathNotFoundError when the folder or a file it names does not
  /// exist, IoError when one cannot be read (both name the path, joined with one '/').
  static std::shared_ptr<const Engine> load(const std::string& dir);
  /// A pack from file contents keyed by file name (pack.json, codes.json, …);
  /// `origin` names the pack in error messages.
  static std::shared_ptr<const Engine> from_files(const std::map<std::string, std::string>& files,
                                                  const std::string& origin);

  const std::string& id() const noexcept { return id_; }
  const std::string& title() const noexcept { return title_; }
  const std::string& version() const noexcept { return version_; }
  /// SHA-256 (hex) over the pack's files: every result carries it.
  const std::string& hash() const noexcept { return hash_; }
  const Catalog& catalog() const noexcept { return catalog_; }
  const std::map<std::string, CodeTable>& codes() const noexcept { return codes_; }
  /// Grading models (grading.json), in file order.
  const std::vector<GradingModel>& models() const noexcept { return models_; }
  /// The model `id`; throws NotFoundError listing the known ids.
  const GradingModel& model(std::string_view id) const;
  /// The first model in force on `as_of`; throws NotFoundError when none is.
  const GradingModel& model_for(date::sys_days as_of) const;
  /// Joint reward and punishment measures (measures.json; empty when the pack has none).
  const MeasureList& measures() const noexcept { return measures_; }
  /// Credit repair regimes (repair.json; empty when the pack has none).
  const RepairPolicy& repair_policy() const noexcept { return repair_; }
  /// Holidays and adjusted working days (calendar.json; empty: weekends only).
  const Calendar& calendar() const noexcept { return calendar_; }
  /// The objection procedure and whether a record under objection counts (objections.json;
  /// without it: no steps, and such a record keeps counting, flagged).
  const ObjectionPolicy& objection_policy() const noexcept { return objections_; }
  /// Who may not serve as legal representative, director, supervisor or senior manager
  /// (appointment.json; without it: no roles, and appointment_check refuses every role).
  const AppointmentPolicy& appointment_policy() const noexcept { return appointment_; }
  /// Monitoring and early-warning rules (monitoring.json; empty when the pack has none).
  const MonitoringPolicy& monitoring_policy() const noexcept { return monitoring_; }
  /// The code table `name`, or nullptr.
  const CodeTable* code_table(std::string_view name) const;
  /// Coverage targets of the plan (pack.json `coverage_targets`: year → share).
  const std::map<int, double>& coverage_targets() const noexcept { return coverage_targets_; }
  /// The dataset `id`; throws NotFoundError listing the known ids.
  const Dataset& dataset(std::string_view id) const;

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

 private:
  Engine() = default;
  friend struct EngineLoader;
  std::string id_, title_, version_, hash_;
  std::map<std::string, CodeTable> codes_;
  Catalog catalog_;
  std::vector<GradingModel> models_;
  std::map<int, double> coverage_targets_;
  MeasureList measures_;
  RepairPolicy repair_;
  Calendar calendar_;
  ObjectionPolicy objections_;
  AppointmentPolicy appointment_;
  MonitoringPolicy monitoring_;
};

ECREDIT_END_NAMESPACE
