// The ecredit program's one message table: every text the CLI prints itself, in Chinese
// and English (`--lang zh|en`, default zh, as the library's reports). Texts the library
// already has in both languages (validation messages, dataset and measure titles, effect
// and repair-status labels, identifier reasons) come from the library, not from here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace ecredit_cli {

enum class Lang { zh, en };

inline Lang parse_lang(std::string_view s) { return s == "en" ? Lang::en : Lang::zh; }
inline const char* lang_code(Lang l) { return l == Lang::en ? "en" : "zh"; }

/// One text in both languages.
struct Text {
  const char* zh;
  const char* en;
  const char* operator()(Lang l) const { return l == Lang::en ? en : zh; }
};

/// A counted noun: "1 row" / "2 rows" in English, "1 行" / "2 行" in Chinese (no plural;
/// the measure word, e.g. 个, is part of the Chinese text).
struct Noun {
  const char* zh;
  const char* en_one;
  const char* en_many;
};

inline std::string count(Lang l, std::size_t n, const Noun& w) {
  if (l == Lang::zh) return fmt::format("{} {}", n, w.zh);
  return fmt::format("{} {}", n, n == 1 ? w.en_one : w.en_many);
}

/// A message with {} placeholders, formatted in `l`.
template <class... Args>
std::string say(Lang l, const Text& t, Args&&... args) {
  return fmt::format(fmt::runtime(t(l)), std::forward<Args>(args)...);
}

