"""Precheck latency: ecredit (C++ API and C ABI) against zen-engine evaluating an equivalent
decision table, measured in the same run. Prints one JSON object (stdout) and a summary (stderr).

    cmake --preset release && cmake --build --preset release --target bench_precheck
    python3 bench/bench_precheck_zen.py [--cpp build/release/bench/bench_precheck] [--subjects 1000000]
        [--queries 200000] [--zen-queries 20000] [--cpp-json SAVED.json] [--jdm-out FILE]

zen-engine runs in the bench venv (--venv, default build/venv-bench): when the running
interpreter cannot import `zen`, the script creates the venv if missing, installs
`zen-engine` into it (`pip install zen-engine`) if missing, and runs itself again there,
as bench_validate.py does for frictionless.

- ecredit: `bench_precheck SUBJECTS QUERIES` (bench/bench_precheck.cpp) loads a data folder
  of SUBJECTS subjects (penalties, black / red / key-attention lists) and times QUERIES
  single prechecks by USCC, through the C++ API and through the C ABI. --cpp-json reads a
  saved stdout of that binary instead of running it.
- zen-engine: a JDM graph, input node -> decision table (hit policy `collect`) -> expression
  node (the verdict) -> output node, built from the pack's measures.json (`build_jdm`):
  one row per (measure with a `list` trigger, scenario of the measure); input columns
  scenario, list kind, list domain, department (blank: the C++ bench queries without
  one), as-of date within [effective_from, effective_to]; outputs measure id and effect.
  The verdict (prohibit > restrict > caution > incentive > clear) is computed by the
  expression node inside the graph. The subject's list kind and domain are given as input
  facts (zen has no registry), for the population of bench_precheck.cpp: subject i is
  black-listed when i % 50 == 0, red-listed when i % 50 == 7, key-attention when
  i % 100 == 13, domain cycling electricity, oil_gas, pipeline, renewable, energy_saving;
  queries pick subjects at random, scenarios rotate; as of 2025-06-30. Each synchronous
  `ZenDecision.evaluate(dict)` call is timed on its own (time.perf_counter_ns) after a
  warm-up. Before timing, zen's answer for every (list kind, domain, scenario) is checked
  against a direct reading of measures.json, and a few cases against hand-written
  expectations; any disagreement stops the run.

The comparison favours zen: ecredit finds the subject by USCC among SUBJECTS, reads its
list entries (with their dates), records and grade, and also matches the record- and
grade-triggered measures, which are not in the zen table.
"""
import argparse
import collections
import gc
import importlib.metadata
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2025-06-30"  # as in bench_precheck.cpp
# as in bench_precheck.cpp: the scenario rotation of the queries, and the domain of subject i (i % 5)
SCENARIOS = ["gov_procurement", "bidding", "admin_approval", "daily_supervision", "subsidy"]
DOMAIN_LABELS = ["电力", "石油天然气", "油气管道保护", "新能源和可再生能源", "节能"]
LIST_KINDS = ["black", "red", "key_attention"]
STRENGTH = ["prohibit", "restrict", "caution", "incentive"]  # strongest first; none of them: clear
REEXEC = "ECREDIT_BENCH_PRECHECK_ZEN_REEXEC"

# Hand-written expectations for gz-energy (docs/measures.md), checked before timing:
# (list kind, domain, scenario, as_of) -> (verdict, measure ids)
KNOWN = [
    (("black", "electricity", "bidding", AS_OF), ("prohibit", {"elec-bl-bidding"})),
    (("black", "electricity", "gov_procurement", AS_OF), ("restrict", {"elec-bl-procurement"})),
    (("black", "oil_gas", "gov_procurement", AS_OF), ("prohibit", {"oilgas-bl-procurement"})),
    (("black", "pipeline", "daily_supervision", AS_OF),
     ("caution", {"safety-pipeline-bl-supervision", "basic-bl-key-supervision"})),
    (("red", "renewable", "subsidy", AS_OF), ("incentive", {"red-fiscal-priority", "red-renewable-policy-priority"})),
    (("red", "electricity", "bidding", AS_OF), ("clear", set())),
    (("key_attention", "energy_saving", "admin_approval", AS_OF), ("restrict", {"attention-no-commitment"})),
    (("key_attention", "electricity", "daily_supervision", AS_OF),
     ("caution", {"attention-key-supervision", "attention-elec-warning-talk"})),
    ((None, "electricity", "bidding", AS_OF), ("clear", set())),
    (("black", "electricity", "bidding", "2017-05-26"), ("clear", set())),  # the day before effective_from
]


