"""Validation throughput on admin_penalty CSV files: the ecredit CLI against frictionless-py,
measured in the same run. Prints a Markdown table for docs/BENCHMARKS.md.

    cmake --preset release && cmake --build --preset release --target ecredit_cli
    python3 bench/bench_validate.py --cli build/release/ecredit --rows 1000000 [--frictionless-rows 20000]

Data: bench/gen_penalty.py (same seed for every file, so the smaller files are byte
prefixes of the big one), kept in --data-dir and reused when the summary beside a file
matches. Measured:

- ecredit CLI (`ecredit validate --dataset admin_penalty FILE --json`) on the full file,
  on a file --small-factor (10) times smaller, and on the frictionless prefix; best of
  --repeats runs. Seconds are the wall time of the whole process (start-up and loading
  the built-in pack included).
- frictionless-py on the first --frictionless-rows rows, with a Table Schema built from
  the catalog (see `table_schema`), in the bench venv (--venv, created with `pip install
  frictionless` when missing; never the test venv). Seconds are the time of
  `Resource.validate()` alone, in the child process (interpreter start-up and imports
  excluded, which favours frictionless).

Peak RSS: `/usr/bin/time -f %M` around each measured command (each run is its own
process, so the figure is that process's own peak); without /usr/bin/time a small helper
child runs the command and reports `getrusage(RUSAGE_CHILDREN).ru_maxrss`.
"""
import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import gen_penalty  # noqa: E402

DATASET = "admin_penalty"
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

HELPER = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
json.dump({"rc": rc, "wall": wall, "maxrss_kb": ru.ru_maxrss, "user": ru.ru_utime, "sys": ru.ru_stime},
          open(sys.argv[1], "w"))
"""

FRICTIONLESS_CHILD = r"""
import collections, json, sys, time
import frictionless
from frictionless import Resource, Schema
import os
path, schema_path = sys.argv[1], sys.argv[2]
schema = Schema.from_descriptor(json.load(open(schema_path, encoding="utf-8")))
# frictionless refuses absolute paths as unsafe: name the file relative to its folder
resource = Resource(path=os.path.basename(path), basepath=os.path.dirname(path), schema=schema, format="csv",
                    encoding="utf-8")
t0 = time.perf_counter()
report = resource.validate(limit_errors=10**9)
seconds = time.perf_counter() - t0
task = report.tasks[0]
types = collections.Counter(e.type for e in task.errors)
rows = {getattr(e, "row_number", None) for e in task.errors} - {None}
print(json.dumps({"seconds": seconds, "rows": task.stats.get("rows"), "errors": len(task.errors),
                  "rows_with_errors": len(rows), "types": dict(types), "version": frictionless.__version__,
                  "python": sys.version.split()[0]}))
