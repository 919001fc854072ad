"""Beneficial owners and related parties over a synthetic ownership graph: ecredit's
Registry.beneficial_owners / related against a pure-Python depth-first reading of the same
rules (shares multiply along a chain and add across chains, a company met again on a chain
ends it), on the same edges, in the same run; the two results are compared.

    python bench/bench_relations.py [--edges 1000000] [--queries 20000]

Needs the ecredit package (pip install .) in the running interpreter.
"""
import argparse
import collections
import random
import time

import ecredit

CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(i: int) -> str:
    body = "91440101" + f"{i:08d}"  # 2 + 6 region + the organisation code's 8
    v = [int(c) for c in body[8:16]]
    r = 11 - sum(x * w for x, w in zip(v, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    b = body + ("X" if r == 10 else "0" if r == 11 else str(r))
    return b + CH[(31 - sum(CH.index(c) * w for c, w in zip(b, W)) % 31) % 31]


def resident_id(i: int) -> str:
    import datetime
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=i // 1000)
    body = "440106" + born.strftime("%Y%m%d") + f"{i % 1000:03d}"
    s = sum(int(c) * w for c, w in zip(body, [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]))
    return body + "10X98765432"[s % 11]


def graph(edges: int, rng: random.Random):
    """Companies owned by 1–4 holders each (persons, or earlier companies: chains), a few
    later companies among them (cycles); shares add up to at most 1 per company."""
    companies = edges // 2
    persons = edges // 3
    orgs = [uscc(i) for i in range(companies)]
    people = [resident_id(i) for i in range(persons)]
    rel = []
    for c in range(companies):
        room = 1.0
        for _ in range(rng.randint(1, 4)):
            if len(rel) >= edges:
                break
            if c > 0 and rng.random() < 0.25:  # about 0.6 company holders a company: chains, not a lattice
                k = rng.randrange(max(0, c - 1000), c) if rng.random() < 0.98 else rng.randrange(companies)
                party, kind = orgs[k], "organisation"
                if party == orgs[c]:
                    continue
            else:
                party, kind = people[rng.randrange(persons)], "person"
            share = round(room * rng.uniform(0.2, 0.9), 4)
            room -= share
            rel.append({"uscc": orgs[c], "party_id": party, "party_kind": kind, "role": "shareholder",
                        "share": share, "from_date": "2020-01-01", "id": f"r{len(rel)}"})
    return orgs, rel


def reference_owners(holders, uscc_, threshold, kinds):
    """The pure-Python reading: depth first over simple chains."""
    total = collections.defaultdict(float)

    def walk(company, product, chain):
        for party, share in holders.get(company, ()):
            s = product * share
            if kinds[party] == "person":
                total[party] += s
            elif party not in chain:
                chain.append(party)
                walk(party, s, chain)
                chain.pop()

    walk(uscc_, 1.0, [uscc_])
    return {p: s for p, s in total.items() if s + 1e-12 >= threshold}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=20_000)
    a = ap.parse_args()
    rng = random.Random(1)
    orgs, rel = graph(a.edges, rng)
    t = time.perf_counter()
    reg = ecredit.Registry.from_dicts([], relations=rel)
    build = time.perf_counter() - t
    print(f"graph: {len(rel):,} shareholder edges, {len(orgs):,} companies; "
          f"Registry.from_dicts {build:.1f} s ({len(rel) / build:,.0f} relations/s)")
    queries = [orgs[rng.randrange(len(orgs))] for _ in range(a.queries)]

    t = time.perf_counter()
    ours = [reg.beneficial_owners(u, "2025-06-30", 0.25) for u in queries]
    e_bo = time.perf_counter() - t

    holders = collections.defaultdict(list)
    kinds = {}
    for r in rel:
        holders[r["uscc"]].append((r["party_id"], r["share"]))
        kinds[r["party_id"]] = r["party_kind"]
    for o in orgs:
        kinds.setdefault(o, "organisation")
    t = time.perf_counter()
    ref = [reference_owners(holders, u, 0.25, kinds) for u in queries]
    p_bo = time.perf_counter() - t
    for u, x, y in zip(queries, ours, ref):
        got = {o["party_id"]: o["share"] for o in x}
        assert got.keys() == y.keys() and all(abs(got[k] - y[k]) < 1e-9 for k in y), (u, got, y)
    print(f"beneficial_owners ×{a.queries:,}: ecredit {e_bo:.2f} s ({a.queries / e_bo:,.0f}/s), "
          f"pure Python {p_bo:.2f} s ({a.queries / p_bo:,.0f}/s): {p_bo / e_bo:.1f}× (same owners)")

    t = time.perf_counter()
    n_rows = sum(len(reg.related(u, "2025-06-30", hops=2)) for u in queries[: a.queries // 4])
    e_rel = time.perf_counter() - t
    print(f"related(hops=2) ×{a.queries // 4:,}: {e_rel:.2f} s ({a.queries // 4 / e_rel:,.0f}/s, "
          f"{n_rows / (a.queries // 4):.1f} rows each, a DataFrame per query)")


if __name__ == "__main__":
    main()