def ensure_zen(venv):
    """Returns when `zen` imports here; otherwise prepares the bench venv and runs this script there."""
    try:
        import zen  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get(REEXEC):
        raise SystemExit(f"zen-engine is not importable in {sys.executable} even after installing it")
    py = venv / "bin" / "python"
    if not py.exists():
        print(f"creating {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if subprocess.run([str(py), "-c", "import zen"], capture_output=True).returncode != 0:
        print(f"installing zen-engine into {venv}", file=sys.stderr)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "zen-engine"], check=True)
    os.environ[REEXEC] = "1"
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])


def domain_codes(pack):
    """The domain codes of DOMAIN_LABELS, through the pack's code table."""
    table = json.loads((pack / "codes.json").read_text("utf-8"))["tables"]["domain"]["codes"]
    by_label = {c["label"]: c["code"] for c in table}
    return [by_label[label] for label in DOMAIN_LABELS]


def list_measures(pack):
    """(measures with a list trigger, ids of the others) in file order."""
    ms = json.loads((pack / "measures.json").read_text("utf-8"))["measures"]
    return [m for m in ms if "list" in m["trigger"]], [m["id"] for m in ms if "list" not in m["trigger"]]


def any_of(values):
    """A zen unary test: equals one value, or is in a list of values (`"a", "b"`)."""
    return ", ".join(json.dumps(v) for v in values)


def date_test(m):
    lo, hi = m.get("effective_from"), m.get("effective_to")
    if lo and hi:
        return f'[date("{lo}")..date("{hi}")]'
    if lo:
        return f'>= date("{lo}")'
    if hi:
        return f'<= date("{hi}")'
    return ""


def build_jdm(measures):
    """The JDM graph and its number of table rows."""
    cols = [("c_scenario", "scenario", "scenario"), ("c_list", "list kind", "list"),
            ("c_domain", "list domain", "domain"), ("c_department", "department", "department"),
            ("c_as_of", "as of", "date(as_of)")]
    rules = []
    for m in measures:
        t = m["trigger"]
        for sc in m["scenarios"]:
            rules.append({"_id": f"{m['id']}@{sc}", "c_scenario": json.dumps(sc), "c_list": any_of(t["list"]),
                          "c_domain": any_of(t["domain"]) if t.get("domain") else "", "c_department": "",
                          "c_as_of": date_test(m), "o_id": json.dumps(m["id"]), "o_effect": json.dumps(m["effect"])})
    verdict = '"clear"'
    for effect in reversed(STRENGTH):
        verdict = f'some(measures, #.effect == "{effect}") ? "{effect}" : {verdict}'
    pos = {"x": 0, "y": 0}
    graph = {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "request", "type": "inputNode", "name": "request", "position": pos},
            {"id": "measures", "type": "decisionTableNode", "name": "measures", "position": pos,
             "content": {"hitPolicy": "collect", "outputPath": "measures", "passThrough": False,
                         "inputs": [{"id": i, "name": n, "type": "expression", "field": f} for i, n, f in cols],
                         "outputs": [{"id": "o_id", "name": "measure", "type": "expression", "field": "id"},
                                     {"id": "o_effect", "name": "effect", "type": "expression", "field": "effect"}],
                         "rules": rules}},
            {"id": "verdict", "type": "expressionNode", "name": "verdict", "position": pos,
             "content": {"passThrough": True,
                         "expressions": [{"id": "e_verdict", "key": "verdict", "value": verdict}]}},
            {"id": "response", "type": "outputNode", "name": "response", "position": pos},
        ],
        "edges": [{"id": f"edge{k}", "type": "edge", "sourceId": a, "targetId": b} for k, (a, b) in
                  enumerate([("request", "measures"), ("measures", "verdict"), ("verdict", "response")])],
    }
    return graph, len(rules)


def expected(measures, kind, domain, scenario, as_of):
    """A direct reading of the list-triggered measures: (verdict, set of measure ids)."""
    ids, effects = set(), set()
    for m in measures:
        t = m["trigger"]
        if (scenario in m["scenarios"] and kind in t["list"] and (not t.get("domain") or domain in t["domain"])
                and m.get("effective_from", "0000-00-00") <= as_of <= m.get("effective_to", "9999-12-31")):
            ids.add(m["id"])
            effects.add(m["effect"])
    return next((e for e in STRENGTH if e in effects), "clear"), ids


def context(kind, domain, scenario, as_of=AS_OF):
    return {"scenario": scenario, "list": kind, "domain": domain, "department": None, "as_of": as_of}


