"""The LLM driver's turn with a scripted model: tool calls land in the store, replies confirm
them, and the bounds (tool calls, time, figures) hold."""

from __future__ import annotations

import threading
import time
from typing import Any

from langchain_core.exceptions import ModelAPIError, ModelAuthenticationError
from langchain_core.messages import BaseMessage
from llm_fakes import ScriptedChatModel, call, calls, last_tool_text, say, tool_results
from llm_world import interview

from assistant.drivers.llm import LLMDriver, ModelLimits
from prompts import render
from tools import interview as ivt
from tools.store import Store

UNAVAILABLE = render("model_unavailable")


def echo_tool(messages: list[BaseMessage]) -> Any:
    """Reply with what the last tool said: every figure in it is the tool's."""
    return say(last_tool_text(messages))


def test_respond_records_answer_and_confirms_it(sqlite_store: Store) -> None:
    model = ScriptedChatModel(script=[call("record_answer", text="about 15 a month"), echo_tool])
    iv = interview(sqlite_store, model)

    turn = iv.turn("oh, about 15 a month I'd say")

    assert [a.display for a in iv.answers()] == ["15 a month"]
    assert "15 a month" in turn.reply
    assert turn.progress.answered == 1
    assert turn.question is not None and turn.question.text in turn.reply


def test_respond_without_confirmation_gets_one_added(sqlite_store: Store) -> None:
    model = ScriptedChatModel(
        script=[call("record_answer", text="about 15"), say("Thanks! Next one.")]
    )
    iv = interview(sqlite_store, model)

    turn = iv.turn("about 15")

    assert turn.reply.startswith("Recorded: 15 a month.")
    assert turn.reply.endswith("Thanks! Next one.")


def test_respond_extracts_several_answers_from_one_message(sqlite_store: Store) -> None:
    model = ScriptedChatModel()
    iv = interview(sqlite_store, model)
    first = iv.first.question
    later = ivt.list_questions(sqlite_store, iv.caller, iv.id)[2].question
    assert first is not None
    model.script = [
        calls(
            ("record_answer", {"text": "about 15 a month"}),
            ("record_answer", {"text": later.example, "question_id": later.id}),
        ),
        echo_tool,
    ]

    turn = iv.turn(f"15 a month, and for the other thing {later.example}")

    assert {a.question_id for a in iv.answers()} == {first.id, later.id}
    assert turn.progress.answered == 2
    assert "15 a month" in turn.reply and later.example.split()[0] in turn.reply


def test_respond_vague_answer_is_probed_not_recorded(sqlite_store: Store) -> None:
    model = ScriptedChatModel(
        script=[say("Roughly how many a month? For example: about 15 a month.")]
    )
    iv = interview(sqlite_store, model)

    turn = iv.turn("quite a lot really")

    assert iv.answers() == []
    assert turn.reply == "Roughly how many a month? For example: about 15 a month."
    assert turn.question == iv.first.question


def test_respond_tool_error_reaches_model_which_reasks(sqlite_store: Store) -> None:
    def reask(messages: list[BaseMessage]) -> Any:
        result = tool_results(messages)[-1]
        assert result.status == "error" and "For example" in str(result.content)
        return say("I couldn't read that as a number. Roughly how many a month?")

    model = ScriptedChatModel(script=[call("record_answer", text="banana"), reask])
    iv = interview(sqlite_store, model)

    turn = iv.turn("banana")

    assert iv.answers() == []
    assert "Roughly how many" in turn.reply


def test_respond_figure_no_tool_gave_is_replaced_by_tool_rendering(sqlite_store: Store) -> None:
    model = ScriptedChatModel(
        script=[
            call("record_answer", text="about 15 a month"),
            say("Recorded 15 a month: that's 180 escalations a year, costing about $2.4M."),
        ]
    )
    iv = interview(sqlite_store, model)

    turn = iv.turn("about 15 a month")

    assert "180" not in turn.reply and "2.4" not in turn.reply
    assert turn.reply.startswith("Recorded: 15 a month.")
    assert turn.question is not None and turn.question.text in turn.reply
    assert len(iv.answers()) == 1


def test_respond_tool_call_limit_stops_the_loop(sqlite_store: Store) -> None:
    model = ScriptedChatModel(then=call("interview_status"))
    limits = ModelLimits(timeout_s=5.0, max_tool_calls=3, max_tokens=256)
    iv = interview(sqlite_store, model, limits=limits)

    turn = iv.turn("about 15 a month")

    # Three calls ran, one more was refused, then the reply came from the rules driver.
    assert len(model.seen) == limits.max_tool_calls + 2
    assert "Recorded: 15 a month." in turn.reply
    assert UNAVAILABLE not in turn.reply


def test_respond_transient_errors_are_retried_with_backoff(sqlite_store: Store) -> None:
    pauses: list[float] = []
    model = ScriptedChatModel(
        script=[
            ModelAPIError("503 overloaded"),
            ModelAPIError("502 bad gateway"),
            call("record_answer", text="about 15 a month"),
            echo_tool,
        ]
    )
    iv = interview(sqlite_store, model, sleep=pauses.append)

    turn = iv.turn("about 15 a month")

    assert pauses == [0.25, 0.5]
    assert UNAVAILABLE not in turn.reply and "15 a month" in turn.reply


