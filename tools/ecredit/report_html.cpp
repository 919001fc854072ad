// report.html of `ecredit demo`: one self-contained page (inline CSS and SVG charts, no
// script, no fonts or images from the network) that a department head can read.
#include "report_html.hpp"

#include <algorithm>
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

const char* kVerdictColours[][2] = {{"prohibit", "#b2182b"},
                                    {"restrict", "#ef8a62"},
                                    {"caution", "#f2c14e"},
                                    {"incentive", "#4dac26"},
                                    {"clear", "#c9d3dd"}};

const std::map<std::string, std::string>& labels() {
  static const std::map<std::string, std::string> k = {{"electricity", "电力"},
                                                       {"oil_gas", "石油天然气"},
                                                       {"pipeline", "油气管道保护"},
                                                       {"renewable", "新能源和可再生能源"},
                                                       {"energy_saving", "节能"},
                                                       {"all", "全部"},
                                                       {"admin_approval", "行政审批"},
                                                       {"gov_procurement", "政府采购"},
                                                       {"bidding", "招标投标"},
                                                       {"subsidy", "补贴"},
                                                       {"daily_supervision", "日常监管"},
                                                       {"market_access", "市场准入"},
                                                       {"prohibit", "禁止"},
                                                       {"restrict", "限制"},
                                                       {"caution", "重点关注"},
                                                       {"incentive", "激励"},
                                                       {"clear", "无措施"},
                                                       {"eligible", "可修复"},
                                                       {"not_yet", "未到最短公示期"},
                                                       {"missing_evidence", "材料不全"},
                                                       {"not_repairable", "不可修复"},
                                                       {"expired", "公示期已满"}};
  return k;
}

std::string zh(const std::string& code) {
  auto it = labels().find(code);
  return it == labels().end() ? code : it->second;
}

// A vertical bar chart: one bar per (label, value), value labels on top.
std::string bar_chart(const std::string& id, const std::string& title,
                      const std::vector<std::pair<std::string, double>>& bars, const std::string& colour,
                      bool percent, double target = -1) {
  const int w = 520, h = 260, left = 48, bottom = 52, top = 28;
  double max = percent ? 1.0 : 0.0;
  for (const auto& [l, v] : bars) max = std::max(max, v);
  if (max <= 0) max = 1;
  const double plot_h = h - bottom - top;
  const double slot =
      static_cast<double>(w - left - 10) / static_cast<double>(std::max<std::size_t>(1, bars.size()));
  std::string s = fmt::format(
      "<svg id=\"{}\" class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
      id, esc(title), w, h, w, h, esc(title));
  s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#666\"/>", left, h - bottom, w - 5,
                   h - bottom);
  for (int k = 0; k <= 4; ++k) {
    const double y = h - bottom - plot_h * k / 4.0;
    const double val = max * k / 4.0;
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#e3e3e3\"/><text x=\"{}\" "
        "y=\"{:.1f}\" "
        "class=\"axis\" text-anchor=\"end\">{}</text>",
        left, y, w - 5, y, left - 4, y + 4,
        percent ? fmt::format("{:.0f}%", 100 * val) : fmt::format("{:.0f}", val));
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& [label, v] = bars[i];
    const double bh = plot_h * v / max;
    const double x = left + slot * static_cast<double>(i) + slot * 0.15;
    const double bw = slot * 0.7;
    s += fmt::format(
        "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"{}\"><title>{}: "
        "{}</title></rect>",
        x, h - bottom - bh, bw, bh, colour, esc(label),
        percent ? fmt::format("{:.1f}%", 100 * v) : fmt::format("{:.0f}", v));
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"val\" text-anchor=\"middle\">{}</text>",
                     x + bw / 2, h - bottom - bh - 4,
                     percent ? fmt::format("{:.0f}%", 100 * v) : fmt::format("{:.0f}", v));
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{}</text>",
                     x + bw / 2, h - bottom + 16, esc(label));
  }
  if (target >= 0) {
    const double y = h - bottom - plot_h * target / max;
    s += fmt::format(
        "<line class=\"target\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#b2182b\" "
        "stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{:.1f}\" class=\"axis\" fill=\"#b2182b\" "
        "text-anchor=\"end\">目标 target {:.0f}%</text>",
        left, y, w - 5, y, w - 5, y - 4, 100 * target);
  }
  return s + "</svg>";
}

