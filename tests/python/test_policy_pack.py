"""Checks the built-in policy pack (policies/gz-energy/) against its JSON Schemas and
the cross-references the schemas cannot express (docs/policy-format.md).

Pure data tests: they need `jsonschema`, not the compiled `ecredit` module.
"""

import json
import pathlib
import re

import pytest

jsonschema = pytest.importorskip("jsonschema")

POLICIES = pathlib.Path(__file__).resolve().parents[2] / "policies"
PACK_DIR = POLICIES / "gz-energy"
SCHEMA_DIR = POLICIES / "schema"

REQUIRED_DATASETS = {
    "subject", "admin_license", "admin_penalty", "red_list", "black_list", "key_attention_list",
    "arrears", "commitment", "safety_incident", "energy_saving", "commendation", "evaluation",
}

# DOMAIN.md §3: field codes of the national 双公示 penalty set.
CF_CODES = [
    "CF_WSH", "CF_XDR_MC", "CF_XDR_LB", "CF_XDR_SHXYM", "CF_XDR_GSZC", "CF_XDR_ZZJG", "CF_XDR_SWDJ",
    "CF_XDR_SYDW", "CF_XDR_SHZZ", "CF_FRDB", "CF_FR_ZJLX", "CF_FR_ZJHM", "CF_XDR_ZJLX", "CF_XDR_ZJHM",
    "CF_WFXW", "CF_SY", "CF_YJ", "CF_CFLB", "CF_NR", "CF_NR_FK", "CF_NR_WFFF", "CF_NR_ZKDX", "CF_JDRQ",
    "CF_YXQ", "CF_GSJZQ", "CF_CFJG", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM", "BZ",
]
# DOMAIN.md §3: mandatory penalty fields, by national code.
CF_MANDATORY = [
    "CF_XDR_MC", "CF_XDR_LB", "CF_WSH", "CF_WFXW", "CF_SY", "CF_YJ", "CF_CFLB", "CF_NR", "CF_JDRQ",
    "CF_YXQ", "CF_CFJG", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM",
]
# DOMAIN.md §3 typical lengths, by national code.
CF_LENGTHS = {"CF_WSH": 128, "CF_YJ": 2048, "CF_NR": 4000, "BZ": 512}
# Licence codes as used by real 双公示 systems.
XK_CODES = [
    "XK_WSH", "XK_XKWS", "XK_XDR_MC", "XK_XDR_LB", "XK_XDR_SHXYM", "XK_XDR_GSZC", "XK_XDR_ZZJG", "XK_XDR_SWDJ",
    "XK_XDR_SYDW", "XK_XDR_SHZZ", "XK_FRDB", "XK_FR_ZJLX", "XK_FR_ZJHM", "XK_XDR_ZJLX", "XK_XDR_ZJHM",
    "XK_XKLB", "XK_XKZS", "XK_XKBH", "XK_NR", "XK_JDRQ", "XK_YXQZ", "XK_YXQZI", "XK_XKJG", "XK_XKJGDM",
    "XK_ZT", "XK_LYDW", "XK_LYDWDM", "BZ",
]

# Separators of a `multiple: true` code cell (docs/policy-format.md, Fields).
MULTI_SEP = re.compile(r"[;；,，、]")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# Constructs Python `re` accepts but RE2 does not.
NOT_RE2 = re.compile(r"\(\?[=!]|\(\?<[=!]|\(\?>|\(\?P=|\\[1-9]|\\k<|[*+?}][+]|\(\?\(")


def norm(s):
    """The key the loader matches on (ecredit::match_key): full-width ASCII → half-width, ideographic and
    no-break spaces and all ASCII whitespace dropped, A-Z lower-cased."""
    out = []
    for ch in s:
        cp = ord(ch)
        if 0xFF01 <= cp <= 0xFF5E:
            ch = chr(cp - 0xFEE0)
        elif cp in (0x3000, 0x00A0):
            continue
        if ch in " \t\r\n":
            continue
        out.append(ch.lower() if "A" <= ch <= "Z" else ch)
    return "".join(out)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pack():
    return load(PACK_DIR / "pack.json")


