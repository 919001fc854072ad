// report.html of `ecredit demo`: one self-contained page (inline CSS and SVG charts, no
// script, no fonts or images from the network) that a department head can read.
#include "report_html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace ecredit_cli {

namespace {

std::string esc(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The verdicts (measure effects), strongest first: colour, Chinese label, and the words
// that name the effect in a measure's title (docs/measures.md: prohibit 禁止 / 不予,
// restrict 限制 / 从严). The one place the report turns an effect into words.
struct EffectLabel {
  const char *code, *colour, *zh;
  std::vector<const char*> words;
};
const std::vector<EffectLabel>& effects() {
  static const std::vector<EffectLabel> k = {
      {"prohibit", "#b2182b", "禁止", {"禁止", "不得", "不予", "禁入"}},
      {"restrict", "#ef8a62", "限制", {"限制", "从严"}},
      {"caution", "#e0a82e", "重点关注", {}},
      {"incentive", "#4dac26", "激励", {}},
      {"clear", "#c9d3dd", "无措施", {}}};
  return k;
}

const EffectLabel* effect_label(const std::string& code) {
  for (const auto& e : effects())
    if (code == e.code) return &e;
  return nullptr;
}

// Repair outcomes (RepairDecision::status).
const std::map<std::string, std::string>& repair_labels() {
  static const std::map<std::string, std::string> k = {{"eligible", "可修复"},
                                                       {"not_yet", "未到最短公示期"},
                                                       {"missing_evidence", "材料不全"},
                                                       {"not_repairable", "不可修复"},
                                                       {"expired", "公示期已满"}};
  return k;
}

// The Chinese label of a code: effects and repair outcomes from the tables above, domains,
// scenarios and severities from the pack's code tables (DemoResult::code_labels).
std::string zh(const DemoResult& r, const std::string& table, const std::string& code) {
  if (table == "effect") {
    const EffectLabel* e = effect_label(code);
    return e ? e->zh : code;
  }
  if (table == "repair") {
    auto it = repair_labels().find(code);
    return it == repair_labels().end() ? code : it->second;
  }
  if (table == "domain" && code == "all") return "全部";
  auto t = r.code_labels.find(table);
  if (t == r.code_labels.end()) return code;
  auto it = t->second.find(code);
  return it == t->second.end() ? code : it->second;
}

std::string pct(double share, int decimals) { return fmt::format("{:.{}f}%", 100 * share, decimals); }

// Round axis ticks 0, step, 2·step … ≥ max, with step 1, 2 or 5 × 10^k and at most
// `intervals` of them (counts: step ≥ 1).
std::vector<double> nice_ticks(double max, int intervals) {
  if (!(max > 0)) max = 1;
  const double raw = max / intervals;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 5.0})
    if (m * mag >= raw * (1 - 1e-9)) {
      step = m * mag;
      break;
    }
  step = std::max(step, 1.0);
  std::vector<double> t;
  for (int k = 0; t.empty() || t.back() < max * (1 - 1e-9); ++k) t.push_back(step * k);
  return t;
}

// Value labels over lines and bars: a white halo keeps them readable.
constexpr const char* kHalo = "paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\"";

// Vertical bars (the grade distribution): round ticks, the count over each bar.
std::string grade_chart(const std::string& title, const std::vector<std::pair<std::string, double>>& bars) {
  const int w = 420, h = 250, left = 52, right = 12, bottom = 30, top = 34;
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.second);
  const std::vector<double> ticks = nice_ticks(max, 5);
  const double axis_max = ticks.back(), plot_h = h - bottom - top;
  const double slot =
      static_cast<double>(w - left - right) / static_cast<double>(std::max<std::size_t>(1, bars.size()));
  std::string s = fmt::format(
      "<svg id=\"chart-grades\" class=\"chart\" role=\"img\" aria-label=\"{0}\" viewBox=\"0 0 {1} {2}\" "
      "width=\"{1}\" height=\"{2}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{0}</title>"
      "<text x=\"8\" y=\"18\" class=\"ctitle\">{0}</text>",
      esc(title), w, h);
  for (double t : ticks) {
    const double y = h - bottom - plot_h * t / axis_max;
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#e3e3e3\"/><text x=\"{}\" "
        "y=\"{:.1f}\" "
        "class=\"axis tick\" text-anchor=\"end\">{:.0f}</text>",
        left, y, w - right, y, left - 6, y + 4, t);
  }
  s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#666\"/>", left, h - bottom,
                   w - right, h - bottom);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& [label, v] = bars[i];
    const double bh = plot_h * v / axis_max, bw = slot * 0.6;
    const double x = left + slot * static_cast<double>(i) + slot * 0.2;
    s += fmt::format(
        "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#1f5f99\">"
        "<title>{}: {:.0f}</title></rect>",
        x, h - bottom - bh, bw, bh, esc(label), v);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"val\" text-anchor=\"middle\" {}>{:.0f}</text>",
                     x + bw / 2, h - bottom - bh - 5, kHalo, v);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"label\" text-anchor=\"middle\">{}</text>",
                     x + bw / 2, h - bottom + 18, esc(label));
  }
  return s + "</svg>";
}