def zen_answer(decision, ctx):
    r = decision.evaluate(ctx)["result"]
    return r["verdict"], {x["id"] for x in r["measures"]}


def check_zen(decision, measures, domains):
    """Stops the run when zen disagrees with the hand-written cases or with `expected` on any combination."""
    bad = []
    for (kind, domain, scenario, as_of), want in KNOWN:
        got = zen_answer(decision, context(kind, domain, scenario, as_of))
        if got != want or expected(measures, kind, domain, scenario, as_of) != want:
            bad.append(f"{kind} {domain} {scenario} {as_of}: zen {got}, "
                       f"measures.json {expected(measures, kind, domain, scenario, as_of)}, expected {want}")
    scenarios = sorted({s for m in measures for s in m["scenarios"]} | set(SCENARIOS))
    combos = 0
    for kind in [None, *LIST_KINDS]:
        for domain in domains:
            for scenario in scenarios:
                got = zen_answer(decision, context(kind, domain, scenario))
                want = expected(measures, kind, domain, scenario, AS_OF)
                combos += 1
                if got != want:
                    bad.append(f"{kind} {domain} {scenario}: zen {got}, measures.json {want}")
    if bad:
        raise SystemExit("zen-engine disagrees with the measures:\n  " + "\n  ".join(bad))
    return len(KNOWN) + combos


def facts_of(i, domains):
    """Subject i of bench_precheck.cpp: (list kind or None, domain)."""
    kind = "black" if i % 50 == 0 else "red" if i % 50 == 7 else "key_attention" if i % 100 == 13 else None
    return kind, domains[i % 5]


