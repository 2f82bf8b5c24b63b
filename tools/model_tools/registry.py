"""LangChain tools over the tool functions, for a model driving the conversation.

`make_tools` binds the organization, respondent, role and interview server-side (closures), so
a model never sees or chooses them: its argument schemas hold only what a person said. Which
tools exist follows the caller's role. Domain errors come back as the tool's text (a
`ToolException` with `handle_tool_error=True`), so a model reads "couldn't find a number… for
example: 8 a month" and re-asks instead of crashing the turn.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Literal

from langchain_core.tools import BaseTool
from pydantic import Field

from scoring import ScoreResult
from scoring.what_if import WhatIfResult
from tools import rounds
from tools.access import PERMISSIONS, Caller
from tools.analysis import results as analysis
from tools.analysis import what_if as what_if_tools
from tools.analysis.results import DragSummary
from tools.errors import AnswerRejected, NotFoundError
from tools.governance.entries import EntryView
from tools.interview import handle as iv
from tools.interview.adaptive import AdaptiveEstimator
from tools.interview.handle import (
    InterviewHandle,
    InterviewView,
    PlannedQuestion,
    QuestionView,
    Recorded,
)
from tools.interview.turn import (
    Action,
    AddGovernanceEntry,
    Answer,
    Applied,
    Confirm,
    EntryRecorded,
    Rejected,
    Skip,
    TurnOutcome,
    apply_turn,
    preview_turn,
)
from tools.knowledge.service import KnowledgeService
from tools.model_tools import text as tool_text
from tools.model_tools.base import MAX_TEXT, DomainKey, NoArgs, ToolArgs, tool_from
from tools.model_tools.governance import CollectEntry, governance_tools
from tools.model_tools.knowledge import knowledge_tools
from tools.rounds import Trend
from tools.store.db import Store

__all__ = ["make_tools"]


# ---------------------------------------------------------------- argument schemas


class AnswerArgs(ToolArgs):
    text: str = Field(
        min_length=1,
        max_length=MAX_TEXT,
        description="The respondent's answer in their own words, e.g. 'about 3 days', "
        "'$40k a month', '2-5', 'weekly', \"don't know\".",
    )
    evidence: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="An example or fact the respondent gave to back the figure, if any.",
    )


class RecordArgs(AnswerArgs):
    question_id: str | None = Field(
        default=None,
        max_length=64,
        description="Only for an answer to another question of this interview than the one "
        "being asked now, e.g. 'lb_decision_wait' (list_questions shows the ids).",
    )


class ReviseArgs(AnswerArgs):
    question_id: str = Field(
        min_length=1,
        max_length=64,
        description="Id of the question whose answer changes, e.g. 'lb_decision_wait' "
        "(list_questions shows the ids).",
    )


class SkipArgs(ToolArgs):
    dont_know: bool = Field(
        default=False,
        description="True when the respondent does not know the figure; false when they "
        "prefer not to answer.",
    )


class DomainArgs(ToolArgs):
    domain: DomainKey = Field(description="The execution domain to explain.")


class WhatIfArgs(ToolArgs):
    changes: dict[str, float | str] = Field(
        min_length=1,
        max_length=80,
        description="Input key -> new value: a number in the input's unit or plain words "
        '("1 day", "2-4 a month"), e.g. {"decision_wait_days": 1}.',
    )


class ListQuestionsArgs(ToolArgs):
    domain: DomainKey | Literal["pools"] | None = Field(
        default=None,
        description="Only this domain's questions ('pools' for finance figures); omit for all.",
    )


# ---------------------------------------------------------------- tools


Opener = Callable[[bool], AbstractContextManager[InterviewHandle]]


def _store_opener(
    store: Store, caller: Caller, interview_id: str, estimator: AdaptiveEstimator | None
) -> Opener:
    """Each tool call is its own transaction."""

    def open_(write: bool) -> AbstractContextManager[InterviewHandle]:
        return iv.open_interview(store, caller, interview_id, write=write, estimator=estimator)

    return open_


Act = Callable[[Action], tuple[Recorded, InterviewView]]


def _store_act(
    store: Store, caller: Caller, interview_id: str, estimator: AdaptiveEstimator | None
) -> Act:
    """Each answer or skip is its own transaction."""

    def act(action: Action) -> tuple[Recorded, InterviewView]:
        outcome, _ = apply_turn(store, caller, interview_id, [action], estimator=estimator)
        return _recorded(outcome), outcome.state

    return act


def _collecting_act(
    store: Store,
    caller: Caller,
    interview_id: str,
    actions: list[Action],
    estimator: AdaptiveEstimator | None,
) -> Act:
    """Collect an action for the turn's one transaction, applied after the model is done.

    The model still learns what the action will do (the answer as read, or why it cannot be
    read, and the next question): the actions so far and this one are previewed in a
    transaction that is rolled back.
    """

    def act(action: Action) -> tuple[Recorded, InterviewView]:
        outcome = preview_turn(store, caller, interview_id, [*actions, action], estimator=estimator)
        recorded = _recorded(outcome)
        actions.append(action)
        return recorded, outcome.state

    return act


def _collecting_entry(
    store: Store,
    caller: Caller,
    interview_id: str,
    actions: list[Action],
    estimator: AdaptiveEstimator | None,
) -> CollectEntry:
    """Collect a governance entry for the turn's one transaction, previewed like an answer."""

    def collect(kind: str, text: str) -> EntryView:
        action = AddGovernanceEntry(kind, text)
        outcome = preview_turn(store, caller, interview_id, [*actions, action], estimator=estimator)
        last = outcome.outcomes[-1]
        if not isinstance(last, EntryRecorded):
            msg = f"expected a governance entry's outcome, got {type(last).__name__}"
            raise TypeError(msg)
        if last.entry is None:
            raise AnswerRejected(last.problem or "the entry cannot be read", example=last.example)
        actions.append(action)
        return last.entry

    return collect


