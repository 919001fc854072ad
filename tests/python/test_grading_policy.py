"""Checks the grading models of the built-in policy pack (policies/gz-energy/grading.json)
against policies/schema/grading.schema.json and the rules of docs/grading.md that a schema
cannot express: grades on the model's scale, threshold order, decay steps, caps, codes.

The last part replays a few credit files through a small reference reading of
docs/grading.md to pin down what the numbers are meant to do (e.g. one serious penalty
keeps a subject at C for 24 months, then B, then back to A).

Pure data tests: they need `jsonschema`, not the compiled `ecredit` module.
"""

import copy
import datetime
import json
import pathlib

import pytest

jsonschema = pytest.importorskip("jsonschema")

POLICIES = pathlib.Path(__file__).resolve().parents[2] / "policies"
PACK_DIR = POLICIES / "gz-energy"
SCHEMA_DIR = POLICIES / "schema"
GRADING = PACK_DIR / "grading.json"
SCHEMA = SCHEMA_DIR / "grading.schema.json"

MODEL_IDS = ["gz-energy-class", "nea-energy-eval"]

# Record categories the registry produces (docs/grading.md, Registry): one per record dataset
# (catalog maps_to.category) plus commitment_breach, derived from unfulfilled commitments.
REGISTRY_CATEGORIES = {
    "admin_penalty", "admin_license", "arrears", "safety_incident", "commitment_breach",
    "commendation", "evaluation", "energy_saving",
}
POLARITIES = {"good", "bad", "neutral"}  # docs/grading.md; no codes.json table
BOOLEAN_VALUES = {"true", "false"}  # how the validator normalises boolean cells
# Attributes a host sets that no catalog dataset declares yet, with their accepted values.
# veto_cause: the one-vote veto causes of 国能发资质〔2017〕37号 第二十一条 (一)–(六).
HOST_ATTRIBUTES = {
    "veto_cause": {
        "falsified_evaluation", "forged_certificate", "malicious_competition", "contract_fraud",
        "joint_blacklist", "serious_violation",
    },
}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def grading():
    return load(GRADING)


@pytest.fixture(scope="module")
def models(grading):
    return {m["id"]: m for m in grading["models"]}


@pytest.fixture(scope="module")
def tables():
    return load(PACK_DIR / "codes.json")["tables"]


@pytest.fixture(scope="module")
def datasets():
    return load(PACK_DIR / "catalog.json")["datasets"]


def _model_params():
    return [pytest.param(m, id=m["id"]) for m in load(GRADING)["models"]]


def rules_of(model):
    """(kind, rule) for every indicator and veto."""
    return [("indicator", i) for i in model.get("indicators", [])] + [("veto", v) for v in model.get("vetoes", [])]


# ------------------------------------------------------------------ files and schema

def test_schema_is_valid_draft_2020_12():
    schema = load(SCHEMA)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_file_matches_schema(grading):
    validator = jsonschema.Draft202012Validator(load(SCHEMA), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(grading), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20])


# Formatting (UTF-8, no BOM, unescaped Chinese, 2-space indents) of grading.json and its
# schema is checked with every pack file by test_policy_pack.py::test_json_is_pretty_utf8_unescaped.


