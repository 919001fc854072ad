"""pandas is a dependency of the package, and the functions that return DataFrames do so
as installed (issue 12: `pip install .` then `engine.grade_all(...)` raised
ModuleNotFoundError: pandas). ecredit.read_dataset(): the accepted rows, normalised."""
import csv
import datetime
import importlib.metadata
import pathlib
import re

import pandas as pd
import pytest

import ecredit

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample"
MINI = ROOT / "tests" / "data" / "packs" / "mini"


def test_pandas_is_a_requirement_of_the_package_itself():
    """`pip install .` alone installs pandas: a requirement without an extra marker."""
    reqs = importlib.metadata.requires("ecredit") or []
    plain = [r for r in reqs if "extra ==" not in r.replace('"', "'").replace("extra==", "extra ==")]
    names = {re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower() for r in plain}
    assert "pandas" in names, reqs


def test_grade_all_returns_a_dataframe():
    engine = ecredit.Engine.default()
    reg = ecredit.Registry.from_dir(SAMPLE, engine)
    grades = engine.grade_all(reg, datetime.date(2025, 6, 30))
    assert isinstance(grades, pd.DataFrame)
    assert list(grades.columns) == ["uscc", "grade", "score", "model", "no_data"]
    assert len(grades) == len(reg.usccs()) > 0
    assert grades["no_data"].dtype == bool and grades["score"].dtype.kind == "f"


def test_report_to_pandas_returns_a_dataframe():
    report = ecredit.validate(SAMPLE / "admin_penalty.csv", "admin_penalty")
    frame = report.to_pandas(lang="en")
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(report.findings) > 0
    assert list(frame.columns) == ["type", "severity", "row", "column", "field", "label", "value", "message"]


def test_read_dataset_gives_the_accepted_rows_normalised(tmp_path):
    engine = ecredit.Engine.default()
    path = SAMPLE / "admin_penalty.csv"
    rows, report = ecredit.read_dataset(path, "admin_penalty", engine=engine)
    assert isinstance(rows, pd.DataFrame) and isinstance(report, ecredit.Report)
    # the same report as validate(), and one frame row per accepted row
    assert report.to_dict() == ecredit.validate(path, "admin_penalty", engine).to_dict()
    assert report.stats["rejected"] > 0 and len(rows) == report.stats["accepted"]
    fields = next(d["fields"] for d in engine.datasets() if d["id"] == "admin_penalty")
    assert list(rows.columns) == [f["name"] for f in fields]
    # indexed by the source's row number: no rejected row is in it
    assert rows.index.name == "row"
    rejected = {f.row for f in report.findings if f.severity == "error"}
    assert rejected and not rejected & set(rows.index)
    # normalised: codes as codes (the file writes 一般 / 轻微 / 严重), ISO dates
    with path.open(encoding="utf-8") as f:
        raw = {r["severity"] for r in csv.DictReader(f)}
    assert {"一般", "轻微", "严重"} <= raw
    assert set(rows["severity"].dropna()) <= {"minor", "general", "serious"}
    assert all(datetime.date.fromisoformat(d) for d in rows["decision_date"])
    # the values --out-valid writes, empty cells as None
    out = tmp_path / "valid.csv"
    ecredit.validate(path, "admin_penalty", engine, out_valid=out)
    with out.open(encoding="utf-8") as f:
        written = [{k: (v if v != "" else None) for k, v in r.items()} for r in csv.DictReader(f)]
    assert rows.to_dict("records") == written
    assert (rows.dtypes == object).all()  # text, None for empty, whatever pandas would infer


def test_read_dataset_from_dicts_and_dataframes():
    mini = ecredit.Engine.load(MINI)
    records = [{"CF_WSH": "粤罚1", "CF_XDR_MC": "甲", "CF_XDR_LB": "01", "CF_JDRQ": "2023/5/1", "证件号码": "E1"},
               {"CF_WSH": "粤罚2", "CF_XDR_MC": "乙", "CF_XDR_LB": "火星", "CF_JDRQ": "2023-05-01", "证件号码": "E2"},
               {"CF_WSH": "粤罚3", "CF_XDR_MC": "丙", "CF_XDR_LB": "01", "CF_JDRQ": "2023年6月2日", "证件号码": "E3"}]
    rows, report = ecredit.read_dataset(records, "penalty", mini)
    assert (report.stats["accepted"], report.stats["rejected"]) == (2, 1)
    assert list(rows.index) == [1, 3]  # records count from 1
    assert list(rows["decision_no"]) == ["粤罚1", "粤罚3"]
    assert list(rows["xdr_kind"]) == ["natural_person", "natural_person"]
    assert list(rows["decision_date"]) == ["2023-05-01", "2023-06-02"]
    assert rows["fine"].isna().all()  # a field no record has is a column of missing values
    frame_rows, frame_report = ecredit.read_dataset(pd.DataFrame(records), "penalty", mini)
    assert list(frame_rows.index) == [2, 4]  # a DataFrame counts like a CSV file, header = 1
    assert frame_rows.reset_index(drop=True).equals(rows.reset_index(drop=True))
    assert frame_report.stats == report.stats


def test_read_dataset_of_nothing_accepted_has_the_columns():
    mini = ecredit.Engine.load(MINI)
    rows, report = ecredit.read_dataset([{"CF_WSH": "粤罚2", "CF_XDR_LB": "火星"}], "penalty", mini)
    assert not report.valid and len(rows) == 0
    assert "decision_no" in rows.columns and rows.index.name == "row"


def test_read_dataset_errors_like_validate(tmp_path):
    with pytest.raises(ecredit.NotFoundError):
        ecredit.read_dataset(SAMPLE / "admin_penalty.csv", "nope")
    with pytest.raises(ecredit.Error):
        ecredit.read_dataset(tmp_path / "missing.csv", "admin_penalty")
    with pytest.raises(TypeError, match="read_dataset"):
        ecredit.read_dataset(42, "admin_penalty")


def test_empty_frames_have_the_dtypes_of_full_ones():
    """A registry or report with nothing in it gives the columns and dtypes of a full one
    (an empty grade_all was all float64, uscc included; an empty to_pandas all object)."""
    engine = ecredit.Engine.default()
    full = engine.grade_all(ecredit.Registry.from_dir(SAMPLE, engine), "2025-06-30")
    empty = engine.grade_all(ecredit.Registry.from_dicts([], engine=engine), "2025-06-30")
    assert len(empty) == 0 and empty.dtypes.to_dict() == full.dtypes.to_dict()
    findings = ecredit.validate(SAMPLE / "admin_penalty.csv", "admin_penalty").to_pandas()
    assert len(findings) > 0 and findings["row"].dtype == "int64"
    none = ecredit.validate(SAMPLE / "admin_penalty.csv", "admin_penalty", max_findings=0).to_pandas()
    assert len(none) == 0 and none.dtypes.to_dict() == findings.dtypes.to_dict()
