"""Over the wire: langchain-openai's ChatOpenAI, built from OIAR_MODEL and OIAR_MODEL_BASE_URL,
against a local OpenAI-compatible stub. A whole interview completes with the answers in the
store; a failing or hanging server costs a bounded wait and the rules driver answers."""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from factories import make_workspace_of
from openai_stub import HANG, Stub, completion, openai_stub

from assistant.config import Settings
from assistant.drivers.llm import LLMDriver, ModelConfigError
from assistant.drivers.rules import RulesDriver
from assistant.engine import Engine, make_driver
from prompts import render
from tools import analysis

UNAVAILABLE = render("model_unavailable")


def interviewer(body: dict[str, Any]) -> dict[str, Any]:
    """Record the respondent's words; then say what the tool said (its figures only)."""
    last = body["messages"][-1]
    if last["role"] == "user":
        return completion(tool_calls=[{"name": "record_answer", "args": {"text": last["content"]}}])
    return completion(content=last["content"])


def settings_for(stub: Stub, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "model": "openai:any-model",
        "model_base_url": stub.url,
        "model_timeout_s": 5.0,
        "model_max_tokens": 300,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def start(store: Any, settings: Settings) -> tuple[Engine, Any, Any]:
    """(engine, respondent caller, opening turn); `engine.admin` reads the answers back."""
    ws = make_workspace_of(store)
    person = ws.person("Dana Ruiz", role="COO", department="Operations")
    caller = ws.caller("respondent", person.id)
    engine = Engine(store, make_driver(store, settings))
    engine.admin = ws.admin  # type: ignore[attr-defined]
    return engine, caller, engine.start(caller, respondent_id=person.id)


@pytest.fixture
def stub() -> Iterator[Stub]:
    with openai_stub(interviewer) as running:
        yield running


def test_whole_interview_over_the_wire_lands_in_the_store(store: Any, stub: Stub) -> None:
    engine, caller, turn = start(store, settings_for(stub))
    assert isinstance(engine.driver, LLMDriver)
    total = turn.progress.total

    while not turn.done:
        assert turn.question is not None
        turn = engine.turn(caller, turn.interview_id, turn.question.example)
        recorded = analysis.list_answers(store, engine.admin, caller.org_id, history=False)
        assert f"Recorded {recorded[-1].display}" in turn.reply

    assert turn.progress.answered == total
    assert len(analysis.list_answers(store, engine.admin, caller.org_id)) == total
    assert len(stub.requests) == 2 * total


def test_request_carries_role_filtered_tools_without_bound_identity(store: Any, stub: Stub) -> None:
    engine, caller, turn = start(store, settings_for(stub))

    engine.turn(caller, turn.interview_id, "about 15 a month")

    body = stub.requests[0]
    names = {t["function"]["name"] for t in body["tools"]}
    assert {"record_answer", "skip_question", "biggest_drag", "search_knowledge"} <= names
    assert "score_organization" not in names
    schemas = json.dumps(body["tools"])
    assert "org_id" not in schemas and "respondent_id" not in schemas
    assert caller.org_id not in json.dumps(body)
    assert body["model"] == "any-model"
    assert 300 in (body.get("max_completion_tokens"), body.get("max_tokens"))
    assert body["messages"][0]["role"] == "system"
    assert body["messages"][-1] == {"role": "user", "content": "about 15 a month"}


def test_server_errors_fall_back_to_rules_after_retries(sqlite_store: Any) -> None:
    with openai_stub(lambda body: 500) as failing:
        engine, caller, turn = start(sqlite_store, settings_for(failing))
        started = time.monotonic()
        turn = engine.turn(caller, turn.interview_id, "about 15 a month")
        elapsed = time.monotonic() - started

    assert len(failing.requests) == 3  # the first try and two retries
    assert elapsed < 3.0, elapsed
    assert turn.reply.startswith(UNAVAILABLE)
    assert "Recorded: 15 a month." in turn.reply
    assert turn.progress.answered == 1


def test_hanging_server_is_cut_at_the_turn_deadline(sqlite_store: Any) -> None:
    with openai_stub(lambda body: HANG) as hanging:
        engine, caller, turn = start(sqlite_store, settings_for(hanging, model_timeout_s=1.0))
        started = time.monotonic()
        turn = engine.turn(caller, turn.interview_id, "about 15 a month")
        elapsed = time.monotonic() - started

    assert elapsed < 2.0, elapsed
    assert turn.reply.startswith(UNAVAILABLE) and "Recorded: 15 a month." in turn.reply


def test_make_driver_rules_by_default(sqlite_store: Any) -> None:
    assert isinstance(make_driver(sqlite_store, Settings(_env_file=None)), RulesDriver)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ("gpt-4o-mini", "provider:model"),
        ("anthropic:claude-3-5-haiku-latest", r"pip install 'oiar\[anthropic\]'"),
    ],
)
def test_make_driver_bad_or_uninstalled_model_is_config_error(
    sqlite_store: Any, model: str, message: str
) -> None:
    if model.startswith("anthropic:") and importlib.util.find_spec("langchain_anthropic"):
        pytest.skip("langchain-anthropic is installed here")
    with pytest.raises(ModelConfigError, match=message):
        make_driver(sqlite_store, Settings(_env_file=None, model=model))  # type: ignore[call-arg]
