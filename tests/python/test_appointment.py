"""Appointment checks (任职资格, docs/relations.md) through Python: engine.appointment_check
over the shared cases of tests/data/appointment (tests/data/appointment.md) and over dicts."""

from __future__ import annotations

import datetime
import json

import pytest

import ecredit
from conftest import DATA

R1 = "91440111MA5APP0180"
P, V, U, W, D = ("440106197803031239", "440104199001014564", "440111198207072347",
                 "440105198811115676", "440103198509093450")


@pytest.fixture(scope="module")
def engine():
    return ecredit.Engine.default()


@pytest.fixture(scope="module")
def cases():
    return ecredit.Registry.from_dir(str(DATA / "appointment"))


def test_barred_two_years_after_a_revocation_allowed_after_three(engine, cases):
    c = engine.appointment_check(cases, P, "legal_representative", "2025-05-10")
    assert c.status == "barred" and not c.allowed
    assert c.as_of == datetime.date(2025, 5, 10)
    [r] = c.reasons
    assert (r["ground"], r["outcome"], r["until"]) == ("revoked_or_closed", "barred", "2026-05-10")
    assert [f["kind"] for f in r["facts"]] == ["record", "relation"]
    assert r["facts"][0]["uscc"] == R1
    assert "第一百七十八条" in r["basis"] and r["basis_confirmed"] is False
    later = engine.appointment_check(cases, P, "legal_representative", datetime.date(2026, 5, 10))
    assert later.status == "allowed" and later.allowed and later.reasons == []
    assert [u["ground"] for u in later.unchecked] == ["incapacity", "criminal_sentence", "bankrupt_company"]


def test_undetermined_and_other_licences(engine, cases):
    u = engine.appointment_check(cases, U, "director", "2025-05-10")
    assert u.status == "undetermined"
    assert "是否负有个人责任未记录" in u.reasons[0]["why"]
    assert engine.appointment_check(cases, W, "legal_representative", "2025-05-10").allowed  # a gas licence
    assert engine.appointment_check(cases, V, "legal_representative", "2025-05-10").allowed  # came later


def test_dishonest_debtor(engine, cases):
    c = engine.appointment_check(cases, D, "supervisor", "2025-05-10")
    assert c.status == "barred"
    assert c.reasons[0]["ground"] == "dishonest_debtor"
    assert c.reasons[0]["facts"][0]["kind"] == "list_entry"


def test_to_dict_is_the_contract_document_masked(engine, cases):
    jsonschema = pytest.importorskip("jsonschema")
    c = engine.appointment_check(cases, P, "director", "2025-05-10")
    d = c.to_dict()
    jsonschema.validate(d, ecredit.schema("appointment-check"))
    assert d["person_id"] == "440106********1239"
    assert P not in json.dumps(d, ensure_ascii=False)
    assert c.to_dict(unmasked=True)["person_id"] == P
    assert d["status"] == c.status and d["allowed"] is False


def test_from_dicts_relations_and_lists(engine):
    firm = "91440111MA5APP042G"
    reg = ecredit.Registry.from_dicts(
        [{"uscc": firm, "name": "某公司"}],
        lists=[{"id": "d1", "person_id": D, "list": "dishonest_debtor", "included_on": "2025-01-15",
                "removed_on": "2025-09-01"}],
        relations=[{"uscc": firm, "party_id": D, "party_kind": "person", "role": "director",
                    "from_date": "2024-01-01"}])
    assert engine.appointment_check(reg, D, "director", "2025-05-10").status == "barred"
    assert engine.appointment_check(reg, D, "director", "2025-09-01").allowed  # removed from the list
    r = engine.appointment_check(reg, D, "director", "2025-05-10").reasons[0]
    assert r["until"] == "2025-09-01"


def test_bad_input(engine, cases):
    with pytest.raises(ecredit.InvalidInputError, match="legal_representative, director"):
        engine.appointment_check(cases, P, "shareholder", "2025-05-10")
    with pytest.raises(ecredit.InvalidInputError, match="USCC"):
        engine.appointment_check(cases, R1, "director", "2025-05-10")
    with pytest.raises(ecredit.InvalidInputError) as e:
        engine.appointment_check(cases, "440106197803031238", "director", "2025-05-10")
    assert "440106197803031238" not in str(e.value)
    with pytest.raises(ecredit.InvalidInputError):
        engine.appointment_check(cases, P, "director", "2025-02-30")