// Horizontal bars (coverage by domain): the domain's name on the left, the share and its
// counts on the right, the target as a dashed line labelled above the bars; a bar under
// the target is drawn in the warning colour and says so.
std::string coverage_chart(const DemoResult& r, const std::vector<std::string>& domains, double target,
                           int target_year) {
  const int row = 30, top = 40, label_w = 140, plot_w = 260, value_w = 200;
  const int w = label_w + plot_w + value_w, h = top + row * static_cast<int>(domains.size()) + 26;
  const double x0 = label_w;
  std::string s = fmt::format(
      "<svg id=\"chart-coverage\" class=\"chart\" role=\"img\" aria-label=\"{0}\" viewBox=\"0 0 {1} {2}\" "
      "width=\"{1}\" height=\"{2}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{0}</title>"
      "<text x=\"8\" y=\"18\" class=\"ctitle\">{0}</text>",
      "按领域的建档覆盖率 Coverage by domain", w, h);
  const double plot_bottom = top + row * static_cast<double>(domains.size());
  for (int k = 0; k <= 5; ++k) {
    const double x = x0 + plot_w * k / 5.0;
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#e3e3e3\"/><text "
        "x=\"{0:.1f}\" "
        "y=\"{3:.1f}\" class=\"axis tick\" text-anchor=\"middle\">{4}%</text>",
        x, top - 4, plot_bottom, plot_bottom + 16, 20 * k);
  }
  for (std::size_t i = 0; i < domains.size(); ++i) {
    const std::string& d = domains[i];
    const double share = r.coverage.at(d), y = top + row * static_cast<double>(i);
    const bool under = target >= 0 && share < target;
    auto c = r.coverage_counts.find(d);
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"label{}\" text-anchor=\"end\">{}</text>", x0 - 8,
                     y + 20, d == "all" ? " strong" : "", esc(zh(r, "domain", d)));
    s += fmt::format(
        "<rect class=\"bar{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"20\" "
        "fill=\"{}\"><title>{}: "
        "{}</title></rect>",
        under ? " under" : "", x0, y + 6, plot_w * share, under ? "#d6604d" : "#4292c6",
        esc(zh(r, "domain", d)), pct(share, 1));
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"val{}\">{}", x0 + plot_w + 10, y + 20,
                     under ? " below" : "", pct(share, 1));
    if (c != r.coverage_counts.end())
      s += fmt::format("<tspan class=\"axis\"> {} / {}</tspan>", c->second.second, c->second.first);
    s += under ? "<tspan> ▼ 低于目标</tspan></text>" : "</text>";
  }
  if (target >= 0) {
    const double x = x0 + plot_w * target;
    s += fmt::format(
        "<line class=\"target\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#b2182b\" "
        "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/><text x=\"{0:.1f}\" y=\"{3}\" class=\"axis "
        "target-label\" "
        "fill=\"#b2182b\" text-anchor=\"middle\">{4} 年目标 {5}</text>",
        x, top - 2, plot_bottom, top - 8, target_year, pct(target, 0));
  }
  return s + "</svg>";
}

