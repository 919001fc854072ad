"""ecredit.Archive, the living credit files (docs/archive.md), through Python: imports with
reconciliation (folders, files, lists of dicts, DataFrames), re-imports, snapshots of an earlier
state reproducing a precheck and a grade, the journal, objections, repairs, commitments, the
injected clock, closing, and clear errors. The data are the shared case files
(tests/data/registry, tests/data/precheck) and the demo's sample (examples/data/sample)."""

import csv
import datetime
import shutil
import sqlite3
import threading
import time

import jsonschema
import pandas as pd
import pytest

import ecredit
from conftest import DATA

SAMPLE = DATA.parents[1] / "examples" / "data" / "sample"
POWER = "91440113MA9UQ8E11N"  # tests/data/precheck: electricity black list 2024-06-01 → 2027-06-01
PENALTY = "admin_penalty:穗发改能罚〔2024〕5号"  # tests/data/registry: POWER's serious penalty (README)
COUNT_KEYS = ["read", "inserted", "updated", "unchanged", "withdrawn", "rejected"]
UTC = datetime.timezone.utc


class Clock:
    """The archive's clock, set by the test; naive datetimes are UTC."""

    def __init__(self, now):
        self.now = now
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.now


@pytest.fixture
def clock():
    return Clock(datetime.datetime(2025, 3, 1, 10, 0, 0))


@pytest.fixture
def archive(tmp_path, clock):
    with ecredit.Archive(tmp_path / "credit.db", clock=clock) as a:
        yield a


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def data_rows(folder):
    """dataset id → the number of data rows of each CSV file of a folder."""
    return {p.stem: len(rows_of(p)) for p in sorted(folder.glob("*.csv"))}


def assert_reconciles(result):
    for ds, c in result.counts.items():
        assert list(c) == COUNT_KEYS, ds
        assert c["read"] == sum(c[k] for k in COUNT_KEYS[1:]), (ds, c)


# ---- import ---------------------------------------------------------------------------


def test_import_dir_counts_reconcile(archive, clock):
    r = archive.import_dir(DATA / "registry", "发改委", received_at="2025-02-28")
    assert isinstance(r, ecredit.ImportResult)
    assert r.batch == 1 and archive.last_batch == 1
    assert r.source == "发改委" and r.received_at == "2025-02-28"
    assert r.recorded_at == clock.now.replace(tzinfo=UTC)
    assert "notes.txt" in " ".join(r.skipped)
    assert set(r.counts) == set(data_rows(DATA / "registry"))
    assert_reconciles(r)
    for ds, n in data_rows(DATA / "registry").items():
        c = r.counts[ds]
        rep = r.reports[ds]
        assert isinstance(rep, ecredit.Report)
        assert c["read"] == n == rep.stats["rows"]
        assert c["inserted"] == rep.stats["accepted"] and c["rejected"] == rep.stats["rejected"]
        assert c["updated"] == c["unchanged"] == c["withdrawn"] == 0
    reg = archive.registry()
    loaded = ecredit.Registry.from_dir(DATA / "registry")
    assert (reg.subject_count, reg.record_count, reg.list_entry_count) == (
        loaded.subject_count, loaded.record_count, loaded.list_entry_count)
    assert archive.check()["ok"]


def test_reimport_is_unchanged(archive, clock):
    first = archive.import_dir(DATA / "registry", "发改委")
    clock.now += datetime.timedelta(days=1)
    again = archive.import_dir(DATA / "registry", "发改委")
    assert again.batch == first.batch + 1
    assert_reconciles(again)
    for ds, c in again.counts.items():
        accepted = first.counts[ds]["inserted"]
        assert c["unchanged"] == accepted and c["inserted"] == c["updated"] == c["withdrawn"] == 0, ds
    assert archive.registry().record_count == archive.registry(batch=first.batch).record_count
    h = archive.history(PENALTY)
    assert [v["op"] for v in h["versions"]] == ["inserted"]  # no second version of an identical row
    rep = archive.history("subject:" + POWER)["versions"][0]["values"]["legal_rep_id"]
    assert rep == ecredit.mask_id("440111199207080042") and "*" in rep  # personal IDs masked
    check = archive.check()
    assert check["ok"], check["problems"]
    assert check["batches"] == 2