@pytest.fixture(scope="module")
def codes(pack):
    return load(PACK_DIR / pack["files"]["codes"])


@pytest.fixture(scope="module")
def catalog(pack):
    return load(PACK_DIR / pack["files"]["catalog"])


@pytest.fixture(scope="module")
def tables(codes):
    return codes["tables"]


@pytest.fixture(scope="module")
def datasets(catalog):
    return {d["id"]: d for d in catalog["datasets"]}


def fields_of(ds):
    return {f["name"]: f for f in ds["fields"]}


def _catalog_params():
    return [pytest.param(d, id=d["id"]) for d in load(PACK_DIR / "catalog.json")["datasets"]]


def _table_params():
    return [pytest.param(name, t, id=name) for name, t in load(PACK_DIR / "codes.json")["tables"].items()]


# ------------------------------------------------------------------ files and schemas

@pytest.mark.parametrize("name", ["pack", "codes", "catalog", "repair", "calendar", "objections",
                                  "appointment", "monitoring"])
def test_schema_is_valid_draft_2020_12(name):
    schema = load(SCHEMA_DIR / f"{name}.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name,file", [("pack", "pack.json"), ("codes", "codes.json"), ("catalog", "catalog.json"),
                                       ("repair", "repair.json"), ("calendar", "calendar.json"),
                                       ("objections", "objections.json"), ("appointment", "appointment.json"),
                                       ("monitoring", "monitoring.json")])
def test_file_matches_schema(name, file):
    schema = load(SCHEMA_DIR / f"{name}.schema.json")
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(load(PACK_DIR / file)), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{file} /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20])


def test_pack_manifest(pack):
    assert pack["id"] == "gz-energy"
    assert pack["version"] == "2026.11"
    assert list(pack["files"]) == ["codes", "catalog", "grading", "measures", "repair", "calendar", "objections",
                                  "appointment", "monitoring"]
    targets = {k: v["share"] for k, v in pack["coverage_targets"].items() if k.isdigit()}
    assert targets == {"2022": 0.8, "2025": 0.95}  # the plan's 二 建设目标
    assert pack["coverage_targets"]["basis"]
    for rel in pack["files"].values():
        assert (PACK_DIR / rel).is_file(), rel
    assert pack.get("basis")


@pytest.mark.parametrize("path", sorted(PACK_DIR.glob("*.json")) + sorted(SCHEMA_DIR.glob("*.json")),
                         ids=lambda p: p.name)
def test_json_is_pretty_utf8_unescaped(path):
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    text = raw.decode("utf-8")
    assert "\\u" not in text, "write Chinese unescaped (ensure_ascii=False)"
    assert "\t" not in text
    for lineno, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, f"{path.name}:{lineno}: indent is not a multiple of 2"


def test_schema_rejects_typos(catalog, codes):
    """The schemas are strict enough to catch misspelt keys and enum values."""
    cat_schema = load(SCHEMA_DIR / "catalog.schema.json")
    v = jsonschema.Draft202012Validator(cat_schema)
    ds = json.loads(json.dumps(catalog["datasets"][0]))
    bad_field = dict(ds["fields"][0], requird=True)
    bad_type = dict(ds["fields"][0], type="text")
    for mutated in (dict(ds, fields=[bad_field] + ds["fields"][1:]),
                    dict(ds, fields=[bad_type] + ds["fields"][1:]),
                    dict(ds, disclosure="open"),
                    dict(ds, maps_to={"kind": "records"}),
                    dict(ds, rules=[{"kind": "date_order", "earlier": "a", "latter": "b"}]),
                    dict(ds, rules=[{"kind": "date-order", "earlier": "a", "later": "b"}]),
                    dict(ds, primary_key=[]),
                    dict(ds, extra=1)):
        assert not v.is_valid({"datasets": [mutated]}), mutated
    code_schema = load(SCHEMA_DIR / "codes.schema.json")
    cv = jsonschema.Draft202012Validator(code_schema)
    t = {"title": "x", "codes": [{"code": "Bad-Code", "label": "x"}]}
    assert not cv.is_valid({"tables": {"t": t}})
    t = {"title": "x", "codes": [{"code": "ok", "lable": "x"}]}
    assert not cv.is_valid({"tables": {"t": t}})
    pack_schema = load(SCHEMA_DIR / "pack.schema.json")
    pv = jsonschema.Draft202012Validator(pack_schema)
    manifest = {"id": "p", "title": "t", "version": "1", "files": {"codes": "codes.json", "catalog": "catalog.json"}}
    assert pv.is_valid(manifest)
    assert not pv.is_valid(dict(manifest, files={"codes": "codes.json", "catalogue": "catalog.json"}))
    assert not pv.is_valid(dict(manifest, versoin="1"))


