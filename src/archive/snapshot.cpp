// Snapshots: the Registry of the versions in force at a limit (a batch or event seq),
// built row by row through Registry::Builder::add_row, then the lifecycle marks in force
// (objection, repair) applied as Changes through Registry::apply_changes — the one
// definition of what a mark does to a record or list entry.
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "archive/archive_impl.hpp"
#include "ecredit/error.hpp"
#include "registry_access.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {
struct Mark {
  std::string kind, state;
  std::optional<date::sys_days> on;
};
}  // namespace

std::shared_ptr<const Registry> Archive::Impl::build_snapshot(archive::Db& db, std::int64_t limit) {
  Registry::Builder b(*engine);
  {
    // the version in force per entity (SQLite: the bare columns of a max() aggregate come
    // from the row holding the max), in entity-id order
    archive::Stmt s(db,
                    "SELECT v.entity, max(v.seq), v.op, v.vals FROM version v "
                    "WHERE v.seq <= ? GROUP BY v.entity ORDER BY v.entity");
    s.bind(1, limit);
    std::vector<std::string> values;
    const Dataset* ds = nullptr;
    const archive::ValueCodec* values_of = nullptr;
    while (s.step()) {
      if (s.view(2) == "withdrawn") continue;
      const std::string_view of = archive::entity_dataset(s.view(0));
      if (ds == nullptr || ds->id != of) {
        ds = &dataset(of);
        values_of = &codec(*ds);
      }
      try {
        values_of->decode(s.view(3), values);
        b.add_row(*ds, 0, values);
      } catch (const InvalidInputError& err) {
        throw InvalidInputError("archive '" + path + "': entity " + s.text(0) + ": " + err.what());
      }
    }
  }
  std::shared_ptr<const Registry> reg = b.build();

  // the latest mark per (entity, kind) with seq <= limit
  std::vector<std::pair<std::string, Mark>> marks;
  {
    archive::Stmt s(db,
                    "SELECT entity, kind, max(seq), state, on_date FROM mark WHERE seq <= ? "
                    "GROUP BY entity, kind ORDER BY entity, kind");
    s.bind(1, limit);
    while (s.step()) {
      Mark m{s.text(1), s.text(3), std::nullopt};
      if (!s.is_null(4) && !s.view(4).empty()) m.on = parse_iso_date(s.view(4));
      marks.emplace_back(s.text(0), std::move(m));
    }
  }
  if (marks.empty()) return reg;
  // only marks on entries in the snapshot (a withdrawn record keeps its marks in the file)
  std::unordered_set<std::string_view> present;
  for (std::size_t i = 0; i < reg->record_count(); ++i) present.insert(GradingAccess::id(*reg, i));
  for (const ListEntry& e : reg->list_entries()) present.insert(e.id);
  std::vector<Change> changes;
  for (const auto& [id, m] : marks) {
    if (!present.count(id)) continue;
    Change c;
    c.id = id;
    if (m.kind == "objection") {
      c.op = Change::Op::objection;
      c.state = m.state;
    } else if (m.kind == "repair") {
      if (m.state.empty() || !m.on) continue;  // taken back
      c.op = Change::Op::repair;
      c.on = m.on;
    } else {
      continue;
    }
    changes.push_back(std::move(c));
  }
  if (changes.empty()) return reg;
  return reg->apply_changes(*engine, changes);
}

ECREDIT_END_NAMESPACE
