"""Identifier checks through the Python binding: the shared cases of
tests/data/id_cases.tsv plus the Python-only surface (exceptions, batches, types)."""
import datetime
import json
import pathlib
import shutil
import subprocess
import sys

import pytest

import ecredit
from conftest import load_id_cases

CHECKS = {
    "uscc": ecredit.check_uscc,
    "org_code": ecredit.check_org_code,
    "resident_id": ecredit.check_resident_id,
    "auto": ecredit.check_id,
}


@pytest.mark.parametrize(
    "code,check_as,kind,status,reason,normalized,birth_date,sex,permit,converted", load_id_cases()
)
def test_shared_cases(code, check_as, kind, status, reason, normalized, birth_date, sex, permit, converted):
    r = CHECKS[check_as](code)
    assert (r.kind, r.status, r.reason, r.normalized) == (kind, status, reason, normalized)
    assert bool(r) == r.genuine == (status != "invalid")
    if kind == "resident_id":
        expected_date = datetime.date.fromisoformat(birth_date) if birth_date else None
        assert r.birth_date == expected_date
        assert r.sex == (sex or None)
        assert r.permit == permit
        assert r.converted == converted
    if check_as == "uscc":
        [batch] = ecredit.check_uscc_many([code])
        assert (batch.status, batch.reason, batch.normalized) == (status, reason, normalized)
        assert ecredit.uscc_valid_many([code]) == [status != "invalid"]


def test_contract_names():
    r = ecredit.check_uscc("91350211M0000XUF46")
    assert r.status == "legacy" and r.reason == "checksum" and r.normalized == "91350211M0000XUF46"
    p = ecredit.check_resident_id("11010519491231002X")
    assert p.birth_date == datetime.date(1949, 12, 31) and p.sex == "F"
    assert ecredit.check_org_code("12345678-8").status == "valid"
    assert ecredit.mask_id("440104199003071234") == "440104********1234"
    assert isinstance(ecredit.__version__, str) and ecredit.__version__.count(".") == 2


def test_batch_accepts_any_iterable_and_matches_single():
    codes = ["91440101MA59U8YB6Y", "x", "", "９１４４０１０１ＭＡ５９Ｕ８ＹＢ６Ｙ", "123456789012345678", "A" * 300]
    for source in (codes, tuple(codes), iter(codes), (c for c in codes)):
        batch = ecredit.check_uscc_many(source)
        assert [b.to_dict() for b in batch] == [ecredit.check_uscc(c).to_dict() for c in codes]
    assert ecredit.check_uscc_many([]) == []


def test_batch_of_a_million():
    codes = ["91440101MA59U8YB6Y", "91350211M0000XUF46", "91440101MA59U8YB7Y"] * 333_334
    results = ecredit.check_uscc_many(codes)
    assert len(results) == len(codes)
    assert [r.status for r in results[:3]] == ["valid", "legacy", "invalid"]
    assert sum(ecredit.uscc_valid_many(codes)) == 2 * 333_334


def test_bad_argument_types_raise_typeerror():
    with pytest.raises(TypeError):
        ecredit.check_uscc(None)
    with pytest.raises(TypeError):
        ecredit.check_uscc(91440101)
    with pytest.raises(TypeError, match="check_uscc_many"):
        ecredit.check_uscc_many(["91440101MA59U8YB6Y", b"bytes"])
    with pytest.raises(TypeError):
        ecredit.IdResult()


def test_exceptions_derive_from_builtins():
    assert issubclass(ecredit.InvalidInputError, ecredit.Error)
    assert issubclass(ecredit.InvalidInputError, ValueError)
    assert issubclass(ecredit.NotFoundError, KeyError)
    assert issubclass(ecredit.PolicyError, ValueError)
    with pytest.raises(ecredit.InvalidInputError, match="passport"):
        ecredit.check_id("123", kind="passport")
    with pytest.raises(ValueError):
        ecredit.check_id("123", kind="passport")


def test_repr_masks_resident_ids():
    assert "********" in repr(ecredit.check_resident_id("11010519491231002X"))
    assert "11010519491231002X" not in repr(ecredit.check_resident_id("11010519491231002X"))
    assert "91440101MA59U8YB6Y" in repr(ecredit.check_uscc("91440101MA59U8YB6Y"))


def test_detect_kind():
    assert ecredit.detect_id_kind("11010519491231002X") == "resident_id"
    assert ecredit.detect_id_kind("123456789012345678") == "uscc"
    assert ecredit.detect_id_kind("12345678-8") == "org_code"
    assert ecredit.detect_id_kind("12") == "unknown"


def _cli():
    exe = shutil.which("ecredit")
    if exe is None:
        pytest.fail("the ecredit program is not on PATH: `pip install .` installs it")
    return exe


def test_cli_id_json_and_exit_codes():
    out = subprocess.run([_cli(), "id", "--json", "91440101MA59U8YB6Y", "91350211M0000XUF46"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [(r["code"], r["kind"], r["status"], r["reason"]) for r in rows] == [
        ("91440101MA59U8YB6Y", "uscc", "valid", ""),
        ("91350211M0000XUF46", "uscc", "legacy", "checksum"),
    ]
    bad = subprocess.run([_cli(), "id", "91440101MA59U8YB6Y", "123456789012345678"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    # all digits and not genuine: it may be a mistyped resident ID, so it is masked
    lines = bad.stdout.splitlines()
    assert lines[0].split("\t") == ["code", "kind", "status", "reason", "message"]  # a header line
    assert lines[2].split("\t") == ["123456********5678", "uscc", "invalid", "org-code-checksum",
                                    "所含组织机构代码校验不通过"]
    usage = subprocess.run([_cli(), "id", "--kind", "nope", "1"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2
    version = subprocess.run([_cli(), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"ecredit {ecredit.__version__}"


def test_cli_masks_resident_ids():
    out = subprocess.run([_cli(), "id", "--json", "11010519491231002X"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)[0]["code"] == "110105********002X"


def test_stub_matches_module():
    pytest.importorskip("mypy")
    allowlist = pathlib.Path(__file__).with_name("stubtest-allowlist.txt")
    res = subprocess.run([sys.executable, "-m", "mypy.stubtest", "ecredit._core", "--allowlist", str(allowlist)],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
