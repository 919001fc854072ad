"""The contract test (docs/contract.md): every shared case file goes through the four
interfaces — C++ (tests/tools/contract_dump.cpp), C (tests/tools/contract_dump_c.c, the C
ABI only), Python and the CLI —, every output is validated against its JSON Schema
(schemas/, ecredit.schema), and the documents are compared after canonicalisation (sorted
keys, numbers as floats, dates as ISO text): identical, or the test fails naming the case and
the first differing JSON pointer.

The C++ and C dumpers are built by the dev preset (build/dev/tests); ECREDIT_CONTRACT_TOOLS
names another folder holding them."""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import shutil
import subprocess
from typing import Any

import jsonschema
import pytest

import ecredit
from conftest import DATA, repair_record_of

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOOLS = pathlib.Path(os.environ.get("ECREDIT_CONTRACT_TOOLS", ROOT / "build" / "dev" / "tests"))
GOLDEN = DATA / "golden" / "admin_penalty_realistic.csv"


# ---------------------------------------------------------------------------- canonical form

def canonical(v: Any) -> Any:
    """Sorted keys, every number a float, dates ISO text, tuples lists."""
    if isinstance(v, dict):
        return {str(k): canonical(v[k]) for k in sorted(v)}
    if isinstance(v, (list, tuple)):
        return [canonical(x) for x in v]
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    raise TypeError(f"not a JSON value: {v!r}")


