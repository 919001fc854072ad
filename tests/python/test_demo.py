"""The main job: `ecredit demo` end to end (summary.json contract, determinism, the
report), the report rendered by a headless browser (Debian's chromium), and the shipped
sample data. The notebook examples/python/tour.ipynb: test_notebook.py."""

import json
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run_demo(out, *extra):
    cli = shutil.which("ecredit")
    assert cli, "the ecredit program is not on PATH"
    return subprocess.run([cli, "demo", "--out", str(out), *extra], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    r = run_demo(out, "--size", "400", "--seed", "3")
    assert r.returncode == 0, r.stderr
    return out, r


def test_summary_contract(demo):
    out, r = demo
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # 400 generated; a few unfiled subjects without any record stay unknown to the registry
    assert isinstance(s["subjects"], int) and 360 <= s["subjects"] <= 400
    assert set(s["grades"]) <= {"A", "B", "C", "D"} and sum(s["grades"].values()) == s["subjects"]
    assert {"electricity", "oil_gas", "pipeline", "renewable", "energy_saving", "all"} <= set(s["coverage"])
    assert all(0.0 <= v <= 1.0 for v in s["coverage"].values())
    assert s["coverage"]["all"] < 1.0  # the sample has subjects with records but no credit file
    assert "admin_penalty" in s["validation"] and "subject" in s["validation"]
    for ds, v in s["validation"].items():
        assert {"rows", "rejected"} <= set(v) and 0 <= v["rejected"] <= v["rows"], ds
    assert sum(v["rejected"] for v in s["validation"].values()) > 0  # the deliberately bad rows are caught
    assert {"gov_procurement", "bidding", "admin_approval"} <= set(s["prechecks"])
    for scenario, verdicts in s["prechecks"].items():
        assert set(verdicts) == {"prohibit", "restrict", "caution", "incentive", "clear"}, scenario
        assert sum(verdicts.values()) == s["subjects"], scenario
    assert any(v["prohibit"] + v["restrict"] > 0 for v in s["prechecks"].values())
    assert any(v["incentive"] > 0 for v in s["prechecks"].values())
    assert s["repairs"] and {x["status"] for x in s["repairs"]} <= {
        "eligible", "not_yet", "missing_evidence", "not_repairable", "expired"}
    assert (out / "report.html").is_file()
    assert sorted(p.stem for p in (out / "validation").glob("*.json")) == sorted(s["validation"])
    assert "[7/7]" in r.stderr  # progress on the steps
    assert "report.html" in r.stdout


def test_report_marks_an_unconfirmed_basis(tmp_path):
    """The example prechecks cite their basis cleanly, with a deliberate mark when it is not
    confirmed; no status text or DOMAIN.md inside the citations."""
    r = run_demo(tmp_path, "--quiet")
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "措施与依据" in html  # the example table is there
    assert '<sup class="unconfirmed"' in html and "待核实" in html
    assert "[unconfirmed" not in html and "DOMAIN.md" not in html


def test_deterministic(demo, tmp_path):
    out, _ = demo
    again = tmp_path / "again"
    assert run_demo(again, "--size", "400", "--seed", "3", "--quiet").returncode == 0
    a = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    b = json.loads((again / "summary.json").read_text(encoding="utf-8"))
    a.pop("step_seconds"), b.pop("step_seconds")
    assert a == b
    for f in sorted((out / "data").glob("*.csv")):
        assert f.read_bytes() == (again / "data" / f.name).read_bytes(), f.name


def test_bad_usage(tmp_path):
    assert run_demo(tmp_path / "x", "--size", "0").returncode == 2
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    r = run_demo(blocker)
    assert r.returncode == 2 and "file" in r.stderr


def test_report_renders_in_a_headless_browser(demo, tmp_path):
    """Opens report.html in Debian's chromium without network and checks the charts drew."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (scripts/install-deps.sh installs it)")
    out, _ = demo
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert "<script" not in html
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([chromium, *flags, "--dump-dom", (out / "report.html").as_uri()], capture_output=True,
                         text=True, timeout=120, check=True).stdout
    for chart in ("chart-grades", "chart-coverage", "chart-verdicts"):
        assert f'id="{chart}"' in dom, chart
    assert dom.count('class="bar"') >= 10
    png = tmp_path / "report.png"
    subprocess.run([chromium, *flags, "--window-size=1200,1800", "--hide-scrollbars", f"--screenshot={png}",
                    (out / "report.html").as_uri()], capture_output=True, timeout=120, check=True)
    from PIL import Image

    img = Image.open(png).convert("RGB")
    assert img.size == (1200, 1800)
    colours = img.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # not blank
    # the bar colours of the grade and coverage charts and the verdict chart are painted
    count = {rgb: n for n, rgb in colours}
    for name, rgb in {"grades": (0x1F, 0x5F, 0x99), "coverage": (0x42, 0x92, 0xC6), "clear": (0xC9, 0xD3, 0xDD)}.items():
        assert count.get(rgb, 0) > 500, name


def test_shipped_sample_is_the_generators_output(tmp_path):
    import ecredit

    summary = ecredit.write_sample(tmp_path, subjects=200, seed=1, unfiled_per_mille=60)
    shipped = ROOT / "examples" / "data" / "sample"
    names = sorted(p.name for p in shipped.glob("*.csv"))
    assert names == sorted(p.name for p in tmp_path.glob("*.csv")) and len(names) == 13
    for n in names:
        assert (shipped / n).read_bytes() == (tmp_path / n).read_bytes(), n
    # and it loads: every planted bad row is rejected, nothing else
    reg = ecredit.Registry.from_dir(shipped)
    assert reg.subject_count > 200  # subjects and practitioners
    assert {ds: rep.stats["rejected"] for ds, rep in reg.load_reports.items()} == summary["bad_rows"]