def test_schema_rejects_typos(grading):
    v = jsonschema.Draft202012Validator(load(SCHEMA))
    base = copy.deepcopy(grading)
    assert v.is_valid(base)

    def mutated(fn):
        doc = copy.deepcopy(base)
        fn(doc["models"][0])
        return doc

    def ind0(m):
        return m["indicators"][0]

    def veto0(m):
        return m["vetoes"][0]

    mutations = [
        lambda m: ind0(m).update(windw_months=12),
        lambda m: ind0(m).update(points=0),
        lambda m: ind0(m).update(decay=[[12, 0]]),
        lambda m: ind0(m).update(decay=[[12, 1.5]]),
        lambda m: ind0(m).update(decay=[12, 1.0]),
        lambda m: ind0(m).update(select={"list": ["black"], "category": ["admin_penalty"]}),
        lambda m: ind0(m).update(select={"catgory": ["admin_penalty"]}),
        lambda m: ind0(m).update(select={"severity": ["severe"]}),
        lambda m: ind0(m).update(select={"list": ["grey"]}),
        lambda m: ind0(m).update(select={"attributes": {"penalty_types": "fine"}}),
        lambda m: ind0(m).pop("basis"),
        lambda m: ind0(m).pop("note"),
        lambda m: veto0(m).update(max_grade="C"),  # both grade and max_grade
        lambda m: veto0(m).pop("grade"),  # neither
        lambda m: veto0(m).update(when={"record": {"category": ["admin_penalty"]}, "list": ["black"]}),
        lambda m: veto0(m).update(when={"records": {"category": ["admin_penalty"]}}),
        lambda m: m["records"].update(repaired="drop"),
        lambda m: m["grades"][0].update(minimum=90),
        lambda m: m["supervision"]["A"]["inspection_ratio"].update(max=1.5),
        lambda m: m["supervision"]["A"].update(ratio=0.1),
        lambda m: m.update(effective_from="2020-1-1"),
        lambda m: m.update(no_data_grade="b"),
        lambda m: m.update(extra=1),
    ]
    for i, fn in enumerate(mutations):
        assert not v.is_valid(mutated(fn)), f"mutation {i} was accepted"


# ------------------------------------------------------------------ models

def test_model_ids(grading):
    ids = [m["id"] for m in grading["models"]]
    assert len(ids) == len(set(ids)), "model ids must be unique"
    assert ids == MODEL_IDS


@pytest.mark.parametrize("model", _model_params())
def test_rule_ids_unique(model):
    for key in ("indicators", "vetoes"):
        ids = [r["id"] for r in model.get(key, [])]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        assert not dup, f"{key}: duplicate ids {dup}"


@pytest.mark.parametrize("model", _model_params())
def test_grades_named_are_on_the_scale(model):
    scale = model["scale"]
    named = [("grades", g["grade"]) for g in model["grades"]]
    named.append(("no_data_grade", model.get("no_data_grade", scale[0])))
    for v in model.get("vetoes", []):
        for key in ("grade", "max_grade"):
            if key in v:
                named.append((f"vetoes/{v['id']}/{key}", v[key]))
    named += [("supervision", g) for g in model.get("supervision", {})]
    for where, g in named:
        assert g in scale, f"{where}: {g!r} is not on the scale {scale}"
    assert [g["grade"] for g in model["grades"]] == scale, "grades list every grade of the scale, best first"


@pytest.mark.parametrize("model", _model_params())
def test_thresholds(model):
    grades = model["grades"]
    assert "min" not in grades[-1], "the last grade has no min"
    mins = [g.get("min") for g in grades[:-1]]
    assert all(m is not None for m in mins), "every grade but the last has a min"
    assert all(a > b for a, b in zip(mins, mins[1:])), f"thresholds must strictly decrease: {mins}"
    lo, hi = model.get("min_score", float("-inf")), model.get("max_score", float("inf"))
    assert lo <= model["base_score"] <= hi
    assert all(lo < m <= hi for m in mins), "every threshold is reachable within [min_score, max_score]"


@pytest.mark.parametrize("model", _model_params())
def test_decay_steps(model):
    for ind in model["indicators"]:
        decay = ind.get("decay")
        if decay is None:
            continue
        where = ind["id"]
        assert "window_months" in ind, f"{where}: decay without window_months leaves older ages undefined"
        months = [s[0] for s in decay]
        factors = [s[1] for s in decay]
        assert all(a < b for a, b in zip(months, months[1:])), f"{where}: month bounds must increase: {months}"
        assert all(0 < f <= 1 for f in factors), f"{where}: factors must be in (0, 1]: {factors}"
        assert all(a >= b for a, b in zip(factors, factors[1:])), f"{where}: factors must not increase: {factors}"
        assert months[-1] <= ind["window_months"], f"{where}: last bound beyond window_months"


@pytest.mark.parametrize("model", _model_params())
def test_caps(model):
    for ind in model["indicators"]:
        if "cap" not in ind:
            continue
        p, c = ind["points"], ind["cap"]
        assert (p > 0) == (c > 0), f"{ind['id']}: cap {c} and points {p} differ in sign"
        assert abs(c) >= abs(p), f"{ind['id']}: cap {c} is smaller than one record's points {p}"


