// Import with reconciliation (docs/archive.md "Import"): every row validated by the
// catalog (the op column taken out first, validate/side.hpp), only accepted rows stored,
// each compared with the entity's latest version: inserted, updated, unchanged or
// withdrawn. One import is one write transaction.
#include <algorithm>
#include <functional>
#include <optional>
#include <system_error>

#include <nlohmann/json.hpp>

#include "archive/archive_impl.hpp"
#include "contract/contract.hpp"
#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "validate/side.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace archive {

namespace {

/// What a row's op column asks (docs/archive.md "The op column").
enum class Op { upsert, add, update, remove, invalid };

Op parse_op(const std::string& raw) {
  std::string v;
  for (char c : raw)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
      v += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (v.empty()) return Op::upsert;
  if (v == "add" || v == "i" || v == "新增") return Op::add;
  if (v == "update" || v == "u" || v == "修改") return Op::update;
  if (v == "delete" || v == "d" || v == "删除") return Op::remove;
  return Op::invalid;
}

/// The labels of the op column (compared as headers are).
const std::vector<std::string>& op_labels() {
  static const std::vector<std::string> labels = {"op", "操作类型"};
  return labels;
}

detail::SideColumn op_column() {
  detail::SideColumn side;
  side.labels = op_labels();
  side.type = "op-value";
  side.check = [](const std::string& value, std::string& zh, std::string& en) {
    if (parse_op(value) != Op::invalid) return true;
    zh = "操作类型「" + value + "」无法识别（应为 新增/修改/删除、add/update/delete 或 I/U/D）";
    en = "operation '" + value + "' is not one of add / update / delete (新增 / 修改 / 删除, I / U / D)";
    return false;
  };
  return side;
}

/// Whether the stored text `stored` holds `values` (a field it lacks is empty; keys the
/// catalog no longer has are ignored): false when it cannot be read.
bool same_values(const ValueCodec& codec, const std::string& stored, const std::vector<std::string>& values) {
  std::vector<std::string> old;
  try {
    codec.decode(stored, old);
  } catch (const InvalidInputError&) {
    return false;
  }
  return old == values;
}

/// A row the archive refused after the catalog accepted it (an update or delete of a key
/// it does not hold, a key a second file of the batch repeats).
struct Refusal {
  std::size_t row;
  std::string type, zh, en, value;
};

void refuse_in_report(Report& r, const std::vector<Refusal>& refusals, std::size_t max_findings) {
  for (const Refusal& f : refusals) {
    --r.stats.accepted;
    ++r.stats.rejected;
    ++r.stats.errors;
    ++r.counts[f.type];
    Finding fd;
    fd.type = f.type;
    fd.severity = Severity::error;
    fd.row = f.row;
    fd.value = f.value;
    fd.message_zh = f.zh;
    fd.message_en = f.en;
    if (r.findings.size() >= max_findings) {
      r.truncated = true;
      continue;
    }
    // findings stay in input order
    auto at = std::upper_bound(r.findings.begin(), r.findings.end(), f.row,
                               [](std::size_t row, const Finding& x) { return row < x.row; });
    r.findings.insert(at, std::move(fd));
  }
}

constexpr std::size_t kMaxFindings = 100;

/// One import's writer: one batch, rows of one or more files.
class Importer {
 public:
  Importer(Archive::Impl& impl, WriteTx& tx, ImportResult& result) : impl_(impl), tx_(tx), result_(result) {}

  std::int64_t begin() {
    seq_ = impl_.append_event(tx_, "import", "", result_.received_at, result_.source, "", "", "{}");
    return seq_;
  }

  /// Validates and stores one input (a file, or rows); `run` runs the validator with
  /// the options and side column it is given.
  template <class Run>
  void input(const Dataset& ds, const std::string& report_key, Run&& run) {
    if (ds.primary_key_index.empty())
      throw InvalidInputError("dataset " + ds.id +
                              " has no primary key: the archive cannot tell its rows apart " +
                              "(catalog primary_key)");
    ImportCounts& c = result_.counts[ds.id];
    std::vector<Refusal> refusals;
    detail::SideColumn side = op_column();
    ValidateOptions o;
    o.max_findings = kMaxFindings;
    o.on_accepted = [&](std::size_t row, const std::vector<std::string>& values) {
      store(ds, row, values, parse_op(side.value), c, refusals);
    };
    Report r = run(o, side);
    refuse_in_report(r, refusals, kMaxFindings);
    c.read += r.stats.rows;
    c.rejected += r.stats.rejected;
    result_.reports[report_key] = std::move(r);
  }

  void finish() {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (const auto& [ds, c] : result_.counts) {
      if (c.read != c.inserted + c.updated + c.unchanged + c.withdrawn + c.rejected)
        throw Error("archive import: the counts of " + ds + " do not reconcile (an internal error)");
      counts[ds] = {{"read", c.read},           {"inserted", c.inserted},   {"updated", c.updated},
                    {"unchanged", c.unchanged}, {"withdrawn", c.withdrawn}, {"rejected", c.rejected}};
    }
    nlohmann::ordered_json reports = nlohmann::ordered_json::object();
    for (const auto& [k, r] : result_.reports) reports[k] = contract::to_value(r, "en");
    const std::string counts_text = counts.dump();
    Stmt b(tx_.db(),
           "INSERT INTO batch(seq, source, received_at, recorded_at, counts, reports) VALUES (?, ?, ?, ?, ?, "
           "?)");
    b.bind(1, seq_).bind(2, result_.source).bind(3, result_.received_at).bind(4, tx_.recorded_at);
    b.bind(5, counts_text).bind(6, contract::dump(reports)).run();
    Stmt j(tx_.db(), "UPDATE journal SET detail = ? WHERE seq = ?");
    nlohmann::ordered_json detail = {{"source", result_.source}, {"counts", counts}};
    j.bind(1, detail.dump()).bind(2, seq_).run();
    result_.batch = seq_;
    result_.recorded_at = parse_time(tx_.recorded_at);
  }

