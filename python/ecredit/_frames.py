"""pandas shaping of the results: the C++ core hands plain columns (dict of lists) or rows
(list of dicts) over, and this module makes the DataFrames — column order, dtypes, index.

Dtypes never depend on the row count: "text" is the dtype pandas gives a column of strings
(object; str from pandas 3), so an empty frame has the dtypes of a full one.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import pandas as pd

# Column name and dtype, in the frame's order.
GRADE_COLUMNS: Tuple[Tuple[str, str], ...] = (
    ("uscc", "text"), ("grade", "text"), ("score", "float64"), ("model", "text"), ("no_data", "bool"))
FINDING_COLUMNS: Tuple[Tuple[str, str], ...] = (
    ("type", "text"), ("severity", "text"), ("row", "int64"), ("column", "int64"), ("field", "text"),
    ("label", "text"), ("value", "text"), ("message", "text"))


def _text_dtype() -> Any:
    return pd.Series([""]).dtype


def frame(columns: Sequence[Tuple[str, Sequence[Any], str]], index: Optional[Any] = None) -> "pd.DataFrame":
    """A DataFrame of `columns` (name, values, dtype) in that order; dtype "text" is pandas' own
    for strings."""
    text = _text_dtype()
    cols: Dict[str, Any] = {}
    for name, values, dtype in columns:
        cols[name] = pd.Series(list(values), dtype=text if dtype == "text" else dtype, index=index)
    return pd.DataFrame(cols, columns=[name for name, _, _ in columns], index=index)


def grades(columns: Mapping[str, List[Any]]) -> "pd.DataFrame":
    """Engine.grade_all: uscc, grade, score, model, no_data."""
    return frame([(name, columns[name], dtype) for name, dtype in GRADE_COLUMNS])


def findings(rows: Sequence[Mapping[str, Any]]) -> "pd.DataFrame":
    """Report.to_pandas: one row per finding (the finding's to_dict())."""
    return frame([(name, [r[name] for r in rows], dtype) for name, dtype in FINDING_COLUMNS])


def accepted_rows(columns: Mapping[str, List[Any]], rows: List[int]) -> "pd.DataFrame":
    """read_dataset: one column per catalog field (in catalog order), text values as object
    (None for an empty cell, whatever pandas would infer), indexed by the source row ("row")."""
    index = pd.Index(rows, dtype="int64", name="row")
    return frame([(name, values, "object") for name, values in columns.items()], index)


JOURNAL_COLUMNS: Tuple[Tuple[str, str], ...] = (
    ("seq", "int64"), ("kind", "text"), ("entity", "text"), ("recorded_at", "utc"), ("on", "text"),
    ("actor", "text"), ("reason", "text"), ("basis", "text"), ("detail", "object"))
OBJECTION_COLUMNS: Tuple[Tuple[str, str], ...] = (
    ("id", "text"), ("record_id", "text"), ("status", "text"), ("filed_on", "day"), ("by", "text"),
    ("grounds", "text"), ("next_step", "object"), ("due", "day"), ("overdue", "bool"), ("steps", "object"))


def _timed(columns: Mapping[str, List[Any]], spec: Tuple[Tuple[str, str], ...]) -> "pd.DataFrame":
    """A frame of `spec`'s columns; dtype "utc" is datetime64[ns, UTC] (from aware datetimes), "day"
    datetime64[ns] of dates (None → NaT), the others as frame() makes them."""
    cols: Dict[str, Any] = {}
    for name, dtype in spec:
        values = pd.Series(list(columns[name]), dtype="object")
        if dtype == "utc":
            cols[name] = pd.to_datetime(values, utc=True).astype("datetime64[ns, UTC]")
        elif dtype == "day":
            cols[name] = pd.to_datetime(values).astype("datetime64[ns]")
        else:
            cols[name] = frame([(name, columns[name], dtype)])[name]
    return pd.DataFrame(cols, columns=[name for name, _ in spec])


RELATED_COLUMNS: Tuple[Tuple[str, str], ...] = (
    ("party_id", "text"), ("party_kind", "text"), ("uscc", "text"), ("role", "text"), ("hops", "int64"),
    ("path", "object"))


def related(columns: Mapping[str, List[Any]]) -> "pd.DataFrame":
    """Registry.related: one row per relation; path is a list of ids from the queried party."""
    return frame([(name, columns[name], dtype) for name, dtype in RELATED_COLUMNS])


def journal(columns: Mapping[str, List[Any]]) -> "pd.DataFrame":
    """Archive.journal: seq, kind, entity, recorded_at (UTC), on, actor, reason, basis, detail (a dict)."""
    return _timed(columns, JOURNAL_COLUMNS)


def objections(columns: Mapping[str, List[Any]]) -> "pd.DataFrame":
    """Archive.objections: one row per objection; steps is a list of dicts (step, title, basis,
    working_days, due, done_on, outcome, note, overdue)."""
    return _timed(columns, OBJECTION_COLUMNS)
