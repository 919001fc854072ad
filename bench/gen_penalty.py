"""Generate a realistic 双公示 administrative-penalty CSV for the `admin_penalty` dataset.

    python bench/gen_penalty.py N OUT.csv [--seed S] [--bad-share 0.05] [--cli build/release/ecredit]

The header is the fields' Chinese titles, in catalog order, read from `ecredit datasets
--json` (with --cli) or from `ecredit.Engine.default().datasets()` (the package in the
running interpreter). Rows look like a municipal 双公示 export (UTF-8, CRLF, RFC 4180
quoting, ~1 KB a row): valid USCCs (GB 32100 check character, embedded GB 11714
organisation code with its own check character), full resident ID numbers with GB 11643
check digits (nothing masked), dates in mixed real-world forms, code fields by label
(sometimes by a common alias), decimals in 万元, and a few hundred characters of
Chinese text for 违法事实 / 处罚依据 / 处罚内容.

A `--bad-share` fraction of rows carries one realistic error each:

    uscc_typo        a character of the embedded organisation code mistyped (uscc-org-code-checksum)
    uscc_checkchar   only the final mod-31 check character wrong (uscc-checksum): not a pilot code
                     (docs/identifiers.md), so since issue 11 the row is rejected
    id_checkdigit    a resident ID with a wrong check digit (resident-id-checksum)
    unknown_code     a label that is in no code table, e.g. 处罚类别 "责令整改" (code-not-in-table)
    bad_date         an impossible date, e.g. 2023-02-30 (type-error)
    negative_fine    罚款金额 below 0 (constraint-error)
    missing_required a required cell left empty (constraint-error)

Speed: a block of `--block` (default 10,000) distinct rows is generated once, then
repeated with the decision number (the primary key) varied, so a million rows (~1 GB)
take seconds; the output for N rows is a byte prefix of the output for any M > N with
the same seed. A JSON summary (rows, bytes, counts of bad rows by kind, the number of
rows expected to be rejected and to carry warnings) is printed on stdout.
"""
import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time

DATASET = "admin_penalty"

# --------------------------------------------------------------------------- identifiers

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
ID_CHECK = "10X98765432"


def org_value(c):
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10  # GB 11714: A=10 … Z=35