def first_difference(a: Any, b: Any, pointer: str = "") -> str | None:
    """The JSON pointer of the first place where `a` and `b` differ, or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            p = f"{pointer}/{k.replace('~', '~0').replace('/', '~1')}"
            if k not in a or k not in b:
                return f"{p} (only in {'the first' if k in a else 'the second'})"
            d = first_difference(a[k], b[k], p)
            if d is not None:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{pointer}/{i}")
            if d is not None:
                return d
        return None if len(a) == len(b) else f"{pointer} (lengths {len(a)} and {len(b)})"
    return None if a == b else f"{pointer or '/'} ({a!r} != {b!r})"


def test_first_difference_names_the_pointer():
    assert first_difference(canonical({"a": [1, {"b": 2}]}), canonical({"a": [1.0, {"b": 2}]})) is None
    assert first_difference({"a": [1, {"b": 2}]}, {"a": [1, {"b": 3}]}) == "/a/1/b (2 != 3)"
    assert first_difference({"a": 1}, {"a": 1, "c/d": 0}) == "/c~1d (only in the second)"
    assert first_difference([1], [1, 2]) == " (lengths 1 and 2)"


# ---------------------------------------------------------------------------- the interfaces

_VALIDATORS: dict[str, jsonschema.protocols.Validator] = {}


def as_json(v: Any) -> Any:
    """A Python document in its JSON form: dates (Python's to_dict gives datetime.date) as ISO
    text, tuples as lists; everything else as it is."""
    if isinstance(v, dict):
        return {k: as_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [as_json(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def check_schema(name: str, doc: Any, case: str) -> None:
    doc = as_json(doc)
    if name not in _VALIDATORS:
        schema = ecredit.schema(name)
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATORS[name] = jsonschema.Draft202012Validator(schema)
    errors = sorted(_VALIDATORS[name].iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        pytest.fail(f"{case}: not a valid '{name}' document at /{'/'.join(map(str, e.absolute_path))}: {e.message}")


def dumper(name: str) -> pathlib.Path:
    path = TOOLS / name
    if not path.exists():
        pytest.fail(f"{path} is missing: build the dev preset (cmake --build --preset dev) or set "
                    "ECREDIT_CONTRACT_TOOLS to the folder holding contract_dump and contract_dump_c")
    return path


def run_dumper(name: str, requests: list[list[str]]) -> list[Any]:
    """One line per request: a document (parsed), Refused, or ABSENT (no such document in C)."""
    text = "".join("\t".join(r) + "\n" for r in requests)
    out = subprocess.run([str(dumper(name))], input=text, capture_output=True, text=True, encoding="utf-8",
                         check=True, timeout=600)
    lines = out.stdout.splitlines()
    assert len(lines) == len(requests), out.stderr
    return [Refused(x[7:]) if x.startswith("!error ") else ABSENT if x == "!absent" else json.loads(x) for x in lines]


class Refused:
    """An interface refused the input (an error status, an exception, exit status 2)."""

    def __init__(self, message: str):
        self.message = message

    def __repr__(self) -> str:
        return f"refused({self.message!r})"


ABSENT = "<absent>"


def cli() -> str:
    path = shutil.which("ecredit")
    assert path, "the ecredit program is not on PATH"
    return path


def run_cli(*args: str, ok: tuple[int, ...] = (0, 1)) -> Any:
    out = subprocess.run([cli(), *args], capture_output=True, text=True, encoding="utf-8", timeout=300)
    if out.returncode == 2:
        return Refused(out.stderr.strip())
    assert out.returncode in ok, (args, out.stderr)
    return json.loads(out.stdout)


def same(schema: str, case: str, docs: dict[str, Any]) -> Any:
    """`docs`: interface → document (Refused when it refused the input; ABSENT, an interface
    without such a document, fails). All must agree, and every document must fit `schema`. Returns the
    document (Refused when every interface refused)."""
    absent = [k for k, v in docs.items() if v is ABSENT]
    assert not absent, f"{case}: {absent} has no '{schema}' document"
    present = docs
    errors = {k: v for k, v in present.items() if isinstance(v, Refused)}
    if errors:
        assert len(errors) == len(present), f"{case}: refused by {errors}, answered by " \
                                            f"{[k for k in present if k not in errors]}"
        return next(iter(errors.values()))
    for k, v in present.items():
        check_schema(schema, v, f"{case} ({k})")
    (ref_name, ref), *rest = present.items()
    for k, v in rest:
        d = first_difference(canonical(ref), canonical(v))
        assert d is None, f"{case}: {ref_name} and {k} differ at {d}"
    return ref


# ---------------------------------------------------------------------------- identifiers

def id_cases() -> list[tuple[str, str, str]]:
    out = []
    for lineno, line in enumerate((DATA / "id_cases.tsv").read_text(encoding="utf-8").split("\n"), start=1):
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        out.append((f"id_cases.tsv:{lineno}", f[0], f[1] or "auto"))
    return out


def test_identifiers():
    cases = id_cases()
    cpp = run_dumper("contract_dump", [["id", kind, code] for _, code, kind in cases])
    c = run_dumper("contract_dump_c", [["id", kind, code] for _, code, kind in cases])
    by_kind: dict[str, list[int]] = {}
    for i, (_, _, kind) in enumerate(cases):
        by_kind.setdefault(kind, []).append(i)
    rows: dict[int, Any] = {}
    for kind, idx in by_kind.items():  # one CLI run per kind; `--` so that a code may start with '-'
        out = run_cli("id", "--kind", kind, "--json", "--unmasked", "--", *[cases[i][1] for i in idx])
        assert isinstance(out, list) and len(out) == len(idx)
        for i, row in zip(idx, out):
            rows[i] = row
    for i, (case, code, kind) in enumerate(cases):
        py = ecredit.check_id(code, kind).to_dict()
        same("id-result", case, {"C++": cpp[i], "C": c[i], "Python": py})
        check_schema("id-checks", [rows[i]], f"{case} (CLI)")
        # the CLI's row is a different document (the code as given, a message): its common part agrees
        common = {k: rows[i][k] for k in ("kind", "status", "reason")}
        d = first_difference(canonical({k: cpp[i][k] for k in common}), canonical(common))
        assert d is None, f"{case}: C++ and CLI differ at {d}"
        assert rows[i]["code"] == code


# ---------------------------------------------------------------------------- validation

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_validation_report(lang):
    req = [["validate", "admin_penalty", str(GOLDEN), lang]]
    cpp = run_dumper("contract_dump", req)[0]
    c = run_dumper("contract_dump_c", req)[0]
    py = ecredit.validate(str(GOLDEN), "admin_penalty").to_dict(lang)
    out = run_cli("validate", "--dataset", "admin_penalty", str(GOLDEN), "--json", "--lang", lang)
    same("validation-report", f"golden ({lang})", {"C++": cpp, "C": c, "Python": py, "CLI": out})
    if lang == "zh":
        golden = json.loads(GOLDEN.with_suffix(".report.json").read_text(encoding="utf-8"))
        golden["pack"]["hash"] = cpp["pack"]["hash"]
        d = first_difference(canonical(golden), canonical(cpp))
        assert d is None, f"golden report and C++ differ at {d}"


# ---------------------------------------------------------------------------- grading

def grading_cases() -> list[tuple[str, str, str, str, str]]:
    out = []
    for lineno, line in enumerate((DATA / "grading_cases.tsv").read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        uscc, as_of, model, grade = line.split("\t")[:4]
        out.append((f"grading_cases.tsv:{lineno}", uscc, as_of, model, grade))
    return out


def test_grading():
    cases = grading_cases()
    assert cases
    reg = DATA / "registry"
    req = [["grade", str(reg), u, a, m] for _, u, a, m, _ in cases]
    cpp = run_dumper("contract_dump", req)
    c = run_dumper("contract_dump_c", req)
    registry = ecredit.Registry.from_dir(str(reg))
    engine = ecredit.Engine.default()
    for i, (case, uscc, as_of, model, grade) in enumerate(cases):
        try:
            py = engine.grade(registry, uscc, as_of, model or None).to_dict()
        except ecredit.Error as e:
            py = Refused(str(e))
        args = ["grade", "--data", str(reg), "--uscc", uscc, "--as-of", as_of, "--json"]
        out = run_cli(*(args + (["--model", model] if model else [])))
        doc = same("grade", case, {"C++": cpp[i], "C": c[i], "Python": py, "CLI": out})
        assert not isinstance(doc, Refused) and doc["grade"] == grade, f"{case}: {doc}"
        if not isinstance(py, Refused):  # Grade.trace and Grade.to_dict()["trace"] are one shape
            g = engine.grade(registry, uscc, as_of, model or None)
            d = first_difference(canonical(py["trace"]), canonical(list(g.trace)))
            assert d is None, f"{case}: to_dict()['trace'] and .trace differ at {d}"


def test_batch_grade_rows():
    reg = DATA / "registry"
    out = run_cli("grade", "--data", str(reg), "--as-of", "2024-06-30", "--json")
    check_schema("grade-rows", out, "ecredit grade --json")
    assert out and all(set(r) == {"uscc", "name", "grade", "score", "model", "no_data"} for r in out)
    # each row agrees with the one-subject grade of the same interface
    engine = ecredit.Engine.default()
    registry = ecredit.Registry.from_dir(str(reg))
    for row in out:
        g = engine.grade(registry, row["uscc"], "2024-06-30")
        assert (row["grade"], row["score"], row["model"], row["no_data"]) == (g.grade, g.score, g.model, g.no_data)


# ---------------------------------------------------------------------------- precheck

def precheck_cases() -> list[tuple[str, dict[str, str], str]]:
    out = []
    lines = (DATA / "precheck_cases.tsv").read_text(encoding="utf-8").splitlines()
    for lineno, line in enumerate(lines[1:], start=2):
        if not line or line.startswith("#"):
            continue
        case, scenario, uscc, person, department, as_of, verdict = line.split("\t")[:7]
        q = {"scenario": scenario, "as_of": as_of}
        if uscc:
            q["uscc"] = uscc
        if person:
            q["person_id"] = person
        if department:
            q["department"] = department
        out.append((f"precheck_cases.tsv:{lineno} {case}", q, verdict))
    return out


def test_precheck():
    cases = precheck_cases()
    assert cases
    reg = DATA / "precheck"
    req = [["precheck", str(reg), json.dumps(q, ensure_ascii=False, separators=(",", ":"))] for _, q, _ in cases]
    cpp = run_dumper("contract_dump", req)
    c = run_dumper("contract_dump_c", req)
    registry = ecredit.Registry.from_dir(str(reg))
    engine = ecredit.Engine.default()
    for i, (case, q, verdict) in enumerate(cases):
        check_schema("precheck-query", q, case)
        try:
            py = engine.precheck(registry, q["scenario"], q["as_of"], uscc=q.get("uscc"),
                                 person_id=q.get("person_id"), department=q.get("department")).to_dict()
        except ecredit.Error as e:
            py = Refused(str(e))
        args = ["precheck", "--data", str(reg), "--scenario", q["scenario"], "--as-of", q["as_of"], "--json"]
        args += ["--uscc", q["uscc"]] if "uscc" in q else ["--person", q["person_id"]]
        if "department" in q:
            args += ["--department", q["department"]]
        out = run_cli(*args, ok=(0,))
        doc = same("decision", case, {"C++": cpp[i], "C": c[i], "Python": py, "CLI": out})
        if verdict == "invalid-input":
            assert isinstance(doc, Refused), f"{case}: answered {doc}"
        else:
            assert not isinstance(doc, Refused) and doc["verdict"] == verdict, f"{case}: {doc}"


# ---------------------------------------------------------------------------- repair

def repair_cases() -> list[tuple[str, dict[str, Any], dict[str, str], str, str]]:
    out = []
    lines = (DATA / "repair_cases.tsv").read_text(encoding="utf-8").splitlines()
    for lineno, line in enumerate(lines[1:], start=2):
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        (case, category, severity, decision_date, area, penalty_types, flags, broken, evidence, as_of) = f[:10]
        fine_amount, procedure = f[16], f[17]
        r: dict[str, Any] = repair_record_of(case, category, severity, decision_date, area, penalty_types, flags,
                                             broken, fine_amount, procedure)
        ev = dict(kv.split("=") for kv in evidence.split(";") if kv)
        out.append((f"repair_cases.tsv:{lineno} {case}", r, ev, as_of, f[10]))
    return out


def test_repair(tmp_path):
    cases = repair_cases()
    assert cases
    req = [["repair", json.dumps(r, ensure_ascii=False), json.dumps(ev) if ev else "", a] for _, r, ev, a, _ in cases]
    cpp = run_dumper("contract_dump", req)
    c = run_dumper("contract_dump_c", req)
    engine = ecredit.Engine.default()
    for i, (case, r, ev, as_of, status) in enumerate(cases):
        check_schema("repair-record", r, case)
        check_schema("repair-evidence", ev, case)
        try:
            py = engine.repair(r, ev or None, as_of=as_of).to_dict()
        except ecredit.Error as e:
            py = Refused(str(e))
        rec = tmp_path / f"record{i}.json"
        rec.write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
        args = ["repair", str(rec), "--as-of", as_of, "--json"]
        if ev:
            evf = tmp_path / f"evidence{i}.json"
            evf.write_text(json.dumps(ev), encoding="utf-8")
            args += ["--evidence", str(evf)]
        out = run_cli(*args, ok=(0,))
        doc = same("repair-decision", case, {"C++": cpp[i], "C": c[i], "Python": py, "CLI": out})
        assert not isinstance(doc, Refused) and doc["status"] == status, f"{case}: {doc}"


# ---------------------------------------------------------------------------- listings

@pytest.mark.parametrize("name", ["datasets", "models", "measures"])
def test_listings(name):
    cpp = run_dumper("contract_dump", [[name]])[0]
    c = run_dumper("contract_dump_c", [[name]])[0]
    engine = ecredit.Engine.default()
    py = getattr(engine, name)()
    docs = {"C++": cpp, "C": c, "Python": py}
    if name == "datasets":
        docs["CLI"] = run_cli("datasets", "--json", ok=(0,))
    same(name, name, docs)


def test_every_schema_is_a_valid_versioned_schema():
    names = ecredit.schema_names()
    assert {"id-result", "validation-report", "grade", "grade-row", "decision", "feedback", "repair-decision",
            "datasets", "models", "measures", "subject", "record", "list-entry", "commitment", "repair-record",
            "repair-evidence", "precheck-query"} <= set(names)
    for n in names:
        s = ecredit.schema(n)
        jsonschema.Draft202012Validator.check_schema(s)
        assert s["$id"].startswith(f"https://ecredit.dev/schemas/{n}/") and s["$id"].rsplit("/", 1)[1].isdigit()
    with pytest.raises(KeyError, match="no schema 'nope'"):
        ecredit.schema("nope")


def test_feedback_record_fits_its_schema():
    engine = ecredit.Engine.default()
    registry = ecredit.Registry.from_dir(str(DATA / "precheck"))
    for case, q, _ in precheck_cases():
        try:
            d = engine.precheck(registry, q["scenario"], q["as_of"], uscc=q.get("uscc"),
                                person_id=q.get("person_id"), department=q.get("department"))
        except ecredit.Error:
            continue
        for m in d.measures:
            result = "已激励" if m.kind == "reward" else "已惩戒"
            if not m.departments:
                continue
            f = d.feedback(m.id, result, case_no="BJ-1", department=m.departments[0], when="2025-07-01")
            check_schema("feedback", f, f"{case} {m.id}")
            return
    pytest.fail("no decision of the precheck cases gave a feedback record")


# ---------------------------------------------------------------------------- related parties

RELATED_CASES = [  # (case, party, as_of, roles, hops) over tests/data/relations (tests/data/relations.md)
    ("X now", "440106198001011230", "2025-06-30", "", "1"),
    ("X then, 2 hops", "440106198001011230", "2023-06-30", "", "2"),
    ("C owners", "91440105MA5REL063B", "2025-06-30", "shareholder", "3"),
    ("hops 0", "91440105MA5REL063B", "2025-06-30", "", "0"),
    ("unknown role", "91440105MA5REL063B", "2025-06-30", "chairman", "1"),
    ("not an id", "440106198001011231", "2025-06-30", "", "1"),
]


def test_related_is_one_document_in_cpp_c_cli_and_python():
    data = str(DATA / "relations")
    requests = [["related", data, p, d, r, h] for _, p, d, r, h in RELATED_CASES]
    cpp = run_dumper("contract_dump", requests)
    c = run_dumper("contract_dump_c", requests)
    registry = ecredit.Registry.from_dir(data)
    for i, (case, party, as_of, roles, hops) in enumerate(RELATED_CASES):
        args = ["related", "--data", data, "--as-of", as_of, "--hops", hops, "--json",
                "--uscc" if party.startswith("9") else "--person", party]
        for r in filter(None, roles.split(",")):
            args += ["--role", r]
        docs = {"C++": cpp[i], "C": c[i], "CLI": run_cli(*args, ok=(0,))}
        doc = same("related", case, docs)
        try:
            frame = registry.related(party, as_of, roles=[r for r in roles.split(",") if r] or None, hops=int(hops))
        except ecredit.Error:
            assert isinstance(doc, Refused), case
            continue
        assert not isinstance(doc, Refused), f"{case}: Python answered, the others refused: {doc}"
        # the frame is the document's rows, unmasked
        assert list(frame.columns) == ["party_id", "party_kind", "uscc", "role", "hops", "path"]
        rows = [{"party_id": ecredit.mask_id(r.party_id) if r.party_kind == "person" else r.party_id,
                 "uscc": r.uscc, "role": r.role, "hops": r.hops,
                 "path": [ecredit.mask_id(p) if not p.startswith("9") else p for p in r.path]}
                for r in frame.itertuples()]
        assert rows == [{k: x[k] for k in ("party_id", "uscc", "role", "hops", "path")} for x in doc["rows"]], case


def test_beneficial_owners_is_one_document_in_cpp_and_c():
    data = str(DATA / "relations")
    cases = [("C 25 %", "91440105MA5REL063B", "2025-06-30", "0.25"), ("B 5 %", "91440103MA5REL055K", "2025-06-30", "0.05"),
             ("bad threshold", "91440105MA5REL063B", "2025-06-30", "0"),
             ("not a USCC", "91440105MA5REL063C", "2025-06-30", "0.25")]
    requests = [["owners", data, u, d, t] for _, u, d, t in cases]
    cpp = run_dumper("contract_dump", requests)
    c = run_dumper("contract_dump_c", requests)
    for i, (case, *_rest) in enumerate(cases):
        same("beneficial-owners", case, {"C++": cpp[i], "C": c[i]})
    assert [o["share"] for o in cpp[0]["owners"]] == pytest.approx([0.3, 0.3, 0.0])
