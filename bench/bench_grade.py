"""Grading: ecredit's grade_all against a pure-Python reading of the same model (the
reference scorer of tests/python/test_grading_policy.py), same subjects, same run.

    python bench/bench_grade.py [--subjects 20000] [--records 10]

Needs the ecredit package (pip install .) in the running interpreter.
"""
import argparse
import datetime
import importlib.util
import json
import pathlib
import random
import time

import ecredit
import pandas  # noqa: F401  (imported before timing: grade_all returns a DataFrame)

ROOT = pathlib.Path(__file__).resolve().parents[1]


def reference_scorer():
    spec = importlib.util.spec_from_file_location("ref", ROOT / "tests" / "python" / "test_grading_policy.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.grade_of


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--subjects", type=int, default=20_000)
    ap.add_argument("--records", type=int, default=10)
    a = ap.parse_args()
    as_of = datetime.date(2025, 6, 30)
    rng = random.Random(1)
    cats = ["admin_penalty", "admin_penalty", "arrears", "commendation", "safety_incident", "admin_license",
            "evaluation", "commitment_breach"]
    polarity = {"commendation": "good", "admin_license": "neutral", "evaluation": "neutral"}
    subjects, records, ref_records = [], [], {}
    for i in range(a.subjects):
        u = f"9144{i:014d}"
        subjects.append({"uscc": u, "name": "s", "kind": "legal_person", "domains": ["electricity"]})
        mine = []
        for k in range(a.records):
            cat = rng.choice(cats)
            sev = rng.choice(["minor", "general", "general", "serious"])
            d = as_of - datetime.timedelta(days=rng.randrange(2000))
            r = {"id": f"{u}:{k}", "uscc": u, "category": cat, "severity": sev,
                 "polarity": polarity.get(cat, "bad"), "decision_date": d, "domain": "electricity"}
            records.append(r)
            mine.append({"category": cat, "severity": sev, "polarity": r["polarity"], "domain": "electricity",
                         "decision_date": d, "repaired_on": None, "attributes": {}})
        ref_records[u] = mine
    reg = ecredit.Registry.from_dicts(subjects, records)
    engine = ecredit.Engine.default()
    model = next(m for m in json.loads((ROOT / "policies/gz-energy/grading.json").read_text("utf-8"))["models"]
                 if m["id"] == "gz-energy-class")
    grade_of = reference_scorer()

    t = time.perf_counter()
    df = engine.grade_all(reg, as_of, model="gz-energy-class", threads=1)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    ref = {u: grade_of(model, recs, (), as_of) for u, recs in ref_records.items()}
    theirs = time.perf_counter() - t
    agree = sum(1 for u, g in zip(df["uscc"], df["grade"]) if ref[u][0] == g)
    n = a.subjects
    print(f"{n:,} subjects × {a.records} records, gz-energy-class, as of {as_of}")
    print("| implementation | seconds | subjects/s | × reference |")
    print("|---|---:|---:|---:|")
    print(f"| Python reference scorer (tests/python/test_grading_policy.py) | {theirs:.3f} | {n / theirs:,.0f} | 1.0 |")
    print(f"| ecredit `Engine.grade_all` (1 thread, incl. the DataFrame) | {ours:.3f} | {n / ours:,.0f} | "
          f"{theirs / ours:,.1f} |")
    print(f"grades agree on {agree:,} of {n:,} subjects")


if __name__ == "__main__":
    main()
