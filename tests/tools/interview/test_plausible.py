"""An answer that alone would price its driver at a large share of revenue waits for a yes."""

from __future__ import annotations

from factories import Workspace

from assistant.engine import Engine
from tools import analysis
from tools import interview as iv
from tools.access import Caller

QUESTION = "lb_escalated_decisions"  # feeds escalated_decisions_per_month (decision latency)


def _start(ws: Workspace, name: str = "Olga") -> tuple[Engine, Caller, str]:
    person = ws.person(name, role="COO", department="Operations")
    caller = ws.caller("respondent", person.id)
    engine = Engine(ws.store)
    turn = engine.start(caller, respondent_id=person.id)
    assert turn.question is not None and turn.question.id == QUESTION
    return engine, caller, turn.interview_id


def _counted(ws: Workspace) -> list[float]:
    with ws.store.read() as session:
        inp = analysis.scoring_input(session, ws.org.id)
    return [o.value.likely for o in inp.inputs.get("escalated_decisions_per_month", [])]


def test_an_implausible_figure_is_held_not_counted_until_the_respondent_says_yes(
    workspace: Workspace,
) -> None:
    engine, caller, interview = _start(workspace)

    held = engine.turn(caller, interview, "3000")

    assert "That prices decision latency at $" in held.reply and "of revenue" in held.reply
    assert "Say *yes* to keep 3,000 a month" in held.reply
    assert held.question is not None and held.question.id == QUESTION
    assert held.progress.answered == 0
    assert _counted(workspace) == []  # the board figure does not move on an unconfirmed figure

    kept = engine.turn(caller, interview, "yes")

    assert kept.reply.startswith("Recorded: 3,000 a month")
    assert kept.progress.answered == 1 and kept.question is not None
    assert kept.question.id != QUESTION
    assert _counted(workspace) == [3000.0]
    record = iv.get_record(workspace.store, caller, interview)
    # Both the figure and the yes are kept: the held answer, then the confirmed one.
    kinds = [(a.kind, a.raw_text) for a in record.answers if a.question_id == QUESTION]
    assert kinds[-1] == ("answer", "3000")


def test_repeating_the_figure_confirms_it_and_another_figure_replaces_it(
    workspace: Workspace,
) -> None:
    engine, caller, interview = _start(workspace)
    engine.turn(caller, interview, "3000")

    again = engine.turn(caller, interview, "3,000 a month")
    assert again.reply.startswith("Recorded: 3,000 a month")
    assert _counted(workspace) == [3000.0]

    other_engine, other, second = _start(workspace, "Cathy")
    other_engine.turn(other, second, "3000")
    fixed = other_engine.turn(other, second, "30")
    assert fixed.reply.startswith("Recorded: 30 a month")
    assert sorted(_counted(workspace)) == [30.0, 3000.0]


def test_a_plausible_figure_is_recorded_at_once(workspace: Workspace) -> None:
    engine, caller, interview = _start(workspace)
    turn = engine.turn(caller, interview, "8")
    assert turn.reply.startswith("Recorded: 8 a month") and turn.progress.answered == 1


def test_a_button_answer_shows_the_warning_and_a_typed_yes_keeps_it(
    workspace: Workspace,
) -> None:
    engine, caller, interview = _start(workspace)

    chose = engine.choose(caller, interview, question_id=QUESTION, choice="answer", value="3000")

    assert chose.recorded is not None and chose.recorded.kind == "unconfirmed"
    assert chose.reply.startswith("That prices decision latency")
    assert chose.state.awaiting_confirmation and chose.state.pending is not None
    assert chose.state.pending.id == QUESTION
    assert engine.turn(caller, interview, "correct").progress.answered == 1
