"""USCC check throughput: ecredit (C++ and the Python batch call) against
python-stdnum, measured in the same run. Prints a Markdown table for
docs/BENCHMARKS.md.

    cmake --preset release && cmake --build --preset release --target bench_id
    python bench/bench_id.py --cpp build/release/bench/bench_id [--count 1000000]

Needs `pip install . python-stdnum` in the running interpreter.
"""
import argparse
import json
import platform
import random
import subprocess
import time

import ecredit
from stdnum.cn import uscc as stdnum_uscc

SEEDS = ["91440101MA59U8YB6Y", "11100000000013127D", "52440000MJL123454F", "91350211M0000XUF46",
         "91440101MA59U8YB7Y", "9144010IMA59U8YB6Y", "91350100M000100Y43", "91440101ma59u8yb6y"]


def best_of(repeats, fn):
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cpp", help="path of the bench_id program (release build)")
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--stdnum-count", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()

    rng = random.Random(42)
    codes = [rng.choice(SEEDS) for _ in range(a.count)]
    small = codes[: a.stdnum_count]
    # Python rows use the "mix" set: the 8 seeds above drawn at random.

    rows = []
    t = best_of(max(1, a.repeats // 2), lambda: [stdnum_uscc.is_valid(c) for c in small])
    peer = len(small) / t
    rows.append(("python-stdnum `stdnum.cn.uscc.is_valid` (loop)", len(small), peer))
    t = best_of(a.repeats, lambda: ecredit.check_uscc_many(codes))
    rows.append(("ecredit `check_uscc_many` (list of IdResult)", len(codes), len(codes) / t))
    t = best_of(a.repeats, lambda: ecredit.uscc_valid_many(codes))
    rows.append(("ecredit `uscc_valid_many` (list of bool)", len(codes), len(codes) / t))
    t = best_of(max(1, a.repeats // 2), lambda: [ecredit.check_uscc(c) for c in small])
    rows.append(("ecredit `check_uscc` (Python loop)", len(small), len(small) / t))
    if a.cpp:
        for mode in ("mix", "valid"):
            out = subprocess.run([a.cpp, str(a.count), str(a.repeats), mode], capture_output=True, text=True,
                                 check=True)
            cpp = json.loads(out.stdout)
            rows.append((f"ecredit C++ `check_uscc_many` (1 thread, {mode})", cpp["count"], cpp["checks_per_s"]))

    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"ecredit {ecredit.__version__}")
    print("| implementation | codes | checks/s | × stdnum |")
    print("|---|---:|---:|---:|")
    for name, n, rate in rows:
        print(f"| {name} | {n:,} | {rate:,.0f} | {rate / peer:,.1f} |")


if __name__ == "__main__":
    main()
