"""The approval precheck and execution feedback through Python and the CLI, on the shared
cases of tests/data/precheck_cases.tsv (the C++ and C tests run the same file)."""

import datetime
import json
import shutil
import subprocess

import pytest

import ecredit
from conftest import DATA

POWER = "91440113MA9UQ8E11N"  # electricity black list 2024-06-01 → 2027-06-01
REP_POWER = "440106198001011230"


def load_cases():
    out = []
    for line in (DATA / "precheck_cases.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        assert len(f) == 11, line
        out.append(pytest.param(*f, id=f[0]))
    return out


CASES = load_cases()


@pytest.fixture(scope="module")
def engine():
    return ecredit.Engine.default()


@pytest.fixture(scope="module")
def registry():
    return ecredit.Registry.from_dir(DATA / "precheck")


def ids(s):
    return [x for x in s.split(",") if x]


@pytest.mark.parametrize("case,scenario,uscc,person,department,as_of,verdict,includes,excludes,commitment,file",
                         CASES)
def test_shared_cases(engine, registry, case, scenario, uscc, person, department, as_of, verdict, includes,
                      excludes, commitment, file):
    query = dict(as_of=datetime.date.fromisoformat(as_of), uscc=uscc or None, person_id=person or None,
                 department=department or None)
    if verdict == "invalid-input":
        with pytest.raises(ecredit.InvalidInputError, match="not a genuine"):
            engine.precheck(registry, scenario, **query)
        return
    d = engine.precheck(registry, scenario, **query)
    assert d.credit_file == (file == "yes")
    got = [m.id for m in d.measures]
    assert d.verdict == verdict
    assert set(ids(includes)) <= set(got)
    assert not set(ids(excludes)) & set(got)
    assert d.commitment_allowed == (commitment == "yes")
    assert d.pack_hash == engine.hash


def test_shared_cases_through_the_cli():
    cli = shutil.which("ecredit")
    assert cli, "the ecredit program is not on PATH"
    for p in CASES:
        case, scenario, uscc, person, department, as_of, verdict, includes, excludes, commitment, file = p.values
        args = [cli, "precheck", "--data", str(DATA / "precheck"), "--scenario", scenario, "--as-of", as_of, "--json"]
        args += ["--uscc", uscc] if uscc else ["--person", person]
        if department:
            args += ["--department", department]
        if verdict == "invalid-input":
            out = subprocess.run(args, capture_output=True, text=True)
            assert out.returncode == 2 and out.stdout == "", case
            assert "not a genuine" in out.stderr, case
            if person:
                assert person not in out.stderr  # masked in the error too
            continue
        out = subprocess.run(args, capture_output=True, text=True, check=True)
        d = json.loads(out.stdout)
        assert d["credit_file"] == (file == "yes"), case
        got = [m["id"] for m in d["measures"]]
        assert d["verdict"] == verdict, case
        assert set(ids(includes)) <= set(got), case
        assert not set(ids(excludes)) & set(got), case
        assert d["commitment_allowed"] == (commitment == "yes"), case
        if person:
            assert person not in out.stdout  # masked


def test_cli_exit_codes():
    cli = shutil.which("ecredit")
    base = [cli, "precheck", "--data", str(DATA / "precheck"), "--as-of", "2025-06-30", "--lang", "en"]

    def run(*extra):
        return subprocess.run(base + list(extra), capture_output=True, text=True, check=False)

    r = run("--scenario", "bidding", "--uscc", POWER)
    assert r.returncode == 0 and "prohibit" in r.stdout and "elec-bl-bidding" in r.stdout
    assert run("--scenario", "bidding", "--uscc", POWER, "--fail-on", "prohibit").returncode == 1
    assert run("--scenario", "gov_procurement", "--uscc", POWER, "--fail-on", "prohibit").returncode == 0
    assert run("--scenario", "gov_procurement", "--uscc", POWER, "--fail-on", "restrict").returncode == 1
    assert run("--scenario", "subsidy", "--uscc", "91440106MA59U8YB67", "--fail-on", "restrict").returncode == 0
    assert run("--scenario", "bidding").returncode == 2  # neither --uscc nor --person
    assert run("--scenario", "bidding", "--uscc", POWER, "--person", REP_POWER).returncode == 2
    assert run("--scenario", "bidding", "--uscc", POWER, "--fail-on", "caution").returncode == 2
    bad = run("--scenario", "nope", "--uscc", POWER)
    assert bad.returncode == 2 and "nope" in bad.stderr


def test_decision_contract(engine, registry):
    d = engine.precheck(registry, "gov_procurement", as_of="2025-06-30", uscc=POWER)
    assert isinstance(d, ecredit.Decision)
    m = d.measures[0]
    assert isinstance(m, ecredit.DecisionMeasure)
    assert (m.id, m.effect, m.mandatory, m.kind, m.target) == (
        "elec-bl-procurement", "restrict", True, "punishment", "subject")
    assert "电力" in m.basis and "备忘录" in m.basis
    assert d.grade == "D"
    assert [entry["list"] for entry in d.lists] == ["black"]
    assert d.lists[0]["included_on"] == datetime.date(2024, 6, 1)
    assert d.commitment_allowed is False and "42号" in d.commitment_reason
    assert d.trace[0]["kind"] == "query" and d.trace[-1]["kind"] == "verdict"
    assert d.as_of == datetime.date(2025, 6, 30)
    dd = d.to_dict()
    assert dd["verdict"] == "restrict" and dd["measures"][0]["id"] == m.id
    assert json.loads(d.to_json()) == dd

    # a legal representative gets the measures aimed at legal representatives only
    p = engine.precheck(registry, "gov_procurement", as_of="2025-06-30", person_id=REP_POWER)
    assert [(x.id, x.target, x.via) for x in p.measures] == [
        ("elec-bl-procurement", "legal_representative", POWER)]
    assert p.grade is None
    assert REP_POWER not in p.to_json() and "440106********1230" in p.to_json()
    assert REP_POWER not in json.dumps(p.trace, ensure_ascii=False)


def test_responsible_persons_from_dicts(engine):
    subj = {"uscc": POWER, "name": "甲", "kind": "legal_person", "domains": ["electricity"],
            "legal_rep_id": REP_POWER, "responsible_ids": ["440113199005053452"]}
    black = {"uscc": POWER, "list": "black", "domain": "electricity", "included_on": "2024-06-01"}
    reg = ecredit.Registry.from_dicts([subj], [], [black])
    d = engine.precheck(reg, "bidding", as_of="2025-06-30", person_id="440113199005053452")
    assert [(m.id, m.target) for m in d.measures] == [("elec-bl-bidding", "responsible_person")]
    # fiscal-fund limits are aimed at the unit only
    assert engine.precheck(reg, "fiscal_funds", as_of="2025-06-30", person_id=REP_POWER).verdict == "clear"
    assert engine.precheck(reg, "fiscal_funds", as_of="2025-06-30", uscc=POWER).verdict == "restrict"


def test_feedback(engine, registry):
    d = engine.precheck(registry, "gov_procurement", as_of="2025-06-30", uscc=POWER, department="finance")
    fb = d.feedback("elec-bl-procurement", "已惩戒", "CG-2025-0001", None,
                    datetime.datetime(2025, 7, 1, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8))))
    assert fb["result"] == "已惩戒" and fb["result_code"] == "punished"
    assert fb["department"] == "finance" and fb["department_name"]
    assert fb["time"] == "2025-07-01T09:30:00+08:00"
    assert fb["subject"] == {"uscc": POWER, "name": "广州某发电有限公司"}
    assert fb["decision"] == {"verdict": "restrict", "as_of": "2025-06-30", "pack_hash": engine.hash}
    assert fb["case_no"] == "CG-2025-0001" and fb["reason"] is None
    nf = d.feedback("elec-bl-procurement", "未实施", "CG-2", "finance", "2025-07-02", reason="申请人撤回申请")
    assert nf["result_code"] == "not_applied" and nf["reason"] == "申请人撤回申请"
    with pytest.raises(ecredit.InvalidInputError, match="reason"):
        d.feedback("elec-bl-procurement", "未实施", "CG-2", "finance", "2025-07-02")
    with pytest.raises(ecredit.InvalidInputError, match="已惩戒"):
        d.feedback("elec-bl-procurement", "已激励", "CG-2", "finance", "2025-07-02")
    with pytest.raises(ecredit.InvalidInputError, match="applied by finance"):
        d.feedback("elec-bl-procurement", "已惩戒", "CG-2", "tax", "2025-07-02")
    with pytest.raises(ecredit.NotFoundError):
        d.feedback("red-green-channel", "已激励", "CG-2", "finance", "2025-07-02")
    with pytest.raises(ecredit.InvalidInputError):
        d.feedback("elec-bl-procurement", "已惩戒", "CG-2", "finance", "yesterday")
    with pytest.raises(TypeError):
        d.feedback("elec-bl-procurement", "已惩戒", "CG-2", "finance", 20250702)
    # a reward
    r = engine.precheck(registry, "subsidy", as_of="2025-06-30", uscc="91440106MA59U8YB67")
    assert r.feedback("red-fiscal-priority", "rewarded", "BT-9", "finance", "2025-07-03")["result"] == "已激励"


