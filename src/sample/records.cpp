// The generator: practitioners, licences, penalties and incidents.
#include <algorithm>
#include <string>
#include <vector>

#include "ecredit/repair.hpp"
#include "generator.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

std::string Generator::qualification(int domain, bool expert) {
  static const std::vector<std::vector<const char*>> q = {
      {"特种作业操作证（电工作业）", "注册电气工程师（供配电）", "电力工程高级工程师",
       "电力安全生产管理人员"},
      {"燃气经营企业从业人员专业培训考核合格证（主要负责人）",
       "燃气经营企业从业人员专业培训考核合格证（安全生产管理人员）",
       "燃气经营企业从业人员专业培训考核合格证（运行、维护和抢修人员）",
       "特种设备安全管理和作业人员证（气瓶充装）"},
      {"注册安全工程师", "建设工程安全生产管理人员（C证）", "管道保护工程师", "注册建造师（市政公用工程）"},
      {"光伏电站运维工程师", "注册电气工程师（发输变电）", "新能源工程师", "储能电站运维工程师"},
      {"能源管理师", "节能评估师", "注册能源审计师", "高级工程师（热能动力）"},
  };
  if (expert) return rng_.pct(50) ? "教授级高级工程师" : "高级工程师（节能）";
  return rng_.pick(q[static_cast<std::size_t>(domain)]);
}

void Generator::write_practitioner(const Company& c) {
  Table& t = table(kPract);
  t.clear();
  fill_practitioner(t, c);
  t.commit();
}

void Generator::fill_practitioner(Table& t, const Company& c) {
  const bool expert =
      c.type->domain == kSaving && rng_.pct(c.roles.front() == "能源审计/节能评估机构" ? 50 : 20);
  const bool male = rng_.pct(expert ? 75 : 70);
  t["name"] = person_name(male);
  const unsigned kind = static_cast<unsigned>(rng_.below(1000));
  if (kind < 8) {  // Hong Kong / Macao / Taiwan residence permit
    t["id_type"] = "港澳台居民居住证";
    t["id_no"] = person_id(tables().permit_region + static_cast<std::size_t>(rng_.below(3)), male);
  } else if (kind < 14) {  // mainland travel permit of a Hong Kong resident
    t["id_type"] = "港澳居民来往内地通行证";
    t["id_no"] = "H" + digits(next("hk_permit") * 7919 % 100'000'000, 8);
  } else {
    t["id_type"] = "身份证";
    t["id_no"] = person_id(rng_.weighted(person_weights_), male);
  }
  t["role"] = expert ? "节能专家" : "从业人员";
  const int d = record_domain(c);
  t["domains"] = kDomainLabel[d];
  t["employer"] = c.name;
  if (rng_.pct(90)) t["employer_uscc"] = c.uscc;
  if (rng_.pct(85)) {
    t["qualification"] = qualification(d, expert);
    t["qualification_no"] = std::string(expert ? "GZJN" : "GD") +
                            std::to_string(rng_.range(2008, year_of(as_of_))) +
                            digits(next("qualification"), 6);
  }
  if (rng_.pct(80)) t["phone"] = phone();
}

std::string Generator::cert_no(int fmt, sys_days decided, const Company& c) {
  const int year = year_of(decided);
  const std::string yy = digits(static_cast<std::uint64_t>(year % 100), 2);
  const std::string dcode = districts()[c.district].code;
  switch (fmt) {
    case kCertGasPipe:
      return "粤" + std::to_string(year) + dcode.substr(2) + digits(next("gas_cert"), 4) + "G";
    case kCertGasBottle:
      return "粤" + std::to_string(year) + dcode.substr(2) + digits(next("gas_cert"), 4) + "P";
    case kCertHazmat:
      return "粤穗危化经字〔" + std::to_string(year) + "〕" + digits(next("hazmat"), 6);
    case kCertOil:
      return "油零售证书第" + dcode + digits(next("oil"), 4) + "号";
    case kCertCylinder:
      return "TS4244" + digits(next("cylinder"), 4) + "-" + std::to_string(year + 4);
    case kCertEquipment:
      return "容11粤A" + digits(next("equipment"), 5) + "（" + yy + "）";
    case kCertElecGen:
      return "10523" + yy + "-" + digits(next("elec_gen"), 5);
    case kCertElecSupply:
      return "30523" + yy + "-" + digits(next("elec_supply"), 5);
    case kCertInstall:
      return "5-2-" + digits(next("install"), 5) + "-" + std::to_string(year);
    case kCertPv:
      return yy + digits(static_cast<unsigned>(date::year_month_day{decided}.month()), 2) + "-" + dcode +
             "-04-01-" + digits(next("pv_project"), 6);
    case kCertSafety:
      return "（粤）JZ安许证字〔" + std::to_string(year) + "〕" + digits(next("safety_cert"), 6);
    default:
      return "";
  }
}

