"""Analysis tools: the organization's current answers through the scoring core.

Several respondents on one input reach the core as several observations (never averaged). A
respondent's latest event per question is their current answer; skips and don't-knows leave
the input to its benchmark assumption.
"""

from __future__ import annotations

from typing import Any, cast

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from knowledge import load_benchmarks, load_instrument
from scoring import DOMAINS, DomainResult, ScoreResult, ScoringInput, input_sha256, score
from scoring.explain import money
from scoring.governance import apply_governance
from scoring.model import DEFAULT_DRAWS
from scoring.plausibility import needs_attention, plausibility_text
from tools.access import Caller, require, require_org
from tools.admin import attribution
from tools.errors import NotFoundError
from tools.knowledge.service import KnowledgeService, Quote, domain_quotes
from tools.store import governance as governance_store
from tools.store import interviews as repo
from tools.store import orgs, people
from tools.store import rounds as rounds_store
from tools.store.db import Store
from tools.store.schema import AnswerEvent, Respondent
from tools.timestamps import UtcDatetime

# A domain holding its rank in fewer than this share of simulation draws is called a toss-up
# with its neighbour: below it, which of the two comes first is close to a coin flip.
TOSS_UP = 0.6


class DragSummary(BaseModel):
    """The answer to "what's our biggest drag?", every figure from the score."""

    domain: str
    label: str
    mean: float
    p10: float
    p90: float
    bps_of_revenue: float
    share_of_total: float
    confidence: str
    top_driver: str
    top_driver_mean: float
    explanation: str
    total_mean: float
    currency: str
    respondents: int
    rank: int = 1
    rank_probability: float = 1.0  # share of simulation draws in which it holds this rank
    top3_probability: float = 1.0
    # The domain ranked next, when this one holds its rank in fewer than TOSS_UP of draws.
    close_behind: str | None = None
    close_behind_mean: float | None = None
    # The plausibility verdict in words when the total is above the band or the ceiling.
    plausibility: str | None = None
    # A single year's tail across every domain (event-like drivers as whole events).
    year_tail: str | None = None
    # Up to three things respondents said about this domain, labelled by attribution; only
    # for roles that may read score detail, and only when a knowledge index is configured.
    quotes: list[Quote] = Field(default_factory=list)

    @property
    def toss_up(self) -> bool:
        return self.close_behind is not None

    def stability(self) -> str:
        """How firm the rank is, in words a board reads: empty when it is firm."""
        if self.close_behind is None or self.close_behind_mean is None:
            return ""
        return (
            f"The order is not settled: {self.label} ranks {_ordinal(self.rank)} in only "
            f"{self.rank_probability:.0%} of simulations, with {self.close_behind} close "
            f"({money(self.close_behind_mean, self.currency)} a year); treat the two as a "
            "toss-up until more answers come in."
        )

    def headline(self) -> str:
        cur = self.currency
        return (
            f"{self.label}: about {money(self.mean, cur)} a year "
            f"(P10–P90 {money(self.p10, cur)}–{money(self.p90, cur)}; "
            f"{self.bps_of_revenue:.0f} bps of revenue)"
        )


class AnswerRow(BaseModel):
    event_id: int
    # None, and `respondent` a department label, when the speaker is department-only.
    respondent_id: str | None
    respondent: str
    department: str | None
    question_id: str
    domain: str
    kind: str
    raw_text: str
    display: str | None
    value: dict[str, Any] | None
    channel: str
    created_at: UtcDatetime


def _observation(event: AnswerEvent, respondent: Respondent) -> dict[str, Any]:
    value = event.value or {}
    point = bool(value.get("point", True))
    number: Any = value["likely"] if point else {k: value[k] for k in ("low", "likely", "high")}
    # Neither name nor words: the core needs who (to count each person once) and where.
    return {"value": number, "respondent": people.scoring_identity(respondent)}


