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
