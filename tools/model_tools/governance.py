"""LangChain tools for execution governance, bound server-side like `tools.registry`'s.

A respondent in conversation can describe a failing handoff, a slow decision or the
constraint; the model records it in their name (never anyone else's). Roles that read score
detail get the governance outputs; facilitators and admins may enter initiatives.
"""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.tools import BaseTool
from pydantic import Field

from scoring.governance import GovernanceReport, InvestmentSequence
from tools.access import PERMISSIONS, Caller
from tools.admin import directory as admin
from tools.governance import entries as governance
from tools.governance import initiatives
from tools.governance.entries import EntryView
from tools.governance.initiatives import InitiativeView
from tools.governance.render import governance_text, investment_lines
from tools.governance.text import parse_cost, parse_reliefs
from tools.model_tools.base import NoArgs, ToolArgs, tool_from
from tools.store.db import Store

# (kind, words) -> the entry as it will be stored.
CollectEntry = Callable[[str, str], EntryView]

MAX_TEXT = 500


class EntryArgs(ToolArgs):
    text: str = Field(
        min_length=1,
        max_length=MAX_TEXT,
        description="What the respondent said, in the entry's plain-words form.",
    )


class InitiativeArgs(ToolArgs):
    name: str = Field(min_length=1, max_length=120, description="The initiative's name.")
    cost: str = Field(min_length=1, max_length=60, description="Its cost, e.g. '$60k'.")
    relieves: str = Field(
        min_length=1,
        max_length=MAX_TEXT,
        description="Driver keys and fractions, e.g. 'handoff_failure 40%, vacancy_drag 20%'.",
    )


def _entry_tools(
    store: Store,
    caller: Caller,
    respondent_id: str | None,
    collect: CollectEntry | None,
) -> list[BaseTool]:
    def own(kind: str, text: str) -> tuple[str, EntryView]:
        if collect is not None:
            # Previewed and kept for the turn's one transaction: its id is not known yet.
            entry = collect(kind, text)
            shown = ", ".join(f"{k}: {v}" for k, v in entry.data.items())
            return f"Recorded {kind}: {shown}.", entry
        entry = governance.add_entry(
            store, caller, caller.org_id, kind, text=text, respondent_id=respondent_id
        )
        shown = ", ".join(f"{k}: {v}" for k, v in entry.data.items())
        return f"Recorded {kind} {entry.id}: {shown}.", entry

    def record_seam(text: str) -> tuple[str, EntryView]:
        """Record a handoff between two functions that fails, as the respondent described it.

        Args:
            text: 'from -> to: failures a month, cost each, owner clear/unclear, KPI conflict,
                approvals take N days', e.g. 'Ops -> Transport: 6 a month, $4k each, owner
                unclear, KPI conflict, approvals take 2 days'.
        """
        return own("seam", text)

    def record_decision(text: str) -> tuple[str, EntryView]:
        """Record a decision type: who decides, how often, how long it takes, how long
        operations can wait.

        Args:
            text: 'type | decider | n a month | days to decide | days operations can wait',
                e.g. 'Capex approval | CFO | 1 a month | 25 days | 10 days'.
        """
        return own("decision", text)

    def name_constraint(text: str) -> tuple[str, EntryView]:
        """Record what the respondent says governs throughput, service, quality or cost.

        Args:
            text: 'stage | resource | throughput|service|quality|cost', e.g.
                'production | 400-ton press | throughput'.
        """
        return own("constraint", text)

    return [
        tool_from(record_seam, EntryArgs),
        tool_from(record_decision, EntryArgs),
        tool_from(name_constraint, EntryArgs),
    ]


def _read_tools(store: Store, caller: Caller) -> list[BaseTool]:
    def governance_view() -> tuple[str, GovernanceReport]:
        """The constraint and the drags on it, the seam-risk map, decision rights and cadence,
        the ranked initiatives and the AI-velocity view, every figure from the scoring core.
        """
        report = governance.report(store, caller, caller.org_id)
        return governance_text(report), report

    def rank_initiatives() -> tuple[str, InvestmentSequence]:
        """Initiatives ranked by OIaR relieved per dollar with payback; those that relieve
        neither the constraint nor a top-3 domain are flagged to pause."""
        report = governance.report(store, caller, caller.org_id)
        text = "\n".join(investment_lines(report.investments, report.score.currency))
        return text, report.investments

    return [tool_from(governance_view, NoArgs), tool_from(rank_initiatives, NoArgs)]


def _initiative_tool(store: Store, caller: Caller) -> BaseTool:
    def add_initiative(name: str, cost: str, relieves: str) -> tuple[str, InitiativeView]:
        """Enter an initiative the user named, with its cost and the drivers it relieves.

        Args:
            name: The initiative's name.
            cost: What it costs, e.g. '$60k'.
            relieves: Driver keys with fractions, e.g. 'handoff_failure 40%'.
        """
        currency = admin.get_org(store, caller, caller.org_id).currency
        view = initiatives.add_initiative(
            store,
            caller,
            caller.org_id,
            name=name,
            cost=parse_cost(cost, currency),
            relieves=parse_reliefs(relieves),
        )
        return f"Initiative {view.name} added ({view.id}).", view

    return tool_from(add_initiative, InitiativeArgs)


def governance_tools(
    store: Store,
    caller: Caller,
    *,
    collect: CollectEntry | None = None,
) -> list[BaseTool]:
    """The governance tools this caller's role allows.

    Args:
        collect: Inside a model's interview turn: previews an entry and keeps it for the
            turn's one transaction, applied once the model is done and attributed to the
            interview's respondent (raises AnswerRejected when the words cannot be read).
            Without it, an entry is written at once in the caller's own name.
    """
    can = {name: caller.role in roles for name, roles in PERMISSIONS.items()}
    tools: list[BaseTool] = []
    speaker = caller.respondent_id
    if can["enter_governance"] and (speaker is not None or collect is not None):
        tools += _entry_tools(store, caller, speaker, collect)
    if can["read_score_detail"]:
        tools += _read_tools(store, caller)
    if can["manage_initiatives"]:
        tools.append(_initiative_tool(store, caller))
    return tools