// Verdicts by scenario: nearly every subject is clear in every scenario, so a stacked
// bar would hide the rest. One column per verdict other than clear, bars on one scale
// with their counts; the clear count in the last column, as a number.
std::string verdict_chart(const DemoResult& r) {
  const std::vector<EffectLabel>& ef = effects();
  const int row = 30, top = 46, label_w = 100, col_w = 150, bar_w = 100, clear_w = 150;
  const int n_cols = static_cast<int>(ef.size()) - 1;
  const int w = label_w + col_w * n_cols + clear_w, h = top + row * static_cast<int>(r.prechecks.size()) + 12;
  std::size_t max = 1;
  for (const auto& [sc, counts] : r.prechecks)
    for (const auto& [v, n] : counts)
      if (v != "clear") max = std::max(max, n);
  std::string s = fmt::format(
      "<svg id=\"chart-verdicts\" class=\"chart\" role=\"img\" aria-label=\"{0}\" viewBox=\"0 0 {1} {2}\" "
      "width=\"{1}\" height=\"{2}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{0}</title>"
      "<text x=\"8\" y=\"18\" class=\"ctitle\">{0}</text>",
      "按业务场景的核查结论（市场主体数）Verdicts by scenario (subjects)", w, h);
  for (int c = 0; c <= n_cols; ++c) {
    const double x = label_w + col_w * c;
    s += fmt::format("<rect x=\"{:.0f}\" y=\"27\" width=\"10\" height=\"10\" fill=\"{}\"/>", x, ef[c].colour);
    s += fmt::format(
        "<text x=\"{:.0f}\" y=\"36\" class=\"label colhead\">{} <tspan class=\"axis\">{}</tspan></text>",
        x + 14, ef[c].zh, ef[c].code);
  }
  int i = 0;
  for (const auto& [scenario, counts] : r.prechecks) {
    std::size_t total = 0;
    for (const auto& [v, n] : counts) total += n;
    const double y = top + row * i++;
    if (i % 2 == 0)
      s += fmt::format("<rect x=\"0\" y=\"{:.0f}\" width=\"{}\" height=\"{}\" fill=\"#f6f8fa\"/>", y, w, row);
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"label scenario\" text-anchor=\"end\">{}</text>",
                     label_w - 10, y + 20, esc(zh(r, "scenario", scenario)));
    for (int c = 0; c <= n_cols; ++c) {
      auto it = counts.find(ef[c].code);
      const std::size_t n = it == counts.end() ? 0 : it->second;
      const double x = label_w + col_w * c;
      if (c == n_cols) {  // clear: the number and its share
        s += fmt::format(
            "<text x=\"{:.0f}\" y=\"{:.1f}\" class=\"val\" data-scenario=\"{}\" data-verdict=\"clear\">{} "
            "<tspan class=\"axis\">({})</tspan></text>",
            x, y + 20, esc(scenario), n,
            total == 0 ? "–" : pct(static_cast<double>(n) / static_cast<double>(total), 1));
        continue;
      }
      const double bw = n == 0 ? 0 : std::max(3.0, bar_w * static_cast<double>(n) / static_cast<double>(max));
      if (n > 0)
        s += fmt::format(
            "<rect class=\"bar\" x=\"{:.0f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"16\" "
            "fill=\"{}\"><title>{} "
            "{}: {}</title></rect>",
            x, y + 8, bw, ef[c].colour, esc(zh(r, "scenario", scenario)), ef[c].zh, n);
      s += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"val{}\" data-scenario=\"{}\" "
          "data-verdict=\"{}\">{}</text>",
          x + bw + 4, y + 20, n == 0 ? " zero" : "", esc(scenario), ef[c].code, n);
    }
  }
  return s + "</svg>";
}

// When a measure's title names another effect than the one the pack gives it (a title
// "依法限制…" on a prohibit measure), a note saying which one the verdict follows.
std::string wording_note(const std::string& title, const std::string& effect) {
  const EffectLabel* own = effect_label(effect);
  if (own == nullptr || own->words.empty()) return {};  // closer supervision may well 从严审核
  for (const char* w : own->words)
    if (title.find(w) != std::string::npos) return {};
  for (const auto& other : effects()) {
    if (&other == own) continue;
    for (const char* w : other.words)
      if (title.find(w) != std::string::npos)
        return fmt::format(
            "<br><span class=\"wording\">措施名称作“{}”，措施清单（measures.json effect）定其效力为“{}”，"
            "结论按清单效力；名称措辞待与原文核实。The title says {}, the pack classes the measure as "
            "{}.</span>",
            w, own->zh, other.code, own->code);
  }
  return {};
}

}  // namespace