std::string Generator::project_name(const Company& c, int kind) {
  const std::string d = districts()[c.district].label;
  switch (kind) {
    case 1:
      return d + std::to_string(rng_.range(2, 9) * 100) + "兆瓦级天然气热电联产项目";
    case 2:
      return d + c.road + "段天然气高压管道工程";
    case 3:
      return d + "成品油库扩建工程";
    case 4:
      return d + "增量配电网项目";
    case 5:
      return d + std::to_string(rng_.range(5, 100)) + "兆瓦时储能电站项目";
    default:
      return c.name + "技术改造项目";
  }
}

void Generator::write_licence(const Company& c) {
  const Archetype& a = *c.type;
  if (a.licences.empty()) return;
  const LicenceKind& k = licence_kinds()[static_cast<std::size_t>(rng_.pick(a.licences))];
  const Authority& auth = authority(k.auth, c);
  const District& dist = districts()[c.district];
  Table& t = table(kLic);
  t.clear();
  const sys_days decided = event_day(c);
  const int year = year_of(decided);
  t["decision_doc_name"] = k.doc;
  t["decision_no"] = doc_no(auth.licence_prefix, year);
  set_party(t, c);
  t["license_type"] = k.type;
  if (k.cert[0] != '\0') {
    t["cert_name"] = k.cert;
    t["cert_no"] = cert_no(k.cert_fmt, decided, c);
  } else if (k.cert_fmt == kCertPv) {
    t["cert_no"] = cert_no(k.cert_fmt, decided, c);
  }
  static const std::vector<const char*> kHazmat = {"汽油、柴油", "液化石油气、天然气", "汽油、柴油、石脑油",
                                                   "甲醇、乙醇、液化石油气"};
  static const std::vector<const char*> kEquipment = {"压力容器（液化石油气储罐）", "压力管道（GC2）", "锅炉",
                                                      "场（厂）内专用机动车辆", "起重机械"};
  static const std::vector<const char*> kWork = {"顶管穿越", "定向钻穿越", "开挖", "桩基", "爆破"};
  t["content"] = fill(k.content, {{"district", dist.label},
                                  {"address", c.address},
                                  {"hazmat", rng_.pick(kHazmat)},
                                  {"storage", rng_.pct(50) ? "带储存设施" : "不带储存设施"},
                                  {"equipment", rng_.pick(kEquipment)},
                                  {"units", std::to_string(rng_.range(1, 4))},
                                  {"mw", std::to_string(rng_.range(2, 40) * 50)},
                                  {"zone", c.road + "片区"},
                                  {"grade", std::to_string(rng_.range(2, 5))},
                                  {"grade2", std::to_string(rng_.range(2, 5))},
                                  {"project", project_name(c, a.project)},
                                  {"investment", std::to_string(rng_.range(5, 500) * 100)},
                                  {"tce", std::to_string(rng_.range(1000, 80000))},
                                  {"road", c.road},
                                  {"pipe", rng_.pct(60) ? "高压天然气" : "次高压燃气"},
                                  {"work", rng_.pick(kWork)},
                                  {"months", std::to_string(rng_.range(2, 12))},
                                  {"name", c.name},
                                  {"kw", std::to_string(rng_.range(10, 600) * 10)}});
  t["decision_date"] = iso(decided);
  t["valid_from"] = iso(decided);
  const sys_days until = k.years == 0 ? ymd_day(2099, 12, 31) : add_months(decided, 12 * k.years) - days{1};
  t["valid_until"] = iso(until);
  t["authority"] = auth.name;
  t["authority_uscc"] = auth.uscc;
  if (rng_.pct(60)) t["status"] = until >= as_of_ ? "有效" : "已失效";
  t["source_unit"] = auth.name;
  t["source_unit_uscc"] = auth.uscc;
  t["domain"] = kDomainLabel[k.domain >= 0 ? k.domain : record_domain(c)];
  t.commit();
}