def stats(ns):
    ns = sorted(ns)
    return {"p50_us": round(ns[len(ns) // 2] / 1000, 3), "p99_us": round(ns[len(ns) * 99 // 100] / 1000, 3),
            "mean_us": round(sum(ns) / len(ns) / 1000, 3)}


def time_zen(decision, measures, domains, subjects, queries, warmup, seed):
    rng = random.Random(seed)
    facts = [facts_of(rng.randrange(subjects), domains) for _ in range(queries)]
    ctxs = [context(kind, domain, SCENARIOS[k % 5]) for k, (kind, domain) in enumerate(facts)]
    want = {}
    for c in ctxs:
        key = (c["list"], c["domain"], c["scenario"])
        if key not in want:
            want[key] = expected(measures, *key, AS_OF)[0]
    evaluate = decision.evaluate
    for c in ctxs[:warmup]:
        evaluate(c)
    ns = [0] * queries
    verdicts = collections.Counter()
    agree = 0
    clock = time.perf_counter_ns
    gc.collect()
    for k, c in enumerate(ctxs):
        t0 = clock()
        r = evaluate(c)
        ns[k] = clock() - t0
        v = r["result"]["verdict"]
        verdicts[v] += 1
        agree += v == want[(c["list"], c["domain"], c["scenario"])]
    if agree != queries:
        raise SystemExit(f"zen-engine: {queries - agree} of {queries} timed verdicts disagree with measures.json")
    return {**stats(ns), "queries": queries, "warmup": min(warmup, queries),
            "verdicts": {v: verdicts.get(v, 0) for v in [*STRENGTH, "clear"]}}


def run_cpp(path, subjects, queries):
    if not Path(path).exists():
        raise SystemExit(f"{path} not found: build it (cmake --build --preset release --target bench_precheck) "
                         "or pass --cpp-json with a saved result")
    print(f"running {path} {subjects} {queries}", file=sys.stderr)
    p = subprocess.run([str(path), str(subjects), str(queries)], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{path} failed with exit code {p.returncode}:\n{p.stderr}")
    return parse_cpp(p.stdout, path)


def parse_cpp(text, source):
    line = next((s for s in reversed(text.splitlines()) if s.strip().startswith("{")), None)
    if line is None:
        raise SystemExit(f"no JSON object in the output of {source}")
    r = json.loads(line)
    for side in ("cpp", "c_abi"):
        if not all(k in r.get(side, {}) for k in ("p50_us", "p99_us", "mean_us")):
            raise SystemExit(f"{source}: '{side}' with p50_us, p99_us, mean_us missing")
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cpp", default=str(ROOT / "build" / "release" / "bench" / "bench_precheck"),
                    help="the bench_precheck binary (release build)")
    ap.add_argument("--cpp-json", help="read this saved stdout of bench_precheck instead of running it")
    ap.add_argument("--subjects", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200_000, help="timed C++ / C prechecks")
    ap.add_argument("--zen-queries", type=int, default=20_000, help="timed zen-engine evaluations")
    ap.add_argument("--warmup", type=int, default=1_000,
                    help="untimed zen evaluations first (the C++ bench does 1,000)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--pack", default=str(ROOT / "policies" / "gz-energy"))
    ap.add_argument("--venv", default=str(ROOT / "build" / "venv-bench"))
    ap.add_argument("--jdm-out", help="also write the zen decision graph (JDM JSON) to this file")
    a = ap.parse_args()
    ensure_zen(Path(a.venv))
    import zen

    if a.cpp_json:
        cpp_run = parse_cpp(Path(a.cpp_json).read_text("utf-8"), a.cpp_json)
        cpp_source = f"saved: {a.cpp_json}"
    else:
        cpp_run = run_cpp(a.cpp, a.subjects, a.queries)
        cpp_source = f"run: {a.cpp} {a.subjects} {a.queries}"

    pack = Path(a.pack)
    domains = domain_codes(pack)
    measures, left_out = list_measures(pack)
    graph, rows = build_jdm(measures)
    if a.jdm_out:
        Path(a.jdm_out).write_text(json.dumps(graph, ensure_ascii=False, indent=1), encoding="utf-8")
    decision = zen.ZenEngine().create_decision(json.dumps(graph))
    checked = check_zen(decision, measures, domains)
    print(f"zen-engine: {rows} table rows from {len(measures)} list-triggered measures; {checked} cases agree",
          file=sys.stderr)
    z = time_zen(decision, measures, domains, a.subjects, a.zen_queries, a.warmup, a.seed)

    cpp, cabi = cpp_run["cpp"], cpp_run["c_abi"]
    ratios = {f"ratio_{q}_zen_over_{side}": round(z[f"{q}_us"] / r[f"{q}_us"], 2)
              for q in ("p50", "p99") for side, r in (("cpp", cpp), ("c_abi", cabi))}
    out = {
        "cpp": cpp, "c_abi": cabi, "zen": z, **ratios,
        "target": "ecredit >= 5x faster than zen-engine",
        "target_met": {k.replace("ratio_", "").replace("_zen_over", ""): v >= 5 for k, v in ratios.items()},
        "zen_version": importlib.metadata.version("zen-engine"),
        "python": platform.python_version(),
        "as_of": AS_OF,
        "cpp_run": {**{k: v for k, v in cpp_run.items() if k not in ("cpp", "c_abi")}, "source": cpp_source},
        "zen_table": {"rows": rows, "measures": len(measures), "hit_policy": "collect",
                      "columns": ["scenario", "list kind", "list domain", "department (blank)", "as-of date"],
                      "verdict": "expression node in the graph", "left_out": left_out, "checked_cases": checked},
        "note": (f"zen-engine evaluates a decision table of the {len(measures)} list-triggered measures of "
                 f"{pack.name}/measures.json ({rows} rows, one per measure and scenario), given the subject's list "
                 "kind and domain as input facts, and computes the verdict in an expression node. The "
                 f"{len(left_out)} record- and grade-triggered measures are not in the zen table. ecredit does "
                 f"strictly more per query: looks the USCC up among {cpp_run.get('subjects', a.subjects):,} "
                 "subjects, checks list entries' dates, reads records, computes the grade, matches all measures, "
                 "and builds a decision with trace and commitment. zen: each synchronous evaluate(dict) timed from "
                 "Python (perf_counter_ns), context conversion included; C++ / C: steady_clock inside "
                 "bench_precheck. Department column blank because the C++ bench queries without a department."),
    }
    print(json.dumps(out, ensure_ascii=False))

    print(f"precheck latency, as of {AS_OF} ({cpp_source})", file=sys.stderr)
    for name, r in (("ecredit C++", cpp), ("ecredit C ABI", cabi), (f"zen-engine {out['zen_version']}", z)):
        print(f"  {name:<20} p50 {r['p50_us']:>9.3f} µs  p99 {r['p99_us']:>9.3f} µs  mean {r['mean_us']:>9.3f} µs",
              file=sys.stderr)
    for side, label in (("cpp", "C++"), ("c_abi", "C ABI")):
        p50, p99 = ratios[f"ratio_p50_zen_over_{side}"], ratios[f"ratio_p99_zen_over_{side}"]
        print(f"  zen / ecredit {label}: p50 {p50:.1f}x, p99 {p99:.1f}x -> target 5x "
              f"{'met' if p50 >= 5 else 'NOT met'} at p50, {'met' if p99 >= 5 else 'NOT met'} at p99", file=sys.stderr)


if __name__ == "__main__":
    main()