"""


def run_measured(cmd, **kw):
    """Runs cmd once; returns (wall seconds, peak RSS in KB, cpu seconds, CompletedProcess)."""
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as t:
        out = t.name
    try:
        if TIME:
            t0 = time.perf_counter()
            p = subprocess.run([TIME, "-f", "%M %U %S", "-o", out, *cmd], capture_output=True, text=True, **kw)
            wall = time.perf_counter() - t0
            rss, user, sys_ = open(out).read().split()[-3:]
            return wall, int(rss), float(user) + float(sys_), p
        p = subprocess.run([sys.executable, "-c", HELPER, out, *cmd], capture_output=True, text=True, **kw)
        r = json.load(open(out))
        return r["wall"], r["maxrss_kb"], r["user"] + r["sys"], p
    finally:
        os.unlink(out)


def ensure_data(rows, data_dir, seed, bad_share, cli):
    path = data_dir / f"penalty_{rows}_s{seed}_b{bad_share:g}.csv"
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        summary = json.loads(meta.read_text())
        if summary.get("rows") == rows and path.stat().st_size > summary.get("data_bytes", 0):
            return path, summary
    t0 = time.perf_counter()
    summary = gen_penalty.generate(rows, path, seed=seed, bad_share=bad_share, cli=cli)
    print(f"generated {path} ({rows:,} rows, {path.stat().st_size / 1e6:,.0f} MB) in "
          f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    meta.write_text(json.dumps(summary, ensure_ascii=False))
    return path, summary


def check_prefix(small, big):
    n = small.stat().st_size
    with open(small, "rb") as a, open(big, "rb") as b:
        while n > 0:
            k = min(n, 1 << 22)
            if a.read(k) != b.read(k):
                raise SystemExit(f"{small} is not a prefix of {big}")
            n -= k


def ecredit_run(cli, path, repeats):
    best = None
    for _ in range(repeats):
        wall, rss, cpu, p = run_measured([cli, "validate", "--dataset", DATASET, str(path), "--json"])
        if p.returncode not in (0, 1):
            raise SystemExit(f"ecredit failed ({p.returncode}): {p.stderr}")
        if best is None or wall < best[0]:
            best = (wall, rss, cpu, json.loads(p.stdout))
    return best


# ------------------------------------------------------------------------- Table Schema

USCC_RE = "[0-9A-HJ-NPQRTUWXY]{18}"  # GB 32100 alphabet; the check layers cannot be expressed
ORG_CODE_RE = "[0-9A-Z]{8}[0-9X]"
DATE_RE = r"[0-9]{4}(-[0-9]{2}-[0-9]{2}( 00:00:00)?|/[0-9]{1,2}/[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)"
SEPARATORS = ";；,，、"


def table_schema(pack):
    """A frictionless Table Schema equivalent to the catalog's admin_penalty as far as Table
    Schema reaches; field names are the Chinese titles (the CSV header)."""
    catalog = json.loads((pack / "catalog.json").read_text(encoding="utf-8"))
    tables = json.loads((pack / "codes.json").read_text(encoding="utf-8"))["tables"]
    ds = next(d for d in catalog["datasets"] if d["id"] == DATASET)
    fields = []
    by_name = {}
    for f in ds["fields"]:
        c = {}
        t = f["type"]
        if t in ("integer",):
            out = {"type": "integer"}
        elif t == "decimal":
            out = {"type": "number"}
        else:
            out = {"type": "string"}
        if f.get("required"):
            c["required"] = True
        if "max_length" in f:
            c["maxLength"] = f["max_length"]
        if "minimum" in f:
            c["minimum"] = f["minimum"]
        if "maximum" in f:
            c["maximum"] = f["maximum"]
        if "pattern" in f:
            c["pattern"] = f["pattern"].removeprefix("^").removesuffix("$")
        if t == "uscc":
            c["pattern"] = USCC_RE
        elif t == "org_code":
            c["pattern"] = ORG_CODE_RE
        elif t == "date":
            c["pattern"] = DATE_RE
        elif t == "code":
            values = []
            for code in tables[f["codes"]]["codes"]:
                values += [code["code"], code["label"], *code.get("aliases", [])]
            values = list(dict.fromkeys(values))
            if f.get("multiple"):
                one = "(" + "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)) + ")"
                c["pattern"] = f"{one}([{SEPARATORS}]{one})*"
            else:
                c["enum"] = values
        if c:
            out["constraints"] = c
        out["name"] = f["title"]
        fields.append(out)
        by_name[f["name"]] = f["title"]
    return {"fields": fields, "primaryKey": [by_name[k] for k in ds["primary_key"]], "missingValues": [""]}


def ensure_venv(venv):
    py = venv / "bin" / "python"
    if not py.exists():
        print(f"creating {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if subprocess.run([str(py), "-c", "import frictionless"], capture_output=True).returncode != 0:
        print(f"installing frictionless into {venv}", file=sys.stderr)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "frictionless"], check=True)
    return py


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True, help="the ecredit CLI (release build)")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--small-factor", type=int, default=10, help="the second ecredit file is this many times smaller")
    ap.add_argument("--frictionless-rows", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bad-share", type=float, default=0.05)
    ap.add_argument("--repeats", type=int, default=3, help="ecredit runs per file (best is kept)")
    ap.add_argument("--data-dir", default=str(ROOT / "build" / "bench"))
    ap.add_argument("--venv", default=str(ROOT / "build" / "venv-bench"))
    ap.add_argument("--pack", default=str(ROOT / "policies" / "gz-energy"))
    ap.add_argument("--no-frictionless", action="store_true")
    a = ap.parse_args()
    cli = str(Path(a.cli).resolve())
    data_dir = Path(a.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)

    sizes = list(dict.fromkeys([a.rows, a.rows // a.small_factor, a.frictionless_rows]))
    files = {n: ensure_data(n, data_dir, a.seed, a.bad_share, cli) for n in sizes}
    big = files[a.rows][0]
    for n in sizes[1:]:
        check_prefix(files[n][0], big)

    results = []  # (name, rows, bytes, seconds, rss_kb, cpu, extra)
    for n in sizes:
        path, summary = files[n]
        wall, rss, cpu, rep = ecredit_run(cli, path, a.repeats)
        st = rep["stats"]
        assert st["rows"] == n, (st, n)
        if st["rejected"] != summary["expected_rejected"]:
            print(f"WARNING: ecredit rejected {st['rejected']} rows of {path}, the generator spoiled "
                  f"{summary['expected_rejected']}", file=sys.stderr)
        results.append((f"ecredit CLI `validate` ({n:,} rows)", n, st["bytes"], wall, rss, cpu,
                        {"rejected": st["rejected"], "warnings": st["warnings"], "counts": rep["counts"]}))

    peer = None
    fl = None
    if not a.no_frictionless:
        py = ensure_venv(Path(a.venv))
        schema_path = data_dir / "admin_penalty.schema.json"
        schema_path.write_text(json.dumps(table_schema(Path(a.pack)), ensure_ascii=False, indent=1), encoding="utf-8")
        path, _ = files[a.frictionless_rows]
        wall, rss, cpu, p = run_measured([str(py), "-c", FRICTIONLESS_CHILD, str(path.resolve()),
                                          str(schema_path.resolve())])
        if p.returncode != 0:
            raise SystemExit(f"frictionless failed: {p.stderr}")
        fl = json.loads(p.stdout)
        peer = a.frictionless_rows / fl["seconds"]
        results.append((f"frictionless {fl['version']} `Resource.validate` ({a.frictionless_rows:,} rows)",
                        a.frictionless_rows, path.stat().st_size, fl["seconds"], rss, cpu,
                        {"process_wall": wall, **fl}))

    ver = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.strip()
    cpu_name = platform.processor() or platform.machine()
    try:
        cpu_name = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"machine: {cpu_name} ({os.cpu_count()} cores), Python {platform.python_version()}, {ver}"
          + (f", frictionless {fl['version']} (Python {fl['python']})" if fl else ""))
    print()
    print("| implementation | rows | MB | seconds | rows/s | MB/s | peak RSS MB | × frictionless |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, nbytes, sec, rss, cpu, _ in results:
        ratio = f"{n / sec / peer:,.1f}" if peer else "–"
        print(f"| {name} | {n:,} | {nbytes / 1e6:,.1f} | {sec:,.3f} | {n / sec:,.0f} | {nbytes / 1e6 / sec:,.1f} | "
              f"{rss / 1024:,.1f} | {ratio} |")
    print()
    for name, n, nbytes, sec, rss, cpu, extra in results:
        print(f"- {name}: CPU {cpu:.2f} s (user+sys) for {sec:.2f} s wall; {json.dumps(extra, ensure_ascii=False)}")
    big_rss, small_rss = results[0][4], results[1][4] if len(results) > 1 else results[0][4]
    print(f"- peak RSS {results[0][1]:,} rows: {big_rss / 1024:.1f} MB; {results[1][1]:,} rows: "
          f"{small_rss / 1024:.1f} MB")


if __name__ == "__main__":
    main()
