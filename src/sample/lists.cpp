// The generator: red, black and key-attention lists, the shared platform's lists
// (失信被执行人, 经营异常名录), arrears, energy saving, evaluations, commitments and
// commendations.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "ecredit/repair.hpp"
#include "generator.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

Generator::ListPlace Generator::black_place(const Company& c, int domain) const {
  if (c.serious_incident)
    return {kEmergency,
            "《关于对安全生产领域失信生产经营单位及其有关人员开展联合惩戒的合作备忘录》（发改财金〔2016〕10"
            "01号）",
            1};
  switch (domain) {
    case kElec:
      return {kNea,
              "《关于对电力行业严重违法失信市场主体及其有关人员实施联合惩戒的合作备忘录》；《电力监管条例》",
              3};
    case kOilGas:
      return {kUrban,
              "《关于对石油天然气行业严重违法失信主体实施联合惩戒的合作备忘录》；《城镇燃气管理条例》", 3};
    case kPipe:
      return {kDev,
              "《中华人民共和国石油天然气管道保护法》；《广州市能源行业信用体系建设规划（2019—2025年）》四"
              "（三）",
              3};
    case kRenew:
      return {kDev,
              "《广州市能源行业信用体系建设规划（2019—2025年）》四（四）；《企业投资项目核准和备案管理条例》",
              3};
    default:
      return {kDev, "《中华人民共和国节约能源法》；《广州市能源行业信用体系建设规划（2019—2025年）》四（五）",
              3};
  }
}

/// Status and removal of a list entry on the as-of day.
void Generator::list_outcome(Table& t, sys_days included, sys_days expires, bool repairable) {
  t["expires_on"] = iso(expires);
  const sys_days min_period = add_months(included, 12);
  if (repairable && min_period < as_of_ - days{1} && rng_.pct(15)) {
    const sys_days removed = day_between(min_period, std::min(expires, as_of_ - days{1}));
    t["removed_on"] = iso(removed);
    t["removal_reason"] = "完成信用修复，经认定单位同意移出";
    t["status"] = "已信用修复";
  } else if (rng_.pct(90)) {
    t["status"] = expires <= as_of_ ? "已到期" : "有效";
  }
}

