import pathlib

import pytest

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"


def load_id_cases():
    cases = []
    text = (DATA / "id_cases.tsv").read_text(encoding="utf-8")
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line or line.startswith("#"):
            continue
        f = (line.split("\t") + [""] * 10)[:10]
        cases.append(pytest.param(*f, id=f"line{lineno}"))
    return cases


def repair_record_of(case, category, severity, decision_date, area, penalty_types, flags, broken, fine_amount="",
                     procedure=""):
    """A repair_cases.tsv row as the record dict of docs/repair.md (the one reading of it)."""
    r = {"id": case, "category": category, "decision_date": decision_date}
    if fine_amount:
        r["fine_amount"] = float(fine_amount)
    if procedure:
        r["procedure"] = procedure
    if severity:
        r["severity"] = severity
    if area:
        r["area"] = area
    if penalty_types:
        r["penalty_types"] = penalty_types.split(",")
    if flags:
        r["flags"] = flags.split(",")
    if broken == "yes":
        r["commitment_broken"] = True
    return r