// Stacked horizontal bars: one row per scenario, one segment per verdict.
std::string verdict_chart(const DemoResult& r) {
  const int w = 620, row = 34, left = 110, top = 10;
  const int h = top + row * static_cast<int>(r.prechecks.size()) + 40;
  std::string s = fmt::format(
      "<svg id=\"chart-verdicts\" class=\"chart\" role=\"img\" aria-label=\"verdicts by scenario\" "
      "viewBox=\"0 0 {} "
      "{}\" width=\"{}\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title>按业务场景的核查结论 "
      "Verdicts by "
      "scenario</title>",
      w, h, w, h);
  int i = 0;
  for (const auto& [scenario, counts] : r.prechecks) {
    std::size_t total = 0;
    for (const auto& [v, n] : counts) total += n;
    const double y = top + row * i++;
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{}</text>", left - 6,
                     y + 19, esc(zh(scenario)));
    double x = left;
    for (const auto& vc : kVerdictColours) {
      auto it = counts.find(vc[0]);
      const std::size_t n = it == counts.end() ? 0 : it->second;
      if (n == 0 || total == 0) continue;
      const double bw = (w - left - 10) * static_cast<double>(n) / static_cast<double>(total);
      s += fmt::format(
          "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"24\" "
          "fill=\"{}\"><title>{} {}: "
          "{}</title></rect>",
          x, y + 4, bw, vc[1], esc(zh(scenario)), zh(vc[0]), n);
      if (bw > 28)
        s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"val\" text-anchor=\"middle\">{}</text>",
                         x + bw / 2, y + 21, n);
      x += bw;
    }
  }
  double lx = left;
  for (const auto& vc : kVerdictColours) {
    s += fmt::format(
        "<rect x=\"{:.0f}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.0f}\" y=\"{}\" "
        "class=\"axis\">{} {}</text>",
        lx, h - 22, vc[1], lx + 16, h - 12, zh(vc[0]), vc[0]);
    lx += 100;
  }
  return s + "</svg>";
}

}  // namespace

