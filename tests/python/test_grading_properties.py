"""Properties every built-in grading model must have, over random registries (issue 11):

- adding a bad record (or a bad list entry) never improves the grade or the score;
- adding a good record (or a red-list entry) never worsens them;
- moving the as-of date later, past bad records' windows, never worsens them (for
  registries of bad records and list entries that all predate both dates).

"Bad" and "good" are what the records mean in the built-in catalog (a penalty, an
accident, arrears, a breached commitment, a failed energy-saving assessment, a poor
evaluation, a black or key-attention list entry; a commendation, a good evaluation, an
exceeded energy-saving target, a red-list entry), not what a model's indicators say.
Before issue 11 both models failed the first property: one general penalty graded A /
AAA while a clean file graded B.
"""
import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ecredit

U = "91440101MA59U8YB6Y"
ENGINE = ecredit.Engine.default()
SCALES = {m["id"]: m["scale"] for m in ENGINE.models()}
MODELS = sorted(SCALES)
DOMAINS = ["electricity", "oil_gas", "pipeline", "renewable", "energy_saving"]
SCHEMES = ["nea_market_subject", "public_credit", "industry_association", "third_party"]

dates = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2026, 12, 31))


def _strategy(v):
    return v if isinstance(v, st.SearchStrategy) else st.just(v)


def _record(category, polarity, severity="", **attributes):
    return st.fixed_dictionaries({
        "category": st.just(category), "polarity": st.just(polarity), "severity": _strategy(severity),
        "decision_date": dates, "domain": st.sampled_from(DOMAINS),
        **{k: _strategy(v) for k, v in attributes.items()}})


bad_records = st.one_of(
    _record("admin_penalty", "bad", st.sampled_from(["minor", "general", "serious"])),
    _record("safety_incident", "bad", st.sampled_from(["general", "serious"]),
            incident_level=st.sampled_from(["general", "larger", "major", "especially_major", "pipeline_damage"])),
    _record("arrears", "bad", st.sampled_from(["minor", "general", "serious"]),
            malicious=st.sampled_from(["true", "false"])),
    _record("commitment_breach", "bad", "general"),
    _record("energy_saving", "neutral", result=st.sampled_from(["not_completed", "unqualified", "refused"])),
    _record("evaluation", "neutral", scheme=st.sampled_from(SCHEMES), grade=st.sampled_from(["c", "d"])),
    _record("evaluation", "neutral", scheme=st.just("nea_market_subject"), grade=st.sampled_from(["c", "d"]),
            veto=st.just("true")),
    _record("admin_penalty", "bad", "serious",
            veto_cause=st.sampled_from(["falsified_evaluation", "contract_fraud", "serious_violation"])),
)
good_records = st.one_of(
    _record("commendation", "good", level=st.sampled_from(["national", "provincial", "municipal", "district"])),
    _record("evaluation", "neutral", scheme=st.sampled_from(SCHEMES), grade=st.sampled_from(["aaa", "aa"])),
    _record("energy_saving", "neutral", result=st.just("exceeded")),
)


def _entry(kind):
    return st.builds(lambda inc, months, domain: {
        "list": kind, "domain": domain, "included_on": inc,
        **({"expires_on": inc + datetime.timedelta(days=30 * months)} if months else {})},
        dates, st.integers(0, 48), st.sampled_from(DOMAINS))


bad_entries = st.one_of(_entry("black"), _entry("key_attention"))
good_entries = _entry("red")

files = st.tuples(st.lists(st.one_of(bad_records, good_records), max_size=6),
                  st.lists(st.one_of(bad_entries, good_entries), max_size=2))


def registry(records, entries):
    recs = [dict(r, id=f"r{i}", uscc=U) for i, r in enumerate(records)]
    ents = [dict(e, id=f"l{i}", uscc=U) for i, e in enumerate(entries)]
    return ecredit.Registry.from_dicts(
        [{"uscc": U, "name": "甲", "kind": "legal_person", "domains": ["electricity"]}], recs, ents, engine=ENGINE)


def graded(model, records, entries, as_of):
    return ENGINE.grade(registry(records, entries), U, as_of, model=model)


def rank(model, grade):
    return SCALES[model].index(grade)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _with(model, base, extra, as_of):
    """The grade of the random file `base` as of `as_of`, before and after adding `extra`."""
    records, entries = base
    kind, x = extra
    before = graded(model, records, entries, as_of)
    after = graded(model, records + [x] if kind == "record" else records,
                   entries + [x] if kind == "list" else entries, as_of)
    return before, after


@pytest.mark.parametrize("model", MODELS)
@SETTINGS
@given(base=files, extra=st.one_of(bad_records.map(lambda r: ("record", r)), bad_entries.map(lambda e: ("list", e))),
       as_of=dates)
def test_a_bad_record_never_improves(model, base, extra, as_of):
    before, after = _with(model, base, extra, as_of)
    assert after.score <= before.score
    assert rank(model, after.grade) >= rank(model, before.grade), (before.trace, after.trace)


@pytest.mark.parametrize("model", MODELS)
@SETTINGS
@given(base=files, extra=st.one_of(good_records.map(lambda r: ("record", r)), good_entries.map(lambda e: ("list", e))),
       as_of=dates)
def test_a_good_record_never_worsens(model, base, extra, as_of):
    before, after = _with(model, base, extra, as_of)
    assert after.score >= before.score
    assert rank(model, after.grade) <= rank(model, before.grade), (before.trace, after.trace)


@pytest.mark.parametrize("model", MODELS)
@SETTINGS
@given(records=st.lists(bad_records, max_size=6), entries=st.lists(bad_entries, max_size=2),
       gap=st.integers(1, 60 * 31), later=st.integers(0, 60 * 31))
def test_time_past_a_bad_record_never_worsens(model, records, entries, gap, later):
    dated = [r["decision_date"] for r in records] + [e["included_on"] for e in entries]
    first = max(dated, default=datetime.date(2020, 1, 1)) + datetime.timedelta(days=later % 400)
    second = first + datetime.timedelta(days=gap)
    a = graded(model, records, entries, first)
    b = graded(model, records, entries, second)
    assert b.score >= a.score
    assert rank(model, b.grade) <= rank(model, a.grade), (a.trace, b.trace)


def test_the_defect_of_issue_11_is_gone():
    """The concrete case: a clean file against one general penalty six months earlier."""
    penalty = {"category": "admin_penalty", "polarity": "bad", "severity": "general",
               "decision_date": datetime.date(2024, 1, 1), "domain": "electricity"}
    for model in MODELS:
        clean = graded(model, [], [], datetime.date(2024, 7, 1))
        penalised = graded(model, [penalty], [], datetime.date(2024, 7, 1))
        assert rank(model, penalised.grade) >= rank(model, clean.grade), model
        assert any(t["kind"] == "bad_record_cap" for t in penalised.trace), model