def _recorded(outcome: TurnOutcome) -> Recorded:
    last = outcome.outcomes[-1]
    if isinstance(last, Rejected):
        raise AnswerRejected(last.message, example=last.example)
    if not isinstance(last, Applied):
        msg = f"expected an answer's or skip's outcome, got {type(last).__name__}"
        raise TypeError(msg)
    return last.recorded


def _interview_tools(open_: Opener, act: Act) -> list[BaseTool]:
    def next_question() -> tuple[str, InterviewView]:
        """The question to put to the respondent now, with an example answer and why it matters.

        Ask it in your own words but keep its meaning and unit. When the interview is
        complete, say so and offer the results instead.
        """
        with open_(False) as h:
            current = h.state()
        return tool_text.state_text(current), current

    def record_answer(
        text: str, evidence: str | None = None, question_id: str | None = None
    ) -> tuple[str, Recorded]:
        """Record the respondent's answer to the question being asked now.

        Pass their words as they said them: the tool reads numbers, ranges, units and
        "don't know" itself, so do not convert or guess. If the answer cannot be read, the
        result says why and gives an example: ask again. The result also gives the next
        question. When one message answers several questions, call it once per answer.

        Args:
            text: The respondent's answer in their own words, e.g. "about 3 days".
            evidence: An example or fact the respondent gave to back the figure, if any.
            question_id: Only for an answer to another question of this interview than the
                one being asked now (ids are in list_questions); omit otherwise.
        """
        try:
            recorded, state = act(Answer(text, question_id=question_id, evidence=evidence))
        except NotFoundError as exc:
            msg = f"{exc}. Call list_questions for the ids of this interview's questions."
            raise NotFoundError(msg) from exc
        return tool_text.recorded_text(recorded, state), recorded

    def revise_answer(
        question_id: str, text: str, evidence: str | None = None
    ) -> tuple[str, Recorded]:
        """Change the respondent's answer to an earlier question ("make that 5 days").

        The earlier answer is kept in the audit history; the new one becomes current.

        Args:
            question_id: Id of the question to change, e.g. "lb_decision_wait"; call
                list_questions to see the ids and current answers.
            text: The new answer in the respondent's own words.
            evidence: An example or fact backing the figure, if any.
        """
        return record_answer(text, evidence, question_id)

    def skip_question(dont_know: bool = False) -> tuple[str, Recorded]:
        """Skip the question being asked now, when the respondent passes or does not know.

        The figure is then left to a benchmark assumption, flagged as such in the results.

        Args:
            dont_know: True when the respondent does not know; false when they would rather
                not answer.
        """
        recorded, state = act(Skip(dont_know=dont_know))
        return tool_text.recorded_text(recorded, state), recorded

    def confirm_answer() -> tuple[str, Recorded]:
        """Count the figure a record_answer held for confirmation, once the respondent has
        said it is right (for example "yes, 30 days"). Never call it without their yes.
        """
        recorded, state = act(Confirm())
        return tool_text.recorded_text(recorded, state), recorded

    def interview_status() -> tuple[str, InterviewView]:
        """Where the interview stands: answered, skipped and remaining questions, and the
        question being asked now. Use it when the respondent asks how far along they are.
        """
        return next_question()

    def list_questions(domain: str | None = None) -> tuple[str, list[PlannedQuestion]]:
        """This interview's questions in order, with their ids and current answers.

        Use it to find the id of a question the respondent wants to change.

        Args:
            domain: Only this domain's questions ('pools' for finance figures); omit for all.
        """
        with open_(False) as h:
            rows = h.planned()
        if domain is not None:
            rows = [r for r in rows if r.question.domain == domain]
        return tool_text.planned_text(rows), rows

    return [
        tool_from(next_question, NoArgs),
        tool_from(record_answer, RecordArgs),
        tool_from(revise_answer, ReviseArgs),
        tool_from(skip_question, SkipArgs),
        tool_from(confirm_answer, NoArgs),
        tool_from(interview_status, NoArgs),
        tool_from(list_questions, ListQuestionsArgs),
    ]


