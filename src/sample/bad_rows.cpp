// The generator: the deliberately bad rows (SampleOptions::bad_rows).
#include <algorithm>
#include <string>
#include <vector>

#include "ecredit/registry.hpp"
#include "generator.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

/// Plants the bad rows whose turn has come (at a subject boundary, so no later good row
/// of that subject follows its template), or all the remaining ones at the end.
void Generator::plant_bad_rows(bool at_end) {
  for (int d = 0; d < kDatasets; ++d) {
    Table& t = table(d);
    while (t.bad < t.planned && t.has_template()) {
      if (!at_end) {
        const std::size_t k = t.bad;
        const std::size_t threshold = (2 * k + 1) * std::max<std::size_t>(t.expected, 1) / (2 * t.planned);
        if (t.good < threshold) break;
      }
      plant_one(d);
    }
  }
}

void Generator::plant_one(int d) {
  Table& t = table(d);
  const Dataset& ds = t.dataset();
  const auto start = static_cast<int>((static_cast<std::uint64_t>(d) * 3 + o_.seed + t.bad) % 7);
  for (int step = 0; step < 7; ++step) {
    const auto kind = static_cast<BadKind>((start + step) % 7);
    std::vector<std::string> cells = t.last_good();
    if (kind != BadKind::dup_key) refresh_key(d, cells);
    bool extra = false;
    if (!corrupt(ds, kind, cells, extra)) continue;
    t.commit_bad(cells, extra);
    return;
  }
  // nothing applied (cannot happen: extra_cell always applies); count nothing
}

/// Gives `cells` a primary key no other row has.
void Generator::refresh_key(int d, std::vector<std::string>& cells) {
  Table& t = table(d);
  auto set = [&](const char* field, std::string v) { cells[t.index(field)] = std::move(v); };
  switch (d) {
    case kSubject: {
      const std::size_t index = o_.subjects + bad_subjects_++;
      const std::string& old = cells[t.index("uscc")];
      set("uscc", make_uscc(old.substr(0, 8), [&] {
            std::string body = "MA";
            body.push_back('9');
            std::uint64_t v = ma_perm_(index);
            for (int i = 0; i < 5; ++i) {
              body.push_back(kUsccAlphabet[v % 31]);
              v /= 31;
            }
            return body;
          }()));
      return;
    }
    case kPract:
      cells[t.index("id_type")] = "身份证";
      set("id_no", person_id(rng_.weighted(person_weights_), rng_.pct(70)));
      return;
    case kLic:
    case kPen: {
      std::string& no = cells[t.index("decision_no")];
      const std::size_t open = no.find("〔"), close = no.find("〕");
      const std::string prefix = no.substr(0, open);
      const int year = std::stoi(no.substr(open + 3, close - open - 3));
      no = doc_no(prefix, year);
      return;
    }
    case kCmt:
      set("commitment_no",
          "XYCN" + cells[t.index("committed_on")].substr(0, 4) + digits(next("commitment"), 7));
      return;
    case kArr: {
      std::string& acc = cells[t.index("account_no")];
      acc = acc.substr(0, 2) + digits(account_perm_(next("account")), 8);
      return;
    }
    default:
      break;
  }
  // keyed by name and date: move every date of the row back a few days until the key is new
  for (int shift = 1; shift < 400; ++shift) {
    std::vector<std::string> moved = cells;
    for (std::size_t f = 0; f < moved.size(); ++f)
      if (t.dataset().fields[f].type == FieldType::date && moved[f].size() == 10)
        moved[f] = iso(parse_day(moved[f]) - days{shift});
    if (t.key_free(moved)) {
      cells = std::move(moved);
      return;
    }
  }
}