def test_import_rows_dataframe_is_the_file(tmp_path):
    """A DataFrame stores the values the file does, whether pandas kept the text (dtype=str,
    empty cells NaN) or parsed the numbers: importing the file after it changes nothing."""
    frames = {"subject": pd.read_csv(DATA / "registry" / "subject.csv", dtype=str),
              "admin_penalty": pd.read_csv(DATA / "registry" / "admin_penalty.csv")}
    assert frames["subject"].isna().any().any()  # empty cells are NaN
    assert str(frames["admin_penalty"]["fine_amount"].dtype) == "int64"
    for name, df in frames.items():
        with ecredit.Archive(tmp_path / f"{name}.db") as a:
            r = a.import_rows(df, name, "frame")
            assert_reconciles(r)
            assert r.counts[name]["read"] == len(df)
            assert r.counts[name]["inserted"] == r.reports[name].stats["accepted"] > 0
            again = a.import_file(DATA / "registry" / f"{name}.csv", name, "file")
            assert again.counts[name]["unchanged"] == r.counts[name]["inserted"], again.counts
            assert again.counts[name]["rejected"] == r.counts[name]["rejected"]
            assert again.counts[name]["inserted"] == again.counts[name]["updated"] == 0


def test_import_rows_dicts_update_and_withdraw(archive, clock):
    rows = rows_of(DATA / "registry" / "admin_penalty.csv")
    first = archive.import_rows(rows, "admin_penalty", "发改委", received_at=datetime.date(2025, 2, 28))
    assert first.received_at == "2025-02-28"
    n = first.counts["admin_penalty"]["inserted"]
    assert n >= 3
    changed = dict(rows[0], fine_amount="2")
    deleted = dict(rows[1], op="delete")
    same = dict(rows[2], op="update")
    clock.now += datetime.timedelta(hours=1)
    second = archive.import_rows([changed, deleted, same], "admin_penalty", "发改委",
                                 received_at=datetime.datetime(2025, 3, 1, 9, 30))
    assert second.counts["admin_penalty"] == {"read": 3, "inserted": 0, "updated": 1, "unchanged": 1,
                                              "withdrawn": 1, "rejected": 0}
    assert archive.registry().record_count == archive.registry(batch=first.batch).record_count - 1
    h = archive.history("admin_penalty:" + rows[0]["decision_no"])
    assert [v["op"] for v in h["versions"]] == ["inserted", "updated"]
    assert [v["batch"] for v in h["versions"]] == [first.batch, second.batch]
    assert h["versions"][1]["values"]["fine_amount"] != h["versions"][0]["values"]["fine_amount"]
    gone = archive.history("admin_penalty:" + rows[1]["decision_no"])
    assert gone["versions"][-1]["op"] == "withdrawn"


def test_import_rows_nan_and_none_are_missing(archive):
    row = rows_of(DATA / "registry" / "admin_penalty.csv")[0]  # remarks: an optional field
    first = archive.import_rows([dict(row, remarks=None)], "admin_penalty", "a")
    assert first.counts["admin_penalty"]["inserted"] == 1, first.reports["admin_penalty"].to_dict()
    nan = archive.import_rows(pd.DataFrame([dict(row, remarks=float("nan"))]), "admin_penalty", "b")
    assert nan.counts["admin_penalty"]["unchanged"] == 1, nan.counts  # NaN is missing, not "nan"
    text = archive.import_rows(pd.DataFrame([dict(row, remarks="补录")]), "admin_penalty", "c")
    assert text.counts["admin_penalty"]["updated"] == 1, text.counts
    versions = archive.history("admin_penalty:" + row["decision_no"])["versions"]
    assert [v["op"] for v in versions] == ["inserted", "updated"]
    assert versions[0]["values"].get("remarks", "") == "" and versions[1]["values"]["remarks"] == "补录"


# ---- snapshots ------------------------------------------------------------------------