Generator::PenaltyPlan Generator::penalty_plan(int severity, const Company& c) {
  PenaltyPlan p;
  auto fine_text = [](std::int64_t v) { return "处罚款人民币" + decimal(v, 2) + "万元"; };
  if (severity == 0) {
    const unsigned r = static_cast<unsigned>(rng_.below(100));
    if (r < 60) {
      p.types = "警告";
      p.content = "给予警告，责令限期改正";
    } else if (r < 75) {
      p.types = "通报批评";
      p.content = "予以通报批评，责令限期改正";
    } else {
      p.types = "罚款";
      p.fine = rng_.range(10, 50);
      p.content = fine_text(p.fine);
    }
    return p;
  }
  if (severity == 1) {
    p.fine = rng_.range(5, 100) * 10;
    const unsigned r = static_cast<unsigned>(rng_.below(100));
    if (r < 70) {
      p.types = "罚款";
      p.content = fine_text(p.fine);
    } else if (r < 80) {
      p.types = "警告、罚款";
      p.content = "给予警告，并" + fine_text(p.fine);
    } else {
      p.types = "罚款、没收违法所得";
      p.confiscated = rng_.range(10, 2000);
      p.content = fine_text(p.fine) + "，没收违法所得人民币" + decimal(p.confiscated, 2) + "万元";
    }
    return p;
  }
  p.fine = rng_.range(10, 200) * 100;
  std::string licence = "许可证件";
  if (!c.type->licences.empty()) {
    const std::string& cert = licence_kinds()[static_cast<std::size_t>(c.type->licences.front())].cert;
    if (cert[0] != '\0') licence = cert;
  }
  const unsigned r = static_cast<unsigned>(rng_.below(100));
  if (r < 30) {
    p.types = "罚款、责令停产停业";
    p.content = fine_text(p.fine) + "，责令停产停业整顿" + std::to_string(rng_.range(1, 6) * 15) + "日";
  } else if (r < 50) {
    p.types = "罚款、暂扣许可证件";
    p.content = fine_text(p.fine) + "，暂扣" + licence + std::to_string(rng_.range(1, 6)) + "个月";
    p.suspends = true;
  } else if (r < 65) {
    p.types = "罚款、吊销许可证件";
    p.content = fine_text(p.fine) + "，吊销" + licence;
    p.suspends = true;
  } else if (r < 85) {
    p.types = "罚款、没收违法所得、没收非法财物";
    p.confiscated = rng_.range(100, 5000);
    p.content = fine_text(p.fine) + "，没收违法所得人民币" + decimal(p.confiscated, 2) + "万元，没收非法财物";
  } else if (r < 95) {
    p.types = "罚款、降低资质等级";
    p.content = fine_text(p.fine) + "，降低资质等级";
  } else {
    p.types = "罚款、限制从业";
    p.content = fine_text(p.fine) + "，对主要负责人" + std::to_string(rng_.range(1, 5)) + "年内限制从业";
  }
  return p;
}

/// A violation that fits the subject's roles in `domain`. Serious ones (behind a black
/// listing) come from the domain itself when it has any, not from the generic safety ones.
const Violation& Generator::pick_violation(const Company& c, int domain, bool serious_only) {
  const auto& vs = violations();
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<unsigned> w;
    std::uint64_t total = 0;
    for (const auto& v : vs) {
      const bool generic = v.domain == kAnyDomain;
      const bool domain_ok = v.domain == domain || (generic && (!serious_only || pass == 1));
      const bool ok = domain_ok && has_role(c, v.roles) && (!serious_only || v.serious > 0);
      w.push_back(ok ? (generic ? 3u : 10u) : 0u);
      total += w.back();
    }
    if (total > 0) return vs[rng_.weighted(w)];
  }
  return vs[vs.size() - 1];  // the safety ones fit every subject
}

