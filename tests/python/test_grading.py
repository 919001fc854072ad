"""Registry and grading through Python (contract of issue 4), with hypothesis
properties on the mini test pack's model."""
import datetime
import pathlib

import pytest

import ecredit

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
U = "91440101MA59U8YB6Y"


@pytest.fixture(scope="module")
def mini():
    return ecredit.Engine.load(DATA / "packs" / "mini")


def subject():
    return {"uscc": U, "name": "甲", "kind": "legal_person", "domains": ["electricity"]}


def penalty(i, date, severity="general", **extra):
    return {"id": f"p{i}", "uscc": U, "category": "admin_penalty", "severity": severity, "polarity": "bad",
            "decision_date": date, "domain": "electricity", **extra}


def test_contract(mini):
    reg = ecredit.Registry.from_dicts([subject()], [penalty(1, "2024-01-01", penalty_types=["fine"])],
                                      [{"uscc": U, "list": "red", "domain": "electricity",
                                        "included_on": "2023-01-01", "expires_on": "2026-01-01"}])
    g = mini.grade(reg, U, datetime.date(2024, 6, 30))
    assert (g.grade, g.score, g.model) == ("A", 92.0, "test-class")
    assert g.as_of == datetime.date(2024, 6, 30) and len(g.pack_hash) == 64
    kinds = [t["kind"] for t in g.trace]
    assert kinds.count("indicator") == 3 and kinds[-1] == "threshold"
    assert {t["rule"] for t in g.trace if t["kind"] == "indicator"} == {"penalty", "fine", "red"}
    assert g.to_dict()["trace"][0]["basis"] == "t"
    df = mini.grade_all(reg, "2024-06-30")
    assert list(df.columns[:3]) == ["uscc", "grade", "score"]
    assert df.iloc[0]["grade"] == "A"
    assert reg.coverage() == {"all": 1.0, "electricity": 1.0}


def test_bad_inputs(mini):
    with pytest.raises(ecredit.InvalidInputError, match=r"subjects\[0\] '91440101MA59U8YB6Y': kind 'alien'"):
        ecredit.Registry.from_dicts([{"uscc": U, "kind": "alien"}])
    with pytest.raises(ecredit.InvalidInputError, match="decision_date"):
        ecredit.Registry.from_dicts([subject()], [{"id": "x", "uscc": U, "category": "admin_penalty"}])
    with pytest.raises(ecredit.InvalidInputError, match=r"lists\[0\].*list 'grey' is not in code table 'list_kind'"):
        ecredit.Registry.from_dicts([subject()], [], [{"uscc": U, "list": "grey", "included_on": "2024-01-01"}])
    reg = ecredit.Registry.from_dicts([subject()])
    with pytest.raises(ecredit.NotFoundError):
        mini.grade(reg, "91350211M0000XUF46", "2024-01-01")
    with pytest.raises(ecredit.InvalidInputError, match="not a genuine USCC"):
        mini.grade(reg, "91440101MA59U8YB6X", "2024-01-01")  # U with its check character changed
    with pytest.raises(ecredit.NotFoundError):
        mini.grade(reg, U, "2024-01-01", model="nope")
    with pytest.raises(ecredit.InvalidInputError):
        mini.grade(reg, U, "2024-13-01")
    with pytest.raises(TypeError):
        mini.grade(reg, U, 20240101)


def test_registry_input_is_checked_against_the_engine():
    """Issue 11: codes from the engine's tables (not the built-in ones), no duplicates."""
    with pytest.raises(ecredit.InvalidInputError, match=r"records\[0\] 'px': category 'no-such-category'"):
        ecredit.Registry.from_dicts([subject()], [penalty("x", "2024-01-01", category="no-such-category")])
    # the engine passed decides the vocabulary: the mini test pack has no safety_incident
    incident = dict(penalty(1, "2024-01-01"), category="safety_incident", polarity="bad")
    ecredit.Registry.from_dicts([subject()], [incident])  # the built-in pack knows it
    mini = ecredit.Engine.load(DATA / "packs" / "mini")
    with pytest.raises(ecredit.InvalidInputError, match="category 'safety_incident'"):
        ecredit.Registry.from_dicts([subject()], [incident], engine=mini)
    with pytest.raises(ecredit.InvalidInputError, match="record id 'p1' is added twice"):
        ecredit.Registry.from_dicts([subject()], [penalty(1, "2024-01-01"), penalty(1, "2024-02-01")])
    with pytest.raises(ecredit.InvalidInputError, match="not a genuine USCC"):
        ecredit.Registry.from_dicts([{"uscc": "91440113MA9UQ8E11M"}])
    with pytest.raises(ecredit.InvalidInputError, match="is added twice"):
        ecredit.Registry.from_dir(DATA / "dup_keys")
    with pytest.raises(ValueError):  # InvalidInputError is a ValueError
        ecredit.Registry.from_dicts([subject(), subject()])


def test_from_dir_reports_rejected_rows():
    reg = ecredit.Registry.from_dir(DATA / "registry")
    assert reg.load_reports["admin_penalty"].stats["rejected"] == 1
    assert reg.skipped == ["notes.txt"]
    assert reg.subject_count == 4 and reg.list_entry_count == 1
    cov = reg.coverage()
    assert cov["electricity"] == pytest.approx(2 / 3)
    assert reg.coverage({"electricity": 10})["electricity"] == pytest.approx(0.2)


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

