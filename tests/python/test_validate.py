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