def org_check(body8):
    """GB 11714-1997 check character of an 8-character organisation-code body."""
    c = 11 - sum(w * org_value(ch) for w, ch in zip(ORG_WEIGHTS, body8)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check(body17):
    """GB 32100-2015 check character of the first 17 characters."""
    return USCC_ALPHABET[(31 - sum(w * USCC_VALUE[ch] for w, ch in zip(USCC_WEIGHTS, body17)) % 31) % 31]


def make_org_body(rng, style):
    """8 characters of an organisation code, all from the USCC alphabet."""
    if style == "ma":  # codes issued since the 2015 reform: MA + 6
        return "MA" + "".join(rng.choice(USCC_ALPHABET) for _ in range(6))
    if style == "agency":  # government bodies: 0074…
        return "00" + "".join(rng.choice("0123456789") for _ in range(6))
    return rng.choice("1234567") + "".join(rng.choice("0123456789") for _ in range(7))


def make_uscc(rng, authority, category, region, style):
    body = make_org_body(rng, style)
    org = body + org_check(body)
    head = authority + category + region + org
    return head + uscc_check(head)


def make_resident_id(rng, region, birth):
    head = f"{region}{birth:%Y%m%d}{rng.randrange(1, 1000):03d}"
    return head + ID_CHECK[sum(w * int(d) for w, d in zip(ID_WEIGHTS, head)) % 11]


# --------------------------------------------------------------------------- vocabulary

GZ_DISTRICTS = [("440103", "荔湾区"), ("440104", "越秀区"), ("440105", "海珠区"), ("440106", "天河区"),
                ("440111", "白云区"), ("440112", "黄埔区"), ("440113", "番禺区"), ("440114", "花都区"),
                ("440115", "南沙区"), ("440117", "从化区"), ("440118", "增城区")]
BIRTH_REGIONS = ["440104", "440106", "440111", "440113", "441302", "445102", "440882", "430104", "430521",
                 "360102", "450103", "450881", "510107", "420106", "350203", "362201", "441621", "441424"]
STREETS = ["黄埔大道西", "广州大道中", "天河北路", "中山大道", "环市东路", "工业大道北", "机场路", "广园中路",
           "番禺大道北", "迎宾大道", "新港东路", "南沙港快速", "荔湾路", "沙太路", "增江大道", "花城大道"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢钟谭廖"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志文海波辉鹏俊斌宇浩凯健晓红玉婷雪梅德荣永嘉锦"
WORDS = ["恒通", "粤能", "穗安", "南方", "华润", "中燃", "广汇", "新奥", "珠江", "白云", "宏达", "信达", "顺兴", "众诚",
         "金源", "鸿运", "嘉禾", "天朗", "科创", "绿源", "光耀", "瑞丰", "海纳", "东升", "泰和", "联合"]
ENTERPRISE_SUFFIX = ["能源有限公司", "燃气有限公司", "石油化工有限公司", "电力工程有限公司", "新能源科技有限公司",
                     "光伏科技有限公司", "液化气有限公司", "加油站有限公司", "供电服务有限公司", "物业管理有限公司",
                     "实业有限公司", "建设工程有限公司", "节能技术服务有限公司", "油气储运有限公司"]
SHOP_SUFFIX = ["燃气供应站", "液化气经营部", "五金电器店", "加油站", "瓶装燃气便民服务点", "餐饮店", "电器维修部"]
PUBLIC_INST = ["广州市{d}能源技术服务中心", "广州市{d}供水供气服务中心", "广州市{d}市政设施维护中心"]

AGENCIES = [  # (name, short prefix of its decision numbers, USCC region)
    ("广州市发展和改革委员会", "穗发改罚", "440100"),
    ("广州市工业和信息化局", "穗工信罚", "440100"),
    ("广州市城市管理和综合执法局", "穗城管执罚", "440100"),
    ("广州市市场监督管理局", "穗市监处罚", "440100"),
    ("广州市应急管理局", "穗应急罚", "440100"),
    ("广州市住房和城乡建设局", "穗建罚", "440100"),
    ("广州市天河区城市管理和综合执法局", "穗天城管罚", "440106"),
    ("广州市白云区市场监督管理局", "穗云市监罚", "440111"),
    ("广州市番禺区应急管理局", "穗番应急罚", "440113"),
    ("广州市黄埔区发展和改革局", "穗埔发改罚", "440112"),
]
DATA_SOURCES = ["广州市政务服务和数据管理局", "广州市发展和改革委员会", "广州市公共信用信息管理中心"]

# (domain label or alias, violation type, act, finding, law, article range, evidence)
CASES = [
    ("燃气", "未取得燃气经营许可证从事燃气经营活动", "瓶装液化石油气的充装、储存和销售经营活动",
     "当事人未取得燃气经营许可证，擅自在经营场所内存放液化石油气钢瓶并向周边餐饮商户配送",
     "城镇燃气管理条例", (15, 45), "燃气钢瓶清点记录、销售单据"),
    ("城镇燃气", "燃气经营者未按规定对燃气设施进行安全检查", "管道燃气供应服务",
     "当事人未按照国家有关规定定期对其管理的燃气设施进行巡查、检测、维修和维护，部分调压箱存在锈蚀、漏气隐患",
     "城镇燃气管理条例", (19, 47), "燃气设施巡查台账、隐患整改通知书"),
    ("电力", "未经许可从事供电业务", "向园区内其他用电单位转供电并加价收取电费",
     "当事人在未取得供电类电力业务许可证的情况下，通过自建配电设施向园区内其他用户转供电，并按高于目录电价的价格收取电费",
     "电力供应与使用条例", (28, 38), "电费收取凭证、用电户名册、配电设施照片"),
    ("涉电力领域", "危害电力设施安全", "在架空电力线路保护区内进行施工作业",
     "当事人在110千伏架空电力线路保护区内使用大型机械进行开挖作业，未采取安全措施，致使线路安全距离不足",
     "电力设施保护条例", (14, 30), "线路巡视记录、施工现场照片、供电企业报告"),
    ("石油天然气", "未按规定从事成品油零售经营", "成品油零售经营活动",
     "当事人使用未经检定的加油机销售车用柴油，且未按规定建立成品油购销台账，部分油品来源无法提供合法票据",
     "成品油市场管理办法", (16, 41), "加油机检定证书、购销台账、油品抽检报告"),
    ("油气管道保护", "在管道线路中心线两侧五米范围内从事危害管道安全的活动", "管道沿线的土方开挖和建筑物建设",
     "当事人在天然气输送管道线路中心线两侧五米地域范围内擅自开挖、堆放重物并搭建临时建筑物",
     "中华人民共和国石油天然气管道保护法", (30, 51), "管道巡护记录、现场勘验笔录"),
    ("新能源与可再生能源", "分布式光伏发电项目未按规定办理备案", "屋顶分布式光伏发电项目的建设和并网",
     "当事人在未办理项目备案、未取得并网意见的情况下擅自建设屋顶分布式光伏发电项目并接入公共电网运行",
     "企业投资项目核准和备案管理条例", (13, 19), "项目建设现场照片、并网申请材料"),
    ("节能", "未按规定报送能源利用状况报告", "重点用能单位的能源利用和管理",
     "当事人作为重点用能单位，未按规定向节能主管部门报送上一年度能源利用状况报告，且未设立能源管理岗位",
     "中华人民共和国节约能源法", (53, 82), "重点用能单位名单、催报通知书"),
    ("节能领域", "使用国家明令淘汰的用能设备", "生产经营活动中的用能设备使用",
     "当事人在生产车间内继续使用国家明令淘汰的高耗能电动机及变压器共计若干台，未按期完成淘汰更新",
     "中华人民共和国节约能源法", (17, 71), "设备清单、铭牌照片、能源审计报告"),
    ("光伏", "新能源项目未落实安全生产主体责任", "光伏电站运行维护",
     "当事人未对光伏电站逆变器室、升压站等重点部位开展隐患排查治理，未如实记录事故隐患排查治理情况",
     "中华人民共和国安全生产法", (41, 102), "安全检查记录、隐患排查台账"),
]
PENALTY_TYPE_SETS = ["罚款", "警告", "警告;罚款", "罚款;没收违法所得", "警告、罚款", "罚款,没收违法所得、没收非法财物",
                     "责令停产停业;罚款", "通报批评", "罚款；暂扣许可证件", "吊销许可证件", "罚款、没收非法财物"]
SEVERITIES = ["一般", "一般", "一般", "轻微", "严重", "一般失信"]
DISCRETION = ["从轻处罚", "减轻处罚", "一般处罚", "从重处罚"]
CN_DIGITS = "零一二三四五六七八九"


def cn_num(n):
    """1..199 as Chinese numerals (第四十五条)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    r = n % 100
    return "一百" + ("" if r == 0 else ("零" + CN_DIGITS[r]) if r < 10 else
                   (CN_DIGITS[r // 10] + "十" + (CN_DIGITS[r % 10] if r % 10 else "")))


def fmt_date(rng, d):
    r = rng.random()
    if r < 0.45:
        return f"{d:%Y-%m-%d}"
    if r < 0.75:
        return f"{d.year}/{d.month}/{d.day}"
    if r < 0.95:
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d:%Y-%m-%d} 00:00:00"


def person_name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def csv_cell(s):
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


# --------------------------------------------------------------------------- rows

class Generator:
    def __init__(self, seed, bad_share):
        self.rng = random.Random(seed)
        self.bad_share = bad_share
        rng = random.Random(seed ^ 0x5EED)
        # Agencies and data-source units: fixed USCCs (机构编制 / 机关: 1 1).
        self.agencies = [(name, pre, make_uscc(rng, "1", "1", region, "agency")) for name, pre, region in AGENCIES]
        self.sources = [(name, make_uscc(rng, "1", "1", "440100", "agency")) for name in DATA_SOURCES]

    def subject(self, rng, district_code, district):
        """Returns the party cells as a dict of field name -> text."""
        r = rng.random()
        f = {}
        if r < 0.62:  # enterprise
            name = f"广州市{rng.choice(WORDS)}{rng.choice(WORDS)}{rng.choice(ENTERPRISE_SUFFIX)}"
            if rng.random() < 0.3:
                name = f"广州{rng.choice(WORDS)}{rng.choice(ENTERPRISE_SUFFIX)}{district}分公司"
            style = "ma" if rng.random() < 0.6 else "old"
            uscc = make_uscc(rng, "9", "1", district_code, style)
            f.update(xdr_name=name, xdr_kind=rng.choice(["法人及非法人组织"] * 8 + ["法人和其他组织", "法人"]),
                     xdr_uscc=uscc)
            if rng.random() < 0.35:
                f["xdr_org_code"] = uscc[8:17]
            if style == "old" and rng.random() < 0.4:
                f["xdr_reg_no"] = district_code + f"{rng.randrange(10**9):09d}"
                f["xdr_tax_no"] = district_code + uscc[8:17]
            self.legal_rep(rng, f)
        elif r < 0.67:  # public institution
            name = rng.choice(PUBLIC_INST).format(d=district)
            uscc = make_uscc(rng, "1", "2", district_code, "agency")
            f.update(xdr_name=name, xdr_kind="法人及非法人组织", xdr_uscc=uscc, xdr_org_code=uscc[8:17],
                     xdr_inst_cert_no="1" + district_code[:4] + f"{rng.randrange(10**7):07d}")
            self.legal_rep(rng, f)
        elif r < 0.83:  # individual business
            owner = person_name(rng)
            f.update(xdr_name=f"广州市{district}{owner[0]}记{rng.choice(SHOP_SUFFIX)}",
                     xdr_kind=rng.choice(["个体工商户", "个体工商户", "个体户"]),
                     xdr_uscc=make_uscc(rng, "9", "2", district_code, "ma"))
            self.legal_rep(rng, f, owner)
        else:  # natural person
            f.update(xdr_name=person_name(rng), xdr_kind=rng.choice(["自然人", "自然人", "个人"]))
            t = rng.random()
            if t < 0.9:
                f["xdr_id_type"] = rng.choice(["身份证", "身份证", "居民身份证"])
                f["xdr_id_no"] = self.resident_id(rng)
            elif t < 0.96:
                f["xdr_id_type"] = "港澳台居民居住证"
                f["xdr_id_no"] = make_resident_id(rng, rng.choice(["810000", "820000"]), self.birth(rng))
            else:
                f["xdr_id_type"] = "护照"
                f["xdr_id_no"] = "E" + f"{rng.randrange(10**8):08d}"
        return f

    def birth(self, rng):
        return dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(365 * 48))

    def resident_id(self, rng):
        return make_resident_id(rng, rng.choice(BIRTH_REGIONS), self.birth(rng))

    def legal_rep(self, rng, f, name=None):
        f["legal_rep"] = name or person_name(rng)
        if rng.random() < 0.85:
            f["legal_rep_id_type"] = rng.choice(["身份证", "身份证", "身份证", "居民身份证"])
            f["legal_rep_id_no"] = self.resident_id(rng)

    def row(self):
        """One row: (dict field -> text, decision-number prefix, bad kind or None)."""
        rng = self.rng
        district_code, district = rng.choice(GZ_DISTRICTS)
        agency, pre, agency_uscc = rng.choice(self.agencies)
        src, src_uscc = rng.choice(self.sources) if rng.random() < 0.7 else (agency, agency_uscc)
        domain, vtype, act, finding, law, arts, evidence = rng.choice(CASES)
        f = self.subject(rng, district_code, district)
        name = f["xdr_name"]
        decided = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
        found = decided - dt.timedelta(days=rng.randrange(20, 120))
        art = rng.randrange(*arts)
        art2 = rng.randrange(*arts)
        ptypes = rng.choice(PENALTY_TYPE_SETS)
        fine_yuan = rng.choice([2000, 5000, 10000, 20000, 30000, 50000, 80000, 100000, 200000]) * rng.choice((1, 1, 1.5))
        conf_yuan = rng.randrange(1, 500) * 100 if "没收" in ptypes else 0
        street = f"{district}{rng.choice(STREETS)}{rng.randrange(1, 999)}号"
        count = rng.randrange(2, 60)
        sev = rng.choice(SEVERITIES)
        f["facts"] = (
            f"经查，当事人{name}自{found.year}年{found.month}月起在{street}从事{act}。"
            f"{found.month}月{found.day}日执法人员现场检查发现，{finding}"
            + (f"，经核算违法所得人民币{conf_yuan:,}元。" if conf_yuan else "。")
            + f"当事人的上述行为违反了《{law}》第{cn_num(art)}条的规定"
            + (f"。以上事实有现场检查笔录、询问笔录、{evidence}等证据证实。" if rng.random() < 0.5 else "。")
        )
        if rng.random() < 0.02:  # exports keep the line breaks typed into the case system
            f["facts"] = f["facts"].replace("。当事人的上述", "。\r\n当事人的上述", 1)
        f["legal_basis"] = (
            f"《{law}》第{cn_num(art)}条、第{cn_num(art2)}条第{cn_num(rng.randrange(1, 4))}款，"
            f"《中华人民共和国行政处罚法》第{cn_num(rng.choice((28, 32, 33)))}条"
            + (f"，参照《广州市{rng.choice(['发展改革', '城市管理', '应急管理', '市场监管'])}系统行政处罚自由裁量权基准》"
               f"第{cn_num(rng.randrange(3, 40))}项，决定予以{rng.choice(DISCRETION)}" if rng.random() < 0.6 else "")
        )
        parts = ["责令当事人立即改正违法行为"]
        if "警告" in ptypes:
            parts.append("给予警告")
        if "罚款" in ptypes:
            parts.append(f"处罚款人民币{fine_yuan:,.0f}元整")
        if conf_yuan:
            parts.append(f"没收违法所得人民币{conf_yuan:,}元")
        if "暂扣" in ptypes or "吊销" in ptypes:
            parts.append("暂扣燃气经营许可证六个月" if "暂扣" in ptypes else "吊销燃气经营许可证")
        f["penalty_content"] = "；".join(f"{i + 1}.{p}" for i, p in enumerate(parts)) + "。"
        f["violation_type"] = vtype
        f["penalty_types"] = ptypes
        if "罚款" in ptypes:
            f["fine_amount"] = rng.choice([f"{fine_yuan / 10000:g}", f"{fine_yuan / 10000:.4f}", f"{fine_yuan / 10000:.2f}"])
        if conf_yuan:
            f["confiscated_amount"] = f"{conf_yuan / 10000:.4f}"
        elif rng.random() < 0.3:
            f["confiscated_amount"] = "0"
        if "暂扣" in ptypes or "吊销" in ptypes:
            f["license_suspended"] = f"燃气经营许可证（粤{district_code[2:4]}{rng.randrange(10**6):06d}{rng.choice('JLP')}）"
        f["decision_date"] = fmt_date(rng, decided)
        valid = decided + dt.timedelta(days=rng.choice((365, 730, 1095)))
        f["valid_until"] = fmt_date(rng, valid)
        if rng.random() < 0.8:
            months = {"轻微": 0, "一般": 12, "一般失信": 12, "严重": 36}[sev]
            f["publication_end"] = fmt_date(rng, decided + dt.timedelta(days=max(months * 30, 90)))
        f["authority"] = agency
        f["authority_uscc"] = agency_uscc
        f["source_unit"] = src
        f["source_unit_uscc"] = src_uscc
        if rng.random() < 0.25:
            f["remarks"] = rng.choice(["已履行完毕", "当事人已缴纳罚款", "已整改", "分期缴纳", "申请延期缴纳已获批准"])
        f["domain"] = domain
        f["severity"] = sev

        bad = None
        if rng.random() < self.bad_share:
            bad = rng.choice(["uscc_typo", "uscc_checkchar", "id_checkdigit", "unknown_code", "bad_date",
                              "negative_fine", "missing_required"])
            bad = self.spoil(rng, f, bad)
        return f, f"{pre}〔{decided.year}〕", bad

    def spoil(self, rng, f, bad):
        if bad in ("uscc_typo", "uscc_checkchar") and "xdr_uscc" not in f:
            bad = "missing_required"  # a natural person: no USCC to spoil
        if bad == "uscc_typo":  # one mistyped character in positions 9-16 (the embedded org code)
            u = f["xdr_uscc"]
            while True:
                i = rng.randrange(8, 16)
                c = rng.choice(USCC_ALPHABET)
                body = u[8:i] + c + u[i + 1:16]
                if c != u[i] and org_check(body) != u[16]:
                    break
            f["xdr_uscc"] = u[:i] + c + u[i + 1:]
            f.pop("xdr_org_code", None)
            f.pop("xdr_tax_no", None)
        elif bad == "uscc_checkchar":
            u = f["xdr_uscc"]
            f["xdr_uscc"] = u[:17] + rng.choice([c for c in USCC_ALPHABET if c != u[17]])
        elif bad == "id_checkdigit":
            checked = ("身份证", "居民身份证", "港澳台居民居住证")  # the types rule id_matches_type checks
            key = "xdr_id_no" if f.get("xdr_id_type") in checked else "legal_rep_id_no"
            if key == "legal_rep_id_no" and f.get("legal_rep_id_type") not in checked:
                f["legal_rep_id_type"] = "身份证"
                f["legal_rep_id_no"] = self.resident_id(rng)
            n = f[key]
            f[key] = n[:17] + rng.choice([c for c in "0123456789X" if c != n[17]])
        elif bad == "unknown_code":
            field, value = rng.choice([("penalty_types", "责令整改"), ("penalty_types", "罚款;责令限期改正"),
                                       ("penalty_types", "罚金"), ("xdr_kind", "企业法人"), ("domain", "环保"),
                                       ("severity", "较重")])
            f[field] = value
        elif bad == "bad_date":
            f["decision_date"] = rng.choice(["2023-02-30", "2022/4/31", "2023年13月5日", "2021-06-31"])
            f.pop("publication_end", None)
        elif bad == "negative_fine":
            f["penalty_types"] = "罚款"
            f["fine_amount"] = rng.choice(["-0.5", "-2.0000", "-10"])
        if bad == "missing_required":
            f[rng.choice(["legal_basis", "authority_uscc", "valid_until", "penalty_content"])] = ""
        return bad


def load_fields(cli):
    if cli:
        out = subprocess.run([cli, "datasets", "--json"], capture_output=True, text=True, check=True).stdout
        datasets = json.loads(out)
    else:
        import ecredit
        datasets = ecredit.Engine.default().datasets()
    for d in datasets:
        if d["id"] == DATASET:
            return d["fields"]
    raise SystemExit(f"no dataset {DATASET}")


def generate(n, out, seed=1, bad_share=0.05, cli=None, block=10_000):
    fields = load_fields(cli)
    names = [f["name"] for f in fields]
    assert names[0] == "decision_no", "the decision number is expected first"
    gen = Generator(seed, bad_share)
    templates = []  # (prefix bytes, rest bytes incl. CRLF, bad kind)
    counts = {}
    t0 = time.perf_counter()
    with open(out, "wb", buffering=1 << 20) as fh:
        fh.write((",".join(csv_cell(f["title"]) for f in fields) + "\r\n").encode())
        size = 0
        chunk = []
        for i in range(n):
            j = i % block
            if j == len(templates):
                cells, pre, bad = gen.row()
                rest = "号," + ",".join(csv_cell(cells.get(k, "")) for k in names[1:]) + "\r\n"
                templates.append((pre.encode(), rest.encode(), bad))
            pre, rest, bad = templates[j]
            if bad:
                counts[bad] = counts.get(bad, 0) + 1
            chunk.append(pre + str(i + 1).encode() + rest)
            if len(chunk) == 4096:
                data = b"".join(chunk)
                size += len(data)
                fh.write(data)
                chunk = []
        data = b"".join(chunk)
        size += len(data)
        fh.write(data)
    total = sum(counts.values())
    return {"rows": n, "file": str(out), "data_bytes": size, "bad_rows": total, "bad_by_kind": counts,
            "expected_rejected": total,
            "expected_warning_rows": 0,
            "seed": seed, "bad_share": bad_share, "block": block, "seconds": round(time.perf_counter() - t0, 2)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rows", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bad-share", type=float, default=0.05)
    ap.add_argument("--block", type=int, default=10_000, help="distinct rows generated before repeating")
    ap.add_argument("--cli", help="ecredit CLI to read the header from (default: import ecredit)")
    a = ap.parse_args()
    if not 0 <= a.bad_share <= 1:
        ap.error("--bad-share must be within 0..1")
    print(json.dumps(generate(a.rows, a.out, a.seed, a.bad_share, a.cli, a.block), ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
