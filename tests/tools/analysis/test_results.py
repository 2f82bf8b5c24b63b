"""Analysis tools: the store's current answers through the scoring core."""

from __future__ import annotations

import pytest
from factories import Workspace, make_input

from scoring import Observation, Respondent, ScoringInput, score
from scoring.explain import money
from tools import analysis
from tools import interview as iv
from tools.access import Caller
from tools.admin import attribution
from tools.errors import ForbiddenError, NotFoundError

WAIT = "lb_decision_wait"  # asked of Operations and Finance alike
WAIT_INPUT = "decision_wait_days"


def _interview(ws: Workspace, name: str, role: str, department: str) -> tuple[Caller, str]:
    person = ws.person(name, role=role, department=department)
    caller = ws.caller("respondent", person.id)
    return caller, iv.start_interview(ws.store, caller, respondent_id=person.id).id


def _answer(ws: Workspace, who: tuple[Caller, str], question_id: str, text: str) -> None:
    caller, interview_id = who
    iv.record_answer(ws.store, caller, interview_id, text=text, question_id=question_id)


def _who(observation: Observation) -> Respondent:
    assert observation.respondent is not None
    return observation.respondent


def _scoring_input(ws: Workspace) -> ScoringInput:
    with ws.store.read() as session:
        return analysis.scoring_input(session, ws.org.id)


def test_departments_far_apart_reported_as_disagreement(workspace: Workspace) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    cathy = _interview(workspace, "Cathy", "CFO", "Finance")
    _answer(workspace, olga, WAIT, "2 days")
    _answer(workspace, cathy, WAIT, "about 10 days")

    result = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)

    found = [d for d in result.disagreements if d.key == WAIT_INPUT]
    assert len(found) == 1
    said = {(v.respondent, v.department, v.value) for v in found[0].values}
    assert said == {("Olga", "Operations", 2.0), ("Cathy", "Finance", 10.0)}
    assert found[0].ratio == 5.0
    assert "Operations" in found[0].summary
    assert "Finance" in found[0].summary


def test_departments_close_together_not_a_disagreement(workspace: Workspace) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    cathy = _interview(workspace, "Cathy", "CFO", "Finance")
    _answer(workspace, olga, WAIT, "3 days")
    _answer(workspace, cathy, WAIT, "4 days")

    result = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)

    assert [d for d in result.disagreements if d.key == WAIT_INPUT] == []


def test_scoring_input_keeps_each_respondent_as_observation(workspace: Workspace) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    cathy = _interview(workspace, "Cathy", "CFO", "Finance")
    _answer(workspace, olga, WAIT, "3 days")
    _answer(workspace, cathy, WAIT, "3-5 days")

    inp = _scoring_input(workspace)

    # Each person reaches the core as their respondent id and department, never their name.
    observations = inp.inputs[WAIT_INPUT]
    assert [(_who(o).name, _who(o).department) for o in observations] == [
        (olga[0].respondent_id, "Operations"),
        (cathy[0].respondent_id, "Finance"),
    ]
    assert "Olga" not in inp.model_dump_json() and "COO" not in inp.model_dump_json()
    assert observations[0].point is True
    assert observations[0].value.likely == 3.0
    assert observations[1].point is False
    assert (observations[1].value.low, observations[1].value.high) == (3.0, 5.0)


def test_scoring_input_revised_answer_is_one_observation(workspace: Workspace) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    _answer(workspace, olga, WAIT, "3 days")
    _answer(workspace, olga, WAIT, "6 days")

    observations = _scoring_input(workspace).inputs[WAIT_INPUT]

    assert [o.value.likely for o in observations] == [6.0]