 private:
  void store(const Dataset& ds, std::size_t row, const std::vector<std::string>& values, Op op,
             ImportCounts& c, std::vector<Refusal>& refusals) {
    const std::string id = row_key(ds, row, values);
    std::optional<Head> head = impl_.head(tx_, id);
    if (head && head->seq == seq_) {
      // two files of one dataset in one folder (subject.csv and subject.jsonl) with one key
      refusals.push_back({row, "duplicate-key-in-batch", "主键「" + id + "」在本批次的另一文件中已出现",
                          "key '" + id + "' is already in another file of this batch", id});
      return;
    }
    const bool live = head && head->op != "withdrawn";
    if (op == Op::remove) {
      if (!live) {
        refusals.push_back(
            {row, "op-unknown-key", "删除的记录「" + id + "」" + (head ? "已被撤回" : "不在档案中"),
             "delete of '" + id + "': " + (head ? "already withdrawn" : "not in the archive"), id});
        return;
      }
      impl_.write_version(tx_, seq_, id, ds.id, "withdrawn", {});
      ++c.withdrawn;
      return;
    }
    if (op == Op::update && !live) {
      refusals.push_back(
          {row, "op-unknown-key",
           "修改的记录「" + id + "」" + (head ? "已被撤回" : "不在档案中") + "，请用新增",
           "update of '" + id + "': " + (head ? "withdrawn" : "not in the archive") + " (send it as add)",
           id});
      return;
    }
    // the entry checks the snapshot runs (Builder::check_row): a row the catalog accepts but
    // the registry would refuse (e.g. a responsible_ids number that is no genuine resident
    // ID) is refused here, never stored to fail every later snapshot
    try {
      if (!checker_) checker_.emplace(*impl_.engine);
      checker_->check_row(ds, row, values);
    } catch (const InvalidInputError& e) {
      refusals.push_back({row, "invalid-entry", std::string("该行不能成为档案中的条目：") + e.what(),
                          std::string("the row cannot be an entry of the archive: ") + e.what(), id});
      return;
    }
    const archive::ValueCodec& codec = impl_.codec(ds);
    const std::string vals = codec.encode(values);
    // The stored text is the same, or (a pack that gained or dropped a field since the head
    // was stored) its values read with today's catalog are.
    if (live && (head->vals == vals || same_values(codec, head->vals, values))) {
      ++c.unchanged;
      return;
    }
    impl_.write_version_json(tx_, seq_, id, ds, live ? "updated" : "inserted", vals);
    ++(live ? c.updated : c.inserted);
  }

  Archive::Impl& impl_;
  WriteTx& tx_;
  ImportResult& result_;
  std::int64_t seq_ = 0;
  std::optional<Registry::Builder> checker_;  // check_row only: holds no entries
};

}  // namespace

}  // namespace archive

namespace {
ImportResult start(const std::string& source, const std::string& received_at) {
  ImportResult r;
  r.source = source;
  r.received_at = archive::check_received_at(received_at);
  return r;
}
}  // namespace

namespace {
/// One import: a batch of `inputs` (dataset, report key, the validator to run) in one
/// write transaction.
struct Input {
  const Dataset* ds;
  std::string key;
  std::function<Report(const ValidateOptions&, detail::SideColumn&)> run;
};
void import_inputs(Archive::Impl& m, ImportResult& result, const std::vector<Input>& inputs) {
  m.write([&](archive::WriteTx& tx) {
    archive::Importer imp(m, tx, result);
    imp.begin();
    for (const Input& in : inputs) imp.input(*in.ds, in.key, in.run);
    imp.finish();
  });
}
}  // namespace

ImportResult Archive::import_dir(const std::string& dir, const std::string& source,
                                 const std::string& received_at) {
  ImportResult result = start(source, received_at);
  Impl& m = *impl_;
  std::vector<Input> inputs;
  for (const auto& [p, ds] : data_files(*m.engine, dir, result.skipped)) {
    // a second file of one dataset (subject.csv and subject.jsonl): its report under its name
    bool second = false;
    for (const Input& in : inputs) second = second || in.ds == ds;
    const std::string path = p.string();
    inputs.push_back({ds, second ? p.filename().string() : ds->id,
                      [&m, ds = ds, path](const ValidateOptions& o, detail::SideColumn& side) {
                        return validate_file_side(*m.engine, ds->id, path, o, side);
                      }});
  }
  import_inputs(m, result, inputs);
  return result;
}

ImportResult Archive::import_file(const std::string& path, const std::string& dataset,
                                  const std::string& source, const std::string& received_at) {
  ImportResult result = start(source, received_at);
  Impl& m = *impl_;
  const Dataset& ds = m.dataset(dataset);
  import_inputs(m, result, {{&ds, ds.id, [&](const ValidateOptions& o, detail::SideColumn& side) {
                               return validate_file_side(*m.engine, ds.id, path, o, side);
                             }}});
  return result;
}

ImportResult Archive::import_records(const std::vector<KeyedRecord>& rows, const std::string& dataset,
                                     const std::string& source, const std::string& received_at) {
  ImportResult result = start(source, received_at);
  Impl& m = *impl_;
  const Dataset& ds = m.dataset(dataset);
  import_inputs(m, result, {{&ds, ds.id, [&](const ValidateOptions& o, detail::SideColumn& side) {
                               return validate_records_side(*m.engine, ds.id, rows, o, side);
                             }}});
  return result;
}

ECREDIT_END_NAMESPACE
