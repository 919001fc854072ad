// Snapshots: the Registry of the versions in force and the lifecycle marks at a limit
// (a batch or event seq), built through the same row mapping as Registry::Builder::add_row
// (registry_rows.hpp).
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "archive/archive_impl.hpp"
#include "ecredit/error.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {
void apply_marks(Record& r, const archive::Marks& m) {
  if (!m.objection.empty() || r.under_objection) {
    r.under_objection = m.objection == "pending" || m.objection == "accepted";
    r.objection_accepted = m.objection == "accepted";
  }
  if (m.repaired_on && (!r.repaired_on || *m.repaired_on < *r.repaired_on)) r.repaired_on = m.repaired_on;
}
}  // namespace

std::shared_ptr<const Registry> Archive::Impl::build_snapshot(archive::Db& db, std::int64_t limit) {
  // the latest mark per (entity, kind) with seq <= limit (SQLite: the bare columns of a
  // max() aggregate come from the row holding the max)
  std::unordered_map<std::string, archive::Marks> marks;
  {
    archive::Stmt s(db,
                    "SELECT entity, kind, max(seq), state, on_date FROM mark WHERE seq <= ? GROUP BY entity, kind");
    s.bind(1, limit);
    while (s.step()) {
      archive::Marks& m = marks[s.text(0)];
      const std::string_view kind = s.view(1);
      if (kind == "objection") {
        m.objection = s.text(3);
      } else if (kind == "repair") {
        if (!s.view(3).empty() && !s.is_null(4)) m.repaired_on = parse_iso_date(s.view(4));
      }
    }
  }
  Registry::Builder b(*engine);
  archive::Stmt s(db,
                  "SELECT v.entity, max(v.seq), v.op, v.vals, e.dataset FROM version v "
                  "JOIN entity e ON e.id = v.entity WHERE v.seq <= ? GROUP BY v.entity ORDER BY v.entity");
  s.bind(1, limit);
  std::vector<std::string> values;
  while (s.step()) {
    if (s.view(2) == "withdrawn") continue;
    const Dataset& ds = dataset(s.view(4));
    const auto vals = nlohmann::json::parse(s.view(3));
    values.assign(ds.fields.size(), std::string());
    for (std::size_t i = 0; i < ds.fields.size(); ++i) {
      auto it = vals.find(ds.fields[i].name);
      if (it != vals.end()) values[i] = it->get<std::string>();
    }
    RowEntries e = row_entries(ds, 0, values);
    if (!marks.empty()) {
      if (e.record) {
        auto it = marks.find(e.record->id);
        if (it != marks.end()) apply_marks(*e.record, it->second);
      }
      if (e.breach) {
        auto it = marks.find(e.breach->id);
        if (it != marks.end()) apply_marks(*e.breach, it->second);
      }
      if (e.list_entry) {
        auto it = marks.find(e.list_entry->id);
        if (it != marks.end() && it->second.repaired_on &&
            (!e.list_entry->removed_on || *it->second.repaired_on < *e.list_entry->removed_on))
          e.list_entry->removed_on = it->second.repaired_on;
      }
    }
    try {
      add_entries(b, std::move(e));
    } catch (const InvalidInputError& err) {
      throw InvalidInputError("archive '" + path + "': entity " + s.text(0) + ": " + err.what());
    }
  }
  return b.build();
}

ECREDIT_END_NAMESPACE
