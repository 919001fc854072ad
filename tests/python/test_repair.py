"""Credit repair through Python and the CLI on the shared cases of
tests/data/repair_cases.tsv (the C++ and C tests run the same file), plus the dict
contract, errors and Registry.apply_repair."""

import datetime
import decimal
import json
import shutil
import subprocess

import pytest

import ecredit
from conftest import DATA, repair_record_of as record_of


def load_cases():
    out = []
    for line in (DATA / "repair_cases.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        assert len(f) == 20, line
        out.append(pytest.param(*f, id=f[0]))
    return out


CASES = load_cases()
COLUMNS = ("case,category,severity,decision_date,area,penalty_types,flags,broken,evidence,as_of,status,earliest,"
           "publication_end,missing,regime,deadline,fine_amount,procedure,steps,deadline_extended")


def pairs_of(s):
    return {k: v for k, v in (kv.split("=") for kv in s.split(";") if kv)}


def day(s):
    return None if s == "-" else datetime.date.fromisoformat(s)


@pytest.fixture(scope="module")
def engine():
    return ecredit.Engine.default()


@pytest.mark.parametrize(COLUMNS, CASES)
def test_shared_cases(engine, case, category, severity, decision_date, area, penalty_types, flags, broken, evidence,
                      as_of, status, earliest, publication_end, missing, regime, deadline, fine_amount, procedure, steps,
                      deadline_extended):
    rec = record_of(case, category, severity, datetime.date.fromisoformat(decision_date), area, penalty_types, flags,
                    broken, fine_amount, procedure)
    ev = {k: datetime.date.fromisoformat(v) for k, v in pairs_of(evidence).items()}
    d = engine.repair(rec, ev or None, as_of=as_of)
    assert isinstance(d, ecredit.RepairDecision)
    assert d.status == status
    assert d.earliest_date == day(earliest)
    assert d.publication_end == day(publication_end)
    assert d.processing_deadline == day(deadline)
    assert d.processing_deadline_extended == day(deadline_extended)
    assert d.missing == [m for m in missing.split(",") if m]
    assert d.regime == regime
    assert d.basis and d.arithmetic
    dd = d.to_dict()
    assert dd["status"] == status and dd["publication_end"] == publication_end
    assert json.loads(d.to_json()) == dd
    due = {s["step"]: s["due"] for s in dd["processing"]}
    assert {k: due.get(k) for k in pairs_of(steps)} == pairs_of(steps)


def test_shared_cases_through_the_cli(tmp_path):
    cli = shutil.which("ecredit")
    assert cli, "the ecredit program is not on PATH"
    for p in CASES:
        (case, category, severity, decision_date, area, penalty_types, flags, broken, evidence, as_of, status,
         earliest, publication_end, missing, regime, deadline, fine_amount, procedure, steps, deadline_extended) = p.values
        rec = tmp_path / "record.json"
        rec.write_text(json.dumps(record_of(case, category, severity, decision_date, area, penalty_types, flags,
                                            broken, fine_amount, procedure), ensure_ascii=False), encoding="utf-8")
        args = [cli, "repair", str(rec), "--as-of", as_of, "--json"]
        if evidence:
            ev = tmp_path / "evidence.json"
            ev.write_text(json.dumps(pairs_of(evidence)), encoding="utf-8")
            args += ["--evidence", str(ev)]
        out = subprocess.run(args, capture_output=True, text=True, check=True)
        d = json.loads(out.stdout)
        assert (d["status"], d["earliest_date"] or "-", d["publication_end"], d["regime"],
                d["processing_deadline"] or "-", d["processing_deadline_extended"] or "-") == (
                    status, earliest, publication_end, regime, deadline, deadline_extended), case
        due = {s["step"]: s["due"] for s in d["processing"]}
        assert {k: due.get(k) for k in pairs_of(steps)} == pairs_of(steps), case
    # the human form shows the arithmetic
    rec.write_text(json.dumps({"category": "admin_penalty", "severity": "general", "decision_date": "2023-08-31"}))
    out = subprocess.run([cli, "repair", str(rec), "--as-of", "2023-11-29"], capture_output=True,
                         text=True, check=True)
    assert "not_yet" in out.stdout and "2023-08-31 + 3 months = 2023-11-30" in out.stdout
    # the record on standard input; --record still works, said to be deprecated
    piped = subprocess.run([cli, "repair", "-", "--as-of", "2023-11-29"], input=rec.read_text(),
                           capture_output=True, text=True, check=True)
    assert piped.stdout == out.stdout
    old = subprocess.run([cli, "repair", "--record", str(rec), "--as-of", "2023-11-29", "--lang", "en"],
                         capture_output=True, text=True, check=True)
    assert "--record is deprecated" in old.stderr and old.stdout.startswith("record: not_yet as of 2023-11-29")
    bad = subprocess.run([cli, "repair", str(tmp_path / "nope.json"), "--as-of", "2024-01-01"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "nope.json" in bad.stderr
    rec.write_text("{\"category\": \"admin_penalty\"}")
    bad = subprocess.run([cli, "repair", str(rec), "--as-of", "2024-01-01"], capture_output=True,
                         text=True, check=False)
    assert bad.returncode == 2 and "decision_date" in bad.stderr


def test_errors(engine):
    ok = {"category": "admin_penalty", "severity": "general", "decision_date": "2024-01-10"}
    with pytest.raises(ecredit.InvalidInputError, match="as_of"):
        engine.repair(ok)
    # the contract's repair-record parser (the JSON one) names it a member (issue 13)
    with pytest.raises(ecredit.InvalidInputError, match="unknown member 'sevrity'"):
        engine.repair({**ok, "sevrity": "general"}, as_of="2024-06-01")
    with pytest.raises(ecredit.InvalidInputError, match="unknown name"):
        engine.repair(ok, {"receipt": "2024-01-01"}, as_of="2024-06-01")
    with pytest.raises(ValueError):
        engine.repair({**ok, "decision_date": "2024-02-30"}, as_of="2024-06-01")
    with pytest.raises(ValueError, match="severity"):
        engine.repair({"category": "admin_penalty", "decision_date": "2026-05-06"}, as_of="2026-06-01")
    with pytest.raises(TypeError):
        engine.repair(ok, as_of=20240601)
    with pytest.raises(ecredit.InvalidInputError, match="fine_amount"):
        engine.repair({**ok, "fine_amount": "2"}, as_of="2024-06-01")
    with pytest.raises(ecredit.InvalidInputError, match="fine_amount"):
        engine.repair({**ok, "fine_amount": True}, as_of="2024-06-01")
    with pytest.raises(ecredit.InvalidInputError, match="procedure"):
        engine.repair({**ok, "procedure": "quick"}, as_of="2024-06-01")
    with pytest.raises(ecredit.InvalidInputError, match="area"):
        engine.repair({**ok, "area": "mining"}, as_of="2024-06-01")


def test_fine_amount_procedure_and_complex_cases(engine):
    rec = {"category": "admin_penalty", "decision_date": "2026-05-06", "penalty_types": ["fine"]}
    assert engine.repair({**rec, "fine_amount": 150}, as_of="2026-06-01").severity == "serious"
    assert engine.repair({**rec, "fine_amount": decimal.Decimal("0.25")}, as_of="2026-06-01").severity == "minor"
    assert engine.repair({**rec, "procedure": "simple"}, as_of="2026-06-01").severity == "minor"
    ev = {"obligations_fulfilled": "2026-05-08", "commitment": "2026-05-08"}
    normal = engine.repair({**rec, "severity": "general"}, ev, as_of="2026-08-06")
    complex_ = engine.repair({**rec, "severity": "general", "flags": ["complex_case"]}, ev, as_of="2026-08-06")
    assert normal.processing_deadline < normal.processing_deadline_extended == complex_.processing_deadline
    steps = {s["step"]: s for s in normal.to_dict()["processing"]}
    assert steps["decision_extension"]["extends"] == "decision" and not steps["decision_extension"]["applies"]


def test_history_and_evidence_forms(engine):
    rec = {"category": "admin_penalty", "severity": "general", "decision_date": datetime.date(2024, 1, 10)}
    ev = {"obligations_fulfilled": "2024-03-01", "commitment": datetime.date(2024, 3, 1)}
    assert engine.repair(rec, ev, as_of="2024-06-01", history=["2021-02-01", {"repaired_on": "2022-05-01"}]).status \
        == "eligible"  # repeat limits are off in the built-in pack
    d = engine.repair(rec, ev, as_of=datetime.date(2024, 6, 1))
    assert d.effects == ["publication_stops", "sharing_stops", "grade_recomputed", "measures_lifted"]
    assert d.processing_deadline == datetime.date(2024, 6, 13)  # 5 + 3 working days; 端午 2024-06-10


def test_apply_repair_gives_a_new_snapshot(engine):
    reg = ecredit.Registry.from_dir(DATA / "registry")
    u = "91440113MA9UQ8E11N"
    assert engine.grade(reg, u, "2024-06-30").grade == "C"
    fixed = reg.apply_repair("admin_penalty:穗发改能罚〔2024〕5号", "2024-05-01")
    assert isinstance(fixed, ecredit.Registry)
    g = engine.grade(fixed, u, "2024-06-30")
    assert g.grade == "B" and g.no_data
    assert any(t["kind"] == "excluded" and "repaired" in t["detail"] for t in g.trace)
    assert engine.grade(reg, u, "2024-06-30").grade == "C"
    with pytest.raises(ecredit.NotFoundError):
        reg.apply_repair("nope", "2024-05-01")