@pytest.mark.parametrize("model", _model_params())
def test_windows(model):
    for kind, rule in rules_of(model):
        w = rule.get("window_months")
        if w is not None:
            assert isinstance(w, int) and 1 <= w <= 120, f"{kind} {rule['id']}: window_months {w}"
    for v in model.get("vetoes", []):
        if "list" in v["when"] and "window_months" in v:
            # on a list condition the window counts from the end of the entry (docs/grading.md)
            assert v.get("note"), f"veto {v['id']}: a window on a list condition needs its rationale"


@pytest.mark.parametrize("model", _model_params())
def test_every_rule_has_basis_and_note(model):
    assert model["basis"]["doc"]
    for kind, rule in rules_of(model):
        where = f"{kind} {rule['id']}"
        basis = rule.get("basis")
        assert isinstance(basis, dict) and basis.get("doc") and basis.get("article"), f"{where}: basis {{doc, article}}"
        assert isinstance(rule.get("note"), str) and len(rule["note"]) >= 20, f"{where}: note with the rationale"
        assert rule.get("title"), f"{where}: title"


@pytest.mark.parametrize("model", _model_params())
def test_dates_and_version(model):
    start = datetime.date.fromisoformat(model["effective_from"])
    if model.get("effective_to"):
        assert datetime.date.fromisoformat(model["effective_to"]) > start
    assert model["version"] == "2026.11"


@pytest.mark.parametrize("model", _model_params())
def test_supervision(model):
    sup = model.get("supervision", {})
    order = [g for g in model["scale"] if g in sup]
    prev = None
    for g in order:
        r = sup[g].get("inspection_ratio", {})
        lo, hi = r.get("min", 0.0), r.get("max", 1.0)
        assert 0 <= lo <= hi <= 1, f"supervision {g}: {r}"
        if prev:
            assert prev[0] <= lo and prev[1] <= hi, f"supervision {g}: a worse grade is not inspected less"
        prev = (lo, hi)
        assert sup[g].get("basis") and sup[g].get("note"), f"supervision {g}: basis and note"


# ------------------------------------------------------------------ codes

def _selects(model):
    for kind, rule in rules_of(model):
        sel = rule["select"] if kind == "indicator" else rule["when"]
        if "record" in sel:
            yield f"{kind} {rule['id']}", sel["record"]
        else:
            yield f"{kind} {rule['id']}", sel


def _datasets_for(categories, datasets):
    out = []
    for ds in datasets:
        mt = ds["maps_to"]
        if mt["kind"] == "record" and (categories is None or mt.get("category") in categories):
            out.append(ds)
        elif mt["kind"] == "commitment" and (categories is None or "commitment_breach" in categories):
            out.append(ds)
    return out


@pytest.mark.parametrize("model", _model_params())
def test_select_values_are_codes(model, tables, datasets):
    def codes(name):
        return {c["code"] for c in tables[name]["codes"]}

    categories_known = set(REGISTRY_CATEGORIES)
    for name in ("record_category", "category"):
        if name in tables:
            categories_known |= codes(name)
    for where, sel in _selects(model):
        for c in sel.get("category", []):
            assert c in categories_known, f"{where}: unknown category {c!r}"
        for s in sel.get("severity", []):
            assert s in codes("severity"), f"{where}: unknown severity {s!r}"
        for p in sel.get("polarity", []):
            assert p in POLARITIES, f"{where}: unknown polarity {p!r}"
        for d in sel.get("domain", []):
            assert d in codes("domain"), f"{where}: unknown domain {d!r}"
        for lst in sel.get("list", []):
            assert lst in codes("list_kind"), f"{where}: unknown list {lst!r}"
        dss = _datasets_for(sel.get("category"), datasets)
        for attr, values in sel.get("attributes", {}).items():
            if attr in HOST_ATTRIBUTES:
                bad = set(values) - HOST_ATTRIBUTES[attr]
                assert not bad, f"{where}: {attr} values {sorted(bad)} not among {sorted(HOST_ATTRIBUTES[attr])}"
                continue
            fields = [f for ds in dss for f in ds["fields"] if f["name"] == attr]
            assert fields, f"{where}: no dataset of categories {sel.get('category')} has a field {attr!r}"
            for f in fields:
                if f.get("codes"):
                    allowed = codes(f["codes"])
                elif f["type"] == "boolean":
                    allowed = BOOLEAN_VALUES
                else:
                    pytest.fail(f"{where}: {attr} is a {f['type']} field, not a code or boolean to select on")
                bad = set(values) - allowed
                assert not bad, f"{where}: {attr} values {sorted(bad)} not in {f.get('codes') or f['type']}"