namespace {

// The archive's story: the reconciliation per batch, the events after day 1, and what
// changed for the subjects the story touched, as of the report date.
std::string archive_section(const DemoResult& r) {
  static const std::map<std::string, std::string> kStory = {
      {"blacklisted", "新列入严重失信主体名单 newly blacklisted"},
      {"corrected", "处罚信息更正 penalty corrected"},
      {"withdrawn", "处罚信息撤回 penalty withdrawn"},
      {"objection", "提出异议并已受理 objection filed, accepted"},
      {"repair", "信用修复 credit repair applied"}};
  static const std::map<std::string, std::string> kEvent = {
      {"import", "导入批次 import"},
      {"objection_filed", "提出异议 objection filed"},
      {"objection_step", "异议处理 objection step"},
      {"correction", "更正 correction"},
      {"repair_application", "修复申请 repair application"},
      {"repair_applied", "信用修复 repair applied"},
      {"commitment_breach", "违背承诺 commitment breach"}};
  auto label = [](const std::map<std::string, std::string>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? k : it->second;
  };
  std::string h = "<h2 id=\"archive\">信用档案：第 2 天 The archive: day 2</h2>";
  h += fmt::format(
      "<p class=\"note\">两天的数据都导入同一个档案文件 {}：每个实体保留全部版本，重发的相同数据不重复计数，"
      "异议与修复记入日志。下表“读取 = 新增 + 更新 + 未变 + 撤回 + 拒收”。Both days go into one archive; "
      "every version is kept, a re-sent identical row changes nothing, every event is journaled.</p>",
      esc(r.archive.file));
  h += "<table id=\"archive-batches\"><tr><th>批次 batch</th><th>来源 source</th><th>收到 received</th>"
       "<th>数据集 dataset</th><th>读取 read</th><th>新增 inserted</th><th>更新 updated</th><th>未变 "
       "unchanged</th><th>撤回 withdrawn</th><th>拒收 rejected</th></tr>";
  for (const auto& b : r.archive.batches)
    for (const auto& [ds, n] : b.counts) {
      auto v = r.validation.find(ds);
      const std::string title = v == r.validation.end() ? ds : v->second.title;
      h += fmt::format(
          "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{} <span class=\"note\">{}</span></td>"
          "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
          "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
          b.batch, esc(b.source), esc(b.received_at), esc(title), esc(ds), n.read, n.inserted, n.updated,
          n.unchanged, n.withdrawn, n.rejected);
    }
  h += "</table>";
  h += fmt::format(
      "<h3>前后对比 Before and after</h3><p class=\"note\">同一报告日 {}、同一政策包：左为第 1 天的档案快照，"
      "右为第 2 天的当前快照；核查场景：{}。The same date and pack on the snapshot after day 1 and on the "
      "current one.</p>",
      esc(r.as_of), esc(zh(r, "scenario", r.archive.scenario)));
  h += "<table id=\"archive-changes\"><tr><th>事件 what happened</th><th>市场主体 subject</th><th>记录 "
       "record</th><th>等级 grade</th><th>得分 score</th><th>核查结论 verdict</th></tr>";
  for (const auto& c : r.archive.changes) {
    const bool changed = c.grade_before != c.grade_after || c.verdict_before != c.verdict_after ||
                         c.score_before != c.score_after;
    h += fmt::format(
        "<tr{}><td>{}</td><td class=\"ba-subject\">{}<br>{}</td><td>{}{}</td><td>{} → {}</td><td "
        "class=\"n\">{} → "
        "{}</td><td class=\"ba-verdict\">{} → {}</td></tr>",
        changed ? " class=\"changed\"" : "", esc(label(kStory, c.story)), esc(c.name), esc(c.uscc),
        esc(c.record.empty() ? "-" : c.record),
        c.under_objection ? "<br><span class=\"flag-text\">异议处理中 under objection</span>" : "",
        esc(c.grade_before), esc(c.grade_after), fmt::format("{:g}", c.score_before),
        fmt::format("{:g}", c.score_after), esc(zh(r, "effect", c.verdict_before)),
        esc(zh(r, "effect", c.verdict_after)));
  }
  h += "</table>";
  h += "<h3>第 2 天的档案日志 Journal of day 2 (the events after the day-1 import)</h3><table "
       "id=\"archive-events\"><tr><th>序号 seq</th><th>事件 "
       "event</th><th>对象 entity</th><th>日期 date</th><th>经办 actor</th></tr>";
  for (const auto& e : r.archive.events)
    h += fmt::format("<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", e.seq,
                     esc(label(kEvent, e.kind)), esc(e.entity.empty() ? "-" : e.entity), esc(e.on),
                     esc(e.actor));
  h += "</table>";
  h += fmt::format(
      "<p class=\"note\" id=\"archive-check\">完整性检查 check()：{}；{} 个实体，{} 个版本。Integrity check: "
      "{}.</p>\n",
      r.archive.check_ok ? "通过" : "未通过", r.archive.entities, r.archive.versions,
      r.archive.check_ok ? "passed" : "FAILED");
  return h;
}

}  // namespace