dates = st.dates(datetime.date(2018, 1, 1), datetime.date(2025, 12, 31))
records = st.lists(st.tuples(st.sampled_from(["admin_penalty", "commendation", "arrears"]),
                             st.sampled_from(["minor", "general", "serious"]), dates), max_size=8)


def build(recs):
    out = []
    for i, (cat, sev, d) in enumerate(recs):
        out.append({"id": f"r{i}", "uscc": U, "category": cat, "severity": sev,
                    "polarity": "good" if cat == "commendation" else "bad", "decision_date": d})
    return ecredit.Registry.from_dicts([subject()], out)


AS_OF = datetime.date(2024, 6, 30)


@settings(max_examples=150, deadline=None)
@given(records, st.sampled_from(["minor", "general", "serious"]), dates)
def test_bad_record_never_raises_score(mini, recs, severity, d):
    before = mini.grade(build(recs), U, AS_OF).score
    after = mini.grade(build(recs + [("admin_penalty", severity, d)]), U, AS_OF).score
    assert after <= before


@settings(max_examples=150, deadline=None)
@given(records, dates)
def test_good_record_never_lowers_score(mini, recs, d):
    before = mini.grade(build(recs), U, AS_OF).score
    after = mini.grade(build(recs + [("commendation", "general", d)]), U, AS_OF).score
    assert after >= before


@settings(max_examples=100, deadline=None)
@given(records, st.dates(datetime.date(2024, 7, 1), datetime.date(2030, 1, 1)))
def test_records_after_as_of_do_not_count(mini, recs, d):
    base = mini.grade(build(recs), U, AS_OF)
    later = mini.grade(build(recs + [("admin_penalty", "serious", d)]), U, AS_OF)
    assert (later.score, later.grade) == (base.score, base.grade)


@settings(max_examples=100, deadline=None)
@given(records)
def test_veto_beats_any_score_and_results_repeat(mini, recs):
    reg = build(recs)
    assert mini.grade(reg, U, AS_OF).to_json() == mini.grade(reg, U, AS_OF).to_json()
    black = ecredit.Registry.from_dicts([subject()], [], [{"uscc": U, "list": "black", "included_on": "2020-01-01"}])
    assert mini.grade(black, U, AS_OF).grade == "D"


def test_builtin_models_and_cli():
    import json
    import shutil
    import subprocess

    eng = ecredit.Engine.default()
    assert eng.coverage_targets() == {2022: 0.8, 2025: 0.95}
    ids = [m["id"] for m in eng.models()]
    assert ids == ["gz-energy-class", "nea-energy-eval"]
    reg = ecredit.Registry.from_dir(DATA / "registry")
    # the black-listed energy-saving firm: D whatever its score; the serious penalty: at most C
    assert eng.grade(reg, "91440183MA59AB7C1Q", "2024-06-30").grade == "D"
    assert eng.grade(reg, "91440113MA9UQ8E11N", "2024-06-30").grade == "C"
    assert eng.grade(reg, "91440183MA59AB7C1Q", "2024-06-30", model="nea-energy-eval").grade == "C"
    cli = shutil.which("ecredit")
    assert cli, "the ecredit program is not on PATH"
    out = subprocess.run([cli, "grade", "--data", str(DATA / "registry"), "--as-of", "2024-06-30", "--json",
                          "--lang", "en"], capture_output=True, text=True, check=True)
    rows = {r["uscc"]: r for r in json.loads(out.stdout)}
    assert rows["91440183MA59AB7C1Q"]["grade"] == "D"
    assert "1 of 5 rows rejected" in out.stderr
    one = subprocess.run([cli, "grade", "--data", str(DATA / "registry"), "--as-of", "2024-06-30", "--uscc",
                          "91440113MA9UQ8E11N", "--json"], capture_output=True, text=True, check=True)
    g = json.loads(one.stdout)
    assert g["grade"] == "C" and any(t["kind"] == "veto" and t.get("basis") for t in g["trace"])
    bad = subprocess.run([cli, "grade", "--data", str(DATA / "registry"), "--as-of", "2024-02-30"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "2024-02-30" in bad.stderr


def test_shared_grading_cases():
    eng = ecredit.Engine.default()
    reg = ecredit.Registry.from_dir(DATA / "registry")
    n = 0
    for line in (DATA / "grading_cases.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        uscc, as_of, model, grade, score, no_data = line.split("\t")
        g = eng.grade(reg, uscc, as_of, model=model)
        assert (g.grade, g.score, g.no_data) == (grade, float(score), no_data == "true"), line
        n += 1
    assert n == 20


def test_cli_grade_refuses_a_code_that_is_not_genuine():
    import shutil
    import subprocess

    out = subprocess.run([shutil.which("ecredit"), "grade", "--data", str(DATA / "registry"), "--as-of", "2024-06-30",
                          "--uscc", "91440113MA9UQ8E11M"], capture_output=True, text=True)
    assert out.returncode == 2 and out.stdout == ""
    assert "not a genuine USCC (checksum)" in out.stderr