def scoring_input(
    session: Session,
    org_id: str,
    *,
    draws: int = DEFAULT_DRAWS,
    governance: bool = True,
    round_id: str | None = None,
) -> ScoringInput:
    """The scoring core's input built from the store's current answers (with `round_id`,
    the answers given in that round only).

    With `governance`, entered seams and decision types stand in for the aggregate answers
    they itemize (`scoring.governance.apply_governance`: replaced, never added).
    """
    org = orgs.get_org(session, org_id)
    if org is None:
        msg = f"organization {org_id!r} not found"
        raise NotFoundError(msg)
    instrument = load_instrument()
    respondents = {r.id: r for r in people.list_respondents(session, org_id)}
    # One observation per (respondent, input): the latest event wins when two questions feed it.
    latest: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    events = (
        repo.org_current_events(session, org_id)
        if round_id is None
        else rounds_store.round_current_events(session, org_id, round_id)
    )
    for event in events:
        question = instrument.by_id.get(event.question_id)
        if event.kind != "answer" or question is None or event.value is None:
            continue
        key = (event.respondent_id, question.feeds)
        if key not in latest or latest[key][0] < event.id:
            latest[key] = (event.id, _observation(event, respondents[event.respondent_id]))
    inputs: dict[str, list[dict[str, Any]]] = {}
    for (_, feeds), (_, observation) in sorted(latest.items(), key=lambda kv: kv[1][0]):
        inputs.setdefault(feeds, []).append(observation)
    profile = orgs.org_profile(org)
    inp = ScoringInput(
        organization=profile,
        inputs=inputs,
        benchmarks=load_benchmarks(profile.industry),
        draws=draws,
    )
    if not governance:
        return inp
    return apply_governance(inp, governance_store.governance_input(session, org_id))[0]


def cached_score(store: Store, inp: ScoringInput) -> ScoreResult:
    """Scores are pure functions of their input: reuse one while the answers stand still."""
    found = store.derived.get_or_compute(("score", input_sha256(inp)), lambda: score(inp))
    return cast(ScoreResult, found)


def score_organization(store: Store, caller: Caller, org_id: str) -> ScoreResult:
    """The full scoring output for the organization's current answers."""
    require_org(caller, org_id)
    require(caller, "read_score_detail")
    return _results(store, org_id)


def _results(store: Store, org_id: str) -> ScoreResult:
    return results_as_shown(store, org_id)


def results_as_shown(store: Store, org_id: str) -> ScoreResult:
    """The organization's score with department-only respondents shown by department.

    Server-side (no caller check): for callers that already checked, and background posts.
    """
    with store.read() as session:
        inp = scoring_input(session, org_id)
        hidden = attribution.score_replacements(session, org_id)
    return shown_score(store, inp, hidden)


def shown_score(store: Store, inp: ScoringInput, replacements: dict[str, str]) -> ScoreResult:
    """`cached_score` with names put in (`attribution.redact_score`), cached alike: the
    rewrite costs more than a cached score's lookup (measured 4 ms against 7 ms a read)."""
    key = ("shown", input_sha256(inp), tuple(sorted(replacements.items())))
    found = store.derived.get_or_compute(
        key, lambda: attribution.redact_score(cached_score(store, inp), replacements)
    )
    return cast(ScoreResult, found)


def results_for_chat(store: Store, caller: Caller) -> ScoreResult:
    """Scores for conversational answers (aggregates; any role of the organization)."""
    require(caller, "read_results")
    return _results(store, caller.org_id)


def _summary(result: ScoreResult, domain: DomainResult) -> DragSummary:
    top = domain.drivers[0]
    nearest = [d for d in result.domains if abs(d.rank - domain.rank) == 1]
    # The neighbour it most often trades places with: the next one down, or for the last,
    # the one above.
    close = nearest[-1] if nearest and domain.rank_probability < TOSS_UP else None
    return DragSummary(
        domain=domain.key,
        label=domain.label,
        mean=domain.mean,
        p10=domain.p10,
        p90=domain.p90,
        bps_of_revenue=domain.bps_of_revenue,
        share_of_total=domain.share_of_total,
        confidence=domain.confidence,
        top_driver=top.label,
        top_driver_mean=top.mean,
        explanation=domain.explanation,
        total_mean=result.total.mean,
        currency=result.currency,
        respondents=domain.respondents,
        rank=domain.rank,
        rank_probability=domain.rank_probability,
        top3_probability=domain.top3_probability,
        close_behind=close.label if close is not None else None,
        close_behind_mean=close.mean if close is not None else None,
        plausibility=plausibility_text(result.plausibility, result.currency)
        if result.plausibility is not None and needs_attention(result.plausibility)
        else None,
        year_tail=year_tail_text(result),
    )