def test_registry_batch_reproduces_an_earlier_precheck_and_grade(archive, clock):
    engine = archive.engine
    first = archive.import_dir(DATA / "precheck", "发改委", received_at="2025-03-01")
    before = engine.precheck(archive.registry(), "gov_procurement", as_of="2025-03-31", uscc=POWER)
    grade_before = engine.grade(archive.registry(), POWER, "2025-03-31").to_json()
    assert before.verdict != "clear"  # the black list restricts
    # later: the black-list entry of POWER is withdrawn, a new penalty arrives
    entry = [r for r in rows_of(DATA / "precheck" / "black_list.csv") if r["uscc"] == POWER]
    assert len(entry) == 1
    clock.now = datetime.datetime(2025, 4, 2, 9, 0, 0)
    later = archive.import_rows([dict(entry[0], op="删除")], "black_list", "能源局", received_at="2025-04-01")
    assert later.counts["black_list"]["withdrawn"] == 1
    now = engine.precheck(archive.registry(), "gov_procurement", as_of="2025-03-31", uscc=POWER)
    assert now.to_json() != before.to_json()
    # the snapshot after batch 1, and as the archive knew it on 2025-03-15, give the same decision
    for snap in (archive.registry(batch=first.batch),
                 archive.registry(known_at="2025-03-15"),
                 archive.registry(known_at=datetime.date(2025, 3, 1)),
                 archive.registry(known_at=datetime.datetime(2025, 3, 1, 18, 0, tzinfo=datetime.timezone(
                     datetime.timedelta(hours=8))))):
        again = engine.precheck(snap, "gov_procurement", as_of="2025-03-31", uscc=POWER)
        assert again.to_json() == before.to_json()
        assert engine.grade(snap, POWER, "2025-03-31").to_json() == grade_before
    # before anything was recorded the archive knew nothing
    assert archive.registry(known_at=datetime.datetime(2025, 3, 1, 9, 59)).subject_count == 0
    assert archive.registry(known_at="2025-02-28").subject_count == 0


def test_checkpoint_gives_the_same_snapshots(tmp_path, clock):
    path = tmp_path / "credit.db"
    with ecredit.Archive(path, clock=clock) as a:
        engine = a.engine
        first = a.import_dir(DATA / "precheck", "发改委", received_at="2025-03-01")
        info = a.checkpoint()
        assert list(info) == ["seq", "subjects", "records", "parts", "bytes"]
        jsonschema.validate(info, ecredit.schema("archive-checkpoint"))
        assert info["seq"] == first.batch
        assert info["records"] == a.registry().record_count
        assert info["subjects"] == a.registry().subject_count
        assert info["parts"] >= 2 and info["bytes"] > 0
        entry = [r for r in rows_of(DATA / "precheck" / "black_list.csv") if r["uscc"] == POWER]
        clock.now = datetime.datetime(2025, 4, 2, 9, 0, 0)
        later = a.import_rows([dict(entry[0], op="删除")], "black_list", "能源局", received_at="2025-04-01")
        assert a.check()["ok"]
    # reopened: the snapshots after the checkpoint start from it; the decisions are those of
    # a file without it (the checkpoint rows deleted)
    plain = tmp_path / "plain.db"
    for ext in ("", "-wal", "-shm"):
        if (tmp_path / ("credit.db" + ext)).exists():
            shutil.copy(tmp_path / ("credit.db" + ext), tmp_path / ("plain.db" + ext))
    with sqlite3.connect(plain) as db:
        db.execute("DELETE FROM checkpoint_part")
        db.execute("DELETE FROM checkpoint")
    with ecredit.Archive(path, clock=clock) as a, ecredit.Archive(plain, clock=clock) as b:
        for batch in (first.batch, later.batch):
            for scenario in ("gov_procurement", "bidding"):
                x = engine.precheck(a.registry(batch=batch), scenario, as_of="2025-06-30", uscc=POWER)
                y = engine.precheck(b.registry(batch=batch), scenario, as_of="2025-06-30", uscc=POWER)
                assert x.to_json() == y.to_json()
            assert (engine.grade(a.registry(batch=batch), POWER, "2025-06-30").to_json()
                    == engine.grade(b.registry(batch=batch), POWER, "2025-06-30").to_json())
        assert a.registry().record_count == b.registry().record_count