# ------------------------------------------------------------------ the briefed choices

def test_gz_energy_class(models):
    m = models["gz-energy-class"]
    assert m["scale"] == ["A", "B", "C", "D"]
    assert m["effective_from"] == "2020-01-01"
    assert m["base_score"] == 100
    assert m["grades"] == [{"grade": "A", "min": 90}, {"grade": "B", "min": 75}, {"grade": "C", "min": 60},
                           {"grade": "D"}]
    assert m["no_data_grade"] == "B"
    ratios = {g: s["inspection_ratio"] for g, s in m["supervision"].items()}
    assert ratios == {"A": {"max": 0.05}, "B": {"min": 0.05, "max": 0.2}, "C": {"min": 0.21, "max": 0.6},
                      "D": {"min": 0.61, "max": 1.0}}
    black = [v for v in m["vetoes"] if v["when"].get("list") == ["black"]]
    assert black and black[0]["grade"] == "D" and "domain" not in black[0]["when"]
    serious = [v for v in m["vetoes"] if v["when"].get("record", {}).get("severity") == ["serious"]]
    assert serious and all(v["max_grade"] == "C" and 12 <= v["window_months"] <= 24 for v in serious)
    positive = [i for i in m["indicators"] if i["points"] > 0]
    assert positive and all("cap" in i for i in positive), "good records are capped"


def test_nea_energy_eval(models):
    m = models["nea-energy-eval"]
    assert m["scale"] == ["AAA", "AA", "A", "B", "C"]
    assert m["effective_from"].startswith("2017-")
    vetoes = {v["id"]: v for v in m["vetoes"]}
    one_vote = [v for v in m["vetoes"] if v["id"].startswith("veto-")]
    assert one_vote and all(v["grade"] == m["scale"][-1] for v in one_vote), "一票否决 ⇒ the lowest grade"
    assert all(v["window_months"] == 24 for v in one_vote), "2年内不受理升级申请 (list entries: after they end)"
    assert vetoes["veto-blacklist"]["when"] == {"list": ["black"]}, "any black list, any domain"
    cause = vetoes["veto-cause"]
    assert set(cause["when"]["record"]["attributes"]["veto_cause"]) == HOST_ATTRIBUTES["veto_cause"]
    assert "record" in cause["when"] and "category" not in cause["when"]["record"]
    for value in HOST_ATTRIBUTES["veto_cause"]:
        assert value in cause["note"], f"veto-cause note explains {value}"
    assert vetoes["veto-serious-penalty"]["when"]["record"]["severity"] == ["serious"]


# ------------------------------------------------------------------ what the numbers do

AS_OF = datetime.date(2026, 6, 15)
POLARITY = {"admin_penalty": "bad", "arrears": "bad", "safety_incident": "bad", "commitment_breach": "bad",
            "commendation": "good", "evaluation": "neutral", "energy_saving": "neutral", "admin_license": "neutral"}


def months_before(d, n):
    y, m = divmod(d.year * 12 + d.month - 1 - n, 12)
    return datetime.date(y, m + 1, min(d.day, 28))


def age_months(start, end):
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def rec(category, months_ago, severity="", repaired=False, **attrs):
    date = months_before(AS_OF, months_ago)
    return {"category": category, "severity": severity, "polarity": POLARITY[category], "domain": "electricity",
            "decision_date": date, "repaired_on": date if repaired else None, "attributes": attrs}


def entry(lst, active=True):
    return {"list": lst, "domain": "electricity", "active": active}


