// The generator: red, black and key-attention lists, arrears, energy saving, evaluations,
// commitments and commendations.
#include <algorithm>
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

}  // namespace sample
ECREDIT_END_NAMESPACE