# ---- the journal and history ----------------------------------------------------------


JOURNAL_COLUMNS = ["seq", "kind", "entity", "recorded_at", "on", "actor", "reason", "basis", "detail"]


def test_journal_dataframe(archive, clock):
    archive.import_dir(DATA / "registry", "发改委", received_at="2025-02-28")
    clock.now = datetime.datetime(2025, 3, 2, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    archive.import_dir(DATA / "registry", "发改委")
    j = archive.journal()
    assert list(j.columns) == JOURNAL_COLUMNS
    assert list(j["seq"]) == [1, 2] and str(j["seq"].dtype) == "int64"
    assert list(j["kind"]) == ["import", "import"]
    assert str(j["recorded_at"].dtype).startswith("datetime64") and "UTC" in str(j["recorded_at"].dtype)
    assert j["recorded_at"][0] == pd.Timestamp("2025-03-01 10:00", tz="UTC")
    assert j["recorded_at"][1] == pd.Timestamp("2025-03-02 00:00", tz="UTC")  # +08:00 converted
    assert isinstance(j["detail"][0], dict)
    assert list(archive.journal(since=1)["seq"]) == [2]
    empty = archive.journal(since=2)
    assert list(empty.columns) == JOURNAL_COLUMNS and len(empty) == 0
    assert empty.dtypes.equals(j.dtypes)  # dtypes do not depend on the row count


def test_history_of_an_unknown_entity(archive):
    archive.import_dir(DATA / "registry", "发改委")
    with pytest.raises(ecredit.NotFoundError, match="admin_penalty:nope"):
        archive.history("admin_penalty:nope")


# ---- lifecycle ------------------------------------------------------------------------


OBJECTION_COLUMNS = ["id", "record_id", "status", "filed_on", "by", "grounds", "next_step", "due", "overdue",
                     "steps"]


def test_objection_steps_and_dataframe(archive, clock):
    archive.import_dir(DATA / "registry", "发改委")
    oid = archive.file_objection(PENALTY, "2025-03-03", "处罚已撤销", "广州某电力工程有限公司")
    assert isinstance(oid, str) and oid
    o = archive.objections()
    assert list(o.columns) == OBJECTION_COLUMNS
    row = o[o["id"] == oid].iloc[0]
    assert row["record_id"] == PENALTY and row["status"] == "pending"
    assert row["filed_on"] == pd.Timestamp("2025-03-03")
    assert row["next_step"] in ("accept", "reject")
    assert isinstance(row["steps"], list) and row["steps"]
    assert oid in list(archive.objections(status="pending")["id"])
    assert oid not in list(archive.objections(status="record_confirmed")["id"])
    # overdue: not on the day of filing, long after it
    assert oid not in list(archive.objections(overdue_on="2025-03-03")["id"])
    late = archive.objections(overdue_on=datetime.date(2025, 6, 30))
    assert oid in list(late["id"]) and bool(late[late["id"] == oid]["overdue"].iloc[0])
    kinds = list(archive.journal()["kind"])
    assert "objection_filed" in kinds
    archive.advance_objection(oid, "accept", "2025-03-04", by="平台")
    assert archive.objections(status="accepted")["id"].tolist() == [oid]
    with pytest.raises(ecredit.InvalidInputError, match="no_such_step"):
        archive.advance_objection(oid, "no_such_step", "2025-03-05")
    archive.advance_objection(oid, "platform_check", "2025-03-05")
    archive.advance_objection(oid, "provider_verification", "2025-03-10", outcome="record_confirmed",
                              note="核实无误")
    done = archive.objections(status="record_confirmed")
    assert done["id"].tolist() == [oid]
    events = archive.history(PENALTY)["events"]
    assert {"objection_filed", "objection_step"} <= set(events["kind"])
    assert archive.check()["ok"]


def test_objections_empty_frame(archive):
    archive.import_dir(DATA / "registry", "发改委")
    o = archive.objections()
    assert list(o.columns) == OBJECTION_COLUMNS and len(o) == 0
    archive.file_objection(PENALTY, "2025-03-03", "处罚已撤销", "广州某电力工程有限公司")
    full = archive.objections()
    assert len(full) == 1 and full.dtypes.equals(o.dtypes)  # dtypes do not depend on the row count
    assert str(full["filed_on"].dtype) == "datetime64[ns]" and str(full["overdue"].dtype) == "bool"


def test_repair_application_and_apply(archive, clock):
    engine = archive.engine
    first = archive.import_dir(DATA / "registry", "发改委")
    grade_before = engine.grade(archive.registry(), POWER, "2024-06-30")
    app = archive.file_repair_application(PENALTY, "2024-04-20", {"obligations_fulfilled": "2024-03-01"},
                                          "广州某电力工程有限公司")
    assert isinstance(app, str) and app
    clock.now += datetime.timedelta(days=1)
    archive.apply_repair(PENALTY, "2024-05-01", by="发改委")
    after = engine.grade(archive.registry(), POWER, "2024-06-30")
    # the same as repairing the loaded registry (README: C → B)
    expected = engine.grade(ecredit.Registry.from_dir(DATA / "registry").apply_repair(PENALTY, "2024-05-01"),
                            POWER, "2024-06-30")
    assert (after.grade, after.score) == (expected.grade, expected.score)
    assert after.grade != grade_before.grade
    assert engine.grade(archive.registry(batch=first.batch), POWER, "2024-06-30").to_json() == grade_before.to_json()
    assert {"repair_application", "repair_applied"} <= set(archive.journal()["kind"])


def test_check_commitments_once(archive):
    archive.import_file(SAMPLE / "commitment.csv", "commitment", "发改委")
    rows = {r["commitment_no"]: r for r in rows_of(SAMPLE / "commitment.csv")}
    open_one = "XYCN20250000002"  # valid until 2026-06-08, no fulfilment status
    assert rows[open_one]["valid_until"] == "2026-06-08" and not rows[open_one]["fulfilment_status"]
    made = archive.check_commitments("2026-07-01")
    assert f"commitment:{open_one}:breach" in made
    assert all(b.endswith(":breach") for b in made)
    fulfilled = [k for k, r in rows.items() if r["fulfilment_status"] == "全部履行"]
    assert not [b for b in made if b.split(":")[1] in fulfilled]
    assert archive.check_commitments("2026-07-01") == []  # once
    assert f"commitment:{open_one}:breach" not in archive.check_commitments(datetime.date(2026, 8, 1))
    breaches = archive.journal()
    assert (breaches["kind"] == "commitment_breach").sum() == len(made)


# ---- the clock, closing, threads ------------------------------------------------------


def test_clock_naive_is_utc_and_aware_is_converted(tmp_path):
    c = Clock(datetime.datetime(2025, 3, 1, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8))))
    with ecredit.Archive(tmp_path / "a.db", clock=c) as a:
        r = a.import_dir(DATA / "registry", "x")
        assert r.recorded_at == datetime.datetime(2025, 3, 1, 0, 0, tzinfo=UTC)
        assert c.calls >= 1


