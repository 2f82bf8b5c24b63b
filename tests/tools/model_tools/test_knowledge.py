"""Knowledge tools in the registry and knowledge questions through the rules driver."""

from __future__ import annotations

from typing import Any

from factories import Workspace
from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool

from assistant.drivers.rules import RulesDriver
from assistant.engine import Engine
from tools import interview as iv
from tools.knowledge import KnowledgeService, Passage, search_knowledge
from tools.model_tools.registry import make_tools

STORY = "about 8 a month, mostly trucks leaving before the warehouse has staged the pallets"


def _call(tool: BaseTool, **args: Any) -> ToolMessage:
    message = tool.invoke({"name": tool.name, "args": args, "id": "1", "type": "tool_call"})
    assert isinstance(message, ToolMessage)
    return message


def _tools(ws: Workspace, caller: Any, knowledge: KnowledgeService) -> dict[str, BaseTool]:
    return {t.name: t for t in make_tools(store=ws.store, caller=caller, knowledge=knowledge)}


def _ops_story(ws: Workspace, knowledge: KnowledgeService) -> None:
    person = ws.person("Olga", role="COO", department="Operations")
    caller = ws.caller("respondent", person.id)
    interview = iv.start_interview(ws.store, caller, respondent_id=person.id)
    iv.record_answer(ws.store, caller, interview.id, text=STORY, question_id="cf_handoff_failures")
    assert knowledge.flush()


def test_search_knowledge_builds_index_on_first_use(knowledge: KnowledgeService) -> None:
    found = search_knowledge(knowledge, "what does handoff failure mean?")
    assert found[0].doc_id == "driver.handoff_failure"
    assert knowledge.index.knowledge_is_current()


def test_make_tools_adds_knowledge_tools_by_role(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    admin = _tools(workspace, workspace.admin, knowledge)
    assert {"search_knowledge", "find_evidence"} <= set(admin)
    respondent = workspace.caller("respondent", workspace.person("Rita").id)
    assert "search_knowledge" in _tools(workspace, respondent, knowledge)
    assert "find_evidence" not in _tools(workspace, respondent, knowledge)
    without = {t.name for t in make_tools(store=workspace.store, caller=workspace.admin)}
    assert not without & {"search_knowledge", "find_evidence"}


def test_search_knowledge_tool_returns_titles_and_passages(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    tool = _tools(workspace, workspace.admin, knowledge)["search_knowledge"]
    message = _call(tool, query="what is decision latency?")
    assert "Decision latency" in str(message.content)
    assert all(isinstance(p, Passage) for p in message.artifact)


def test_find_evidence_tool_quotes_with_speaker(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    _ops_story(workspace, knowledge)
    tool = _tools(workspace, workspace.admin, knowledge)["find_evidence"]
    message = _call(tool, query="handoffs to transport", department="Operations")
    assert STORY in str(message.content)
    assert "Olga, COO (Operations)" in str(message.content)


def test_explain_domain_tool_text_carries_quotes(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    _ops_story(workspace, knowledge)
    tool = _tools(workspace, workspace.admin, knowledge)["explain_domain"]
    message = _call(tool, domain="cross_functional_alignment")
    assert "What respondents said" in str(message.content)
    assert "Olga, COO (Operations)" in str(message.content)


def test_rules_driver_answers_definitions_and_evidence(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    _ops_story(workspace, knowledge)
    engine = Engine(workspace.store, RulesDriver(workspace.store, knowledge=knowledge))

    defined = engine.ask(workspace.admin, "what is decision latency?")
    assert defined.startswith("*Decision latency* (driver, Leadership Bandwidth)")
    said = engine.ask(workspace.admin, "what did ops say about handoffs to transport?")
    assert STORY in said
    assert "Olga, COO (Operations)" in said
    nobody = engine.ask(workspace.admin, "what did finance say about handoffs?")
    assert "Nobody has said anything" in nobody
    assert "from Finance" in nobody
    why = engine.ask(workspace.admin, "why cross-functional?")
    assert "What people said" in why


def test_rules_driver_without_index_says_search_is_unavailable(workspace: Workspace) -> None:
    engine = Engine(workspace.store, RulesDriver(workspace.store))
    assert engine.ask(workspace.admin, "what is decision latency?").startswith(
        "Search is unavailable"
    )