def test_scoring_input_two_phrasings_of_one_input_latest_wins(workspace: Workspace) -> None:
    person = workspace.person("Sam", role="VP Sales", department="Sales")
    caller = workspace.caller("respondent", person.id)
    state = iv.start_interview(
        workspace.store, caller, respondent_id=person.id, full_instrument=True
    )
    iv.record_answer(
        workspace.store, caller, state.id, text="8 a month", question_id="cf_handoff_failures"
    )
    iv.record_answer(
        workspace.store, caller, state.id, text="5 a month", question_id="cf_handoff_failures_sales"
    )

    observations = _scoring_input(workspace).inputs["handoff_failures_per_month"]

    assert [o.value.likely for o in observations] == [5.0]


@pytest.mark.parametrize("dont_know", [False, True])
def test_skipped_or_dont_know_input_rests_on_assumption(
    workspace: Workspace, dont_know: bool
) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    caller, interview_id = olga
    _answer(workspace, olga, WAIT, "3 days")
    iv.skip_question(
        workspace.store,
        caller,
        interview_id,
        question_id="lb_escalated_decisions",
        dont_know=dont_know,
    )

    inp = _scoring_input(workspace)
    result = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)

    assert "escalated_decisions_per_month" not in inp.inputs
    assumed = {a.key for a in result.assumptions}
    assert "escalated_decisions_per_month" in assumed
    assert WAIT_INPUT not in assumed


def test_dont_know_in_words_rests_on_assumption(workspace: Workspace) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    _answer(workspace, olga, WAIT, "no idea")

    result = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)

    assert WAIT_INPUT in {a.key for a in result.assumptions}


def test_score_organization_equals_core_score_of_scoring_input(workspace: Workspace) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    cathy = _interview(workspace, "Cathy", "CFO", "Finance")
    _answer(workspace, olga, WAIT, "2 days")
    _answer(workspace, cathy, WAIT, "10 days")
    _answer(workspace, cathy, "pl_expedite", "$1.2M a year")

    first = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)
    again = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)

    with workspace.store.read() as session:
        raw = score(analysis.scoring_input(session, workspace.org.id))
        expected = attribution.redact_score(
            raw, attribution.score_replacements(session, workspace.org.id)
        )
    # The same figures and hash; only the core's respondent ids read as names.
    assert first == expected
    assert first.input_sha256 == raw.input_sha256 and first.total == raw.total
    assert again.model_dump_json() == first.model_dump_json()


def test_score_changes_when_answers_change(workspace: Workspace) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    before = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)

    _answer(workspace, olga, WAIT, "20 days")
    after = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)

    assert after.input_sha256 != before.input_sha256
    assert after.total.mean != before.total.mean


def test_biggest_drag_is_top_ranked_domain(workspace: Workspace) -> None:
    respondent, _ = _interview(workspace, "Olga", "COO", "Operations")

    drag = analysis.biggest_drag(workspace.store, respondent)
    result = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)

    assert drag.domain == result.domains[0].key
    assert drag.mean == result.domains[0].mean
    assert drag.total_mean == result.total.mean
    assert drag.label in drag.headline()


def test_explain_domain_returns_that_domain(workspace: Workspace) -> None:
    drag = analysis.explain_domain(workspace.store, workspace.admin, "hiring_friction")

    assert drag.domain == "hiring_friction"
    assert drag.explanation


def test_explain_domain_unknown_domain_lists_keys(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="leadership_bandwidth"):
        analysis.explain_domain(workspace.store, workspace.admin, "vibes")


def test_score_organization_respondent_forbidden(workspace: Workspace) -> None:
    respondent, _ = _interview(workspace, "Olga", "COO", "Operations")

    with pytest.raises(ForbiddenError):
        analysis.score_organization(workspace.store, respondent, workspace.org.id)