def _match_record(sel, r):
    for key in ("category", "severity", "polarity", "domain"):
        if key in sel and r[key] not in sel[key]:
            return False
    for name, accepted in sel.get("attributes", {}).items():
        values = str(r["attributes"].get(name, "")).split(";")
        if not set(values) & set(accepted):
            return False
    return True


def _match_entry(sel, e):
    return e["active"] and e["list"] in sel["list"] and ("domain" not in sel or e["domain"] in sel["domain"])


def grade_of(model, records=(), entries=(), as_of=AS_OF):
    """A reference reading of docs/grading.md (what the C++ engine implements)."""
    rp = model.get("records", {})

    def counts(r):
        if r["decision_date"] > as_of:
            return False
        if rp.get("repaired") == "exclude" and r["repaired_on"] and r["repaired_on"] <= as_of:
            return False
        return True

    live = [r for r in records if counts(r)]
    score, anything, bad = model["base_score"], False, False
    for ind in model["indicators"]:
        sel, total = ind["select"], 0.0
        if "list" in sel:
            hits = [1.0 for e in entries if _match_entry(sel, e)]
        else:
            hits = []
            for r in live:
                age = age_months(r["decision_date"], as_of)
                if not _match_record(sel, r) or ("window_months" in ind and age >= ind["window_months"]):
                    continue
                factor = next((f for bound, f in ind.get("decay", []) if bound > age), 1.0)
                hits.append(factor)
        anything = anything or bool(hits)
        bad = bad or (bool(hits) and ind["points"] < 0)
        total = sum(ind["points"] * f for f in hits)
        if "cap" in ind:
            total = max(total, ind["cap"]) if ind["cap"] < 0 else min(total, ind["cap"])
        score += total
    score = min(max(score, model.get("min_score", score)), model.get("max_score", score))
    anything = anything or any(e["active"] for e in entries)
    if anything or "no_data_grade" not in model:
        g = next(x["grade"] for x in model["grades"] if "min" not in x or x["min"] <= score)
    else:
        g = model["no_data_grade"]
    scale = model["scale"]
    if bad and "bad_record_cap" in model:  # a bad record never grades better than no record
        g = max(g, model["bad_record_cap"]["max_grade"], key=scale.index)
    forced, caps = [], []
    for v in model.get("vetoes", []):
        w = v["when"]
        if "list" in w:
            fired = any(_match_entry(w, e) for e in entries)
        else:
            fired = any(_match_record(w["record"], r) and
                        ("window_months" not in v or age_months(r["decision_date"], as_of) < v["window_months"])
                        for r in live)
        if fired:
            (forced if "grade" in v else caps).append(v.get("grade") or v.get("max_grade"))
    if forced:
        g = max(forced, key=scale.index)
    for c in caps:
        g = max(g, c, key=scale.index)
    return g, score


GOOD = [rec("commendation", 3, level="national"), rec("commendation", 4), entry("red")]

GZ_CASES = [
    ("no data", [], [], "B"),
    ("good records only", GOOD[:2], [], "A"),
    ("one minor penalty", [rec("admin_penalty", 2, "minor")], [], "B"),  # bad_record_cap (issue 11)
    ("six minor penalties in half a year", [rec("admin_penalty", n, "minor") for n in range(6)], [], "B"),
    ("one general penalty", [rec("admin_penalty", 3, "general")], [], "B"),  # was A: a penalty improved on B
    ("two general penalties", [rec("admin_penalty", 3, "general")] * 2, [], "B"),
    ("five general penalties", [rec("admin_penalty", 3, "general")] * 5, [], "C"),
    ("serious penalty, 6 months", [rec("admin_penalty", 6, "serious")], [], "C"),
    ("serious penalty, 18 months", [rec("admin_penalty", 18, "serious")], [], "C"),
    ("serious penalty, 30 months", [rec("admin_penalty", 30, "serious")], [], "B"),
    ("serious penalty, 30 months, with good records", [rec("admin_penalty", 30, "serious")] + GOOD[:2], [], "B"),
    ("two serious penalties", [rec("admin_penalty", 2, "serious")] * 2, [], "D"),
    ("repaired serious penalty", [rec("admin_penalty", 6, "serious", repaired=True), rec("commendation", 1)], [], "A"),
    ("black list beats good records", GOOD[:2], [entry("black"), entry("red")], "D"),
    ("removed black list", [rec("commendation", 1)], [entry("black", active=False)], "A"),
    ("key attention with good records", GOOD[:2], [entry("key_attention"), entry("red")], "B"),
    ("malicious arrears", [rec("arrears", 2, "general", malicious="true")], [], "B"),
    ("larger accident", [rec("safety_incident", 5, incident_level="larger")], [], "C"),
    ("pipeline damage", [rec("safety_incident", 5, incident_level="pipeline_damage")], [], "B"),
    ("commitment breach x2", [rec("commitment_breach", 3, "general")] * 2, [], "B"),
]


