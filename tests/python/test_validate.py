"""Validation through Python: the same cases as tests/cpp/test_validate.cpp (mini pack),
the built-in catalog, the CLI contract, and the three source kinds."""
import json
import pathlib
import shutil
import subprocess

import pytest

import ecredit

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "packs" / "mini"
HEADER = ("CF_WSH,行政相对人名称,CF_XDR_LB,统一社会信用代码,证件类型,证件号码,处罚类别,罚款金额(万元),次数,"
          "处罚决定日期,公示截止期,记录时间,是否严重,处罚机关代码,联系电话,邮箱,法定代表人身份证号\n")
GOOD = ("粤罚1,广州甲公司,法人,91440101MA59U8YB6Y,,,罚款;警告,1.5,1,2023年5月1日,2024/5/1,2023-05-01 08:30,是,"
        "12345678-8,13800138000,a@x.cn,11010519491231002X\n")


@pytest.fixture(scope="module")
def mini():
    return ecredit.Engine.load(MINI)


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_builtin_catalog_has_the_required_datasets():
    ids = {d["id"] for d in ecredit.Engine.default().datasets()}
    for required in ("subject", "admin_license", "admin_penalty", "red_list", "black_list", "key_attention_list",
                     "arrears", "commitment", "safety_incident", "energy_saving", "commendation", "evaluation"):
        assert required in ids
    assert len(ecredit.Engine.default().hash) == 64


def test_good_file(tmp_path, mini):
    r = ecredit.validate(write(tmp_path, "p.csv", HEADER + GOOD), "penalty", mini)
    assert r.valid, r.to_json("en", 2)
    assert r.stats["rows"] == 1 and r.stats["accepted"] == 1 and r.findings == []


def test_gb18030_file_is_detected(tmp_path, mini):
    r = ecredit.validate(write(tmp_path, "p.csv", HEADER + GOOD, "gb18030"), "penalty", mini)
    assert r.valid, r.to_json("en", 2)
    assert r.stats["encoding"] == "gb18030"


def test_findings_have_positions_and_messages(tmp_path, mini):
    bad = "粤罚2,乙,外星人,91440101MA59U8YB6Y,,,罚款,一万,1.5,2023-13-01,,,,12345678-9,,,\n"
    r = ecredit.validate(write(tmp_path, "p.csv", HEADER + bad), "penalty", mini)
    assert not r.valid
    f = next(f for f in r.findings if f.type == "code-not-in-table")
    assert (f.row, f.column, f.field, f.label, f.severity) == (2, 3, "xdr_kind", "CF_XDR_LB", "error")
    assert "外星人" in f.message and "subject_kind" in f.message_en
    d = r.to_dict("en")
    assert d["stats"]["rows"] == d["stats"]["accepted"] + d["stats"]["rejected"]
    assert {"type", "severity", "row", "column", "field", "label", "message"} <= set(d["findings"][0])


def test_personal_values_are_masked(tmp_path, mini):
    row = "粤罚3,丁公司,法人,91440101MA59U8YB6Y,身份证,110105194912310021,,,,2023-05-01,,,,,,,\n"
    r = ecredit.validate(write(tmp_path, "p.csv", HEADER + row), "penalty", mini)
    f = next(f for f in r.findings if f.type == "resident-id-checksum")
    assert f.value == "110105********0021"
    assert "110105194912310021" not in r.to_json("zh") + r.to_json("en")


def test_list_of_dicts_and_dataframe(mini):
    records = [{"CF_WSH": "粤罚1", "CF_XDR_MC": "甲", "CF_XDR_LB": "01", "CF_JDRQ": "2023-05-01", "证件号码": "E1"},
               {"CF_WSH": "粤罚2", "CF_XDR_MC": "乙", "CF_XDR_LB": "火星", "CF_JDRQ": None, "证件号码": "E2"}]
    r = ecredit.validate(records, "penalty", mini)
    assert (r.stats["accepted"], r.stats["rejected"]) == (1, 1)
    assert {(f.type, f.row) for f in r.findings} >= {("code-not-in-table", 2), ("constraint-error", 2)}
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(records)
    df["次数"] = [3.0, float("nan")]
    r2 = ecredit.validate(df, "penalty", mini)
    assert (r2.stats["accepted"], r2.stats["rejected"]) == (1, 1)
    assert ("code-not-in-table", 3) in {(f.type, f.row) for f in r2.findings}
    frame = r2.to_pandas()
    assert list(frame.columns) == ["type", "severity", "row", "column", "field", "label", "value", "message"]
    assert len(frame) == len(r2.findings)


