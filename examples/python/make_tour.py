"""Writes examples/python/tour.ipynb (no outputs) from the cells below, so the notebook's
source stays reviewable as Python.    python examples/python/make_tour.py [OUT.ipynb]"""
import pathlib
import sys

import nbformat

HERE = pathlib.Path(__file__).resolve().parent

cells = [
    ("md", """# ecredit tour: a city's energy credit system in a notebook

This notebook generates a Guangzhou-like energy market, validates its datasets against the
credit data list, builds the credit files, grades every subject, runs the approval precheck
(joint reward and punishment) in several scenarios, and works out credit-repair dates —
all as pandas DataFrames and matplotlib charts. Everything runs offline on the built-in
policy pack (`policies/gz-energy`)."""),
    ("code", """import datetime, pathlib, tempfile
import matplotlib
matplotlib.use("Agg")  # no display needed; charts still render inline in Jupyter
import matplotlib.pyplot as plt
import pandas as pd
import ecredit

engine = ecredit.Engine.default()
AS_OF = datetime.date(2025, 6, 30)
data = pathlib.Path(tempfile.mkdtemp(prefix="ecredit-tour-"))
summary = ecredit.write_sample(data, subjects=2000, seed=1, as_of=AS_OF, unfiled_per_mille=60)
pd.DataFrame({"rows": summary["rows"], "deliberately bad": summary["bad_rows"]}).fillna(0).astype(int)"""),
    ("md", """## 1. The credit data list: validation

Every file is checked against its dataset in the catalog; each bad cell is a finding with
row, field, a masked value and a message. The generator planted a few bad rows of the kinds
real submissions contain."""),
    ("code", """report = ecredit.validate(data / "admin_penalty.csv", "admin_penalty", engine=engine)
print(report)
report.to_pandas(lang="en")[["row", "field", "type", "value", "message"]].head(10)"""),
    ("md", "## 2. Credit files and grades"),
    ("code", """registry = ecredit.Registry.from_dir(data, engine)
grades = engine.grade_all(registry, AS_OF)
counts = grades["grade"].value_counts().sort_index()
ax = counts.plot.bar(color="#1f5f99", title=f"Grades under {grades['model'].iloc[0]} as of {AS_OF}")
ax.set_xlabel("grade"); ax.set_ylabel("subjects")
plt.show()
counts"""),
    ("code", """coverage = pd.Series(registry.coverage()).sort_values()
targets = engine.coverage_targets()
ax = coverage.plot.barh(color="#4292c6", title="Share of market subjects with a credit file")
ax.axvline(targets[2025], color="#b2182b", linestyle="--", label=f"2025 target {targets[2025]:.0%}")
ax.legend(); plt.show()
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
table.plot.barh(stacked=True, color=["#b2182b", "#ef8a62", "#f2c14e", "#4dac26", "#c9d3dd"],
                title="Verdicts by scenario").legend(loc="lower right")
plt.show()
table"""),
    ("code", """measures = prechecks.explode("measures").dropna(subset=["measures"])
titles = {m["id"]: m["title"] for m in engine.measures()}
top = measures["measures"].value_counts().head(10).rename("times").to_frame()
top["title"] = top.index.map(titles)
top"""),
    ("code", """# one decision in full: what a procurement system gets back, and the feedback it sends
listed = prechecks[(prechecks.scenario == "gov_procurement") & prechecks.verdict.isin(["prohibit", "restrict"])]
d = engine.precheck(registry, "gov_procurement", as_of=AS_OF, uscc=listed.uscc.iloc[0], department="finance")
print(d.verdict, [(m.id, m.effect, m.mandatory) for m in d.measures])
print(d.measures[0].basis)
d.feedback(d.measures[0].id, "已惩戒", "CG-2025-0001", "finance", datetime.datetime(2025, 7, 1, 9, 30))"""),
    ("md", """## 4. Credit repair dates

For every penalty: when could it be repaired at the earliest, when does its publication end
on its own, and which regime applies (527号 / 58号令 / 36号令 by decision date)."""),
    ("code", """# the raw file; the rows the validator rejected (one has an extra cell) are skipped
pen = pd.read_csv(data / "admin_penalty.csv", dtype=str, on_bad_lines="skip")
sev = {"轻微": "minor", "一般": "general", "严重": "serious", "minor": "minor", "general": "general", "serious": "serious"}
out = []
for _, p in pen.iterrows():
    try:
        decided = datetime.date.fromisoformat(str(p["decision_date"]))
    except ValueError:
        continue  # one of the deliberately bad rows
    if decided > AS_OF or sev.get(p.get("severity")) is None:
        continue
    r = engine.repair({"category": "admin_penalty", "severity": sev[p["severity"]], "decision_date": decided},
                      {"obligations_fulfilled": decided + datetime.timedelta(days=30), "commitment": AS_OF},
                      as_of=AS_OF)
    out.append({"decision_date": decided, "severity": r.severity, "regime": r.regime, "status": r.status,
                "earliest": r.earliest_date, "publication_end": r.publication_end})
repairs = pd.DataFrame(out)
repairs.groupby(["regime", "status"]).size().unstack(fill_value=0)"""),
    ("code", """fig, ax = plt.subplots()
for regime, g in repairs.groupby("regime"):
    ax.scatter(pd.to_datetime(g["decision_date"]), pd.to_datetime(g["publication_end"]), s=8, label=regime)
ax.set_xlabel("decision date"); ax.set_ylabel("publication ends"); ax.legend(); ax.set_title("Publication periods by regime")
plt.show()
repairs.head()"""),
]

nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
for kind, src in cells:
    nb.cells.append(nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src))
out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "tour.ipynb"
nbformat.write(nb, out)
print("wrote", out)
