"""Related parties (docs/relations.md) through Python: Registry.from_dicts(relations=…),
related(), beneficial_owners(), over the shared cases of tests/data/relations
(tests/data/relations.md) and over dicts, with the properties of the issue."""

from __future__ import annotations

import random
import warnings

import pytest

import ecredit
from conftest import DATA

POWER, GAS, PV = "91440113MA9REL01X2", "91440104MA5REL020F", "91440106MA5REL0399"
A, B, C = "91440101MA5REL047U", "91440103MA5REL055K", "91440105MA5REL063B"
X, Y, Z, Q = "440106198001011230", "440104197512122349", "440111198508154565", "440113199005053452"


@pytest.fixture(scope="module")
def cases():
    return ecredit.Registry.from_dir(str(DATA / "relations"))


def edges(frame):
    return {(r.party_id, r.uscc, r.role, r.hops) for r in frame.itertuples()}


def test_related_from_the_case_files(cases):
    assert cases.relation_count == 8
    now = cases.related(X, "2025-06-30")
    assert list(now.columns) == ["party_id", "party_kind", "uscc", "role", "hops", "path"]
    assert edges(now) == {(X, POWER, "legal_representative", 1), (X, GAS, "legal_representative", 1)}
    assert all(p[0] == X for p in now["path"])
    then = cases.related(X, "2023-06-30")
    assert (X, PV, "director", 1) in edges(then)  # ended on 2024-01-01
    two = cases.related(X, "2025-06-30", hops=2)
    q = two[two.party_id == Q].iloc[0]
    assert (q.role, q.hops, q.path) == ("responsible_person", 2, [X, POWER, Q])
    assert edges(cases.related(X, "2023-06-30", roles=["director"], hops=3)) == {(X, PV, "director", 1)}
    with pytest.raises(ecredit.InvalidInputError, match="hops must be at least 1"):
        cases.related(X, "2025-06-30", hops=0)
    with pytest.raises(ecredit.InvalidInputError, match="role 'chairman' is not in code table"):
        cases.related(X, "2025-06-30", roles=["chairman"])


def test_beneficial_owners_chain_and_cycle(cases):
    owners = {o["party_id"]: o for o in cases.beneficial_owners(C, "2025-06-30")}
    assert set(owners) == {Y, Z, Q}
    assert owners[Y]["share"] == pytest.approx(0.3)  # 60 % × 50 %
    assert owners[Y]["paths"] == [[Y, B, C]]
    assert owners[Z]["share"] == pytest.approx(0.3) and owners[Z]["paths"] == [[Z, C]]
    assert owners[Q]["reasons"] == ["actual_controller"] and owners[Q]["share"] == 0
    assert [o["party_id"] for o in cases.beneficial_owners(C, "2025-06-30", threshold=0.35)] == [Q]
    with pytest.raises(ecredit.InvalidInputError, match="threshold"):
        cases.beneficial_owners(C, "2025-06-30", threshold=0)


def test_the_subject_row_shortcut_yields_the_same_relations():
    subject = {"uscc": GAS, "kind": "legal_person", "name": "燃气", "domains": ["oil_gas"]}
    by_row = ecredit.Registry.from_dicts([{**subject, "legal_rep_id": X}])
    by_relation = ecredit.Registry.from_dicts(
        [subject], relations=[{"uscc": GAS, "party_id": X, "party_kind": "person", "role": "legal_representative"}])
    a, b = by_row.related(GAS, "2025-06-30"), by_relation.related(GAS, "2025-06-30")
    assert edges(a) == edges(b) == {(X, GAS, "legal_representative", 1)}
    assert list(a["path"]) == list(b["path"])


def test_from_dicts_checks_relations_and_takes_commitments():
    ok = {"uscc": GAS, "party_id": X, "party_kind": "person", "role": "director", "share": None}
    reg = ecredit.Registry.from_dicts([], relations=[ok], commitments=[
        {"id": "c1", "uscc": GAS, "type": "voluntary", "status": "fulfilled", "date": "2024-01-01"}])
    assert reg.relation_count == 1 and reg.related(GAS, "2025-01-01").shape[0] == 1
    for bad, message in [({"role": "chairman"}, "role 'chairman' is not in code table 'relation_role'"),
                         ({"share": 1.2}, "outside 0–1"),
                         ({"share": "half"}, "'share' must be a number"),
                         ({"party_kind": "robot"}, "neither person nor organisation"),
                         ({"party_id": "440106198001011231"}, "not a genuine resident ID"),
                         ({"from_date": "2024-02-30"}, "from_date")]:
        with pytest.raises(ecredit.InvalidInputError, match=message):
            ecredit.Registry.from_dicts([], relations=[{**ok, **bad}])
    with pytest.raises(TypeError):
        ecredit.Registry.from_dicts([], (), (), None, [ok])  # commitments and relations are keyword-only


def test_unclear_holdings_are_warned_not_dropped():
    rel = [{"uscc": GAS, "party_id": X, "party_kind": "person", "role": "shareholder", "share": 0.8},
           {"uscc": GAS, "party_id": Y, "party_kind": "person", "role": "shareholder", "share": 0.7},
           {"uscc": GAS, "party_id": Z, "party_kind": "person", "role": "shareholder"}]
    reg = ecredit.Registry.from_dicts([], relations=rel)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        owners = reg.beneficial_owners(GAS, "2025-01-01")
    assert [o["share"] for o in owners] == pytest.approx([0.8 / 1.5, 0.7 / 1.5])
    text = " ".join(str(x.message) for x in w)
    assert "add up to 1.5" in text and "has no share" in text and Z not in text  # masked


def random_registry(rng: random.Random):
    orgs, people = [POWER, GAS, PV, A, B, C], [X, Y, Z, Q]
    room = {o: 1.0 for o in orgs}
    rel = []
    for _ in range(rng.randint(3, 16)):
        uscc = rng.choice(orgs)
        person = rng.random() < 0.5
        party = rng.choice(people if person else orgs)
        if party == uscc:
            continue
        role = rng.choice(["shareholder", "director", "legal_representative", "parent"])
        r = {"uscc": uscc, "party_id": party, "party_kind": "person" if person else "organisation", "role": role}
        if role == "shareholder":
            r["share"] = round(room[uscc] * rng.random(), 4)
            room[uscc] -= r["share"]
        if rng.random() < 0.25:
            r["to_date"] = "2024-01-01"
        rel.append(r)
    return ecredit.Registry.from_dicts([], relations=rel), orgs + people


@pytest.mark.parametrize("seed", range(15))
def test_properties_symmetric_reach_and_shares_within_one(seed):
    rng = random.Random(seed)
    reg, nodes = random_registry(rng)
    for hops in (1, 2, 3):
        reach = {n: {p for path in reg.related(n, "2025-01-01", hops=hops)["path"] for p in path} for n in nodes}
        for a in nodes:
            for b in nodes:
                if a != b:
                    assert (b in reach[a]) == (a in reach[b]), (a, b, hops)
    for o in nodes[:6]:
        owners = reg.beneficial_owners(o, "2025-01-01", threshold=0.01)
        assert all(x["share"] <= 1 + 1e-12 for x in owners)
        assert sum(x["share"] for x in owners) <= 1 + 1e-9