std::string report_html(const DemoResult& r) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  h +=
      "<title>能源行业信用体系运行报告 — ecredit demo</title><style>"
      "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;margin:2em "
      "auto;max-width:"
      "1100px;color:#222;padding:0 1em}h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid "
      "#1f5f99;padding-bottom:.2em;margin-top:1.6em;font-size:1.2em}.sub{color:#666}.cards{display:flex;flex-"
      "wrap:"
      "wrap;gap:12px}.card{border:1px solid #d8dee4;border-radius:6px;padding:10px "
      "16px;min-width:140px}.card b{"
      "display:block;font-size:1.6em;color:#1f5f99}table{border-collapse:collapse;margin:.5em "
      "0;font-size:.9em}td,"
      "th{border:1px solid #d8dee4;padding:4px "
      "8px;text-align:left}th{background:#f3f6f9}td.n{text-align:right}"
      ".charts{display:flex;flex-wrap:wrap;gap:24px}.chart{background:#fff;border:1px solid "
      "#eee}.axis{font-size:"
      "11px;fill:#444}.val{font-size:11px;fill:#111}.note{color:#666;font-size:.85em}.unconfirmed{color:#a50}"
      "</style></head><body>\n";
  std::size_t rows = 0, rejected = 0;
  for (const auto& [ds, v] : r.validation) {
    rows += v.rows;
    rejected += v.rejected;
  }
  const double target = r.targets.empty() ? -1 : r.targets.rbegin()->second;
  const int target_year = r.targets.empty() ? 0 : r.targets.rbegin()->first;
  auto cov = r.coverage.find("all");
  h += fmt::format(
      "<h1>能源行业信用体系运行报告</h1><p class=\"sub\">Energy-industry credit: what the system did, as of "
      "{} · "
      "sample market of {} subjects (seed {}) · policy pack {} {} · model {}</p>\n",
      esc(r.as_of), r.size, r.seed, esc(r.pack_id), esc(r.pack_version), esc(r.model));
  h += "<div class=\"cards\">";
  h += fmt::format("<div class=\"card\"><b id=\"n-subjects\">{}</b>市场主体 market subjects</div>",
                   r.subjects);
  h += fmt::format("<div class=\"card\"><b>{}</b>从业人员 natural persons</div>", r.persons);
  h += fmt::format("<div class=\"card\"><b>{}</b>信用记录 records</div>", r.records);
  h += fmt::format("<div class=\"card\"><b>{}</b>名单条目 list entries</div>", r.list_entries);
  h += fmt::format("<div class=\"card\"><b>{:.1f}%</b>建档覆盖率 coverage (目标 {:.0f}%)</div>",
                   cov == r.coverage.end() ? 0.0 : 100 * cov->second, 100 * std::max(0.0, target));
  h += fmt::format("<div class=\"card\"><b>{}</b>拒收数据行 rows rejected of {}</div>", rejected, rows);
  h += "</div>\n";

  // charts
  std::vector<std::pair<std::string, double>> grade_bars;
  for (const auto& [g, n] : r.grades) grade_bars.emplace_back(g, static_cast<double>(n));
  std::vector<std::pair<std::string, double>> cov_bars;
  for (const auto& [d, share] : r.coverage) cov_bars.emplace_back(zh(d), share);
  h += "<h2>信用评价与建档覆盖 Grades and coverage</h2><div class=\"charts\">";
  h += bar_chart("chart-grades", "信用等级分布 Grade distribution (" + r.model + ")", grade_bars, "#1f5f99",
                 false);
  h +=
      bar_chart("chart-coverage", "按领域的建档覆盖率 Coverage by domain", cov_bars, "#4292c6", true, target);
  h += "</div>";
  h += fmt::format(
      "<p class=\"note\">覆盖率 = 有信用档案的市场主体 / 领域内已知市场主体；规划目标：{} 年 "
      "{:.0f}%。Coverage counts the "
      "subjects the registry can see; a host passes its own totals (docs/grading.md).</p>",
      target_year, 100 * std::max(0.0, target));
  h += "<table><tr><th>领域 domain</th><th>市场主体 subjects</th><th>已建档 with "
       "file</th><th>覆盖率</th></tr>";
  for (const auto& [d, c] : r.coverage_counts)
    h += fmt::format(
        "<tr><td>{} {}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{:.1f}%</td></tr>",
        esc(zh(d)), esc(d), c.first, c.second,
        c.first == 0 ? 0.0 : 100.0 * static_cast<double>(c.second) / static_cast<double>(c.first));
  h += "</table>\n";

  h += "<h2>联合奖惩：业务核查 Joint reward and punishment: prechecks</h2>";
  h += verdict_chart(r);
  h += "<p class=\"note\">每个市场主体在每个业务场景各核查一次；结论取所匹配措施中最强的效力（禁止 &gt; 限制 "
       "&gt; 重点关注 "
       "&gt; 激励 &gt; 无措施）。Each subject prechecked once per scenario; the verdict is the strongest "
       "matched "
       "effect.</p>";
  std::vector<std::pair<std::size_t, std::string>> top;
  for (const auto& [id, n] : r.measure_counts) top.emplace_back(n, id);
  std::sort(top.rbegin(), top.rend());
  h += "<table><tr><th>措施 measure</th><th>id</th><th>适用次数 times</th></tr>";
  for (std::size_t i = 0; i < top.size() && i < 10; ++i) {
    auto t = r.measure_titles.find(top[i].second);
    h += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                     esc(t == r.measure_titles.end() ? "" : t->second), esc(top[i].second), top[i].first);
  }
  h += "</table>";
  if (!r.examples.empty()) {
    h += "<table><tr><th>场景</th><th>市场主体</th><th>结论</th><th>措施与依据 measure and basis</th></tr>";
    for (const auto& ex : r.examples)
      h += fmt::format(
          "<tr><td>{}</td><td>{}<br>{}</td><td>{}</td><td>{}<br><span class=\"note\">{}</span>{}</td></tr>",
          esc(zh(ex.scenario)), esc(ex.name), esc(ex.uscc), esc(zh(ex.verdict)), esc(ex.measure),
          esc(ex.basis),
          ex.basis_mark.empty() ? std::string()
                                : "<sup class=\"unconfirmed\" title=\"依据待核实 basis not confirmed\">" +
                                      esc(ex.basis_mark) + "</sup>");
    h += "</table>";
  }

  h += "<h2>信用修复 Credit repair</h2><p "
       "class=\"note\">假设：处罚义务于决定后30日履行完毕，信用承诺于报告日签署。"
       "Assumed: obligations fulfilled 30 days after the decision, a commitment signed on the report "
       "date.</p>";
  h += "<table><tr><th>记录 record</th><th>程度</th><th>决定日期</th><th>结论 status</th><th>适用规定 "
       "regime</th>"
       "<th>最早可修复</th><th>公示届满</th><th>办理时限</th></tr>";
  for (const auto& x : r.repairs)
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} "
        "{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        esc(x.record), esc(x.severity), esc(x.decision_date), esc(zh(x.status)),
        x.missing.empty() ? "" : "(" + esc(x.missing) + ")", esc(x.regime), esc(x.earliest),
        esc(x.publication_end), esc(x.deadline));
  h += "</table>\n";

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