std::string report_html(const DemoResult& r) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  // Noto Sans CJK SC first: Debian's fonts-noto-cjk (scripts/install-deps.sh); then the
  // usual CJK fonts of other systems
  h += "<title>能源行业信用体系运行报告 — ecredit demo</title><style>"
       "body{font-family:'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei',"
       "'Microsoft YaHei','PingFang SC',sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}"
       "h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #1f5f99;padding-bottom:.2em;"
       "margin-top:1.6em;font-size:1.2em}.sub{color:#555}.cards{display:flex;flex-wrap:wrap;gap:12px}"
       ".card{border:1px solid #d8dee4;border-radius:6px;padding:10px 14px;flex:1 1 140px}"
       ".card b{display:block;font-size:1.6em;color:#1f5f99}.card.flag{border:2px solid #b2182b;"
       "background:#fdf0ee}.card.flag "
       "b{color:#b2182b}.flag-text{display:block;color:#b2182b;font-weight:bold;font-size:.9em}.card "
       ".en{display:block;color:#666;font-size:.8em}"
       "table{border-collapse:collapse;margin:.5em 0;font-size:.9em}td,th{border:1px solid #d8dee4;"
       "padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f6f9}td.n{text-align:right}"
       "tr.below td{color:#b2182b}tr.changed "
       "td{background:#fffbe6}.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}"
       ".chart{background:#fff;border:1px solid #eee}.ctitle{font-size:13px;font-weight:bold;fill:#222}"
       ".axis{font-size:11px;fill:#555}.label{font-size:13px;fill:#222}.label.strong{font-weight:bold}"
       ".val{font-size:12px;fill:#111}.val.zero{fill:#999}.val.below{fill:#b2182b;font-weight:bold}"
       ".note{color:#666;font-size:.85em}.unconfirmed{color:#a50}.wording{color:#a50;font-size:.85em}"
       "</style></head><body>\n";
  std::size_t rows = 0, rejected = 0;
  for (const auto& [ds, v] : r.validation) {
    rows += v.rows;
    rejected += v.rejected;
  }
  // the coverage target the report date works towards: the first target year not before
  // it, else the last one (pack.json coverage_targets)
  double target = -1;
  int target_year = 0;
  const int as_of_year = r.as_of.size() >= 4 ? std::atoi(r.as_of.substr(0, 4).c_str()) : 0;
  for (const auto& [year, share] : r.targets) {
    target = share;
    target_year = year;
    if (year >= as_of_year) break;
  }
  auto cov = r.coverage.find("all");
  const double coverage = cov == r.coverage.end() ? 0.0 : cov->second;
  auto all = r.coverage_counts.find("all");
  const std::size_t filed = all == r.coverage_counts.end() ? 0 : all->second.second;
  const std::size_t records_only = r.subjects > filed ? r.subjects - filed : 0;
  const std::size_t unseen = r.size > r.subjects ? r.size - r.subjects : 0;
  h += fmt::format(
      "<h1>能源行业信用体系运行报告</h1><p class=\"sub\">Energy-industry credit: what the system did, as of "
      "{} · sample market generated with {} subjects (seed {}), <span id=\"sub-subjects\">{}</span> of them "
      "known to the registry · policy pack {} {} · model {}</p>\n",
      esc(r.as_of), r.size, r.seed, r.subjects, esc(r.pack_id), esc(r.pack_version), esc(r.model));
  h += "<div class=\"cards\">";
  h += fmt::format(
      "<div class=\"card\"><b id=\"n-subjects\">{}</b>市场主体<span class=\"en\">market "
      "subjects</span></div>",
      r.subjects);
  h += fmt::format("<div class=\"card\"><b>{}</b>从业人员<span class=\"en\">natural persons</span></div>",
                   r.persons);
  h += fmt::format("<div class=\"card\"><b>{}</b>信用记录<span class=\"en\">records</span></div>", r.records);
  h += fmt::format("<div class=\"card\"><b>{}</b>名单条目<span class=\"en\">list entries</span></div>",
                   r.list_entries);
  const bool under = target >= 0 && coverage < target;
  h += fmt::format(
      "<div class=\"card{}\" id=\"card-coverage\"><b>{}</b>建档覆盖率<span "
      "class=\"en\">coverage</span>{}</div>",
      under ? " flag" : "", pct(coverage, 1),
      target < 0 ? std::string()
                 : fmt::format("<span class=\"{}\">{}目标 {}</span><span class=\"en\">{} 年 target {}</span>",
                               under ? "flag-text" : "en", under ? "▼ 低于" : "", pct(target, 0), target_year,
                               under ? "not met" : "met"));
  h += fmt::format(
      "<div class=\"card\"><b>{}</b>拒收数据行<span class=\"en\">rows rejected of {}</span></div>", rejected,
      rows);
  h += "</div>\n";
  h += fmt::format(
      "<p class=\"note\" id=\"subjects-note\">市场主体 <b>{}</b> = <b id=\"n-filed\">{}</b> 家有基本信息档案 "
      "+ "
      "<b id=\"n-records-only\">{}</b> 家只见于处罚、名单等记录（未建档，计入覆盖率的分母）。样本生成 {} 家，"
      "其余 <b id=\"n-unseen\">{}</b> 家既无被接收的基本信息行也无任何记录，登记系统看不到它们。"
      "Of the {} subjects generated, the registry knows those with a 基本信息 row or any record.</p>\n",
      r.subjects, filed, records_only, r.size, unseen, r.size);

  // prechecks first: what the joint reward and punishment did
  h += "<h2>联合奖惩：业务核查 Joint reward and punishment: prechecks</h2>";
  h += verdict_chart(r);
  h += "<p class=\"note\">每个市场主体在每个业务场景各核查一次；结论取所匹配措施中最强的效力（禁止 &gt; 限制 "
       "&gt; "
       "重点关注 &gt; 激励 &gt; 无措施）。Each subject prechecked once per scenario; the verdict is the "
       "strongest "
       "matched effect.</p>";
  std::vector<std::pair<std::size_t, std::string>> top;
  for (const auto& [id, n] : r.measure_counts) top.emplace_back(n, id);
  std::sort(top.rbegin(), top.rend());
  h += "<table id=\"top-measures\"><tr><th>措施 measure</th><th>效力 effect</th><th>id</th><th>适用次数 "
       "times</th></tr>";
  for (std::size_t i = 0; i < top.size() && i < 10; ++i) {
    auto t = r.measure_titles.find(top[i].second);
    auto e = r.measure_effects.find(top[i].second);
    const std::string title = t == r.measure_titles.end() ? "" : t->second;
    const std::string effect = e == r.measure_effects.end() ? "" : e->second;
    h += fmt::format("<tr><td>{}{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>", esc(title),
                     wording_note(title, effect), esc(zh(r, "effect", effect)), esc(top[i].second),
                     top[i].first);
  }
  h += "</table>";
  if (!r.examples.empty()) {
    h += "<h3>禁止类结论示例 Example prohibitions</h3><table id=\"examples\"><tr><th>场景 scenario</th>"
         "<th>市场主体 subject</th><th>结论 verdict</th><th>措施与依据 measure and basis</th></tr>";
    for (const auto& ex : r.examples) {
      std::string who = esc(ex.name);
      if (ex.name_source == "list" || ex.name_source == "record")
        who += fmt::format("<br><span class=\"note\">未建档：名称取自{}（无基本信息行）</span>",
                           ex.name_source == "list" ? "名单条目" : "信用记录");
      else if (ex.name_source == "none")
        who = "<span class=\"note\">未建档，名称不详 (no 基本信息 row)</span>";
      h += fmt::format(
          "<tr><td>{}</td><td class=\"subject\">{}<br>{}</td><td "
          "class=\"verdict\">{}</td><td>{}{}{}<br><span "
          "class=\"note\">{}</span>{}</td></tr>",
          esc(zh(r, "scenario", ex.scenario)), who, esc(ex.uscc), esc(zh(r, "effect", ex.verdict)),
          esc(ex.measure),
          ex.measure_en.empty() ? std::string()
                                : "<br><span class=\"note\">" + esc(ex.measure_en) + "</span>",
          wording_note(ex.measure, ex.measure_effect), esc(ex.basis),
          ex.basis_mark.empty() ? std::string()
                                : "<sup class=\"unconfirmed\" title=\"依据待核实 basis not confirmed\">" +
                                      esc(ex.basis_mark) + "</sup>");
    }
    h += "</table>";
  }

  // grades and coverage
  std::vector<std::pair<std::string, double>> grade_bars;
  for (const auto& [g, n] : r.grades) grade_bars.emplace_back(g, static_cast<double>(n));
  std::vector<std::string> domains;
  if (r.coverage.count("all")) domains.push_back("all");
  for (const auto& [d, share] : r.coverage)
    if (d != "all") domains.push_back(d);
  h += "<h2>信用评价与建档覆盖 Grades and coverage</h2><div class=\"charts\">";
  h += grade_chart("信用等级分布 Grade distribution (" + r.model + ")", grade_bars);
  h += coverage_chart(r, domains, target, target_year);
  h += "</div>";
  h += fmt::format(
      "<p class=\"note\">覆盖率 = 有信用档案的市场主体 / 领域内已知市场主体；规划目标：{} 年 {}（pack.json "
      "coverage_targets）。Coverage counts the subjects the registry can see; a host passes its own totals "
      "(docs/grading.md).</p>",
      target_year, pct(std::max(0.0, target), 0));
  h += "<table id=\"coverage-table\"><tr><th>领域 domain</th><th>市场主体 subjects</th><th>已建档 with "
       "file</th><th>覆盖率 coverage</th></tr>";
  for (const std::string& d : domains) {
    auto c = r.coverage_counts.find(d);
    if (c == r.coverage_counts.end()) continue;
    const double share = c->second.first == 0
                             ? 0.0
                             : static_cast<double>(c->second.second) / static_cast<double>(c->second.first);
    const bool below = target >= 0 && share < target;
    h += fmt::format(
        "<tr{}><td>{} <span class=\"note\">{}</span></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td "
        "class=\"n\">{}{}</td></tr>",
        below ? " class=\"below\"" : "", esc(zh(r, "domain", d)), esc(d), c->second.first, c->second.second,
        pct(share, 1), below ? " ▼ 低于目标" : "");
  }
  h += "</table>\n";

  h += "<h2>信用修复 Credit repair</h2><p "
       "class=\"note\">假设：处罚义务于决定后30日履行完毕，信用承诺于报告日签署。"
       "Assumed: obligations fulfilled 30 days after the decision, a commitment signed on the report "
       "date.</p>";
  h += "<table id=\"repairs\"><tr><th>记录 record</th><th>失信程度 severity</th><th>决定日期</th><th>结论 "
       "status</th><th>适用规定 regime</th><th>最早可修复</th><th>公示届满</th><th>办理时限</th></tr>";
  for (const auto& x : r.repairs)
    h += fmt::format(
        "<tr><td>{}</td><td class=\"severity\">{}</td><td>{}</td><td>{} "
        "{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        esc(x.record), esc(zh(r, "severity", x.severity)), esc(x.decision_date),
        esc(zh(r, "repair", x.status)), x.missing.empty() ? "" : "(" + esc(x.missing) + ")", esc(x.regime),
        esc(x.earliest), esc(x.publication_end), esc(x.deadline));
  h += "</table>\n";

  if (!r.archive.batches.empty()) h += archive_section(r);

  h += "<h2>信用数据清单校验 Data-list validation</h2><table><tr><th>数据集 dataset</th><th>行 "
       "rows</th><th>接收 "
       "accepted</th><th>拒收 rejected</th><th>错误 errors</th><th>警告 warnings</th><th>主要问题 "
       "findings</th></tr>";
  for (const auto& [ds, v] : r.validation) {
    std::string f;
    for (const auto& [type, n] : v.counts) f += (f.empty() ? "" : ", ") + fmt::format("{} {}", type, n);
    h += fmt::format(
        "<tr><td>{} <span class=\"note\">{}</span></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td "
        "class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
        esc(v.title), esc(ds), v.rows, v.accepted, v.rejected, v.errors, v.warnings, esc(f));
  }
  h += "</table><p class=\"note\">Per-row findings: validation/&lt;dataset&gt;.json.</p>\n";
  h += fmt::format(
      "<p class=\"note\">Generated by ecredit demo. Pack hash {} — the same inputs and pack give the same "
      "report. "
      "Sample data are synthetic.</p></body></html>\n",
      esc(r.pack_hash));
  return h;
}

}  // namespace ecredit_cli
