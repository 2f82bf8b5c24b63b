"""Respondents combine by a rule that ignores the order their answers arrive in, and one person
counts once per input however many of their answers feed it."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from scoring import ScoringInput, input_sha256, score
from tests.factories import make_input
from tools.analysis.assessment import read_assessment, to_scoring_input

SAMPLE = Path(__file__).parents[2] / "knowledge" / "samples" / "sample_manufacturer.json"


def _person(name: str, department: str) -> dict[str, str]:
    return {"name": name, "department": department}


def _output(inp: ScoringInput) -> str:
    return score(inp).model_dump_json()


def _reordered(inp: ScoringInput, shuffle: random.Random | None) -> ScoringInput:
    inputs = {}
    for key, observations in inp.inputs.items():
        rows = list(observations)
        if shuffle is None:
            rows.reverse()
        else:
            shuffle.shuffle(rows)
        inputs[key] = rows
    return inp.model_copy(update={"inputs": inputs})


def _sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text())
    return data


def test_the_sample_with_its_answers_reversed_scores_byte_identically() -> None:
    data = _sample()
    forward = to_scoring_input(read_assessment(data))
    backward_data = copy.deepcopy(data)
    backward_data["answers"].reverse()
    backward = to_scoring_input(read_assessment(backward_data))
    assert input_sha256(forward) == input_sha256(backward)
    assert _output(forward) == _output(backward)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_shuffle_of_each_inputs_respondents_gives_byte_identical_output(seed: int) -> None:
    inp = to_scoring_input(read_assessment(_sample()))
    assert any(len(v) > 1 for v in inp.inputs.values()), "the sample has several respondents"
    shuffled = _reordered(inp, random.Random(seed))
    assert input_sha256(shuffled) == input_sha256(inp)
    assert _output(shuffled) == _output(inp)


def test_who_said_which_pair_does_not_move_a_driver_beyond_noise() -> None:
    # Two people, exact values on both inputs of one driver. Pairing respondents by list
    # position made it matter who said what on the other input: (10 x 2 + 2 x 10) / 2 = 20
    # against (10 x 10 + 2 x 2) / 2 = 52. Dealt independently, both read E[x] E[y] = 36.
    def exact(value: float) -> dict[str, float]:
        return {"low": value, "likely": value, "high": value}

    ann, bo = _person("Ann", "Ops"), _person("Bo", "Finance")
    cost = [{"value": exact(1_000.0), "respondent": ann}]

    def driver(first: dict[str, str], second: dict[str, str]) -> float:
        inp = make_input(
            {
                "escalated_decisions_per_month": [
                    {"value": exact(10.0), "respondent": ann},
                    {"value": exact(2.0), "respondent": bo},
                ],
                "decision_wait_days": [
                    {"value": exact(2.0), "respondent": first},
                    {"value": exact(10.0), "respondent": second},
                ],
                "delay_cost_per_day": cost,
            },
            draws=20_000,
        )
        result = score(inp)
        domain = next(d for d in result.domains if d.key == "leadership_bandwidth")
        return next(d.mean for d in domain.drivers if d.key == "decision_latency")

    expected = 12 * 6.0 * 6.0 * 1_000.0
    one, other = driver(ann, bo), driver(bo, ann)
    assert one == pytest.approx(expected, rel=0.01)
    assert other == pytest.approx(expected, rel=0.01)


def test_each_person_weighs_the_same_however_many_rows_they_gave() -> None:
    ann, bo = _person("Ann", "Ops"), _person("Bo", "Finance")

    def exact(value: float) -> dict[str, float]:
        return {"low": value, "likely": value, "high": value}

    # Ann twice at 4, Bo once at 10: two people, so the mean is (4 + 10) / 2, not (4+4+10) / 3.
    inp = make_input(
        {
            "escalated_decisions_per_month": [
                {"value": exact(4.0), "respondent": ann},
                {"value": exact(4.0), "respondent": ann},
                {"value": exact(10.0), "respondent": bo},
            ],
            "decision_wait_days": [{"value": exact(1.0), "respondent": ann}],
            "delay_cost_per_day": [{"value": exact(1_000.0), "respondent": ann}],
        },
        draws=20_000,
    )
    result = score(inp)
    domain = next(d for d in result.domains if d.key == "leadership_bandwidth")
    latency = next(d for d in domain.drivers if d.key == "decision_latency")
    assert latency.mean == pytest.approx(12 * 7.0 * 1.0 * 1_000.0, rel=0.01)
    used = next(i for i in latency.inputs if i.key == "escalated_decisions_per_month")
    assert used.respondents == ["Ann (Ops)", "Bo (Finance)"]
    # The domain counts two people, not three voices.
    assert domain.respondents == 2


def test_one_person_on_two_questions_that_feed_one_input_is_counted_once() -> None:
    org = _sample()["organization"]
    ops = {"name": "Dana Ruiz", "role": "COO", "department": "Operations"}
    cfo = {"name": "Lee Park", "role": "CFO", "department": "Finance"}
    # Two questions feed the cost of a day's delay; Dana answers both, Lee one.
    answers = [
        {"question_id": "lb_delay_cost_ops", "value": "$2k a day", "respondent": ops},
        {"question_id": "lb_delay_cost_sales", "value": "$2.5k a day", "respondent": ops},
        {"question_id": "lb_delay_cost_sales", "value": "$20k a day", "respondent": cfo},
    ]
    inp = to_scoring_input(read_assessment({"organization": org, "answers": answers}))
    result = score(inp)
    leadership = next(d for d in result.domains if d.key == "leadership_bandwidth")
    assert leadership.respondents == 2
    # Dana's two answers are one view; she does not disagree with herself, and Lee disagrees
    # with her, once.
    found = [d for d in result.disagreements if d.key == "delay_cost_per_day"]
    assert len(found) == 1
    assert sorted(v.respondent for v in found[0].values) == ["Dana Ruiz", "Lee Park"]
    reversed_inp = to_scoring_input(
        read_assessment({"organization": org, "answers": list(reversed(answers))})
    )
    assert _output(reversed_inp) == score(inp).model_dump_json()


def test_a_person_alone_on_two_questions_reports_no_disagreement() -> None:
    org = _sample()["organization"]
    ops = {"name": "Dana Ruiz", "role": "COO", "department": "Operations"}
    answers = [
        {"question_id": "lb_delay_cost_ops", "value": "$2k a day", "respondent": ops},
        {"question_id": "lb_delay_cost_sales", "value": "$20k a day", "respondent": ops},
    ]
    result = score(to_scoring_input(read_assessment({"organization": org, "answers": answers})))
    assert [d for d in result.disagreements if d.key == "delay_cost_per_day"] == []
