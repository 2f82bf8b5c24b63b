"""The packaged interview instrument agrees with the scoring catalog and reaches every role."""

from __future__ import annotations

from collections import Counter

import pytest

from knowledge import (
    DOMAIN_PREFIXES,
    POOLS_DOMAIN,
    ROLE_TAGS,
    KnowledgeError,
    catalog_problems,
    load_instrument,
)
from knowledge.questions import TYPE_FOR_KIND
from scoring.catalog import DOMAINS, INPUTS


def test_instrument_every_input_fed_by_a_question() -> None:
    assert load_instrument().unfed_inputs() == []


def test_instrument_every_question_feeds_a_real_input() -> None:
    unknown = [q.id for q in load_instrument().questions if q.feeds not in INPUTS]
    assert unknown == []


def test_instrument_questions_match_catalog_type_unit_and_direction() -> None:
    for q in load_instrument().questions:
        spec = INPUTS[q.feeds]
        assert q.type == TYPE_FOR_KIND[spec.kind], q.id
        assert q.unit == spec.unit, q.id
        assert q.worse_when == spec.worse_when, q.id
        assert catalog_problems(q) == [], q.id


def test_instrument_bounds_within_input_bounds() -> None:
    for q in load_instrument().questions:
        spec = INPUTS[q.feeds]
        low, high = q.bounds
        assert spec.low_bound <= low <= high, q.id
        assert spec.high_bound is None or high <= spec.high_bound, q.id


def test_instrument_ids_unique_and_prefixed_by_domain() -> None:
    questions = load_instrument().questions
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    for q in questions:
        assert q.id.startswith(DOMAIN_PREFIXES[q.domain]), q.id


def test_instrument_size_in_target_range() -> None:
    assert 65 <= len(load_instrument().questions) <= 75


def test_instrument_every_domain_has_questions() -> None:
    instrument = load_instrument()
    for domain in (*(d.key for d in DOMAINS), POOLS_DOMAIN):
        assert instrument.for_domain(domain), domain


@pytest.mark.parametrize("tag", ROLE_TAGS)
def test_instrument_role_tag_sees_15_to_25_questions(tag: str) -> None:
    assert 15 <= len(load_instrument().for_roles([tag])) <= 25


def test_instrument_no_text_questions_in_v1() -> None:
    assert all(q.type != "text" for q in load_instrument().questions)


def test_instrument_choice_questions_have_increasing_values() -> None:
    choices = [q for q in load_instrument().questions if q.type == "choice"]
    assert {q.feeds for q in choices} == {"decision_cadence_days", "operational_response_days"}
    for q in choices:
        values = [c.value for c in q.choices]
        assert values == sorted(values) and len(set(values)) == len(values), q.id


def test_instrument_cadence_choices_are_days_between_meetings() -> None:
    q = load_instrument().by_id["oa_decision_cadence"]
    assert {c.label: c.value for c in q.choices} == {
        "Daily": 1,
        "Twice a week": 3.5,
        "Weekly": 7,
        "Every two weeks": 14,
        "Monthly": 30,
        "Quarterly": 91,
    }


def test_instrument_share_questions_name_their_pool() -> None:
    pool_words = {
        "expedite": "expedite",
        "scrap_rework": "scrap",
        "overtime": "overtime",
        "penalties": "penalties",
        "downtime": "downtime",
    }
    claims = {
        "approval_expedite_share": "expedite",
        "sequencing_expedite_share": "expedite",
        "incentive_expedite_share": "expedite",
        "kpi_conflict_penalty_share": "penalties",
        "exception_penalty_share": "penalties",
        "vacancy_overtime_share": "overtime",
        "training_defect_share": "scrap_rework",
        "rework_loop_share": "scrap_rework",
        "repeat_downtime_share": "downtime",
        "supplier_downtime_share": "downtime",
    }
    for q in load_instrument().questions:
        if q.feeds in claims:
            assert q.text.startswith("Of your"), q.id
            assert pool_words[claims[q.feeds]] in q.text.lower(), q.id


def test_instrument_for_roles_orders_by_priority() -> None:
    priorities = [q.priority for q in load_instrument().for_roles(["ops", "exec"])]
    assert priorities == sorted(priorities)


def test_instrument_for_roles_unknown_tag_raises() -> None:
    with pytest.raises(KnowledgeError, match="unknown role tag"):
        load_instrument().for_roles(["marketing"])


def test_instrument_for_domain_unknown_key_raises() -> None:
    with pytest.raises(KnowledgeError, match="unknown domain"):
        load_instrument().for_domain("culture")


def test_instrument_by_id_is_read_only() -> None:
    by_id = load_instrument().by_id
    with pytest.raises(TypeError):
        by_id["x"] = by_id["lb_escalated_decisions"]  # type: ignore[index]


def test_instrument_load_is_cached() -> None:
    assert load_instrument() is load_instrument()


def test_instrument_pool_questions_come_first() -> None:
    questions = load_instrument().questions
    first_domains = Counter(q.domain for q in questions[:6])
    assert first_domains == {POOLS_DOMAIN: 6}


@pytest.mark.parametrize("tag", ROLE_TAGS)
def test_instrument_role_tag_never_asked_one_input_twice(tag: str) -> None:
    feeds = [q.feeds for q in load_instrument().for_roles([tag])]
    assert len(feeds) == len(set(feeds))


def test_instrument_for_roles_one_per_input_prefers_main_role_phrasing() -> None:
    instrument = load_instrument()
    coo = instrument.for_roles(["ops", "exec"], one_per_input=True)
    feeds = [q.feeds for q in coo]
    assert len(feeds) == len(set(feeds))
    ids = {q.id for q in coo}
    assert "lb_delay_cost_ops" in ids and "lb_delay_cost" not in ids
    cfo = {q.id for q in instrument.for_roles(["finance", "exec"], one_per_input=True)}
    assert "lb_delay_cost" in cfo and "lb_delay_cost_ops" not in cfo