def test_clock_errors(tmp_path):
    with pytest.raises(TypeError, match="clock"):
        ecredit.Archive(tmp_path / "a.db", clock="now")
    with ecredit.Archive(tmp_path / "b.db", clock=lambda: "2025-03-01") as a:
        with pytest.raises(ecredit.InvalidInputError, match="clock"):
            a.import_dir(DATA / "registry", "x")
        assert a.last_batch == 0  # nothing stored

    def broken():
        raise RuntimeError("the clock is broken")

    with ecredit.Archive(tmp_path / "c.db", clock=broken) as a:
        with pytest.raises(ecredit.InvalidInputError, match="the clock is broken"):
            a.import_dir(DATA / "registry", "x")


def test_context_manager_closes_the_file(tmp_path, clock):
    path = tmp_path / "credit.db"
    with ecredit.Archive(path, clock=clock) as a:
        assert not a.closed
        a.import_dir(DATA / "registry", "发改委")
        assert path.exists()
    assert a.closed
    assert not (tmp_path / "credit.db-wal").exists()  # SQLite removes the WAL when the last connection closes
    with pytest.raises(ecredit.InvalidInputError, match="closed"):
        a.registry()
    with pytest.raises(ecredit.InvalidInputError, match="closed"):
        a.import_dir(DATA / "registry", "发改委")
    a.close()  # again: nothing
    with ecredit.Archive(str(path)) as b:  # durable: the batch is there
        assert b.last_batch == 1
        assert b.registry().subject_count == ecredit.Registry.from_dir(DATA / "registry").subject_count
        assert "closed" not in repr(b)
    assert "closed" in repr(b)