def test_errors(tmp_path, mini):
    with pytest.raises(ecredit.NotFoundError):
        ecredit.validate(write(tmp_path, "p.csv", HEADER), "nope", mini)
    with pytest.raises(KeyError):
        ecredit.validate(write(tmp_path, "p.csv", HEADER), "nope", mini)
    with pytest.raises(ecredit.Error):
        ecredit.validate(tmp_path / "missing.csv", "penalty", mini)
    broken = tmp_path / "pack"
    shutil.copytree(MINI, broken)
    (broken / "catalog.json").write_text('{"datasets": [\n  {"id": 1}]}', encoding="utf-8")
    with pytest.raises(ecredit.PolicyError, match=r"catalog.json at /datasets/0/id \(line 2"):
        ecredit.Engine.load(broken)
    with pytest.raises(ValueError):
        ecredit.Engine.load(broken)


def _cli():
    exe = shutil.which("ecredit")
    if exe is None:
        pytest.fail("the ecredit program is not on PATH")
    return exe


def test_cli_validate_contract(tmp_path):
    pack = str(MINI)
    good = write(tmp_path, "good.csv", HEADER + GOOD)
    out = subprocess.run([_cli(), "validate", "--pack", pack, "--dataset", "penalty", str(good), "--json"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    doc = json.loads(out.stdout)
    assert doc["valid"] is True and doc["stats"]["rows"] == 1
    bad = write(tmp_path, "bad.csv", HEADER + GOOD + "粤罚9,乙,外星人,,,,,,,2023-05-01,,,,,,,\n")
    valid_out, rejected_out = tmp_path / "ok.jsonl", tmp_path / "rejected.csv"
    out = subprocess.run([_cli(), "validate", "--pack", pack, "--dataset", "penalty", str(bad), "--json", "--lang",
                          "en", "--out-valid", str(valid_out), "--out-rejected", str(rejected_out)],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    assert doc["valid"] is False and doc["stats"]["rejected"] == 1
    assert {"type", "severity", "row", "column", "field", "label", "message"} <= set(doc["findings"][0])
    assert any("is not in code table" in m["message"] for m in doc["findings"])
    assert json.loads(valid_out.read_text(encoding="utf-8").splitlines()[0])["xdr_kind"] == "legal_person"
    rejected = rejected_out.read_text(encoding="utf-8").splitlines()
    assert rejected[0].startswith("_row,_errors,CF_WSH") and rejected[1].startswith("3,")
    usage = subprocess.run([_cli(), "validate", "--dataset", "admin_penalty", str(tmp_path / "none.csv")],
                           capture_output=True, text=True, check=False)
    assert usage.returncode == 2
    listing = subprocess.run([_cli(), "datasets", "--json"], capture_output=True, text=True, check=True)
    assert "admin_penalty" in {d["id"] for d in json.loads(listing.stdout)}


def _golden():
    want = json.loads((DATA / "golden" / "admin_penalty_realistic.report.json").read_text(encoding="utf-8"))
    want["pack"]["hash"] = None
    return want


def test_max_findings_zero_lists_none_in_python_and_the_cli():
    """One meaning of max_findings everywhere (C++, C, Python, CLI): 0 lists no findings."""
    path = DATA / "golden" / "admin_penalty_realistic.csv"
    full = ecredit.validate(path, "admin_penalty")
    none = ecredit.validate(path, "admin_penalty", max_findings=0)
    assert len(full.findings) > 0 and len(none.findings) == 0
    assert none.counts == full.counts and none.truncated
    out = subprocess.run([_cli(), "validate", "--dataset", "admin_penalty", str(path), "--json", "--max-findings", "0"],
                         capture_output=True, text=True, check=False)
    cli = json.loads(out.stdout)
    assert cli["findings"] == [] and cli["counts"] == full.counts


def test_golden_report_python_and_cli():
    path = DATA / "golden" / "admin_penalty_realistic.csv"
    got = json.loads(ecredit.validate(path, "admin_penalty").to_json("zh"))
    got["pack"]["hash"] = None
    assert got == _golden()
    out = subprocess.run([_cli(), "validate", "--dataset", "admin_penalty", str(path), "--json"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    cli = json.loads(out.stdout)
    cli["pack"]["hash"] = None
    assert cli == _golden()


def test_outputs_from_python(tmp_path, mini):
    records = [{"CF_WSH": "粤罚1", "CF_XDR_MC": "甲", "CF_XDR_LB": "01", "CF_JDRQ": "2023/5/1", "证件号码": "E1"},
               {"CF_WSH": "粤罚2", "CF_XDR_MC": "乙", "CF_XDR_LB": "火星", "CF_JDRQ": "2023-05-01", "证件号码": "E2"}]
    ok, bad = tmp_path / "ok.jsonl", tmp_path / "bad.csv"
    r = ecredit.validate(records, "penalty", mini, out_valid=ok, out_rejected=bad)
    assert r.stats["accepted"] == 1
    row = json.loads(ok.read_text(encoding="utf-8"))
    assert row == {"decision_no": "粤罚1", "xdr_name": "甲", "xdr_kind": "natural_person", "cert_no": "E1",
                   "decision_date": "2023-05-01"}
    lines = bad.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("2,") and "code-not-in-table" in lines[1]


# ---- issue 11: "valid" reports for inputs that are not ----------------------------------

PENALTY_HEADER = (DATA / "golden" / "admin_penalty_realistic.csv").read_text(encoding="utf-8-sig").splitlines()[0]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n  \r\n\n"])
def test_empty_file_is_an_error(tmp_path, mini, content):
    p = tmp_path / "empty.csv"
    p.write_bytes(content)
    r = ecredit.validate(p, "penalty", mini)
    assert not r.valid
    assert r.counts == {"empty-file": 1}
    f = r.findings[0]
    assert (f.type, f.severity, f.row) == ("empty-file", "error", 0)
    assert f.message == "文件为空：没有表头" and f.message_en == "the file is empty: no header"
    out = subprocess.run([_cli(), "validate", "--dataset", "admin_penalty", str(p)], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "empty-file" in out.stdout and "通过" not in out.stdout


def test_empty_inputs_in_memory(mini):
    for source in ([], [{}], [{}, {}]):
        r = ecredit.validate(source, "penalty", mini)
        assert not r.valid and r.counts == {"empty-file": 1}, source
    pd = pytest.importorskip("pandas")
    r = ecredit.validate(pd.DataFrame(), "penalty", mini)
    assert not r.valid and r.counts == {"empty-file": 1}


def test_unknown_key_is_not_valid():
    rows = [{"x": 1}]
    r = ecredit.validate(rows, "admin_penalty")
    assert r.stats["rejected"] == 1
    assert not r.valid
    assert r.counts["extra-label"] == 1 and r.counts["missing-label"] > 0
    pd = pytest.importorskip("pandas")
    r2 = ecredit.validate(pd.DataFrame(rows), "admin_penalty")
    assert r2.counts == r.counts and r2.stats["errors"] == r.stats["errors"]
    assert [(f.type, f.column, f.field) for f in r2.findings] == [(f.type, f.column, f.field) for f in r.findings]


def _seen(report, offset):
    return [(f.type, f.severity, f.row + offset if f.row else 0, f.column, f.field) for f in report.findings]


def test_same_content_same_report(tmp_path):
    pd = pytest.importorskip("pandas")
    golden = (DATA / "golden" / "admin_penalty_realistic.csv").read_text(encoding="utf-8-sig")
    golden = golden.replace(",多余的一列", "")  # a dict cannot hold a cell without a header
    import csv
    import io
    table = list(csv.reader(io.StringIO(golden)))
    header, body = table[0], table[1:]
    # the golden file has a quoted newline: give the CSV the same rows one line each
    flat = [[c.replace("\n", " ") for c in row] for row in body]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header] + flat)
    path = write(tmp_path, "same.csv", buf.getvalue())
    from_csv = ecredit.validate(path, "admin_penalty")
    records = [{k: v for k, v in zip(header, row)} for row in flat]
    from_dicts = ecredit.validate(records, "admin_penalty")
    frame = pd.DataFrame([row + [""] * (len(header) - len(row)) for row in flat], columns=header, dtype=object)
    from_frame = ecredit.validate(frame, "admin_penalty")
    for other, offset in ((from_dicts, 1), (from_frame, 0)):
        assert other.counts == from_csv.counts
        assert other.valid == from_csv.valid
        for k in ("rows", "accepted", "rejected", "blank_rows", "errors", "warnings"):
            assert other.stats[k] == from_csv.stats[k], k
        assert _seen(other, offset) == _seen(from_csv, 0)


def test_blank_rows_and_header_only(tmp_path, mini):
    r = ecredit.validate(write(tmp_path, "t.csv", HEADER + GOOD + "\n,,,\n\n"), "penalty", mini)
    assert r.valid, r.to_json("en", 2)
    assert r.stats["rows"] == 1 and r.stats["blank_rows"] == 0
    assert r.counts == {"blank-trailing-lines": 1}
    assert r.findings[0].message_en == "3 blank lines at the end were ignored"
    second = GOOD.replace("粤罚1", "粤罚2").replace("a@x.cn", "b@x.cn")
    r = ecredit.validate(write(tmp_path, "b.csv", HEADER + GOOD + ",,\n" + second), "penalty", mini)
    assert not r.valid
    blank = next(f for f in r.findings if f.type == "blank-row")
    assert (blank.row, blank.severity) == (3, "error")
    assert r.stats["rows"] == r.stats["accepted"] + r.stats["rejected"] == 3
    h = ecredit.validate(write(tmp_path, "h.csv", PENALTY_HEADER + "\n"), "admin_penalty")
    assert h.valid and h.counts == {"no-data-rows": 1} and h.findings[0].severity == "warning"
    out = subprocess.run([_cli(), "validate", "--dataset", "admin_penalty", str(tmp_path / "h.csv")],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def test_gb18030_read_as_utf8(tmp_path, mini):
    rest = (",法人,91440101MA59U8YB6Y,,,罚款;警告,1.5,1,2023年5月1日,2024/5/1,2023-05-01 08:30,是,"
            "12345678-8,13800138000,,11010519491231002X\n")
    text = HEADER + "粤罚一,广州甲公司" + rest + "粤罚二,广州乙公司" + rest
    path = write(tmp_path, "gb.csv", text, "gb18030")
    r = ecredit.validate(path, "penalty", mini, encoding="utf-8")
    assert not r.valid
    cells = [(f.row, f.column) for f in r.findings if f.type == "encoding-error"]
    assert len(cells) == len(set(cells)) == r.counts["encoding-error"]
    assert "duplicate-row" not in r.counts and "primary-key" not in r.counts
    assert r.findings[0].type == "encoding-mismatch" and "gb18030" in r.findings[0].message_en
    assert ecredit.validate(path, "penalty", mini, encoding="gb18030").valid
    assert ecredit.validate(path, "penalty", mini).valid
    out = subprocess.run([_cli(), "validate", "--pack", str(MINI), "--dataset", "penalty", str(path), "--encoding",
                          "utf-8", "--lang", "en"], capture_output=True, text=True, check=False)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert sum("[encoding-error]" in line for line in lines) == len(cells)
    assert sum("[encoding-mismatch]" in line for line in lines) == 1
    assert not any("[duplicate-row]" in line for line in lines)