def test_list_answers_with_and_without_history(workspace: Workspace) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    cathy = _interview(workspace, "Cathy", "CFO", "Finance")
    _answer(workspace, olga, WAIT, "3 days")
    _answer(workspace, olga, WAIT, "4 days")
    _answer(workspace, cathy, WAIT, "2 days")

    history = analysis.list_answers(workspace.store, workspace.admin, workspace.org.id)
    current = analysis.list_answers(
        workspace.store, workspace.admin, workspace.org.id, history=False
    )

    assert [(r.respondent, r.raw_text) for r in history] == [
        ("Olga", "3 days"),
        ("Olga", "4 days"),
        ("Cathy", "2 days"),
    ]
    assert [(r.respondent, r.department, r.raw_text) for r in current] == [
        ("Olga", "Operations", "4 days"),
        ("Cathy", "Finance", "2 days"),
    ]
    row = current[0]
    assert (row.question_id, row.domain, row.kind, row.channel) == (
        WAIT,
        "leadership_bandwidth",
        "answer",
        "api",
    )
    assert row.value is not None
    assert row.value["likely"] == 4.0


@pytest.mark.parametrize("role", ["viewer", "respondent"])
def test_list_answers_without_read_answers_forbidden(workspace: Workspace, role: str) -> None:
    person = workspace.person("Olga")
    caller = workspace.caller(role, person.id if role == "respondent" else None)

    with pytest.raises(ForbiddenError):
        analysis.list_answers(workspace.store, caller, workspace.org.id)


def test_analysis_isolated_between_orgs(workspace: Workspace, other_workspace: Workspace) -> None:
    olga = _interview(workspace, "Olga", "COO", "Operations")
    _answer(workspace, olga, WAIT, "30 days")
    theirs = _interview(other_workspace, "Otto", "COO", "Operations")
    _answer(other_workspace, theirs, WAIT, "1 day")
    store, mine, other = workspace.store, workspace.admin, other_workspace.org.id

    for call in (
        lambda: analysis.score_organization(store, mine, other),
        lambda: analysis.list_answers(store, mine, other),
    ):
        with pytest.raises(NotFoundError):
            call()
    rows = analysis.list_answers(store, mine, workspace.org.id)
    assert [(r.respondent, r.raw_text) for r in rows] == [("Olga", "30 days")]
    observations = _scoring_input(workspace).inputs[WAIT_INPUT]
    assert [_who(o).name for o in observations] == [olga[0].respondent_id]
    result = analysis.score_organization(store, mine, workspace.org.id)
    assert result.organization == workspace.org.name


def test_biggest_drag_says_when_the_top_two_are_a_toss_up(workspace: Workspace) -> None:
    from assistant.engine import Engine

    # Benchmarks alone leave the ranking wide open.
    drag = analysis.biggest_drag(workspace.store, workspace.admin)
    result = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)
    first, second = result.domains[0], result.domains[1]
    assert first.rank_probability < analysis.TOSS_UP

    assert drag.toss_up and drag.close_behind == second.label
    assert drag.rank_probability == first.rank_probability
    reply = Engine(workspace.store).ask(workspace.admin, "what's our biggest drag?")
    assert f"ranks 1st in only {first.rank_probability:.0%} of simulations" in reply
    assert second.label in reply and "toss-up" in reply
    # Benchmarks alone sit above the material-leakage band: the reply says so.
    assert result.plausibility is not None
    assert result.plausibility.status in ("above_band", "above_ceiling")
    assert drag.plausibility is not None
    assert "*Plausibility*: " in reply
    # The P10–P90 is the expected loss's; the reply names what a single bad year costs.
    annual = result.annual_loss
    assert annual is not None and drag.year_tail is not None
    one_in_100 = next(p for p in annual.exceedance if p.probability == 0.01)
    assert f"{money(one_in_100.loss, result.currency)} one year in a hundred" in reply


def test_biggest_drag_is_not_a_toss_up_when_the_rank_holds() -> None:
    from tools.analysis.results import _summary

    held = score(make_input({}, draws=500))
    top = held.domains[0].model_copy(update={"rank_probability": 0.95})
    summary = _summary(held, top)
    assert not summary.toss_up and summary.stability() == ""
