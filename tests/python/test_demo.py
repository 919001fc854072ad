"""The main job: `ecredit demo` end to end (summary.json contract, determinism, the
report), the report rendered by a headless browser (Debian's chromium), and the shipped
sample data. The notebook examples/python/tour.ipynb: test_notebook.py."""

import csv
import json
import math
import os
import pathlib
import re
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
    assert "[8/8]" in r.stderr  # progress on the steps
    assert "report.html" in r.stdout


def test_archive_story(demo):
    """Issue 14: day 1 and the day-2 delta go into OUT/archive.db; summary.json's archive section
    reconciles every batch, the re-sent file changes nothing, the new blacklisting turns a verdict
    into a prohibition, the objection is flagged, the journal has the events, check() passes."""
    out, _ = demo
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    a = s["archive"]
    assert a["file"] == "archive.db" and (out / "archive.db").is_file()
    assert [b["batch"] for b in a["batches"]] == [1, 2]
    for b in a["batches"]:
        for ds, n in b["counts"].items():
            assert n["read"] == n["inserted"] + n["updated"] + n["unchanged"] + n["withdrawn"] + n["rejected"], ds
    day1, day2 = a["batches"][0]["counts"], a["batches"][1]["counts"]
    # day 1 stores what the validator accepts
    for ds, v in s["validation"].items():
        assert day1[ds]["rejected"] == v["rejected"] and day1[ds]["inserted"] == v["rows"] - v["rejected"], ds
    # day 2: corrections, withdrawals, rows re-sent unchanged, one new listing, a re-sent file
    assert day2["admin_penalty"]["updated"] > 0 and day2["admin_penalty"]["withdrawn"] > 0
    assert day2["admin_penalty"]["unchanged"] > 0 and day2["admin_penalty"]["inserted"] == 0
    assert day2["black_list"]["inserted"] == 1
    assert day2["energy_saving"]["unchanged"] == day1["energy_saving"]["inserted"]
    assert day2["energy_saving"]["inserted"] == day2["energy_saving"]["updated"] == 0
    with open(out / "day2" / "admin_penalty.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "op" and {r[0] for r in rows[1:]} <= {"update", "修改", "U", "delete", "删除", "D"}
    kinds = [e["kind"] for e in a["events"]]
    assert kinds[0] == "import" and {"objection_filed", "objection_step", "repair_application",
                                     "repair_applied"} <= set(kinds)
    stories = {c["story"]: c for c in a["before_after"]}
    listed = stories["blacklisted"]
    assert listed["verdict_before"] != "prohibit" and listed["verdict_after"] == "prohibit"
    assert stories["objection"]["under_objection"] is True
    assert a["check"]["ok"] is True
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="archive-batches"' in html and 'id="archive-changes"' in html and "异议处理中" in html
    # the archive is a real one: the program reads it back
    cli = shutil.which("ecredit")
    r = subprocess.run([cli, "archive", "check", "--archive", str(out / "archive.db")], capture_output=True,
                       text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run([cli, "precheck", "--archive", str(out / "archive.db"), "--scenario", a["scenario"], "--uscc",
                        listed["uscc"], "--as-of", s["as_of"], "--json"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and json.loads(r.stdout)["verdict"] == "prohibit", r.stderr


def test_demo_archive_option(tmp_path):
    """--archive FILE: the archive goes there; an existing file is refused (exit 2), not mixed into."""
    target = tmp_path / "mine.db"
    r = run_demo(tmp_path / "out", "--size", "50", "--quiet", "--archive", str(target))
    assert r.returncode == 0, r.stderr
    assert target.is_file() and not (tmp_path / "out" / "archive.db").exists()
    r = run_demo(tmp_path / "again", "--size", "50", "--quiet", "--archive", str(target))
    assert r.returncode == 2 and "mine.db" in r.stderr and "exists" in r.stderr


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


def need(tool, *packages):
    """The path of a program the report tests need: missing, the test fails (CI installs it
    with scripts/install-deps.sh), it does not skip."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed: scripts/install-deps.sh installs the Debian package(s) "
                    f"{' '.join(packages)}")
    return path


def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    return path or need("chromium", "chromium")


def screenshot(html, png, profile, size=(1200, 1800), env=None):
    """A PNG of the page as Debian's headless chromium paints it, without network."""
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
             f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}", "--hide-scrollbars"]
    subprocess.run([chromium(), *flags, f"--screenshot={png}", html.as_uri()], capture_output=True, timeout=120,
                   check=True, env=env)
    return png


def ocr(png):
    """The text tesseract reads in a PNG (simplified Chinese), whitespace removed; one thread, as
    the machine is shared."""
    tesseract = need("tesseract", "tesseract-ocr", "tesseract-ocr-chi-sim")
    langs = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, check=True).stdout.split()
    if "chi_sim" not in langs:
        pytest.fail("tesseract has no chi_sim data: scripts/install-deps.sh installs tesseract-ocr-chi-sim")
    text = subprocess.run([tesseract, str(png), "-", "-l", "chi_sim", "--psm", "3"], capture_output=True, text=True,
                          timeout=300, check=True, env=dict(os.environ, OMP_THREAD_LIMIT="1")).stdout
    return re.sub(r"\s+", "", text)


def code_labels(table):
    codes = json.loads((ROOT / "policies" / "gz-energy" / "codes.json").read_text(encoding="utf-8"))
    return {c["code"]: c["label"] for c in codes["tables"][table]["codes"]}


def test_report_renders_in_a_headless_browser(demo, tmp_path):
    """Opens report.html in Debian's chromium without network and checks the charts drew."""
    out, _ = demo
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert "<script" not in html
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([chromium(), *flags, "--dump-dom", (out / "report.html").as_uri()], capture_output=True,
                         text=True, timeout=120, check=True).stdout
    for chart in ("chart-grades", "chart-coverage", "chart-verdicts"):
        assert f'id="{chart}"' in dom, chart
    assert dom.count('class="bar') >= 10
    png = screenshot(out / "report.html", tmp_path / "report.png", tmp_path / "profile")
    from PIL import Image

    img = Image.open(png).convert("RGB")
    assert img.size == (1200, 1800)
    colours = img.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # not blank
    # the bars of the grade chart and the coverage chart are painted
    count = {rgb: n for n, rgb in colours}
    for name, rgb in {"grades": (0x1F, 0x5F, 0x99), "coverage under target": (0xD6, 0x60, 0x4D)}.items():
        assert count.get(rgb, 0) > 500, name


def test_report_shows_chinese_glyphs(demo, tmp_path):
    """The page's title and a scenario name, read back by OCR from what chromium painted: empty
    boxes (no CJK font) fail. A control rendering with the CJK fonts hidden from fontconfig must
    fail the same reading, or the check could not tell glyphs from boxes."""
    out, _ = demo
    html = out / "report.html"
    title = re.search(r"<h1>(.*?)</h1>", html.read_text(encoding="utf-8")).group(1)
    assert re.search(r"[\u4e00-\u9fff]{4}", title), title
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    scenarios = {code_labels("scenario")[sc] for sc in s["prechecks"]}
    # the top of the page: the title, the key figures and the verdicts by scenario
    text = ocr(screenshot(html, tmp_path / "top.png", tmp_path / "profile", size=(1200, 700)))
    assert title in text, f"OCR did not read the title {title!r} in: {text[:300]}"
    assert [sc for sc in scenarios if sc in text], f"OCR read no scenario name of {sorted(scenarios)} in: {text}"

    # control: the same page with every font that covers Chinese rejected
    fc_list = need("fc-list", "fontconfig")
    cjk = sorted(set(subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True,
                                    check=True).stdout.replace(":", "").split()))
    assert cjk, "no font with Chinese glyphs is installed: scripts/install-deps.sh installs fonts-noto-cjk"
    conf = tmp_path / "fonts.conf"
    rejects = "".join(f"<glob>{f}</glob>" for f in cjk)
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"<selectfont><rejectfont>{rejects}</rejectfont></selectfont></fontconfig>", encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    from PIL import Image

    boxes = screenshot(html, tmp_path / "boxes.png", tmp_path / "profile2", size=(1200, 700), env=env)
    Image.open(boxes).crop((0, 0, 1200, 140)).save(tmp_path / "boxes-title.png")  # the title and subtitle
    control = ocr(tmp_path / "boxes-title.png")
    assert "Energy-industry" in control, f"the control page did not paint: {control}"
    assert title not in control, "the OCR check reads the title without CJK fonts"


@pytest.fixture(scope="module")
def default_demo(tmp_path_factory):
    """The demo as README runs it (2,000 subjects, seed 1)."""
    out = tmp_path_factory.mktemp("default")
    r = run_demo(out, "--quiet")
    assert r.returncode == 0, r.stderr
    return out, (out / "report.html").read_text(encoding="utf-8"), json.loads(
        (out / "summary.json").read_text(encoding="utf-8"))


def number(html, element_id):
    return int(re.search(rf'id="{element_id}">(\d+)<', html).group(1))


def chart(html, chart_id):
    return re.search(rf'<svg id="{chart_id}".*?</svg>', html).group(0)


def test_report_subject_counts_agree(default_demo):
    """The subtitle and the cards give one count of market subjects, and the note says how it
    relates to the subjects generated."""
    _, html, s = default_demo
    subjects = number(html, "n-subjects")
    assert number(html, "sub-subjects") == subjects == s["subjects"]
    filed, records_only, unseen = (number(html, i) for i in ("n-filed", "n-records-only", "n-unseen"))
    assert filed + records_only == subjects and subjects + unseen == s["size"] == 2000
    assert filed == round(s["coverage"]["all"] * subjects)
    assert records_only > 0 and unseen > 0  # the sample's unfiled subjects


def coverage_target(s):
    """The target the report date works towards: the first target year not before it, else the last."""
    targets = sorted((int(y), share) for y, share in s["coverage_targets"].items())
    year = int(s["as_of"][:4])
    return next(((y, t) for y, t in targets if y >= year), targets[-1])


def coverage_card(html):
    return re.search(r'<div class="card[^"]*" id="card-coverage">.*?</div>', html).group(0)


def test_report_flags_coverage_under_target(default_demo, tmp_path):
    _, html, s = default_demo
    year, target = coverage_target(s)
    assert s["coverage"]["all"] < target  # 94.9 % under the 2025 target of 95 %
    card = coverage_card(html)
    assert 'class="card flag"' in card and "低于目标" in card and f"{round(100 * target)}%" in card, card
    cov = chart(html, "chart-coverage")
    for domain, share in s["coverage"].items():
        assert (f'{100 * share:.1f}%' in cov), domain
    assert cov.count('class="bar under"') == sum(share < target for share in s["coverage"].values())
    # a report date whose target is met: no flag
    r = run_demo(tmp_path, "--quiet", "--size", "400", "--as-of", "2022-06-30")
    assert r.returncode == 0, r.stderr
    s2 = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    year2, target2 = coverage_target(s2)
    assert year2 == 2022 and s2["coverage"]["all"] >= target2
    card2 = coverage_card((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert "flag" not in card2 and "低于" not in card2 and f"{round(100 * target2)}%" in card2, card2


def test_report_axis_ticks_are_round(default_demo):
    _, html, s = default_demo
    ticks = [float(t) for t in re.findall(r'class="axis tick"[^>]*>([\d.]+)<', chart(html, "chart-grades"))]
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and all(b - a == step for a, b in zip(ticks, ticks[1:])), ticks
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert mantissa in (1, 2, 5), ticks
    assert ticks[-2] < max(s["grades"].values()) <= ticks[-1], ticks
    pcts = re.findall(r'class="axis tick"[^>]*>(\d+)%<', chart(html, "chart-coverage"))
    assert [int(p) for p in pcts] == [0, 20, 40, 60, 80, 100]


def test_report_shows_every_verdict_count(default_demo):
    """Every verdict count of every scenario is written in the verdict chart (the few prohibitions
    are not slivers hidden beside 97 % clear bars)."""
    _, html, s = default_demo
    cv = chart(html, "chart-verdicts")
    shown = {(sc, v): int(n) for sc, v, n in re.findall(
        r'data-scenario="(\w+)" data-verdict="(\w+)">(\d+)', cv)}
    assert shown == {(sc, v): n for sc, counts in s["prechecks"].items() for v, n in counts.items()}
    labels = code_labels("scenario")
    assert all(f">{labels[sc]}<" in cv for sc in s["prechecks"])
    # domain names of the coverage chart each on their own line
    ys = re.findall(r'<text x="[\d.]+" y="([\d.]+)" class="label[^"]*" text-anchor="end">',
                    chart(html, "chart-coverage"))
    assert len(ys) == len(s["coverage"]) == len(set(ys))


def test_report_tables_in_chinese(default_demo):
    """Severities are the pack's Chinese labels; every example names its subject and, when the
    subject has no 基本信息 row, says where the name comes from; the verdict is the measure's effect,
    with a note where the measure's title names another effect."""
    out, html, s = default_demo
    severities = re.findall(r'<td class="severity">(.*?)</td>', html)
    labels = code_labels("severity")
    assert severities and set(severities) <= set(labels.values()), severities
    assert {labels[x["severity"]] for x in s["repairs"]} == set(severities)
    with open(out / "data" / "subject.csv", encoding="utf-8") as f:
        filed = {row["uscc"] for row in csv.DictReader(f)}
    measures = json.loads((ROOT / "policies" / "gz-energy" / "measures.json").read_text(encoding="utf-8"))
    effect_of = {m["title"]: m["effect"] for m in measures["measures"]}
    rows = re.findall(
        r'<tr><td>[^<]*</td><td class="subject">(.*?)</td><td class="verdict">(.*?)</td><td>(.*?)</td></tr>', html)
    assert rows
    unfiled = 0
    for subject, verdict, measure in rows:
        name, uscc = re.match(r"([^<]*)<br>.*?([0-9A-Z]{18})$", subject).groups()
        assert re.search(r"[\u4e00-\u9fff]", name), subject
        if uscc not in filed:
            unfiled += 1
            assert "未建档" in subject, subject
        title = measure.split("<br>")[0]
        assert verdict == "禁止" and effect_of[title] == "prohibit", (verdict, title)
        if "限制" in title and not any(w in title for w in ("禁止", "不得", "不予")):
            assert 'class="wording"' in measure and "“限制”" in measure, measure
    assert unfiled  # the default sample has a prohibition of a subject without a 基本信息 row


def test_shipped_sample_is_the_generators_output(tmp_path):
    import ecredit

    summary = ecredit.write_sample(tmp_path, subjects=200, seed=1, unfiled_per_mille=60)
    shipped = ROOT / "examples" / "data" / "sample"
    names = sorted(p.name for p in shipped.glob("*.csv"))
    assert names == sorted(p.name for p in tmp_path.glob("*.csv")) and len(names) == 16
    for n in names:
        assert (shipped / n).read_bytes() == (tmp_path / n).read_bytes(), n
    # and it loads: every planted bad row is rejected, nothing else
    reg = ecredit.Registry.from_dir(shipped)
    assert reg.subject_count > 200  # subjects and practitioners
    assert {ds: rep.stats["rejected"] for ds, rep in reg.load_reports.items()} == summary["bad_rows"]