namespace msg {

// nouns
inline constexpr Noun rows{"行", "row", "rows"};
inline constexpr Noun errors{"个错误", "error", "errors"};
inline constexpr Noun warnings{"个警告", "warning", "warnings"};
inline constexpr Noun subjects{"个主体", "subject", "subjects"};
inline constexpr Noun relations{"条关联关系", "relation", "relations"};
inline constexpr Noun fields{"个字段", "field", "fields"};
inline constexpr Noun months{"个月", "month", "months"};
inline constexpr Noun working_days{"个工作日", "working day", "working days"};

// common
inline constexpr Text prefix{"ecredit：", "ecredit: "};
inline constexpr Text as_of_default_today{"截至 {}（默认：今天，UTC；--as-of 可指定）",
                                          "as of {} (default: today, UTC; --as-of to change)"};
inline constexpr Text as_of_default_demo{
    "截至 {}（默认：样本市场的基准日；--as-of 可指定）",
    "as of {} (default: the sample market's reference date; --as-of to change)"};
inline constexpr Text deprecated_record{
    "--record 已弃用：请直接给出文件，如 `ecredit repair {}`",
    "--record is deprecated: give the file as the argument, `ecredit repair {}`"};
inline constexpr Text stdin_name{"<标准输入>", "<stdin>"};

// validate
inline constexpr Text sev_error{"错误", "error"};
inline constexpr Text sev_warning{"警告", "warning"};
inline constexpr Text findings_capped{"（问题列表已截断，仅列出前 {} 条；下方计数完整）",
                                      "(findings capped at the first {}; the counts below are complete)"};
inline constexpr Text findings_none_listed{
    "（--max-findings 0：不列出问题；下方计数完整）",
    "(--max-findings 0: no findings listed; the counts below are complete)"};
inline constexpr Text validate_summary{"{}：{}，接受 {} 行，拒绝 {} 行（空行 {} 行）；{}，{}；编码 {}",
                                       "{}: {}, {} accepted, {} rejected ({} blank); {}, {}; encoding {}"};
inline constexpr Text result_valid{"结果：通过", "result: valid"};
inline constexpr Text result_errors{"结果：有错误", "result: has errors"};

// registry loading
inline constexpr Text rows_rejected{
    "{0}：{2}中 {1} 行被拒绝，未使用（详见 `ecredit validate`）",
    "{0}: {1} of {2} rejected and not used (run `ecredit validate` for details)"};
inline constexpr Text not_a_dataset{"{}：不是数据集文件，已跳过", "{}: not a dataset file, skipped"};

// grade
inline constexpr Text grade_line{"{} {} 得分 {}（{} {}，截至 {}）{}", "{} {} score {} ({} {}, as of {}){}"};
inline constexpr Text no_data{" 无数据", " no data"};
inline constexpr Text graded{"{}已评价，截至 {}，模型 {}：", "{} graded as of {} with {}:"};
inline constexpr Text related_count{"{}：{}，截至 {}，{} 步以内", "{} of {} as of {}, within {} hops"};
inline constexpr Text coverage{"覆盖率：", "coverage:"};
inline constexpr Text plan_targets{"规划目标：", "plan targets:"};

// precheck
inline constexpr Text no_credit_file{"无信用档案", "no credit file"};
inline constexpr Text no_name{"（无名称）", "(no name)"};
inline constexpr Text grade_paren{"（等级 {}）", " (grade {})"};
inline constexpr Text precheck_line{"{} {}{}：{}，场景 {}{}，截至 {}", "{} {}{}: {} in {}{} as of {}"};
inline constexpr Text for_department{"，部门 {}", " for {}"};
inline constexpr Text list_line{"  名单     {} {} {} 自 {} 起{}", "  list   {} {} {} since {}{}"};
inline constexpr Text via{"（经由 {}）", " (via {})"};
inline constexpr Text flag_line{"  标记     {} {}{}", "  flag   {} {}{}"};
inline constexpr Text basis_label{"依据：", "basis: "};
inline constexpr Text commitment{"  告知承诺制：{}{}", "  commitment-based approval (告知承诺制): {}{}"};
inline constexpr Text commitment_allowed{"允许", "allowed"};
inline constexpr Text commitment_allowed_no_file{"允许（无信用档案：没有可据以排除的失信记录）",
                                                 "allowed (no credit file: no bad record to exclude it)"};

// repair
inline constexpr Text record{"记录", "record"};
inline constexpr Text repair_line{"{}：{}，截至 {}", "{}: {} as of {}"};
inline constexpr Text repair_regime{"  修复制度   {} — {}", "  regime     {} — {}"};
inline constexpr Text repair_tier{"  严重程度   {}（{} 至 {}）", "  tier       {} ({} to {})"};
inline constexpr Text repair_earliest{"  最早可修复 {}", "  earliest   {}"};
inline constexpr Text repair_publication{"  公示期届满 {}", "  publication ends {}"};
inline constexpr Text repair_missing{"  缺少材料   {}", "  missing    {}"};
inline constexpr Text repair_why{"  原因       {}", "  why        {}"};
inline constexpr Text repair_deadline{"  办理时限   {} {} → {}{}{}", "  deadline   {} {} -> {}{}{}"};
inline constexpr Text extension_applies{"（延长，适用）", " (extension, applies)"};
inline constexpr Text extension_not_applied{"（复杂案件的延长，未适用）",
                                            " (extension for a complex case, not applied)"};
inline constexpr Text repair_effect{"  修复效果   {}", "  effect     {}"};
inline constexpr Text repair_basis{"  依据       {}", "  basis      {}"};
inline constexpr Text both_stdin{"记录与证据不能都来自标准输入（-）",
                                 "the record and the evidence cannot both be standard input (-)"};

// archive
inline constexpr Noun batches{"个批次", "batch", "batches"};
inline constexpr Noun entities{"个实体", "entity", "entities"};
inline constexpr Noun versions{"个版本", "version", "versions"};
inline constexpr Noun events{"个事件", "event", "events"};
inline constexpr Text archive_missing{
    "档案文件 '{0}' 不存在（新建请用 `ecredit archive init --archive {0}`）",
    "archive file '{0}' does not exist (create it with `ecredit archive init --archive {0}`)"};
inline constexpr Text archive_created{"已新建档案 {}（架构版本 {}）",
                                      "created archive {} (schema version {})"};
inline constexpr Text archive_opened{"档案 {} 已存在（架构版本 {}），未作改动",
                                     "archive {} exists (schema version {}); nothing changed"};
inline constexpr Text import_line{"批次 {}：来源 {}，收到 {}，入库 {}",
                                  "batch {}: source {}, received {}, recorded {}"};
inline constexpr Text not_given{"（未提供）", "(not given)"};
inline constexpr Text import_skipped{"{}：不是数据集文件，未导入", "{}: not a dataset file, not imported"};
inline constexpr Text import_rejected{
    "{0}：{2}中 {1} 行被拒绝，未入库（原因见 `--json` 或 `ecredit validate`）",
    "{0}: {1} of {2} rejected and not stored (`--json` or `ecredit validate` gives the reasons)"};
inline constexpr Text status_line{"档案 {}：架构版本 {}；{}，{}，{}，{}；最新序号 {}",
                                  "archive {}: schema version {}; {}, {}, {}, {}; last seq {}"};
inline constexpr Text history_line{"{}（数据集 {}，主键 {}）：{}，{}", "{} (dataset {}, key {}): {}, {}"};
inline constexpr Text objection_filed{"已登记异议 {}：记录 {}，{} 提出",
                                      "objection {} filed: record {}, on {}"};
inline constexpr Text objection_status{"异议 {}：{}", "objection {}: {}"};
inline constexpr Text repair_filed{"已登记信用修复申请 {}：记录 {}，{} 提出",
                                   "repair application {} filed: record {}, on {}"};
inline constexpr Text repair_applied{"记录 {} 自 {} 起已信用修复，不再计入",
                                     "record {} repaired from {}; it no longer counts"};
inline constexpr Text breaches_made{"截至 {}：新增 {} 条违背承诺记录",
                                    "as of {}: {} new commitment breaches"};
inline constexpr Text check_ok{"档案检查通过：{}，{}，{}，{}", "archive check passed: {}, {}, {}, {}"};
inline constexpr Text checkpoint_made{
    "已保存检查点：第 {} 批次/事件的快照，{} 个主体，{} 条记录，{:.1f} MB",
    "checkpoint stored: the snapshot of seq {}, {} subjects, {} records, {:.1f} MB"};
inline constexpr Text checkpoint_nothing{"档案尚无批次或事件：无需检查点，未保存",
                                         "the archive holds no batch or event yet: no checkpoint stored"};
inline constexpr Text check_failed{"档案检查未通过：{} 个问题", "archive check failed: {} problems"};
inline constexpr Text exported{"{}：{} → {}", "{}: {} → {}"};
inline constexpr Text exported_total{"已导出当前状态：{} 个数据集文件 → {}",
                                     "exported the current state: {} dataset files → {}"};

// demo
inline constexpr Text demo_step_sample{"生成 {} 个主体的样本市场（种子 {}）",
                                       "generating a sample market of {} subjects (seed {})"};
inline constexpr Text demo_done_sample{"{} 行，{} 个文件 → {}", "{} rows in {} files → {}"};
inline constexpr Text demo_step_validate{"按信用数据清单校验每个数据集",
                                         "validating every dataset against the credit data list"};
inline constexpr Text demo_done_validate{"{} 个数据集，拒绝 {} 行", "{} datasets, {} rows rejected"};
inline constexpr Text demo_step_registry{
    "第 1 天数据导入信用档案 {}，取快照（registry）",
    "importing day 1 into the archive {}, taking its snapshot (registry)"};
inline constexpr Text demo_done_registry{
    "{} 个市场主体，{} 个自然人，{} 条记录，{} 条名单",
    "{} market subjects, {} natural persons, {} records, {} list entries"};
inline constexpr Text demo_step_grade{"评价每个主体并计算覆盖率",
                                      "grading every subject and measuring coverage"};
inline constexpr Text demo_done_grade{"{} 个等级（{}）", "{} grades under {}"};
inline constexpr Text demo_step_precheck{"核查：每个主体 × {} 个业务场景",
                                         "prechecks: every subject in {} scenarios"};
inline constexpr Text demo_done_precheck{"{} 次核查", "{} prechecks"};
inline constexpr Text demo_step_repair{"核查受处罚主体的信用修复",
                                       "checking credit repair for penalised subjects"};
inline constexpr Text demo_done_repair{"核查 {} 条记录", "{} records checked"};
inline constexpr Text demo_step_day2{"第 2 天：增量文件导入、异议、信用修复",
                                     "day 2: the delta files, an objection, a repair"};
inline constexpr Text demo_done_day2{
    "批次 {}：更新 {}，撤回 {}，新增 {}，未变 {}，拒收 {}；前后对比 {} 个主体",
    "batch {}: {} updated, {} withdrawn, {} inserted, {} unchanged, {} rejected; "
    "{} subjects compared"};
inline constexpr Text demo_step_write{"写出 summary.json 和 report.html",
                                      "writing summary.json and report.html"};
inline constexpr Text demo_summary{
    "ecredit demo：{} 个市场主体，截至 {}；等级{}；覆盖率 {:.1f}%（2025 年目标 {:.0f}%）",
    "ecredit demo: {} market subjects as of {}; grades{}; coverage {:.1f}% (target {:.0f}% by 2025)"};
inline constexpr Text demo_open{"报告见 {}；详细数据见 summary.json 和 validation/",
                                "open {} for the report; summary.json and validation/ for the details"};
inline constexpr Text demo_removed{"demo 未完成：已删除本次创建的 {}",
                                   "demo failed: removed {}, which it had created"};
inline constexpr Text demo_left{"demo 未完成：{} 中留有不完整的输出",
                                "demo failed: incomplete output left in {}"};

}  // namespace msg

}  // namespace ecredit_cli