void Generator::set_list_subject(Table& t, const Company& c) {
  t["uscc"] = c.uscc;
  t["name"] = c.name;
  t["subject_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
  t["legal_rep"] = c.rep.name;
}

void Generator::write_black(Company& c) {
  Table& t = table(kBlack);
  const int domain = c.domains[0];
  // the serious penalty that led to the listing, 1–4 months before it
  const sys_days penalty_day = event_day(c, 75);
  write_penalty(c, 2, nullptr, penalty_day, domain);
  const ListPlace place = black_place(c, domain);
  const Authority& auth = city_[static_cast<std::size_t>(place.auth)];
  for (int attempt = 0; attempt < 5; ++attempt) {
    t.clear();
    const sys_days included =
        penalty_day +
        days{rng_.range(
            30, std::max<std::int64_t>(30, std::min<std::int64_t>(120, (as_of_ - penalty_day).count() - 1)))};
    set_list_subject(t, c);
    t["domain"] = kDomainLabel[domain];
    t["list_basis"] = place.basis;
    t["listing_unit"] = auth.name;
    t["listing_unit_uscc"] = auth.uscc;
    t["decision_no"] = doc_no(auth.abbr + "失信", year_of(included));
    t["reason"] =
        "因" + c.last_violation + "受到行政处罚（" + c.last_penalty_no + "），情节严重，认定为严重失信主体";
    t["included_on"] = iso(included);
    list_outcome(t, included, add_months(included, 12 * place.years), true);
    if (rng_.pct(80)) t["notice_date"] = iso(included - days{rng_.range(15, 28)});
    std::string persons = c.rep.name;
    for (const auto& p : c.responsible) persons += "、" + p.name;
    t["responsible_persons"] = persons;
    t["severity"] = "严重";
    if (!t.key_free()) continue;
    t.commit();
    c.black_listed = true;
    return;
  }
}

void Generator::write_key_attention(const Company& c) {
  Table& t = table(kKey);
  const int domain = c.domains[0];
  static const std::vector<const char*> kReasons[kDomains] = {
      {"一年内受到两次以上电力监管行政处罚", "拖欠电费且经催缴仍未缴清",
       "电力市场交易中存在违规行为，经约谈仍未整改"},
      {"一年内受到两次以上燃气管理行政处罚", "燃气安全检查发现重大隐患，逾期未整改",
       "瓶装燃气经营存在违规充装行为"},
      {"第三方施工多次损坏燃气管道", "未经许可在管道保护范围内施工，经责令仍未整改"},
      {"分布式光伏项目未按备案内容建设，经责令仍未整改", "拖欠光伏发电电费且经催缴仍未缴清"},
      {"节能目标责任评价考核结果为未完成等级", "拒不参加节能监察",
       "未按规定报送能源利用状况报告，经责令仍未改正"},
  };
  const int auth_code = domain == kOilGas ? kUrban : domain == kElec ? (rng_.pct(50) ? kNea : kDev) : kDev;
  const Authority& auth = city_[static_cast<std::size_t>(auth_code)];
  for (int attempt = 0; attempt < 5; ++attempt) {
    t.clear();
    const sys_days included = event_day(c, 2);
    set_list_subject(t, c);
    t["domain"] = kDomainLabel[domain];
    t["list_basis"] =
        "《广州市能源行业信用体系建设规划（2019—2025年）》三（三）；《国务院办公厅关于进一步完善失信约束制"
        "度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）";
    t["listing_unit"] = auth.name;
    t["listing_unit_uscc"] = auth.uscc;
    if (rng_.pct(60)) t["decision_no"] = doc_no(auth.abbr + "信用关注", year_of(included));
    t["reason"] = rng_.pick(kReasons[domain]);
    t["included_on"] = iso(included);
    list_outcome(t, included, add_months(included, rng_.pct(70) ? 12 : 6), false);
    if (!t.key_free()) continue;
    t.commit();
    return;
  }
}

void Generator::write_red(const Company& c) {
  Table& t = table(kRed);
  const int domain = c.domains[0];
  static const std::vector<const char*> kReasons = {
      "连续三年信用评价为AAA级，无不良信用记录", "获评省级以上表彰，近三年无行政处罚和其他不良信用记录",
      "近三年严格履行信用承诺，无行政处罚和其他不良信用记录", "节能目标责任评价考核连续三年超额完成"};
  const int auth_code = domain == kOilGas ? kUrban : domain == kElec && rng_.pct(50) ? kNea : kDev;
  const Authority& auth = city_[static_cast<std::size_t>(auth_code)];
  for (int attempt = 0; attempt < 5; ++attempt) {
    t.clear();
    const sys_days included = event_day(c, 2);
    set_list_subject(t, c);
    t["domain"] = kDomainLabel[domain];
    t["list_basis"] = "《广州市能源行业信用体系建设规划（2019—2025年）》三（三）1 守信激励";
    t["listing_unit"] = auth.name;
    t["listing_unit_uscc"] = auth.uscc;
    if (rng_.pct(70)) t["decision_no"] = doc_no(auth.abbr + "守信", year_of(included));
    t["reason"] = rng_.pick(kReasons);
    t["included_on"] = iso(included);
    const sys_days expires = add_months(included, rng_.pct(50) ? 24 : 36);
    t["expires_on"] = iso(expires);
    if (rng_.pct(90)) t["status"] = expires <= as_of_ ? "已到期" : "有效";
    if (!t.key_free()) continue;
    t.commit();
    return;
  }
}

void Generator::write_arrears(const Company& c) {
  Table& t = table(kArr);
  t.clear();
  const bool factory = c.roles.front() == "电力用户" || c.roles.front() == "重点用能单位";
  std::string kind = "电费", supplier = "广东电网有限责任公司广州供电局", supplier_uscc, prefix = "03";
  int domain = kElec;
  const unsigned r = static_cast<unsigned>(rng_.below(100));
  if (factory && r < 20 && !pv_owners_.empty()) {
    kind = "光伏发电电费";
    const auto& s = rng_.pick(pv_owners_);
    supplier = s.first;
    supplier_uscc = s.second;
    prefix = "GF";
    domain = kRenew;
  } else if (r < 45 && !gas_.empty()) {
    kind = "燃气费";
    const auto& s = rng_.pick(gas_);
    supplier = s.first;
    supplier_uscc = s.second;
    prefix = "RQ";
    domain = kOilGas;
  }
  const sys_days recognised = event_day(c, 2);
  const sys_days period_end = recognised - days{rng_.range(30, 180)};
  const date::year_month_day end_ymd{period_end};
  const sys_days month_end = sys_days{end_ymd.year() / end_ymd.month() / date::last};
  const sys_days pe = month_end < recognised ? month_end : period_end;
  const date::year_month_day pe_ymd{pe};
  const sys_days ps = add_months(sys_days{pe_ymd.year() / pe_ymd.month() / date::day{1}},
                                 -static_cast<int>(rng_.range(0, 5)));
  t["uscc"] = c.uscc;
  t["name"] = c.name;
  t["subject_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
  t["legal_rep"] = c.rep.name;
  t["arrears_kind"] = kind;
  t["account_no"] = prefix + digits(account_perm_(next("account")), 8);
  const std::int64_t amount =
      kind == "电费" ? rng_.range(500'000, 200'000'000) : rng_.range(100'000, 30'000'000);
  t["amount"] = decimal(amount, 2);
  t["period_start"] = iso(ps);
  t["period_end"] = iso(pe);
  if (rng_.pct(80)) t["overdue_days"] = std::to_string((recognised - pe).count());
  t["supplier"] = supplier;
  if (!supplier_uscc.empty()) t["supplier_uscc"] = supplier_uscc;
  t["recognised_on"] = iso(recognised);
  const bool malicious = rng_.pct(c.tier >= 2 ? 25 : 5);
  if (rng_.pct(85)) t["malicious"] = malicious ? "是" : "否";
  const unsigned s = static_cast<unsigned>(rng_.below(100));
  t["status"] = s < 50 ? "未缴清" : s < 70 ? "部分缴纳" : s < 90 ? "已缴清" : "有异议";
  t["domain"] = kDomainLabel[domain];
  if (rng_.pct(80)) t["severity"] = malicious ? "严重" : amount < 2'000'000 ? "轻微" : "一般";
  t.commit();
}

void Generator::write_energy_saving(const Company& c) {
  Table& t = table(kEs);
  const bool key_user = c.roles.front() == "重点用能单位" || c.roles.front() == "炼化企业";
  for (int attempt = 0; attempt < 5; ++attempt) {
    t.clear();
    t["uscc"] = c.uscc;
    t["name"] = c.name;
    const sys_days concluded = event_day(c, 2);
    const int year = year_of(concluded);
    std::string item, result;
    const unsigned bad = c.tier >= 2 ? 25 : c.tier == 1 ? 8 : 2;
    if (key_user && rng_.pct(50)) {
      item = "节能目标责任评价考核";
      const unsigned r = static_cast<unsigned>(rng_.below(100));
      result = r < bad / 5    ? "拒不参加考核"
               : r < bad      ? "未完成"
               : r < bad + 12 ? "基本完成"
               : r < 80       ? "完成"
                              : "超额完成";
      t["year"] = std::to_string(year - 1);
      if (result != "拒不参加考核") t["score"] = decimal(rng_.range(result == "未完成" ? 400 : 650, 990), 1);
    } else {
      static const std::vector<const char*> kItems = {"节能监察", "能源审计", "固定资产投资项目节能审查",
                                                      "能耗在线监测数据报送", "能源利用状况报告"};
      item = key_user ? rng_.pick(kItems) : "节能监察";
      result = rng_.pct(bad + 4) ? "不合格" : "合格";
      if (item == "能源利用状况报告" || item == "能耗在线监测数据报送") t["year"] = std::to_string(year - 1);
    }
    t["item"] = item;
    t["result"] = result;
    if (key_user && rng_.pct(80)) t["energy_consumption"] = decimal(rng_.range(50'000, 3'000'000), 1);
    const bool failed = result == "未完成" || result == "不合格" || result == "拒不参加考核";
    if (failed) {
      static const std::vector<const char*> kFindings = {
          "未按规定设立能源管理岗位", "能源计量器具配备率未达到国家标准要求", "单位产品能耗超过国家限额标准",
          "未按期完成年度节能目标", "未按规定开展能源审计"};
      t["findings"] = rng_.pick(kFindings);
      t["handling"] =
          "责令限期" + std::to_string(rng_.range(1, 6)) + "个月内整改，整改情况报送市节能主管部门";
    }
    t["concluded_on"] = iso(concluded);
    const Authority& auth = city_[item == "节能监察"               ? kSavingCentre
                                  : item == "能耗在线监测数据报送" ? kIndustry
                                                                   : kDev];
    t["authority"] = auth.name;
    if (rng_.pct(70)) t["authority_uscc"] = auth.uscc;
    if (rng_.pct(60))
      t["document_no"] = doc_no(item == "节能监察"               ? "穗节能监察"
                                : item == "能耗在线监测数据报送" ? "穗工信节能"
                                                                 : "穗发改节能",
                                year);
    t["domain"] = kDomainLabel[kSaving];
    if (failed) t["severity"] = result == "拒不参加考核" ? "严重" : "一般";
    if (!t.key_free()) continue;
    t.commit();
    return;
  }
}

void Generator::write_evaluation(const Company& c) {
  Table& t = table(kEva);
  for (int attempt = 0; attempt < 5; ++attempt) {
    t.clear();
    t["uscc"] = c.uscc;
    t["name"] = c.name;
    const sys_days evaluated = event_day(c, 2);
    const int year = year_of(evaluated);
    const unsigned s = static_cast<unsigned>(rng_.below(100));
    const int domain = c.domains[0];
    std::string grade;
    static const char* const kNeaGrades[] = {"AAA", "AA", "A", "B", "C"};
    static const unsigned kNeaWeights[4][5] = {
        {50, 40, 10, 0, 0}, {15, 45, 35, 5, 0}, {0, 10, 40, 40, 10}, {0, 0, 10, 40, 50}};
    static const char* const kRiskGrades[] = {"A", "B", "C", "D"};
    static const unsigned kRiskWeights[4][4] = {
        {70, 30, 0, 0}, {20, 70, 10, 0}, {0, 40, 50, 10}, {0, 10, 50, 40}};
    auto nea_grade = [&] {
      const auto& w = kNeaWeights[c.tier];
      return std::string(kNeaGrades[rng_.weighted({w[0], w[1], w[2], w[3], w[4]})]);
    };
    bool validity = true;
    if (s < 35 && domain != kPipe) {
      t["scheme"] = "能源行业市场主体信用评价";
      grade = nea_grade();
      const Authority& ev = associations_[domain == kOilGas ? 1u : domain == kSaving ? 2u : 0u];
      t["evaluator"] = ev.name;
      if (rng_.pct(80)) t["evaluator_uscc"] = ev.uscc;
      const bool veto = c.tier == 3 && rng_.pct(20);
      if (veto) grade = "C";
      if (rng_.pct(85) || veto) t["veto"] = veto ? "是" : "否";
      if (veto) t["veto_cause"] = rng_.pct(50) ? "合同欺诈" : "其他严重违法违规行为";
    } else if (s < 65) {
      t["scheme"] = "信用风险分类";
      const auto& w = kRiskWeights[c.tier];
      grade = kRiskGrades[rng_.weighted({w[0], w[1], w[2], w[3]})];
      t["evaluator"] = city_[kMarket].name;
      if (rng_.pct(80)) t["evaluator_uscc"] = city_[kMarket].uscc;
      validity = false;
    } else if (s < 80) {
      t["scheme"] = "公共信用综合评价";
      const auto& w = kRiskWeights[c.tier];
      grade = kRiskGrades[rng_.weighted({w[0], w[1], w[2], w[3]})];
      t["evaluator"] = city_[kDev].name;
      if (rng_.pct(80)) t["evaluator_uscc"] = city_[kDev].uscc;
      validity = false;
    } else if (s < 92) {
      t["scheme"] = "行业协会信用评价";
      grade = nea_grade();
      const Authority& ev = associations_[domain == kOilGas ? 4u : domain == kSaving ? 5u : 3u];
      t["evaluator"] = ev.name;
      if (rng_.pct(80)) t["evaluator_uscc"] = ev.uscc;
    } else {
      t["scheme"] = "第三方信用评价";
      grade = nea_grade();
      t["evaluator"] = associations_[6].name;
      t["evaluator_uscc"] = associations_[6].uscc;
    }
    t["grade"] = grade;
    if (validity) {
      const int base = grade == "AAA"  ? 900
                       : grade == "AA" ? 800
                       : grade == "A"  ? 700
                       : grade == "B"  ? 600
                                       : 450;
      if (rng_.pct(80)) t["score"] = decimal(base + rng_.range(0, 99), 1);
      if (rng_.pct(85)) {
        t["valid_from"] = iso(evaluated);
        t["valid_to"] = iso(add_months(evaluated, 36) - days{1});
      }
      if (rng_.pct(70))
        t["certificate_no"] = "XYPJ-" + std::to_string(year) + "-" + digits(next("certificate"), 5);
    }
    if (rng_.pct(50)) t["report_no"] = "PJBG" + std::to_string(year) + digits(next("report"), 6);
    t["evaluated_on"] = iso(evaluated);
    t["domain"] = kDomainLabel[domain];
    if (!t.key_free()) continue;
    t.commit();
    return;
  }
}

void Generator::write_commitment(const Company& c) {
  Table& t = table(kCmt);
  t.clear();
  const sys_days committed = event_day(c, 2);
  const int domain = record_domain(c);
  std::string type, matter;
  int auth_code = kDev;
  const unsigned r = static_cast<unsigned>(rng_.below(100));
  if (!c.last_penalty_no.empty() && r < 25) {
    type = "信用修复型";
    matter = "申请行政处罚信息信用修复（" + c.last_penalty_no + "）";
  } else if (r < 45) {
    type = "审批替代型";
    static const std::vector<const char*> kMatters[kDomains] = {
        {"电力业务许可证（供电类）变更", "承装（修、试）电力设施许可证延续"},
        {"燃气经营许可证核发（告知承诺制）", "成品油零售经营批准证书变更"},
        {"在管道保护范围内施工作业许可（告知承诺制）"},
        {"分布式光伏发电项目备案（告知承诺制）"},
        {"固定资产投资项目节能审查（告知承诺制）"}};
    matter = rng_.pick(kMatters[domain]);
    auth_code = domain == kOilGas ? kUrban : domain == kElec ? kNea : kDev;
  } else if (r < 60) {
    type = "容缺受理型";
    matter = "企业投资项目核准（容缺受理）";
  } else if (r < 75) {
    type = "证明事项型";
    matter = rng_.pct(50) ? "广州市节能专项资金申报证明事项告知承诺" : "无违法违规记录证明事项告知承诺";
    auth_code = rng_.pct(50) ? kIndustry : kDev;
  } else if (r < 90) {
    type = "行业自律型";
    matter = domain == kOilGas ? "广州市燃气行业自律公约承诺"
             : domain == kElec ? "售电公司市场交易诚信承诺"
                               : "节能服务行业诚信自律承诺";
  } else {
    type = "主动型";
    matter = "主动公开信用承诺";
  }
  const Authority& auth = city_[static_cast<std::size_t>(auth_code)];
  t["commitment_no"] = "XYCN" + std::to_string(year_of(committed)) + digits(next("commitment"), 7);
  t["commitment_type"] = type;
  t["matter"] = matter;
  if (rng_.pct(60))
    t["content"] = "本单位承诺所提交材料真实、完整、有效，如有虚假，愿意承担相应法律责任并接受失信惩戒。";
  t["uscc"] = c.uscc;
  t["name"] = c.name;
  t["subject_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
  t["legal_rep"] = c.rep.name;
  t["committed_on"] = iso(committed);
  if (rng_.pct(70)) t["valid_until"] = iso(add_months(committed, 12));
  t["acceptor"] = auth.name;
  if (rng_.pct(70)) t["acceptor_uscc"] = auth.uscc;
  if (committed + days{90} < as_of_ && rng_.pct(90)) {
    const unsigned breach = c.tier >= 2 ? 25 : c.tier == 1 ? 6 : 1;
    const unsigned f = static_cast<unsigned>(rng_.below(100));
    const char* status = f < breach / 2 ? "全部未履行" : f < breach ? "部分履行" : "全部履行";
    t["fulfilment_status"] = status;
    t["verified_on"] =
        iso(day_between(committed + days{30}, std::min(committed + days{365}, as_of_ - days{1})));
    if (std::string_view(status) != "全部履行")
      t["breach_description"] = "承诺在三个月内补交的材料逾期未提交，经核查部分承诺内容与实际不符";
  }
  const unsigned d = static_cast<unsigned>(rng_.below(100));
  t["disclosure_type"] = d < 70 ? "可向社会公开" : d < 95 ? "特定范围内公开" : "不可公开";
  t["domain"] = kDomainLabel[domain];
  t.commit();
}

void Generator::write_commendation(const Company& c) {
  const std::vector<Honour>& kHonours = honours();
  Table& t = table(kCom);
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::vector<unsigned> w;
    for (const auto& h : kHonours) {
      const bool ok = (h.domain == kAnyDomain ||
                       std::find(c.domains.begin(), c.domains.end(), h.domain) != c.domains.end()) &&
                      has_role(c, h.roles);
      w.push_back(ok ? (h.person ? 2u : 10u) : 0u);
    }
    const Honour& h = kHonours[rng_.weighted(w)];
    t.clear();
    const sys_days when = event_day(c, 2);
    const int year = year_of(when) - 1;  // honours for a year are awarded in the next
    const std::uint64_t hh = fnv1a(h.title) + static_cast<std::uint64_t>(year);
    sys_days awarded =
        ymd_day(year + 1, static_cast<unsigned>(hh % 6 + 1), static_cast<unsigned>(hh / 7 % 28 + 1));
    if (awarded >= as_of_ || awarded <= c.established) awarded = when;
    const std::string title = fill(h.title, {{"year", std::to_string(year)}});
    std::string by = h.by;
    if (by.empty()) by = dist_dev_[c.district].name;
    if (h.person) {
      const bool male = rng_.pct(70);
      t["name"] = person_name(male);
      t["subject_kind"] = "自然人";
      t["id_type"] = "身份证";
      t["id_no"] = person_id(rng_.weighted(person_weights_), male);
    } else {
      t["uscc"] = c.uscc;
      t["name"] = c.name;
      t["subject_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
      t["legal_rep"] = c.rep.name;
    }
    t["honour"] = title;
    t["level"] = h.level;
    if (rng_.pct(50)) t["content"] = h.person ? "授予荣誉称号并颁发证书" : "授予荣誉称号，颁发奖牌和证书";
    t["awarded_by"] = by;
    for (const auto& a : associations_)
      if (a.name == by && rng_.pct(60)) t["awarded_by_uscc"] = a.uscc;
    for (const auto& a : city_)
      if (a.name == by && rng_.pct(60)) t["awarded_by_uscc"] = a.uscc;
    if (rng_.pct(70)) {
      const std::string prefix = by == "广州市发展和改革委员会" ? "穗发改"
                                 : by == "广州市应急管理局"     ? "穗应急"
                                                                : "";
      if (!prefix.empty())
        t["document_no"] =
            prefix + "〔" + std::to_string(year + 1) + "〕" + std::to_string(hh % 300 + 1) + "号";
    }
    t["awarded_on"] = iso(awarded);
    if (h.valid_years > 0) t["valid_until"] = iso(add_months(awarded, 12 * h.valid_years));
    t["domain"] = kDomainLabel[h.domain == kAnyDomain ? c.domains[0] : h.domain];
    if (!t.key_free()) continue;
    t.commit();
    return;
  }
}

// ---------------------------------------------------------------- the shared platform's lists
// dishonest_debtor_list.csv (the courts, 中国执行信息公开网) and abnormal_operation_list.csv
// (market supervision, 国家企业信用信息公示系统), as the shared platform passes them on.
// Everything here draws from list_rng_ and reads, never changes, what the other streams
// made, so the other files are byte for byte what they were.

namespace {
sys_days list_day(Rng& r, sys_days lo, sys_days hi) {
  if (hi <= lo) return lo;
  return lo + days{r.range(0, (hi - lo).count())};
}

// Rows of a company that has some, per 1,000 such companies (what the writers below
// average): the chance of having them is λ / this, so each file holds about kPer1000[d]
// rows per 1,000 subjects.
constexpr std::uint64_t kDebtorRowsPer1000 = 1150, kAbnormalRowsPer1000 = 1080;

// 法释〔2017〕7号 第一条, as the platform words them: (一) and, listed for two years
// (第二条), (五), (四), (六), (三), (二); now and then two of them.
struct Situation {
  const char* text;
  bool two_years;
};
const Situation kSituations[] = {
    {"有履行能力而拒不履行生效法律文书确定义务", false},
    {"违反限制消费令", true},
    {"违反财产报告制度", true},
    {"无正当理由拒不履行执行和解协议", true},
    {"以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行", true},
    {"以伪造证据、暴力、威胁等方法妨碍、抗拒执行", true},
    {"有履行能力而拒不履行生效法律文书确定义务,违反财产报告制度", true},
    {"违反财产报告制度,违反限制消费令", true},
};
const std::vector<unsigned> kSituationWeights = {50, 14, 12, 6, 5, 2, 7, 4};

// What the enforced documents order ({amount} in 元); the last ones a guarantor's (a person's).
const char* const kObligations[] = {
    "支付货款人民币{amount}元及逾期付款利息，并负担案件受理费",
    "支付工程款人民币{amount}元及利息",
    "偿还借款本金人民币{amount}元及利息、罚息",
    "支付设备租赁费人民币{amount}元及违约金",
    "支付燃气工程款人民币{amount}元及逾期付款违约金",
    "支付电费、违约金合计人民币{amount}元",
    "支付拖欠的劳动报酬人民币{amount}元",
};
constexpr std::size_t kCompanyObligations = 7;
const char* const kGuarantorObligation = "对借款本金人民币{amount}元及利息承担连带清偿责任";

// 企业经营异常名录管理暂行办法（国家工商行政管理总局令第68号）第四条 (as 国家企业信用信息公示系统
// words them) with the removal of 第十一条至第十四条.
struct AbnormalReason {
  const char* reason;
  const char* removal;
  const char* removal2;  // another wording of the removal (nullptr: none)
  bool annual;
};
const AbnormalReason kAbnormalReasons[] = {
    {"未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告的", "补报未报年份的年度报告并公示", nullptr,
     true},
    {"通过登记的住所或者经营场所无法联系的", "依法办理住所或者经营场所变更登记",
     "提出通过登记的住所或者经营场所可以重新取得联系", false},
    {"公示企业信息隐瞒真实情况、弄虚作假的", "更正其公示的信息", nullptr, false},
    {"未在登记机关依照《企业信息公示暂行条例》第十条规定责令的期限内公示有关企业信息的",
     "履行公示义务，公示有关企业信息", nullptr, false},
};
const std::vector<unsigned> kAbnormalWeights = {62, 24, 7, 7};

std::string yuan(Rng& r) {
  const std::int64_t y = r.pct(50) ? r.range(20'000, 500'000) : r.range(500'000, 8'000'000);
  return r.pct(30) ? std::to_string(y) + "." + digits(r.below(100), 2) : std::to_string(y);
}
}  // namespace

/// Filed companies only (an unfiled one's legal representative is named by no subject
/// row, and the demo counts the subjects the files name).
void Generator::write_shared_lists(const Company& c, bool filed) {
  if (!filed) return;
  const std::uint64_t debtor = lambda(c, kDebtor) * 1000 / kDebtorRowsPer1000;  // per million
  if (list_rng_.below(1'000'000) < debtor) write_dishonest_debtor(c);
  // 经营异常名录 is the enterprises' (个体工商户 are marked 经营异常状态 instead)
  const std::uint64_t abnormal = lambda(c, kAbnormal) * 1000 / kAbnormalRowsPer1000;
  if (list_rng_.below(1'000'000) < abnormal && !c.type->individual) write_abnormal_operation(c);
}

void Generator::write_dishonest_debtor(const Company& c) {
  const sys_days last = as_of_ - days{1};
  // published within the four years before as_of, a year or more after the company began
  const sys_days lo = std::max(as_of_ - days{4 * 365}, c.established + days{400});
  if (lo >= last) return;
  DebtorCase k;
  k.published = list_day(list_rng_, lo, last);
  k.filed = k.published - days{list_rng_.range(35, 330)};
  k.filed_given = list_rng_.pct(95);

  // the district's court mostly, the intermediate court for the larger cases
  const District& dist = districts()[c.district];
  const bool intermediate = list_rng_.pct(12);
  const std::string code = intermediate ? "01" : dist.code.substr(2, 4);
  k.court = intermediate ? "广州市中级人民法院" : "广州市" + dist.label + "人民法院";
  const bool resumed = list_rng_.pct(10);  // 恢复执行
  const char* kind = resumed ? "执恢" : "执";
  const int year = year_of(k.filed);
  // numbered per court, kind and year (so unique), other debtors' cases between the sample's
  const unsigned n = case_counter_[code + kind + std::to_string(year)]++;
  const std::int64_t step = resumed ? 29 : 97;
  const std::int64_t number =
      (resumed ? 20 : 1000) + static_cast<std::int64_t>(n) * step + list_rng_.range(1, step);
  k.case_no = "（" + std::to_string(year) + "）粤" + code + kind + std::to_string(number) + "号";

  // the enforced document: a judgment, an appeal, an arbitral award or a payment order
  const int doc_year = year - (list_rng_.pct(60) ? 1 : 0);
  const std::string dy = std::to_string(doc_year);
  const unsigned d = static_cast<unsigned>(list_rng_.below(100));
  if (d < 55) {
    const std::int64_t no = intermediate ? list_rng_.range(100, 3999) : list_rng_.range(300, 39999);
    k.title_doc = "（" + dy + "）粤" + code + "民初" + std::to_string(no) + "号";
    k.title_unit = k.court;
  } else if (d < 75) {
    k.title_doc = "（" + dy + "）粤01民终" + std::to_string(list_rng_.range(100, 29999)) + "号";
    k.title_unit = "广州市中级人民法院";
  } else if (d < 90) {
    k.title_doc = "穗仲案字〔" + dy + "〕第" + std::to_string(list_rng_.range(100, 9999)) + "号";
    k.title_unit = "广州仲裁委员会";
  } else {
    k.title_doc = "（" + dy + "）粤" + code + "民督" + std::to_string(list_rng_.range(10, 2999)) + "号";
    k.title_unit = k.court;
  }
  if (list_rng_.pct(10)) k.title_unit.clear();
  if (list_rng_.pct(90)) k.performance = list_rng_.pct(85) ? "全部未履行" : "部分未履行";
  const Situation& sit = kSituations[list_rng_.weighted(kSituationWeights)];
  k.situation = sit.text;

  // deleted (第十条): at the end of a two-year term, or once the debtor has performed
  const sys_days term_end = add_months(k.published, 24);
  if (sit.two_years && term_end <= last && list_rng_.pct(85))
    k.removed = term_end;
  else if (k.published + days{30} < last && list_rng_.pct(18))
    k.removed = list_day(list_rng_, k.published + days{30}, sit.two_years ? std::min(term_end, last) : last);

  // who: the company, its legal representative (when the subject row names his ID), the
  // two of them in one case, or one of its other responsible persons
  const unsigned w = static_cast<unsigned>(list_rng_.below(100));
  const Person* person = nullptr;
  bool company = false;
  if (w < 30) {
    company = true;
  } else if (w < 45) {
    company = true;
    if (c.rep_on_file) person = &c.rep;
  } else if (w < 88 && c.rep_on_file) {
    person = &c.rep;
  } else if (!c.responsible.empty()) {
    person = &list_rng_.pick(c.responsible);
  } else if (c.rep_on_file) {
    person = &c.rep;
  } else {
    company = true;
  }
  const std::string amount = yuan(list_rng_);
  const char* obligation = company || list_rng_.pct(50)
                               ? kObligations[static_cast<std::size_t>(list_rng_.below(kCompanyObligations))]
                               : kGuarantorObligation;
  if (list_rng_.pct(90)) k.obligation = fill(obligation, {{"amount", amount}});
  if (company) write_debtor_row(c, nullptr, k);
  if (person != nullptr) write_debtor_row(c, person, k);
}

void Generator::write_debtor_row(const Company& c, const Person* person, const DebtorCase& k) {
  Table& t = table(kDebtor);
  t.clear();
  if (person != nullptr) {
    t["name"] = person->name;
    t["subject_kind"] = "自然人";
    t["id_type"] = "身份证";
    t["id_no"] = person->id;
  } else {
    t["uscc"] = c.uscc;
    t["name"] = c.name;
    t["subject_kind"] = c.type->individual ? "个体工商户" : "法人及非法人组织";
    if (list_rng_.pct(95)) t["legal_rep"] = c.rep.name;
    if (list_rng_.pct(50)) t["domain"] = kDomainLabel[c.domains[0]];
  }
  t["court"] = k.court;
  t["case_no"] = k.case_no;
  if (k.filed_given) t["filed_on"] = iso(k.filed);
  t["title_doc"] = k.title_doc;
  t["title_unit"] = k.title_unit;
  t["obligation"] = k.obligation;
  t["performance"] = k.performance;
  t["situation"] = k.situation;
  t["published_on"] = iso(k.published);
  if (k.removed) t["removed_on"] = iso(*k.removed);
  t.commit();
}

void Generator::write_abnormal_operation(const Company& c) {
  const District& dist = districts()[c.district];
  const sys_days last = as_of_ - days{1}, first = as_of_ - days{5 * 365};
  const std::string authority =
      list_rng_.pct(90) ? "广州市" + dist.label + "市场监督管理局" : "广州市市场监督管理局";
  // an annual report is due by 30 June for the year before (企业信息公示暂行条例 第八条); the
  // enterprises that missed it are listed in the summer. The report years it could miss:
  // from the year it was established, with the listing between first and as_of.
  auto annual_day = [&](sys_days after) -> std::optional<sys_days> {
    std::vector<sys_days> from;
    for (int y = year_of(first); y <= year_of(last); ++y) {
      const sys_days lo = std::max({ymd_day(y, 7, 1), first, after + days{1}});
      if (ymd_day(y - 1, 12, 31) < c.established || lo >= std::min(ymd_day(y, 9, 30), last)) continue;
      from.push_back(lo);
    }
    if (from.empty()) return std::nullopt;
    const sys_days lo = list_rng_.pick(from);
    return list_day(list_rng_, lo, std::min(ymd_day(year_of(lo), 9, 30), last - days{1}));
  };
  const AbnormalReason* r = &kAbnormalReasons[list_rng_.weighted(kAbnormalWeights)];
  std::optional<sys_days> included;
  if (r->annual) {
    included = annual_day(sys_days{});
    if (!included) r = &kAbnormalReasons[1];  // no report was due yet: not reachable instead
  }
  if (!included) {
    const sys_days lo = std::max(first, c.established + days{180});
    if (lo >= last - days{1}) return;
    included = list_day(list_rng_, lo, last - days{1});
  }
  Table& t = table(kAbnormal);
  for (int entry = 0; entry < 2 && included; ++entry) {
    t.clear();
    t["uscc"] = c.uscc;
    t["name"] = c.name;
    t["reason"] = r->reason;
    t["included_on"] = iso(*included);
    t["authority"] = authority;
    if (list_rng_.pct(50)) t["domain"] = kDomainLabel[c.domains[0]];
    // removed (第十一条至第十四条) once the enterprise has done what was missing
    std::optional<sys_days> removed;
    if (*included + days{15} < last && list_rng_.pct(35)) {
      removed = list_day(list_rng_, *included + days{15}, std::min(add_months(*included, 36), last));
      t["removed_on"] = iso(*removed);
      t["removal_reason"] = r->removal2 != nullptr && list_rng_.pct(50) ? r->removal2 : r->removal;
      if (list_rng_.pct(90)) t["removal_authority"] = authority;
    }
    t.commit();
    // now and then listed again for a later year's report
    if (!removed || !r->annual || !list_rng_.pct(20)) break;
    included = annual_day(std::max(*removed, ymd_day(year_of(*included), 12, 31)));
  }
}

}  // namespace sample
ECREDIT_END_NAMESPACE
