"""Writes examples/python/tour.ipynb from the cells below, so the notebook's source stays
reviewable as Python.

    python examples/python/make_tour.py [OUT.ipynb]             # the cells, no outputs
    python examples/python/make_tour.py --execute [OUT.ipynb]   # run them (as shipped)

The shipped notebook is the executed one (its charts read on GitHub). Its outputs are
reproducible: fixed sample data and dates, cell ids numbered, no timings, no kernel
version; `tests/python/test_notebook.py` runs it again and compares.
"""
import argparse
import pathlib
import sys
import tempfile

import nbformat

HERE = pathlib.Path(__file__).resolve().parent

cells = [
    ("md", """# ecredit tour: a city's energy credit system in a notebook

This notebook generates a Guangzhou-like energy market, validates its datasets against the
credit data list, builds the credit files, grades every subject, runs the approval precheck
(joint reward and punishment) in several scenarios, and works out credit-repair dates —
all as pandas DataFrames and matplotlib charts. Everything runs offline on the built-in
policy pack (`policies/gz-energy`)."""),
    ("code", """%matplotlib inline
import datetime, pathlib, tempfile
import matplotlib.pyplot as plt
from matplotlib import font_manager
import pandas as pd
import ecredit

# Chinese labels need a CJK font: Noto Sans CJK (Debian: fonts-noto-cjk), or the system's own
if not any(f.name == "Noto Sans CJK SC" for f in font_manager.fontManager.ttflist):
    for path in font_manager.findSystemFonts():  # matplotlib's font cache predates the font
        if "NotoSansCJK" in path:
            font_manager.fontManager.addfont(path)
plt.rcParams["font.family"] = "sans-serif"
plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                                   "WenQuanYi Zen Hei", "DejaVu Sans"]

engine = ecredit.Engine.default()
AS_OF = datetime.date(2025, 6, 30)
workdir = tempfile.TemporaryDirectory(prefix="ecredit-tour-")  # removed when the kernel stops
data = pathlib.Path(workdir.name)
summary = ecredit.write_sample(data, subjects=2000, seed=1, as_of=AS_OF, unfiled_per_mille=60)
pd.DataFrame({"rows": summary["rows"], "deliberately bad": summary["bad_rows"]}).fillna(0).astype(int)"""),
    ("md", """## 1. The credit data list: validation

Every file is checked against its dataset in the catalog; each bad cell is a finding with
row, field, a masked value and a message. The generator planted a few bad rows of the kinds
real submissions contain."""),
    ("code", """report = ecredit.validate(data / "admin_penalty.csv", "admin_penalty", engine=engine)
print(report)
report.to_pandas(lang="en")[["row", "field", "type", "value", "message"]].head(10)"""),
    ("md", """`ecredit.read_dataset` validates the same way and also returns the accepted rows as a
DataFrame, normalised (codes as codes, ISO dates, catalog field names), indexed by their row
in the file; the rejected rows stay out, and the report says why."""),
    ("code", """penalties, penalties_report = ecredit.read_dataset(data / "admin_penalty.csv", "admin_penalty", engine=engine)
print(penalties_report.stats["accepted"], "accepted,", penalties_report.stats["rejected"], "rejected")
penalties[["decision_no", "xdr_uscc", "domain", "severity", "decision_date", "fine_amount"]].head()"""),
    ("md", "## 2. Credit files and grades"),
    ("code", """registry = ecredit.Registry.from_dir(data, engine)
grades = engine.grade_all(registry, AS_OF)
counts = grades["grade"].value_counts().sort_index()
ax = counts.plot.bar(color="#1f5f99", rot=0, title=f"Grades under {grades['model'].iloc[0]} as of {AS_OF}")
ax.bar_label(ax.containers[0])
ax.set_xlabel("grade"); ax.set_ylabel("subjects")
plt.show()
counts"""),
    ("code", """from matplotlib.patches import Patch
coverage = pd.Series(registry.coverage()).sort_values()
target = engine.coverage_targets()[2025]
below, met = "#b2182b", "#4292c6"
ax = coverage.plot.barh(color=[below if v < target else met for v in coverage],
                        title="Share of market subjects with a credit file")
ax.bar_label(ax.containers[0], labels=[f"{v:.1%}" for v in coverage], label_type="center", color="white")
line = ax.axvline(target, color="#333333", linestyle="--")
ax.set_xlim(0, 1); ax.xaxis.set_major_formatter("{x:.0%}")
ax.legend([line, Patch(color=below), Patch(color=met)],
          [f"2025 target {target:.0%}", "below the target", "target met"], loc="upper left", bbox_to_anchor=(1.0, 1.0))
plt.show()
coverage"""),
    ("md", """## 3. Joint reward and punishment: the approval precheck

For each scenario (business item) every subject is prechecked; the verdict is the strongest
effect among the measures that apply, each with its legal basis."""),
    ("code", """scenarios = ["admin_approval", "gov_procurement", "bidding", "subsidy", "daily_supervision"]
rows = []
for s in scenarios:
    for uscc in grades["uscc"]:
        d = engine.precheck(registry, s, as_of=AS_OF, uscc=uscc)
        rows.append({"scenario": s, "uscc": uscc, "verdict": d.verdict,
                     "measures": [m.id for m in d.measures], "commitment_allowed": d.commitment_allowed})
prechecks = pd.DataFrame(rows)
order = ["prohibit", "restrict", "caution", "incentive", "clear"]
table = pd.crosstab(prechecks["scenario"], prechecks["verdict"]).reindex(columns=order, fill_value=0)
# most subjects are clear everywhere: the chart shows the others, as counts
ax = table.drop(columns="clear").plot.barh(stacked=True, color=["#b2182b", "#ef8a62", "#f2c14e", "#4dac26"],
                                          title=f"Verdicts other than clear, of {len(grades)} subjects")
ax.bar_label(ax.containers[-1], labels=table.drop(columns="clear").sum(axis=1), padding=3); ax.margins(x=0.08)
ax.set_xlabel("subjects"); ax.set_ylabel("")
ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
plt.show()
table"""),
    ("code", """measures = prechecks.explode("measures").dropna(subset=["measures"])
titles = {m["id"]: m["title"] for m in engine.measures()}
top = measures["measures"].value_counts().head(10).rename("times").to_frame()
top["title"] = top.index.map(titles)
short = [t if len(t) <= 24 else t[:23] + "…" for t in top["title"]]
fig, ax = plt.subplots(figsize=(8, 4.5))
ax.barh(short[::-1], top["times"][::-1], color="#7b3294")
ax.set_xlabel("prechecks in which the measure applies"); ax.set_title("The ten measures applied most often")
plt.show()
top"""),
    ("code", """# one decision in full: what a procurement system gets back, and the feedback it sends
listed = prechecks[(prechecks.scenario == "gov_procurement") & prechecks.verdict.isin(["prohibit", "restrict"])]
d = engine.precheck(registry, "gov_procurement", as_of=AS_OF, uscc=listed.uscc.iloc[0], department="finance")
print(d.verdict, [(m.id, m.effect, m.mandatory) for m in d.measures])
print(d.measures[0].basis)
d.feedback(d.measures[0].id, "已惩戒", "CG-2025-0001", "finance", datetime.datetime(2025, 7, 1, 9, 30))"""),
    ("md", """## 4. Credit repair dates

For every penalty the validator accepted (`penalties` above): when could it be repaired at
the earliest, when does its publication end on its own, and which regime applies
(527号 / 58号令 / 36号令 by decision date)."""),
    ("code", """out = []
for p in penalties.itertuples():  # p.Index: the row in the file
    decided = datetime.date.fromisoformat(p.decision_date)
    if decided > AS_OF:
        continue
    record = {"category": "admin_penalty", "severity": p.severity, "decision_date": decided, "domain": p.domain,
              "procedure": p.procedure, "fine_amount": None if p.fine_amount is None else float(p.fine_amount)}
    r = engine.repair(record, {"obligations_fulfilled": decided + datetime.timedelta(days=30), "commitment": AS_OF},
                      as_of=AS_OF)
    out.append({"row": p.Index, "decision_date": decided, "severity": r.severity, "regime": r.regime,
                "status": r.status, "earliest": r.earliest_date, "publication_end": r.publication_end})
repairs = pd.DataFrame(out).set_index("row")
repairs.groupby(["regime", "status"]).size().unstack(fill_value=0)"""),
    ("code", """fig, ax = plt.subplots()
for regime, g in repairs.groupby("regime"):
    ax.scatter(pd.to_datetime(g["decision_date"]), pd.to_datetime(g["publication_end"]), s=8, label=regime)
ax.set_xlabel("decision date"); ax.set_ylabel("publication ends"); ax.legend(); ax.set_title("Publication periods by regime")
plt.show()
repairs.head()"""),
]


def build():
    """The notebook without outputs; cell ids are numbered so that rebuilding changes nothing."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, src) in enumerate(cells):
        cell = nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
        cell.id = f"cell-{i:02d}"
        nb.cells.append(cell)
    return nb


def execute(nb, timeout=900):
    """Runs `nb` in a fresh python3 kernel (in a scratch folder) and keeps only what the code
    printed and drew: no timings, no kernel version."""
    import nbclient

    with tempfile.TemporaryDirectory(prefix="ecredit-tour-run-") as cwd:
        nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": cwd}}).execute()
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(HERE / "tour.ipynb"), help="where to write (default: %(default)s)")
    ap.add_argument("--execute", action="store_true", help="run the notebook and keep its outputs (as shipped)")
    args = ap.parse_args(argv)
    nb = build()
    if args.execute:
        execute(nb)
    nbformat.write(nb, args.out)
    print("wrote", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