def test_respond_provider_failure_falls_back_to_rules_and_says_so(sqlite_store: Store) -> None:
    model = ScriptedChatModel(script=[ModelAuthenticationError("401 bad key")])
    iv = interview(sqlite_store, model)

    turn = iv.turn("about 15 a month")

    assert turn.reply.startswith(UNAVAILABLE)
    assert "Recorded: 15 a month." in turn.reply
    assert [a.display for a in iv.answers()] == ["15 a month"]


def test_respond_failure_after_recording_does_not_record_twice(sqlite_store: Store) -> None:
    model = ScriptedChatModel(
        script=[call("record_answer", text="about 15 a month"), ModelAuthenticationError("401")]
    )
    iv = interview(sqlite_store, model)

    turn = iv.turn("about 15 a month")

    assert turn.reply.startswith(UNAVAILABLE)
    assert "Recorded: 15 a month." in turn.reply
    assert len(iv.answers()) == 1 and turn.progress.answered == 1
    assert turn.question is not None and turn.question.text in turn.reply


def test_respond_hung_model_is_cut_at_the_deadline(sqlite_store: Store) -> None:
    def hang(messages: list[BaseMessage]) -> Any:
        time.sleep(3)
        return say("too late")

    limits = ModelLimits(timeout_s=0.5, max_tool_calls=4, max_tokens=256)
    iv = interview(sqlite_store, ScriptedChatModel(script=[hang]), limits=limits)

    started = time.monotonic()
    turn = iv.turn("about 15 a month")
    elapsed = time.monotonic() - started

    assert elapsed < 1.5, elapsed
    assert turn.reply.startswith(UNAVAILABLE) and "Recorded: 15 a month." in turn.reply


def test_respond_history_window_carries_the_transcript(sqlite_store: Store) -> None:
    model = ScriptedChatModel(then=say("Noted."))
    iv = interview(sqlite_store, model)

    iv.turn("hello there")
    iv.turn("second message")

    last = model.seen[-1]
    texts = [str(m.content) for m in last]
    assert texts[-1] == "second message"
    assert "hello there" in texts and "Noted." in texts
    assert iv.first.reply in texts  # the opening is in the transcript too


def test_opening_is_the_rules_welcome_without_a_model_call(sqlite_store: Store) -> None:
    model = ScriptedChatModel()
    iv = interview(sqlite_store, model)

    assert model.seen == []
    assert iv.first.question is not None and iv.first.question.text in iv.first.reply


def test_answer_question_quotes_tool_figures(sqlite_store: Store) -> None:
    model = ScriptedChatModel(script=[call("biggest_drag"), echo_tool])
    iv = interview(sqlite_store, model)

    reply = iv.engine.ask(iv.ws.admin, "what's our biggest drag?")

    assert "bps of revenue" in reply and "$" in reply
    assert "score_organization" in model.bound


def test_answer_question_invented_figure_replaced_by_tool_text(sqlite_store: Store) -> None:
    model = ScriptedChatModel(script=[call("biggest_drag"), say("It costs $9,999,999 a year.")])
    iv = interview(sqlite_store, model)

    reply = iv.engine.ask(iv.ws.admin, "what's our biggest drag?")

    assert "9,999,999" not in reply and "bps of revenue" in reply


def test_answer_question_provider_failure_uses_rules(sqlite_store: Store) -> None:
    model = ScriptedChatModel(script=[ModelAuthenticationError("401")])
    iv = interview(sqlite_store, model)

    reply = iv.engine.ask(iv.ws.admin, "what's our biggest drag?")

    assert reply.startswith(UNAVAILABLE) and "bps" in reply


def test_driver_built_from_scripted_model_is_llm_driver(sqlite_store: Store) -> None:
    iv = interview(sqlite_store, ScriptedChatModel())

    assert isinstance(iv.engine.driver, LLMDriver)


def test_respond_holds_no_write_lock_while_the_model_thinks(sqlite_store: Store) -> None:
    """While the model is thinking, another writer commits on the same interview at once; the
    answer the model asked for is only previewed until the model is done."""
    seen: dict[str, Any] = {}

    def think(messages: list[BaseMessage]) -> Any:
        def other_writer() -> None:
            ivt.log_messages(sqlite_store, world.caller, world.id, [("respondent", "ping")])
            seen["committed"] = True

        writer = threading.Thread(target=other_writer)
        writer.start()
        writer.join(timeout=3.0)
        seen["answers_while_thinking"] = world.answers()
        return say(last_tool_text(messages))

    model = ScriptedChatModel(script=[call("record_answer", text="about 15 a month"), think])
    world = interview(sqlite_store, model, limits=ModelLimits(timeout_s=20.0, max_tool_calls=4))

    turn = world.turn("about 15 a month")

    assert seen.get("committed") is True
    assert seen["answers_while_thinking"] == []
    assert [a.display for a in world.answers()] == ["15 a month"]
    assert "15 a month" in turn.reply
    transcript = ivt.get_record(sqlite_store, world.caller, world.id).transcript
    assert [m.text for m in transcript[-3:]] == ["ping", "about 15 a month", turn.reply]