def test_import_and_snapshot_release_the_gil(tmp_path):
    """Another Python thread runs while an import and a snapshot build are under way (with
    the GIL held it could run only before and after)."""
    sample = tmp_path / "sample"
    ecredit.write_sample(sample, subjects=2000)

    def others_ran_during(fn):
        ticks = []
        stop = threading.Event()

        def ticker():
            while not stop.is_set():
                ticks.append(time.perf_counter())
                time.sleep(0.0005)

        t = threading.Thread(target=ticker)
        t.start()
        try:
            time.sleep(0.01)
            t0 = time.perf_counter()
            out = fn()
            t1 = time.perf_counter()
        finally:
            stop.set()
            t.join()
        margin = (t1 - t0) * 0.2
        assert t1 - t0 > 0.02, f"{t1 - t0:.3f} s is too short to watch"
        return out, len([x for x in ticks if t0 + margin < x < t1 - margin])

    with ecredit.Archive(tmp_path / "a.db") as a:
        r, ticks = others_ran_during(lambda: a.import_dir(sample, "sample"))
        assert_reconciles(r)
        assert ticks > 0, "no other thread ran during the import"
        reg, ticks = others_ran_during(a.registry)
        assert reg.subject_count > 0
        assert ticks > 0, "no other thread ran during the snapshot build"


# ---- errors ---------------------------------------------------------------------------


def test_errors_name_the_thing(archive, tmp_path):
    with pytest.raises(ecredit.PathNotFoundError, match="no_such_dir"):
        archive.import_dir(tmp_path / "no_such_dir", "x")
    with pytest.raises(ecredit.PathNotFoundError, match="missing.csv"):
        archive.import_file(tmp_path / "missing.csv", "admin_penalty", "x")
    with pytest.raises(ecredit.NotFoundError, match="no dataset 'no_such_dataset'"):
        archive.import_file(DATA / "registry" / "admin_penalty.csv", "no_such_dataset", "x")
    with pytest.raises(ecredit.NotFoundError, match="no dataset 'no_such_dataset'"):
        archive.import_rows([{"a": "1"}], "no_such_dataset", "x")
    with pytest.raises(ecredit.InvalidInputError, match="received_at"):
        archive.import_dir(DATA / "registry", "x", received_at="yesterday")
    assert archive.last_batch == 0  # a refused import stores nothing
    with pytest.raises(ecredit.InvalidInputError):
        archive.file_objection(PENALTY, "2025-13-01", "g", "b")
    with pytest.raises(TypeError, match="filed_on"):
        archive.file_objection(PENALTY, 20250301, "g", "b")
    with pytest.raises(ecredit.InvalidInputError, match="known_at"):
        archive.registry(known_at="not a time")
    with pytest.raises(ecredit.InvalidInputError, match="not both"):
        archive.registry(known_at="2025-03-01", batch=1)
    with pytest.raises(TypeError, match="list of dicts or a pandas DataFrame"):
        archive.import_rows("admin_penalty.csv", "admin_penalty", "x")
    with pytest.raises(TypeError, match=r"rows\[1\]"):
        archive.import_rows([{"decision_no": "1"}, "x"], "admin_penalty", "x")


def test_bad_archive_path(tmp_path):
    not_db = tmp_path / "not_an_archive.db"
    not_db.write_text("hello, this is not SQLite\n" * 100, encoding="utf-8")
    with pytest.raises(ecredit.IoError, match="not_an_archive.db"):
        ecredit.Archive(not_db)
    with pytest.raises(ecredit.IoError, match="no_such_folder"):
        ecredit.Archive(tmp_path / "no_such_folder" / "a.db")