# ------------------------------------------------------------------ code tables

REQUIRED_TABLE_CODES = {
    "subject_kind": {"legal_person", "individual_business", "natural_person", "other"},
    "domain": {"electricity", "oil_gas", "pipeline", "renewable", "energy_saving"},
    "cert_type": {"id_card", "passport", "hk_macao_pass", "taiwan_pass", "foreign_permanent_resident",
                  "residence_permit", "other"},
    "severity": {"minor", "general", "serious"},
    "list_kind": {"black", "red", "key_attention", "dishonest_debtor", "abnormal_operation"},
}
REQUIRED_TABLES = [
    "subject_kind", "domain", "energy_role", "cert_type", "penalty_type", "license_type", "severity", "list_kind",
    "arrears_kind", "commitment_type", "fulfilment_status", "disclosure_type", "incident_level",
    "evaluation_grade", "energy_saving_result", "district",
]


def test_required_tables_exist(tables):
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    assert not missing


@pytest.mark.parametrize("name,expected", sorted(REQUIRED_TABLE_CODES.items()))
def test_fixed_code_sets(tables, name, expected):
    assert {c["code"] for c in tables[name]["codes"]} == expected


def test_subject_kind_numeric_aliases(tables):
    lookup = {norm(a): c["code"] for c in tables["subject_kind"]["codes"] for a in c.get("aliases", [])}
    assert lookup["01"] == "natural_person"
    assert lookup["02"] == "legal_person"
    assert lookup["03"] == "legal_person"
    assert lookup["04"] == "individual_business"


def test_district_region_codes(tables):
    expected = {"yuexiu": "440104", "haizhu": "440105", "liwan": "440103", "tianhe": "440106",
                "baiyun": "440111", "huangpu": "440112", "panyu": "440113", "huadu": "440114",
                "nansha": "440115", "conghua": "440117", "zengcheng": "440118"}
    by_code = {c["code"]: c for c in tables["district"]["codes"]}
    for code, region in expected.items():
        assert region in by_code[code]["aliases"], code


@pytest.mark.parametrize("name,table", _table_params())
def test_table_codes_unique_and_unambiguous(name, table):
    assert table.get("basis"), f"table {name} has no basis"
    seen_codes = set()
    owner = {}
    for entry in table["codes"]:
        code = entry["code"]
        assert SNAKE.match(code), f"{name}: {code!r} is not snake_case ASCII"
        assert code not in seen_codes, f"{name}: duplicate code {code}"
        seen_codes.add(code)
        tokens = [code, entry["label"]] + entry.get("aliases", []) + [entry.get("label_en") or code]
        for token in tokens:
            key = norm(token)
            assert key, f"{name}/{code}: empty label or alias"
            other = owner.setdefault(key, code)
            assert other == code, f"{name}: {token!r} means both {other} and {code}"


def test_multiple_field_aliases_split_cleanly(tables, catalog):
    """A `multiple` cell is split before lookup, so a label with a separator must split into known parts."""
    multi_tables = {f["codes"] for d in catalog["datasets"] for f in d["fields"] if f.get("multiple")}
    for name in sorted(multi_tables):
        lookup = {}
        for c in tables[name]["codes"]:
            for token in [c["code"], c["label"], c.get("label_en", "")] + c.get("aliases", []):
                lookup[norm(token)] = c["code"]
        for c in tables[name]["codes"]:
            for token in [c["label"]] + c.get("aliases", []):
                if MULTI_SEP.search(token):
                    parts = [norm(p) for p in MULTI_SEP.split(token) if p.strip()]
                    unknown = [p for p in parts if p not in lookup]
                    assert not unknown, f"{name}/{c['code']}: {token!r} splits into unknown {unknown}"