def _result_tools(
    store: Store, caller: Caller, knowledge: KnowledgeService | None
) -> list[BaseTool]:
    def biggest_drag() -> tuple[str, DragSummary]:
        """The execution domain that costs the organization most: dollars a year with its
        P10–P90 range, basis points of revenue, the driver behind it and the explanation.
        Use it for "what's our biggest drag?" and quote its figures, never your own.
        """
        drag = analysis.biggest_drag(store, caller, knowledge=knowledge)
        return tool_text.drag_text(drag), drag

    def explain_domain(domain: str) -> tuple[str, DragSummary]:
        """One execution domain's cost, range, drivers and explanation: why it ranks where it
        does. Use it for "why is that first?" or questions about one area.

        Args:
            domain: The domain key, e.g. "leadership_bandwidth" or "hiring_friction".
        """
        drag = analysis.explain_domain(store, caller, domain, knowledge=knowledge)
        return tool_text.drag_text(drag), drag

    def what_if(changes: dict[str, float | str]) -> tuple[str, WhatIfResult]:
        """Re-price the ranking with some inputs changed ("what if approvals took 1 day?"):
        the new ranking and each domain's exact change. Quote its figures, never your own.

        Args:
            changes: Input key -> new value, e.g. {"decision_wait_days": 1}; a question's
                `feeds` (list_questions) names the input it sets.
        """
        result = what_if_tools.what_if_for_chat(store, caller, changes)
        changed = what_if_tools.describe_overrides(result)
        return what_if_tools.what_if_text(result, changes=changed), result

    def drag_trend() -> tuple[str, Trend]:
        """Whether the drag is shrinking: OIaR per closed assessment round, and between the
        last two the change per domain, how sure it is that it fell, and which answers moved
        it. Use it for "is our drag shrinking?" or "what changed since last quarter?" and
        quote its figures, never your own.
        """
        built = rounds.trend(store, caller, caller.org_id, detail=False)
        return built.summary, built

    return [
        tool_from(biggest_drag, NoArgs),
        tool_from(drag_trend, NoArgs),
        tool_from(explain_domain, DomainArgs),
        tool_from(what_if, WhatIfArgs),
    ]


def _score_tool(store: Store, caller: Caller) -> BaseTool:
    def score_organization() -> tuple[str, ScoreResult]:
        """The organization's full Operating Income at Risk: the total and all nine domains
        ranked, with ranges and confidence, how many inputs rest on assumptions, and where
        departments disagree. Use it for an overview or a ranking.
        """
        result = analysis.score_organization(store, caller, caller.org_id)
        return tool_text.score_text(result), result

    return tool_from(score_organization, NoArgs)


def _instrument_tool() -> BaseTool:
    def list_questions(domain: str | None = None) -> tuple[str, list[QuestionView]]:
        """The interview questions the assessment asks, with their ids and domains.

        Args:
            domain: Only this domain's questions ('pools' for finance figures); omit for all.
        """
        questions = iv.instrument_questions(domain)
        return tool_text.instrument_text(questions), questions

    return tool_from(list_questions, ListQuestionsArgs)


def make_tools(
    *,
    store: Store,
    caller: Caller,
    interview_id: str | None = None,
    knowledge: KnowledgeService | None = None,
    actions: list[Action] | None = None,
    estimator: AdaptiveEstimator | None = None,
) -> list[BaseTool]:
    """The tools a model may call for this caller, bound to their organization and interview.

    Args:
        store: The workspace store the tools act on.
        caller: Who is asking, from their credential; never from message text.
        interview_id: The interview being conducted, if any: its tools appear only with one,
            and only for roles that may interview.
        knowledge: The knowledge and evidence index: adds search_knowledge (every role) and
            find_evidence (roles that may read score detail), and quotes in explanations.
        actions: With `interview_id`, the turn's action list: answers and skips are then
            previewed (nothing written) and appended to it, for the caller to apply in one
            transaction once the model is done; reads are short transactions of their own.
        estimator: Picks the next question by value of information (else the plan's order).
    """
    can = {name: caller.role in roles for name, roles in PERMISSIONS.items()}
    tools: list[BaseTool] = []
    if interview_id is not None and can["interview"]:
        if actions is not None:
            opener = _store_opener(store, caller, interview_id, estimator)
            act = _collecting_act(store, caller, interview_id, actions, estimator)
        else:
            opener = _store_opener(store, caller, interview_id, estimator)
            act = _store_act(store, caller, interview_id, estimator)
        tools += _interview_tools(opener, act)
    else:
        tools.append(_instrument_tool())
    if can["read_score_detail"]:
        tools.append(_score_tool(store, caller))
    if can["read_results"]:
        tools += _result_tools(store, caller, knowledge)
    collect = None
    if actions is not None and interview_id is not None:
        collect = _collecting_entry(store, caller, interview_id, actions, estimator)
    tools += governance_tools(store, caller, collect=collect)
    if knowledge is not None:
        tools += knowledge_tools(knowledge, store, caller)
    return tools