@pytest.mark.parametrize("records,entries,expected", [pytest.param(r, e, g, id=n) for n, r, e, g in GZ_CASES])
def test_gz_energy_class_outcomes(models, records, entries, expected):
    assert grade_of(models["gz-energy-class"], records, entries)[0] == expected


NEA_CASES = [
    ("no data", [], [], "B"),
    ("good records only", GOOD[:2], [], "AAA"),
    ("one general penalty", [rec("admin_penalty", 3, "general")], [], "B"),  # was AAA: better than no data
    ("two general penalties", [rec("admin_penalty", 3, "general")] * 2, [], "B"),
    ("falsified evaluation, 20 months", [rec("evaluation", 20, veto_cause="falsified_evaluation")], [], "C"),
    ("contract fraud on a penalty, 23 months",
     [rec("admin_penalty", 23, "general", veto_cause="contract_fraud")], [], "C"),
    ("contract fraud on a penalty, 25 months",
     [rec("admin_penalty", 25, "general", veto_cause="contract_fraud")], [], "B"),
    ("NEA evaluation vetoed", [rec("evaluation", 10, scheme="nea_market_subject", grade="c", veto="true")], [], "C"),
    ("black list of another domain", [rec("commendation", 1)], [dict(entry("black"), domain="oil_gas")], "C"),
    ("serious penalty, 12 months", [rec("admin_penalty", 12, "serious")], [], "C"),
    ("serious penalty, 30 months", [rec("admin_penalty", 30, "serious")], [], "B"),
    ("major accident", [rec("safety_incident", 8, incident_level="major")], [], "C"),
    ("key attention with good records", GOOD[:2], [entry("key_attention"), entry("red")], "B"),
]


@pytest.mark.parametrize("records,entries,expected", [pytest.param(r, e, g, id=n) for n, r, e, g in NEA_CASES])
def test_nea_energy_eval_outcomes(models, records, entries, expected):
    assert grade_of(models["nea-energy-eval"], records, entries)[0] == expected


def _engine_grade(model_id, records, entries):
    """The same case through the engine (Registry.from_dicts + Engine.grade)."""
    import ecredit

    u = "91440101MA59U8YB6Y"
    recs = []
    for i, r in enumerate(records):
        d = {"id": f"r{i}", "uscc": u, **{k: v for k, v in r.items() if k != "attributes" and v not in (None, "")},
             **r["attributes"]}
        recs.append(d)
    ents = []
    for i, e in enumerate(entries):
        d = {"id": f"l{i}", "uscc": u, "list": e["list"], "domain": e["domain"],
             "included_on": months_before(AS_OF, 12)}
        if not e["active"]:
            d["removed_on"] = months_before(AS_OF, 1)
        ents.append(d)
    engine = ecredit.Engine.default()
    reg = ecredit.Registry.from_dicts([{"uscc": u, "kind": "legal_person", "domains": ["electricity"]}], recs, ents,
                                      engine=engine)
    return engine.grade(reg, u, AS_OF, model=model_id).grade


@pytest.mark.parametrize("model_id,records,entries,expected",
                         [pytest.param("gz-energy-class", r, e, g, id="gz: " + n) for n, r, e, g in GZ_CASES] +
                         [pytest.param("nea-energy-eval", r, e, g, id="nea: " + n) for n, r, e, g in NEA_CASES])
def test_the_engine_agrees_with_the_reference_reading(model_id, records, entries, expected):
    assert _engine_grade(model_id, records, entries) == expected
