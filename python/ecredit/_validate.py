"""ecredit.validate() and ecredit.read_dataset(): one entry point for files, lists of dicts
and DataFrames."""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Tuple, Union

from . import _core

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped,unused-ignore]  # typed with pandas-stubs

Source = Union[str, "os.PathLike[str]", Iterable[Mapping[str, Any]], Any]


def _cell(v: Any) -> Any:
    """A DataFrame cell as text: None/NaN/NaT → None, whole floats without '.0'."""
    if v is None:
        return None
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if hasattr(v, "isoformat"):  # datetime, date, pandas.Timestamp
        try:
            if v != v:  # NaT
                return None
        except (TypeError, ValueError):
            pass
        text = v.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(v)


def _run(source: Source, dataset: str, engine: _core.Engine | None, format: str, encoding: str,
         max_findings: int, out_valid: str | os.PathLike[str] | None, out_rejected: str | os.PathLike[str] | None,
         accepted: bool, caller: str) -> Any:
    ov = os.fspath(out_valid) if out_valid is not None else ""
    orj = os.fspath(out_rejected) if out_rejected is not None else ""
    engine = engine if engine is not None else _core.Engine.default()
    if isinstance(source, (str, os.PathLike)):
        return _core.validate_file(engine, dataset, os.fspath(source), format, encoding, max_findings, ov, orj,
                                   accepted)
    if hasattr(source, "columns") and hasattr(source, "itertuples"):  # pandas.DataFrame
        header = [str(c) for c in source.columns]
        rows = ([_cell(v) for v in row] for row in source.itertuples(index=False, name=None))
        return _core.validate_rows(engine, dataset, header, rows, max_findings, ov, orj, accepted)
    if isinstance(source, (list, tuple)) or hasattr(source, "__iter__"):
        return _core.validate_records(engine, dataset, source, max_findings, ov, orj, accepted)
    raise TypeError(f"{caller}() expects a path, a list of dicts or a DataFrame, got {type(source).__name__}")


def validate(source: Source, dataset: str, engine: _core.Engine | None = None, *, format: str = "auto",
             encoding: str = "auto", max_findings: int = 1000, out_valid: str | os.PathLike[str] | None = None,
             out_rejected: str | os.PathLike[str] | None = None) -> _core.Report:
    """Validate `source` against `dataset` of the engine's catalog (default: the built-in pack).

    `source` is a path (CSV, TSV or JSON Lines; str or os.PathLike), a list of dicts
    (the union of the keys is the header, its findings at row 0; a key a record lacks is
    a missing value; row numbers count records from 1, like JSON Lines), or a pandas
    DataFrame (columns are headers; row numbers count like a CSV file, header = 1). The
    same content gives the same findings whatever the kind; an empty source (no header)
    is an ``empty-file`` error. ``valid`` means no error finding and no rejected row.
    `out_valid` / `out_rejected` name files for the accepted rows, normalised, and the
    rejected rows with their reasons: JSON Lines for a .jsonl or .ndjson name, CSV otherwise
    (the library's one rule; .tsv is refused).
    """
    report: _core.Report = _run(source, dataset, engine, format, encoding, max_findings, out_valid, out_rejected,
                                False, "validate")
    return report


def read_dataset(source: Source, dataset: str, engine: _core.Engine | None = None, *, format: str = "auto",
                 encoding: str = "auto", max_findings: int = 1000) -> Tuple["pandas.DataFrame", _core.Report]:
    """Validate `source` as :func:`validate` does and return ``(rows, report)``: `rows` is a
    DataFrame of the accepted rows, normalised as ``out_valid`` writes them — one column per
    catalog field (its name, in catalog order), text values (codes as codes, dates as
    ISO dates, None for an empty cell), indexed by the row number of the source (``row``,
    as in the findings). Rejected rows are not in it; `report` says why.

        rows, report = ecredit.read_dataset("penalties.csv", "admin_penalty")
        rows["severity"].value_counts()     # minor / general / serious, whatever the file wrote
    """
    out: Tuple["pandas.DataFrame", _core.Report] = _run(source, dataset, engine, format, encoding, max_findings,
                                                        None, None, True, "read_dataset")
    return out