sys_days Generator::parse_day(const std::string& s) {
  const int y = std::stoi(s.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
  const auto dd = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
  return ymd_day(y, m, dd);
}

/// Breaks `cells` the way real submissions are broken; false when `kind` does not fit this row.
bool Generator::corrupt(const Dataset& ds, BadKind kind, std::vector<std::string>& cells, bool& extra) {
  std::vector<std::size_t> candidates;
  auto choose = [&]() { return candidates[static_cast<std::size_t>(rng_.below(candidates.size()))]; };
  switch (kind) {
    case BadKind::uscc: {
      // a wrong check character of the embedded organisation code (a typo in the 17th character)
      std::size_t party = ds.fields.size();
      const auto subject = ds.maps_to.keys.find("subject");
      for (std::size_t f = 0; f < ds.fields.size(); ++f)
        if (ds.fields[f].type == FieldType::uscc && cells[f].size() == 18) {
          candidates.push_back(f);
          if (subject != ds.maps_to.keys.end() && ds.fields[f].name == subject->second) party = f;
        }
      if (candidates.empty()) return false;
      std::string& u = cells[party < ds.fields.size() && rng_.pct(75) ? party : choose()];
      const char old = u[16];
      char c;
      do {
        c = static_cast<char>('0' + rng_.below(10));
      } while (c == old);
      u[16] = c;
      return true;
    }
    case BadKind::date: {
      for (std::size_t f = 0; f < ds.fields.size(); ++f)
        if (ds.fields[f].type == FieldType::date && !cells[f].empty() &&
            ds.fields[f].severity == Severity::error)
          candidates.push_back(f);
      if (candidates.empty()) return false;
      static const std::vector<const char*> kImpossible = {"2024-02-30", "2024-13-01", "2023-06-31",
                                                           "2023-02-29", "2022-04-31"};
      cells[choose()] = rng_.pick(kImpossible);
      return true;
    }
    case BadKind::code: {
      std::vector<const char*> labels;
      for (std::size_t f = 0; f < ds.fields.size(); ++f) {
        const Field& fd = ds.fields[f];
        if (fd.type != FieldType::code || fd.table == nullptr || cells[f].empty() ||
            fd.severity != Severity::error)
          continue;
        for (const auto& [table_name, label] : bad_labels())
          if (fd.codes == table_name && fd.table->find(label) == nullptr) {
            candidates.push_back(f);
            labels.push_back(label.c_str());
          }
      }
      if (candidates.empty()) return false;
      const std::size_t i = static_cast<std::size_t>(rng_.below(candidates.size()));
      cells[candidates[i]] = labels[i];
      return true;
    }
    case BadKind::missing: {
      for (std::size_t f = 0; f < ds.fields.size(); ++f)
        if (ds.fields[f].required && !cells[f].empty() && ds.fields[f].severity == Severity::error)
          candidates.push_back(f);
      if (candidates.empty()) return false;
      cells[choose()].clear();
      return true;
    }
    case BadKind::dup_key: {
      // the same key resubmitted with a corrected text
      if (ds.primary_key_index.empty()) return false;
      for (std::size_t f = 0; f < ds.fields.size(); ++f) {
        const Field& fd = ds.fields[f];
        const bool in_key = std::find(ds.primary_key_index.begin(), ds.primary_key_index.end(), f) !=
                            ds.primary_key_index.end();
        bool in_rule = false;
        for (const Rule& r : ds.rules)
          in_rule =
              in_rule || std::find(r.field_index.begin(), r.field_index.end(), f) != r.field_index.end();
        if (!in_key && !in_rule && !fd.personal && fd.type == FieldType::string && fd.pattern.empty() &&
            !cells[f].empty() && (!fd.max_length || char_count(cells[f]) + 4 <= *fd.max_length))
          candidates.push_back(f);
      }
      if (!candidates.empty()) cells[choose()] += "（更正）";
      return true;
    }
    case BadKind::extra_cell:
      extra = true;
      return true;
    case BadKind::id: {
      for (const Rule& r : ds.rules) {
        if (r.kind != RuleKind::id_matches_type) continue;
        const std::size_t type = r.field_index[0], number = r.field_index[1];
        if (cells[type] == "身份证" && cells[number].size() == 18) candidates.push_back(number);
      }
      if (candidates.empty()) return false;
      std::string& id = cells[choose()];
      const char old = id[17];
      char c;
      do {
        c = "0123456789X"[rng_.below(11)];
      } while (c == old);
      id[17] = c;
      return true;
    }
    default:
      return false;
  }
}

}  // namespace sample
ECREDIT_END_NAMESPACE
