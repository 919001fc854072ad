"""Errors that name the thing and the reason (issue 12): a missing path is both an
ecredit.Error and a FileNotFoundError, other I/O failures both an ecredit.Error and
an OSError, with errno / filename set; a data folder without dataset files is an error."""
import errno
import pathlib

import pytest

import ecredit

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"


def test_exported_kinds():
    assert "IoError" in ecredit.__all__ and "PathNotFoundError" in ecredit.__all__
    assert issubclass(ecredit.IoError, ecredit.Error) and issubclass(ecredit.IoError, OSError)
    assert issubclass(ecredit.PathNotFoundError, ecredit.IoError)
    assert issubclass(ecredit.PathNotFoundError, FileNotFoundError)


def test_missing_folder_is_file_not_found(tmp_path):
    missing = str(tmp_path / "missing") + "/"
    with pytest.raises(FileNotFoundError) as ei:
        ecredit.Registry.from_dir(missing)
    e = ei.value
    assert isinstance(e, ecredit.Error) and isinstance(e, ecredit.PathNotFoundError)
    assert e.errno == errno.ENOENT and e.filename == missing
    assert e.strerror == "No such file or directory"
    assert str(e) == f"cannot read data folder '{missing}': No such file or directory"


def test_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(ecredit.PathNotFoundError) as ei:
        ecredit.validate(tmp_path / "subject.csv", "subject")
    assert isinstance(ei.value, FileNotFoundError)
    assert ei.value.filename == str(tmp_path / "subject.csv")
    assert "subject.csv': No such file or directory" in str(ei.value)


def test_folder_given_as_file_is_os_error(tmp_path):
    # was ecredit.Error("CSV input: read error"): no path, no cause
    with pytest.raises(ecredit.IoError) as ei:
        ecredit.validate(tmp_path, "subject")
    e = ei.value
    assert isinstance(e, OSError) and isinstance(e, ecredit.Error)
    assert not isinstance(e, FileNotFoundError)
    assert e.errno == errno.EISDIR and e.filename == str(tmp_path)
    assert str(e) == f"cannot read input file '{tmp_path}': Is a directory"


def test_file_given_as_folder_is_os_error(tmp_path):
    f = tmp_path / "subject.csv"
    f.write_text("x\n")
    with pytest.raises(OSError) as ei:
        ecredit.Registry.from_dir(f)
    assert isinstance(ei.value, ecredit.IoError) and not isinstance(ei.value, FileNotFoundError)
    assert ei.value.errno == errno.ENOTDIR
    assert str(ei.value) == f"cannot read data folder '{f}': Not a directory"


def test_output_file_that_cannot_be_written(tmp_path):
    src = tmp_path / "subject.csv"
    src.write_text("x\n")
    with pytest.raises(ecredit.IoError) as ei:
        ecredit.validate(src, "subject", out_rejected=str(tmp_path))
    assert ei.value.errno == errno.EISDIR
    assert f"cannot write rejected rows file '{tmp_path}': Is a directory" == str(ei.value)


def test_engine_load_joins_paths(tmp_path):
    pack = str(tmp_path) + "/"
    with pytest.raises(FileNotFoundError) as ei:
        ecredit.Engine.load(pack)  # a folder without pack.json
    assert str(ei.value) == f"cannot read policy file '{tmp_path}/pack.json': No such file or directory"
    assert "//" not in str(ei.value)
    with pytest.raises(ecredit.PathNotFoundError, match="policy pack folder"):
        ecredit.Engine.load(tmp_path / "nope")


def test_empty_data_folder_is_an_error(tmp_path):
    with pytest.raises(ecredit.InvalidInputError) as ei:
        ecredit.Registry.from_dir(tmp_path)
    m = str(ei.value)
    assert f"no dataset file (<dataset_id>.csv, .tsv or .jsonl) in data folder '{tmp_path}'" in m
    assert "known datasets: " in m and "subject" in m
    with pytest.raises(ecredit.InvalidInputError, match=r"other files: README\.md"):
        ecredit.Registry.from_dir(DATA / "no_datasets")


def test_unknown_data_file_is_refused(tmp_path):
    (tmp_path / "subject.csv").write_bytes((DATA / "registry" / "subject.csv").read_bytes())
    (tmp_path / "penalties.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ecredit.InvalidInputError, match=r"penalties\.csv names no dataset of pack"):
        ecredit.Registry.from_dir(tmp_path)
    (tmp_path / "penalties.csv").unlink()
    (tmp_path / "notes.txt").write_text("not data\n")
    reg = ecredit.Registry.from_dir(tmp_path)
    assert reg.skipped == ["notes.txt"] and "subject" in reg.load_reports