/// A penalty of the subject. severity: -1 drawn from the violation, else 0 minor, 1 general,
/// 2 serious. `incident_level` ("" none) makes it the penalty for an incident.
/// Returns the decision date.
sys_days Generator::write_penalty(Company& c, int severity, const char* incident_level, sys_days when,
                                  int domain) {
  Table& t = table(kPen);
  t.clear();
  if (domain < 0) domain = record_domain(c);
  std::string type, facts, basis;
  int auth_code;
  const sys_days decided = when == sys_days{} ? event_day(c) : when;
  const sys_days act = decided - days{rng_.range(20, 120)};
  const std::string place = std::string("广州市") + districts()[c.district].label + c.road;
  if (incident_level != nullptr) {
    type = "对生产安全事故发生负有责任";
    facts = "经调查，当事人对" + cn_date(act) + "发生的" + place +
            "生产安全事故负有责任，未履行安全生产管理职责。";
    basis = "《中华人民共和国安全生产法》第一百一十四条";
    auth_code = std::string(incident_level) == "general" ? kDistEmergency : kEmergency;
  } else {
    const Violation& v = pick_violation(c, domain, severity == 2);
    if (severity < 0) severity = static_cast<int>(rng_.weighted({v.minor, v.general, v.serious}));
    type = v.type;
    facts = fill(v.facts, {{"date", cn_date(act)},
                           {"place", place},
                           {"year", std::to_string(year_of(act) - 1)},
                           {"n", std::to_string(rng_.range(3, 60))}});
    basis = v.basis;
    auth_code = v.auth;
  }
  PenaltyPlan plan = penalty_plan(severity, c);
  if (incident_level != nullptr) {
    const std::string lv = incident_level;
    const std::int64_t lo = lv == "major" ? 200 : lv == "larger" ? 100 : 30;
    const std::int64_t hi = lv == "major" ? 1000 : lv == "larger" ? 200 : 100;
    plan.fine = rng_.range(lo, hi) * 100;
    plan.types = severity == 2 ? "罚款、责令停产停业" : "罚款";
    plan.content = "处罚款人民币" + decimal(plan.fine, 2) + "万元" +
                   (severity == 2 ? "，责令停产停业整顿" + std::to_string(rng_.range(1, 4) * 15) + "日" : "");
    plan.confiscated = 0;
    plan.suspends = false;
  }
  const Authority& auth = authority(auth_code, c);
  const int year = year_of(decided);
  const std::string no = doc_no(auth.penalty_prefix, year);
  t["decision_no"] = no;
  set_party(t, c);
  t["violation_type"] = type;
  t["facts"] = facts;
  t["legal_basis"] = basis;
  t["penalty_types"] = plan.types;
  t["penalty_content"] = plan.content;
  if (plan.fine > 0) t["fine_amount"] = decimal(plan.fine, 2);
  if (plan.confiscated > 0) t["confiscated_amount"] = decimal(plan.confiscated, 2);
  if (plan.suspends) {
    std::string licence = "许可证件";
    if (!c.type->licences.empty()) {
      const std::string& cert = licence_kinds()[static_cast<std::size_t>(c.type->licences.front())].cert;
      if (cert[0] != '\0') licence = cert;
    }
    t["license_suspended"] = licence;
  }
  t["decision_date"] = iso(decided);
  const int months = severity == 0 ? 3 : severity == 1 ? 12 : 36;
  const sys_days until = add_months(decided, months);
  t["valid_until"] = iso(until);
  if (rng_.pct(50)) t["publication_end"] = iso(until);
  t["authority"] = auth.name;
  t["authority_uscc"] = auth.uscc;
  t["source_unit"] = auth.name;
  t["source_unit_uscc"] = auth.uscc;
  if (rng_.pct(10)) t["remarks"] = "当事人已履行处罚决定";
  t["domain"] = kDomainLabel[domain];
  static const char* const kSeverity[] = {"轻微", "一般", "严重"};
  t["severity"] = kSeverity[severity];
  if (severity == 2 && c.tier == 3 && rng_.pct(25))
    t["veto_cause"] = rng_.pct(50) ? "合同欺诈" : "其他严重违法违规行为";
  t.commit();
  ++c.penalties;
  c.last_penalty_no = no;
  c.last_violation = type;
  return decided;
}

