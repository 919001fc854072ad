"""Issue 13: the Python bindings are a skin over the contract — one JSON form per result and
input. Each test here is a drift the bindings had while they built their own copies."""
import csv
import datetime
import json
import pathlib

import pytest

import ecredit

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample"
U = "91440101MA59U8YB6Y"
TRACE_KEYS = ["kind", "rule", "record", "age_months", "factor", "points", "detail", "basis", "flags"]


@pytest.fixture(scope="module")
def engine():
    return ecredit.Engine.default()


@pytest.fixture(scope="module")
def mini():
    return ecredit.Engine.load(DATA / "packs" / "mini")


def test_grade_trace_is_the_contract_shape_both_ways(mini):
    """Grade.trace (every key) and Grade.to_dict()["trace"] (empty keys omitted) were two shapes."""
    reg = ecredit.Registry.from_dicts(
        [{"uscc": U, "name": "甲", "kind": "legal_person", "domains": ["electricity"]}],
        [{"id": "p1", "uscc": U, "category": "admin_penalty", "severity": "general", "polarity": "bad",
          "decision_date": "2024-01-01", "domain": "electricity", "penalty_types": ["fine"]}])
    g = mini.grade(reg, U, datetime.date(2024, 6, 30))
    assert g.trace == g.to_dict()["trace"] == json.loads(g.to_json())["trace"]
    kinds = {t["kind"] for t in g.trace}
    assert {"indicator", "threshold"} <= kinds
    for t in g.trace:
        assert list(t) == TRACE_KEYS, t
        assert t["age_months"] is None or isinstance(t["age_months"], int)
        assert all(isinstance(t[k], str) for k in ("kind", "rule", "record", "detail", "basis"))
    # absent strings are "", an absent age None: the threshold entry has no record and no age
    threshold = next(t for t in g.trace if t["kind"] == "threshold")
    assert threshold["record"] == "" and threshold["age_months"] is None


def test_to_dict_is_the_contract_value(engine):
    """Every to_dict() is the library's JSON of the result, converted once (not rebuilt)."""
    reg = ecredit.Registry.from_dir(SAMPLE, engine)
    u = reg.usccs()[0]
    g = engine.grade(reg, u, "2025-06-30")
    assert g.to_dict() == json.loads(g.to_json())
    d = engine.precheck(reg, "gov_procurement", "2025-06-30", uscc=u)
    assert d.to_dict() == json.loads(d.to_json())
    rd = engine.repair({"category": "admin_penalty", "severity": "general", "decision_date": "2024-01-10"},
                       {"obligations_fulfilled": "2024-03-01", "commitment": "2024-03-01"}, as_of="2024-06-01")
    assert rd.to_dict() == json.loads(rd.to_json())
    rep = ecredit.validate(SAMPLE / "admin_penalty.csv", "admin_penalty", engine)
    for lang in ("zh", "en"):
        assert rep.to_dict(lang) == json.loads(rep.to_json(lang))
        assert [f.to_dict(lang) for f in rep.findings] == json.loads(rep.to_json(lang))["findings"]
    assert rep.stats == rep.to_dict()["stats"]


def test_repair_record_from_a_dict_refuses_an_empty_category(engine):
    """JSON refused an empty category, the Python dict parser accepted it: one parser now."""
    # the JSON parser's own words (tests/cpp and the C ABI see the same), at parse time —
    # before, the dict parser let "" through and repair() failed later on an unknown category
    for rec in ({"category": "", "severity": "general", "decision_date": "2024-01-10"},
                {"category": None, "severity": "general", "decision_date": "2024-01-10"},
                {"severity": "general", "decision_date": "2024-01-10"}):
        with pytest.raises(ecredit.InvalidInputError, match="^record: 'category' is required$"):
            engine.repair(rec, as_of="2024-06-01")


@pytest.mark.parametrize("ext", [".ndjson", ".jsonl"])
def test_out_valid_picks_its_format_by_the_library_rule(tmp_path, ext):
    """Only the CLI wrote JSON Lines for .ndjson; Python wrote CSV into it."""
    out, bad = tmp_path / ("ok" + ext), tmp_path / ("bad" + ext)
    rep = ecredit.validate(SAMPLE / "admin_penalty.csv", "admin_penalty", out_valid=out, out_rejected=bad)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == rep.stats["accepted"] > 0
    assert all(isinstance(json.loads(line), dict) for line in lines)
    rejected = bad.read_text(encoding="utf-8").splitlines()
    assert len(rejected) == rep.stats["rejected"] > 0
    assert all(isinstance(json.loads(line), dict) for line in rejected)


def test_out_valid_csv_stays_csv(tmp_path):
    out = tmp_path / "ok.csv"
    rep = ecredit.validate(SAMPLE / "admin_penalty.csv", "admin_penalty", out_valid=out)
    with out.open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == rep.stats["accepted"]


def test_registry_rows_from_dicts_are_parsed_as_json_rows_are(mini):
    """Subjects, records and list entries from dicts go through the contract's parsers: the
    checks and messages of JSON input (before, a non-string code was str()-ed and kept)."""
    subject = {"uscc": U, "name": "甲", "kind": "legal_person", "domains": ["electricity"]}
    record = {"id": "p1", "uscc": U, "category": "admin_penalty", "severity": "general", "polarity": "bad",
              "decision_date": datetime.date(2024, 1, 1), "domain": "electricity"}
    reg = ecredit.Registry.from_dicts([subject], [record],
                                      [{"uscc": U, "list": "red", "domain": "electricity", "included_on": "2023-01-01"}],
                                      engine=mini)
    assert (reg.subject_count, reg.record_count, reg.list_entry_count) == (1, 1, 1)
    with pytest.raises(ecredit.InvalidInputError, match=r"^records\[0\]: 'severity' must be a string$"):
        ecredit.Registry.from_dicts([subject], [{**record, "severity": 2}], engine=mini)
    with pytest.raises(ecredit.InvalidInputError, match=r"^subjects\[0\]: 'name' must be a string$"):
        ecredit.Registry.from_dicts([{**subject, "name": 7}], engine=mini)
    with pytest.raises(ecredit.InvalidInputError, match=r"^lists\[0\]: 'included_on' is required$"):
        ecredit.Registry.from_dicts([subject], lists=[{"uscc": U, "list": "red"}], engine=mini)