def year_tail_text(result: ScoreResult) -> str | None:
    """What one bad year costs, all domains together: the exceedance curve in words."""
    annual = result.annual_loss
    if annual is None:
        return None
    at = {p.probability: p.loss for p in annual.exceedance}
    if 0.1 not in at or 0.01 not in at:
        return None
    cur = result.currency
    return (
        f"Across all domains, a single year tops {money(at[0.1], cur)} one year in ten and "
        f"{money(at[0.01], cur)} one year in a hundred, against an expected "
        f"{money(result.total.mean, cur)}."
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def quotes_for(
    knowledge: KnowledgeService, store: Store, caller: Caller, domain: DomainResult
) -> list[Quote]:
    """What people said behind a domain's figure, nearest to its largest drivers first."""
    about = f"{domain.label}: " + "; ".join(d.label for d in domain.drivers[:2])
    return domain_quotes(knowledge, store, caller, domain.key, about)


def _with_quotes(
    summary: DragSummary,
    knowledge: KnowledgeService | None,
    store: Store,
    caller: Caller,
    domain: DomainResult,
) -> DragSummary:
    if knowledge is None:
        return summary
    return summary.model_copy(update={"quotes": quotes_for(knowledge, store, caller, domain)})


def biggest_drag(
    store: Store, caller: Caller, *, knowledge: KnowledgeService | None = None
) -> DragSummary:
    """The top-ranked domain with its range, the driver behind it and, given the knowledge
    index, up to three quotes."""
    result = results_for_chat(store, caller)
    top = result.domains[0]
    return _with_quotes(_summary(result, top), knowledge, store, caller, top)


def explain_domain(
    store: Store, caller: Caller, domain: str, *, knowledge: KnowledgeService | None = None
) -> DragSummary:
    """One domain's figures and explanation (why it ranks where it does), with quotes."""
    if domain not in {d.key for d in DOMAINS}:
        msg = f"unknown domain {domain!r}; expected one of {', '.join(d.key for d in DOMAINS)}"
        raise NotFoundError(msg)
    result = results_for_chat(store, caller)
    found = next(d for d in result.domains if d.key == domain)
    return _with_quotes(_summary(result, found), knowledge, store, caller, found)


def list_answers(
    store: Store, caller: Caller, org_id: str, *, history: bool = True
) -> list[AnswerRow]:
    """Every answer event (or only current ones), with who, what, when and via which channel."""
    require_org(caller, org_id)
    require(caller, "read_answers")
    instrument = load_instrument()
    with store.read() as session:
        respondents = {r.id: r for r in people.list_respondents(session, org_id)}
        hidden = attribution.hidden_departments(session, org_id)
        events = (
            repo.org_history(session, org_id)
            if history
            else repo.org_current_events(session, org_id)
        )
        return [
            AnswerRow(
                event_id=e.id,
                respondent_id=None if e.respondent_id in hidden else e.respondent_id,
                respondent=attribution.department_label(hidden[e.respondent_id])
                if e.respondent_id in hidden
                else respondents[e.respondent_id].name,
                department=hidden[e.respondent_id]
                if e.respondent_id in hidden
                else respondents[e.respondent_id].department,
                question_id=e.question_id,
                domain=instrument.by_id[e.question_id].domain
                if e.question_id in instrument.by_id
                else "",
                kind=e.kind,
                raw_text=e.raw_text,
                display=e.display,
                value=e.value,
                channel=e.channel,
                created_at=e.created_at,
            )
            for e in events
        ]
