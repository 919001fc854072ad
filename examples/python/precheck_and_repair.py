"""The Python API end to end on a small data folder: grades as a DataFrame, a precheck
with its legal basis and the feedback record, and credit-repair dates.

    python examples/python/precheck_and_repair.py [DATA_DIR]     (default: tests/data/precheck)
"""
import pathlib
import sys

import ecredit

data = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2] / "tests/data/precheck"
engine = ecredit.Engine.default()
registry = ecredit.Registry.from_dir(data, engine)
print(engine.grade_all(registry, "2025-06-30")[["uscc", "grade", "score"]].to_string(index=False))

d = engine.precheck(registry, "bidding", as_of="2025-06-30", uscc="91440113MA9UQ8E11N")
print("bidding:", d.verdict, [(m.id, m.effect) for m in d.measures])
person = engine.precheck(registry, "bidding", as_of="2025-06-30", person_id="440106198001011230")
print("its legal representative:", person.verdict, [(m.id, m.target) for m in person.measures])
print(d.feedback(d.measures[0].id, "已惩戒", "ZB-2025-17", "public_resources", "2025-07-02T10:00:00+08:00"))

r = engine.repair({"category": "admin_penalty", "severity": "minor", "decision_date": "2026-05-06"},
                  {"obligations_fulfilled": "2026-05-08", "commitment": "2026-05-08"}, as_of="2026-05-08")
print("repair:", r.status, "deadline", r.processing_deadline, "or", r.processing_deadline_extended, "if complex; regime",
      r.regime)
for line in r.arithmetic:
    print("  ", line)
