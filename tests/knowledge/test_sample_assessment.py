"""The sample assessment: a plausible manufacturer answered by four departments."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from knowledge import KnowledgeError, load_instrument, load_sample_assessment
from scoring.catalog import POOLS
from scoring.model import OrganizationProfile, Respondent

DONT_KNOW = "don't know"


def test_sample_assessment_uses_only_existing_question_ids() -> None:
    by_id = load_instrument().by_id
    unknown = [
        a["question_id"]
        for a in load_sample_assessment()["answers"]
        if a["question_id"] not in by_id
    ]
    assert unknown == []


def test_sample_assessment_has_four_respondents_in_four_departments() -> None:
    answers = load_sample_assessment()["answers"]
    people = {Respondent.model_validate(a["respondent"]) for a in answers}
    assert len(people) == 4
    assert {p.department for p in people} == {"Operations", "Finance", "People", "IT"}


def test_sample_assessment_each_respondent_answers_12_to_25() -> None:
    per_person = Counter(a["respondent"]["name"] for a in load_sample_assessment()["answers"])
    assert all(12 <= n <= 25 for n in per_person.values()), per_person


def test_sample_assessment_respondents_answer_questions_asked_of_their_role() -> None:
    roles = {"COO": {"ops", "exec"}, "CFO": {"finance", "exec"}, "CHRO": {"hr"}, "CIO": {"it"}}
    by_id = load_instrument().by_id
    for answer in load_sample_assessment()["answers"]:
        tags = roles[answer["respondent"]["role"]]
        assert tags.intersection(by_id[answer["question_id"]].ask), answer["question_id"]


def test_sample_assessment_several_inputs_answered_by_two_or_more() -> None:
    by_id = load_instrument().by_id
    people: defaultdict[str, set[str]] = defaultdict(set)
    for answer in load_sample_assessment()["answers"]:
        if answer["value"] != DONT_KNOW:
            people[by_id[answer["question_id"]].feeds].add(answer["respondent"]["name"])
    assert sum(len(names) >= 2 for names in people.values()) >= 5


def test_sample_assessment_has_dont_knows_and_evidence() -> None:
    answers = load_sample_assessment()["answers"]
    assert sum(a["value"] == DONT_KNOW for a in answers) >= 3
    assert sum(bool(a.get("evidence")) for a in answers) >= 8


def test_sample_assessment_organization_is_a_valid_profile() -> None:
    org = OrganizationProfile.model_validate(load_sample_assessment()["organization"])
    assert org.industry == "manufacturing"
    assert 50e6 <= org.revenue <= 200e6


def test_sample_assessment_leaves_downtime_pool_to_the_benchmark() -> None:
    pools = load_sample_assessment()["pools"]
    assert set(pools) <= set(POOLS)
    assert "downtime" not in pools
    assert len(pools) == 4


def test_sample_assessment_returns_a_fresh_copy() -> None:
    first = load_sample_assessment()
    first["answers"].clear()
    assert load_sample_assessment()["answers"]


def test_sample_assessment_bad_json_names_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"organization": ', encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"broken\.json: invalid JSON at line 1"):
        load_sample_assessment(path)


def test_sample_assessment_not_an_object_raises(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="expected a JSON object"):
        load_sample_assessment(path)


def test_sample_assessment_no_respondent_answers_one_input_twice() -> None:
    by_id = load_instrument().by_id
    pairs = [
        (a["respondent"]["name"], by_id[a["question_id"]].feeds)
        for a in load_sample_assessment()["answers"]
    ]
    assert len(pairs) == len(set(pairs))