void Generator::write_incident(Company& c) {
  Table& t = table(kInc);
  const bool constructor = c.roles.front() == "第三方施工单位";
  const District& dist = districts()[c.district];
  for (int attempt = 0; attempt < 5; ++attempt) {
    t.clear();
    std::string level;
    if (constructor && rng_.pct(80)) {
      level = "pipeline_damage";
    } else {
      const unsigned r = static_cast<unsigned>(rng_.below(1000));
      level = r < (c.tier == 3 ? 960u : 990u) ? "general" : "larger";
      if (c.tier == 3 && rng_.pct(4)) level = "major";
    }
    const sys_days occurred = event_day(c, 2);
    const std::string where = std::string("广州市") + dist.label + c.road;
    std::string what;
    if (level == "pipeline_damage") {
      what = "燃气管道第三方施工损坏事件";
    } else {
      std::vector<unsigned> w;
      for (const auto& k : incident_kinds()) w.push_back(k.domain == c.domains[0] ? 1u : 0u);
      std::uint64_t total = 0;
      for (unsigned x : w) total += x;
      what =
          (total == 0 ? incident_kinds()[5] : incident_kinds()[rng_.weighted(w)]).what + std::string("事故");
    }
    t["incident_name"] = where + "“" + month_dot_day(occurred) + "”" + what;
    static const std::vector<std::pair<const char*, const char*>> kLevel = {
        {"general", "一般事故"},
        {"larger", "较大事故"},
        {"major", "重大事故"},
        {"pipeline_damage", "第三方破坏管道"}};
    for (const auto& [code, label] : kLevel)
      if (level == code) t["incident_level"] = label;
    t["occurred_on"] = iso(occurred);
    t["location"] = where + std::to_string(rng_.range(1, 999)) + "号附近";
    t["district"] = dist.label;
    t["responsible_name"] = c.name;
    t["responsible_uscc"] = c.uscc;
    t["responsible_role"] = c.roles.front();
    int deaths = 0, injuries = 0;
    std::int64_t loss = 0;  // 万元 × 10
    if (level == "pipeline_damage") {
      loss = rng_.range(5, 800);
      if (pipeline_ops_.empty() || rng_.pct(10)) {
        t["pipeline_operator_name"] = "广州" + trade_name("天然气管网") + "天然气管网有限公司";
      } else {
        const auto& op = rng_.pick(pipeline_ops_);
        t["pipeline_operator_name"] = op.first;
        t["pipeline_operator_uscc"] = op.second;
      }
      if (rng_.pct(30))
        t["project_manager_name"] = "广州" + trade_name("工程项目管理") + "工程项目管理有限公司";
      t["description"] = cn_date(occurred) + "，" + c.name + "在" + where + "进行机械开挖作业时挖断DN" +
                         std::to_string(rng_.range(1, 4) * 100) + "中压燃气管道，造成燃气泄漏，约" +
                         std::to_string(rng_.range(20, 3000)) + "户用户停气" +
                         std::to_string(rng_.range(2, 30)) + "小时，未造成人员伤亡。";
    } else {
      if (level == "general") {
        const unsigned r = static_cast<unsigned>(rng_.below(100));
        deaths = r < 65 ? 0 : r < 90 ? 1 : 2;
        injuries = static_cast<int>(rng_.range(0, 3));
        loss = rng_.range(5, 9990);
      } else if (level == "larger") {
        deaths = static_cast<int>(rng_.range(3, 9));
        injuries = static_cast<int>(rng_.range(0, 20));
        loss = rng_.range(10000, 49990);
      } else {
        deaths = static_cast<int>(rng_.range(10, 14));
        injuries = static_cast<int>(rng_.range(10, 60));
        loss = rng_.range(50000, 99990);
      }
      t["deaths"] = std::to_string(deaths);
      t["serious_injuries"] = std::to_string(injuries);
      t["description"] = cn_date(occurred) + "，" + c.name + "在" + where + "发生" + what + "，造成" +
                         std::to_string(deaths) + "人死亡、" + std::to_string(injuries) + "人重伤。";
    }
    t["direct_loss"] = decimal(loss, 1);
    const int auth_code = level == "general" || level == "pipeline_damage"
                              ? (level == "pipeline_damage" ? kDev : kDistEmergency)
                              : kEmergency;
    const Authority& auth = authority(auth_code, c);
    if (rng_.pct(70)) t["report_no"] = doc_no(auth.abbr + "事故调查", year_of(occurred));
    t["authority"] = auth.name;
    if (rng_.pct(80)) t["authority_uscc"] = auth.uscc;
    const sys_days closed = occurred + days{rng_.range(20, 180)};
    if (closed < as_of_) t["closed_on"] = iso(closed);
    t["domain"] = level == "pipeline_damage" ? kDomainLabel[kPipe] : kDomainLabel[c.domains[0]];
    t["severity"] = level == "general" || level == "pipeline_damage" ? "一般" : "严重";
    if (!t.key_free()) continue;
    t.commit();
    if (level != "general" && level != "pipeline_damage") c.serious_incident = true;
    // most incidents bring a penalty from the emergency management bureau
    const sys_days decided = occurred + days{rng_.range(30, 150)};
    if (level != "pipeline_damage" && decided < as_of_ && rng_.pct(60))
      write_penalty(c, level == "general" ? 1 : 2,
                    level == "general"  ? "general"
                    : level == "larger" ? "larger"
                                        : "major",
                    decided);
    return;
  }
}

}  // namespace sample
ECREDIT_END_NAMESPACE