def test_errors(engine, registry):
    with pytest.raises(ecredit.InvalidInputError):
        engine.precheck(registry, "bidding", as_of="2025-06-30")
    with pytest.raises(ecredit.InvalidInputError):
        engine.precheck(registry, "bidding", as_of="2025-06-30", uscc=POWER, person_id=REP_POWER)
    with pytest.raises(ecredit.InvalidInputError, match="as_of"):
        engine.precheck(registry, "bidding", uscc=POWER)  # nothing reads the clock
    with pytest.raises(ecredit.NotFoundError, match="gov_procurement"):
        engine.precheck(registry, "procurement", as_of="2025-06-30", uscc=POWER)
    with pytest.raises(KeyError):  # NotFoundError is also a KeyError
        engine.precheck(registry, "bidding", as_of="2025-06-30", uscc=POWER, department="police")
    with pytest.raises(ValueError):  # a malformed USCC is not "clear"
        engine.precheck(registry, "bidding", as_of="2025-06-30", uscc="91440113MA9UQ8E11")


def test_measure_list(engine):
    ms = engine.measures()
    assert len(ms) >= 30
    assert all(m["basis"] for m in ms)
    scenarios = {s for m in ms for s in m["scenarios"]}
    for s in ["admin_approval", "gov_procurement", "bidding", "fiscal_funds", "qualification", "honors",
              "daily_supervision", "subsidy", "market_access", "financing"]:
        assert s in scenarios
