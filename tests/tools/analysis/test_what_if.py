"""The what_if tool a model calls: figures from the scoring core, errors it can act on."""

from __future__ import annotations

from typing import Any

from factories import Workspace
from langchain_core.messages import ToolMessage

from scoring.what_if import WhatIfResult
from tools.model_tools.registry import make_tools


def _call(ws: Workspace, role: str, **args: Any) -> ToolMessage:
    person = ws.person("Pat", role="COO").id if role == "respondent" else None
    caller = ws.caller(role, person)
    tool = {t.name: t for t in make_tools(store=ws.store, caller=caller)}["what_if"]
    call = {"name": "what_if", "args": args, "id": "call-1", "type": "tool_call"}
    message = tool.invoke(call)
    assert isinstance(message, ToolMessage)
    return message


def test_what_if_tool_prices_a_change_for_any_role(workspace: Workspace) -> None:
    # Reconciling hours feed one driver, on no pool's line and netted against nothing.
    message = _call(
        workspace, "respondent", changes={"reconciliation_hours_per_week": "1 hour a week"}
    )

    assert isinstance(message.artifact, WhatIfResult)
    assert "Leadership Bandwidth" in str(message.content)
    moved = {d.key for d in message.artifact.domains if d.delta != 0}
    assert moved == {"leadership_bandwidth"}


def test_what_if_tool_unknown_input_is_an_error_naming_the_nearest(workspace: Workspace) -> None:
    message = _call(workspace, "viewer", changes={"decision_wait": 1})

    assert message.status == "error"
    assert "did you mean decision_wait_days" in str(message.content)