def test_penalty_types_cover_both_laws(tables):
    tokens = {norm(t) for c in tables["penalty_type"]["codes"] for t in [c["label"]] + c.get("aliases", [])}
    for label in ["警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
                  "吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他",
                  "没收违法所得、没收非法财物", "暂扣或者吊销许可证", "暂扣或者吊销执照"]:
        assert norm(label) in tokens, label


# ------------------------------------------------------------------ catalog structure

def test_required_datasets_present(datasets):
    assert not REQUIRED_DATASETS - set(datasets)


def test_dataset_ids_unique(catalog):
    ids = [d["id"] for d in catalog["datasets"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("ds", _catalog_params())
def test_dataset_metadata(ds):
    assert ds["basis"], "every dataset must carry a basis"
    if isinstance(ds["basis"], dict):
        assert ds["basis"].get("doc")
    assert ds.get("title_en") and ds.get("source_department")
    assert "maps_to" in ds and ds.get("primary_key")


@pytest.mark.parametrize("ds", _catalog_params())
def test_field_names_unique(ds):
    names = [f["name"] for f in ds["fields"]]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes


@pytest.mark.parametrize("ds", _catalog_params())
def test_headers_unambiguous(ds):
    """Header matching uses name, title, title_en and aliases: none may point at two fields."""
    owner = {}
    for f in ds["fields"]:
        tokens = [f["name"], f["title"], f.get("title_en", "")] + f.get("aliases", [])
        for token in tokens:
            key = norm(token)
            if not key:
                continue
            other = owner.setdefault(key, f["name"])
            assert other == f["name"], f"{ds['id']}: header {token!r} matches both {other} and {f['name']}"


@pytest.mark.parametrize("ds", _catalog_params())
def test_code_fields_name_existing_tables(ds, tables):
    for f in ds["fields"]:
        if f["type"] == "code":
            assert f.get("codes") in tables, f"{ds['id']}.{f['name']}: unknown table {f.get('codes')!r}"
        else:
            assert "codes" not in f and "multiple" not in f, f"{ds['id']}.{f['name']}"


@pytest.mark.parametrize("ds", _catalog_params())
def test_required_if_references(ds, tables):
    fields = fields_of(ds)
    for f in ds["fields"]:
        cond = f.get("required_if")
        if not cond:
            continue
        where = f"{ds['id']}.{f['name']}.required_if"
        assert cond["field"] in fields, f"{where}: unknown field {cond['field']!r}"
        assert cond["field"] != f["name"], where
        assert not f.get("required"), f"{where}: field is required anyway"
        target = fields[cond["field"]]
        if target["type"] == "code":
            valid = {c["code"] for c in tables[target["codes"]]["codes"]}
            assert set(cond["in"]) <= valid, f"{where}: {set(cond['in']) - valid} not codes of {target['codes']}"


@pytest.mark.parametrize("ds", _catalog_params())
def test_rules_reference_fields(ds, tables):
    fields = fields_of(ds)
    for i, rule in enumerate(ds.get("rules", [])):
        where = f"{ds['id']}.rules[{i}]"
        kind = rule["kind"]
        if kind == "date_order":
            for key in ("earlier", "later"):
                assert rule[key] in fields, f"{where}: unknown field {rule[key]!r}"
                assert fields[rule[key]]["type"] in ("date", "datetime"), f"{where}: {rule[key]} is not a date"
            assert rule["earlier"] != rule["later"], where
        elif kind == "one_of_required":
            for name in rule["fields"]:
                assert name in fields, f"{where}: unknown field {name!r}"
        elif kind == "id_matches_type":
            assert rule["type_field"] in fields, where
            assert rule["number_field"] in fields, where
            tf = fields[rule["type_field"]]
            assert tf["type"] == "code", f"{where}: type_field is not a code field"
            valid = {c["code"] for c in tables[tf["codes"]]["codes"]}
            assert set(rule["codes"]) <= valid, f"{where}: {set(rule['codes']) - valid}"
            assert "id_card" in rule["codes"]
            assert fields[rule["number_field"]].get("personal"), f"{where}: the number must be personal"
        else:
            pytest.fail(f"{where}: unknown rule kind {kind!r}")


@pytest.mark.parametrize("ds", _catalog_params())
def test_primary_key_references(ds):
    fields = fields_of(ds)
    for name in ds["primary_key"]:
        assert name in fields, f"{ds['id']}.primary_key: unknown field {name!r}"
        assert fields[name].get("required") or fields[name].get("required_if"), \
            f"{ds['id']}.primary_key: {name} may be empty"


MAPS_FIELD_KEYS = {
    "subject": ("uscc",),
    "person": ("string", "resident_id"),
    "name": ("string",),
    "date": ("date", "datetime"),
    "included_on": ("date",),
    "expires_on": ("date",),
    "removed_on": ("date",),
    "severity_from": ("code",),
    "domain_from": ("code",),
}


@pytest.mark.parametrize("ds", _catalog_params())
def test_maps_to_references(ds, tables):
    fields = fields_of(ds)
    m = ds["maps_to"]
    for key, types in MAPS_FIELD_KEYS.items():
        if key not in m:
            continue
        where = f"{ds['id']}.maps_to.{key}"
        assert m[key] in fields, f"{where}: unknown field {m[key]!r}"
        assert fields[m[key]]["type"] in types, f"{where}: {m[key]} has type {fields[m[key]]['type']}"
    if "person" in m:
        assert fields[m["person"]].get("personal") or fields[m["person"]]["type"] == "resident_id"
    if "severity_from" in m:
        assert fields[m["severity_from"]]["codes"] == "severity"
    if "domain_from" in m:
        assert fields[m["domain_from"]]["codes"] == "domain"
    if m["kind"] == "list_entry":
        assert m["list"] in {c["code"] for c in tables["list_kind"]["codes"]}


def test_list_datasets_map_to_their_lists(datasets):
    assert datasets["black_list"]["maps_to"]["list"] == "black"
    assert datasets["red_list"]["maps_to"]["list"] == "red"
    assert datasets["key_attention_list"]["maps_to"]["list"] == "key_attention"
    assert datasets["dishonest_debtor_list"]["maps_to"]["list"] == "dishonest_debtor"
    assert datasets["abnormal_operation_list"]["maps_to"]["list"] == "abnormal_operation"
    for name in ("black_list", "red_list", "key_attention_list", "dishonest_debtor_list", "abnormal_operation_list"):
        assert datasets[name]["maps_to"]["kind"] == "list_entry"


@pytest.mark.parametrize("ds", _catalog_params())
def test_patterns_compile_and_are_re2_safe(ds):
    for f in ds["fields"]:
        if "pattern" not in f:
            continue
        re.compile(f["pattern"])
        assert not NOT_RE2.search(f["pattern"]), f"{ds['id']}.{f['name']}: construct RE2 does not support"


@pytest.mark.parametrize("ds", _catalog_params())
def test_personal_identifiers_are_marked(ds):
    for f in ds["fields"]:
        if f["type"] == "resident_id":
            continue  # personal implied
        name = f["name"]
        if name.endswith("id_no") or name == "legal_rep_id" or "phone" in name or name == "legal_rep":
            assert f.get("personal"), f"{ds['id']}.{name} should be personal"


@pytest.mark.parametrize("ds", _catalog_params())
def test_bounds_are_consistent(ds):
    for f in ds["fields"]:
        if "min_length" in f and "max_length" in f:
            assert f["min_length"] <= f["max_length"]
        if "minimum" in f and "maximum" in f:
            assert f["minimum"] <= f["maximum"]


# ------------------------------------------------------------------ the national 双公示 sets

def _alias_owner(ds):
    return {a: f["name"] for f in ds["fields"] for a in f.get("aliases", [])}


def test_admin_penalty_has_every_cf_code(datasets):
    owner = _alias_owner(datasets["admin_penalty"])
    missing = [c for c in CF_CODES if c not in owner]
    assert not missing


def test_admin_penalty_mandatory_set(datasets):
    ds = datasets["admin_penalty"]
    owner = _alias_owner(ds)
    fields = fields_of(ds)
    not_required = [c for c in CF_MANDATORY if not fields[owner[c]].get("required")]
    assert not not_required
    required = {n for n, f in fields.items() if f.get("required")}
    assert required == {owner[c] for c in CF_MANDATORY}, "only the national mandatory set is required"


def test_admin_penalty_lengths_and_types(datasets):
    ds = datasets["admin_penalty"]
    owner = _alias_owner(ds)
    fields = fields_of(ds)
    for code, length in CF_LENGTHS.items():
        assert fields[owner[code]]["max_length"] == length, code
    assert fields[owner["CF_XDR_SHXYM"]]["type"] == "uscc"
    assert fields[owner["CF_XDR_ZZJG"]]["type"] == "org_code"
    assert fields[owner["CF_CFJGDM"]]["type"] == "uscc"
    assert fields[owner["CF_SJLYDM"]]["type"] == "uscc"
    assert fields[owner["CF_NR_FK"]]["type"] == "decimal" and fields[owner["CF_NR_FK"]]["minimum"] == 0
    for code in ("CF_JDRQ", "CF_YXQ", "CF_GSJZQ"):
        assert fields[owner[code]]["type"] == "date", code
    cflb = fields[owner["CF_CFLB"]]
    assert cflb["codes"] == "penalty_type" and cflb["multiple"] is True
    lb = fields[owner["CF_XDR_LB"]]
    assert lb["type"] == "code" and lb["codes"] == "subject_kind"
    assert fields["domain"]["codes"] == "domain" and not fields["domain"].get("required")
    assert fields["severity"]["codes"] == "severity" and not fields["severity"].get("required")
    orders = {(r["earlier"], r["later"]) for r in ds["rules"] if r["kind"] == "date_order"}
    assert (owner["CF_JDRQ"], owner["CF_GSJZQ"]) in orders
    assert (owner["CF_JDRQ"], owner["CF_YXQ"]) in orders
    pairs = {(r["type_field"], r["number_field"]) for r in ds["rules"] if r["kind"] == "id_matches_type"}
    assert (owner["CF_FR_ZJLX"], owner["CF_FR_ZJHM"]) in pairs
    assert (owner["CF_XDR_ZJLX"], owner["CF_XDR_ZJHM"]) in pairs


def test_admin_license_has_every_xk_code(datasets):
    ds = datasets["admin_license"]
    owner = _alias_owner(ds)
    missing = [c for c in XK_CODES if c not in owner]
    assert not missing
    fields = fields_of(ds)
    assert fields[owner["XK_XKLB"]]["codes"] == "license_type"
    for code in ("XK_JDRQ", "XK_YXQZ", "XK_YXQZI"):
        assert fields[owner[code]]["type"] == "date", code
    for code in ("XK_XKJGDM", "XK_LYDWDM", "XK_XDR_SHXYM"):
        assert fields[owner[code]]["type"] == "uscc", code


def test_subject_dataset_shape(datasets):
    fields = fields_of(datasets["subject"])
    assert fields["uscc"]["type"] == "uscc"
    assert fields["uscc"]["required_if"] == {"field": "kind", "in": ["legal_person", "individual_business"]}
    assert fields["kind"]["codes"] == "subject_kind" and fields["kind"]["required"]
    assert fields["domains"]["codes"] == "domain" and fields["domains"]["multiple"] and fields["domains"]["required"]
    assert fields["roles"]["codes"] == "energy_role" and fields["roles"]["multiple"]
    assert fields["district"]["codes"] == "district"
    assert datasets["subject"]["primary_key"] == ["uscc"]
