"""`oiar demo`: a scripted interview through the real engine, then the ranked result.

Four personas from the sample company answer, in plain words, the questions the engine puts to
them (their answers come from knowledge/samples); anything the sample has no answer for is
skipped. The store is a throwaway SQLite file, so the demo never touches a real workspace.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from assistant.cli.render import print_score
from assistant.engine import Engine
from knowledge import load_instrument, load_sample_assessment
from scoring import OrganizationProfile
from scoring.catalog import DOMAIN_LABELS
from scoring.governance import GovernanceInput
from tools import Store, admin, analysis, governance, rounds
from tools.access import Caller
from tools.governance import sample as governance_sample
from tools.governance.render import governance_text
from tools.interview import AdaptiveEstimator
from tools.rounds.render import plan_lines, trend_lines

EXCERPT_TURNS = 6
FIRST_ROUND = "2027-Q1"
SECOND_ROUND = "2027-Q2"


def _persona_answers(sample: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each persona's answers keyed by the scoring input their question feeds."""
    instrument = load_instrument()
    answers: dict[str, dict[str, str]] = {}
    for answer in sample["answers"]:
        feeds = instrument.by_id[answer["question_id"]].feeds
        value = answer["value"]
        if isinstance(value, dict):
            value = f"{value['low']:g}-{value['high']:g}"
        answers.setdefault(answer["respondent"]["name"], {})[feeds] = str(value)
    return answers


def _interview(
    engine: Engine,
    caller: Caller,
    respondent_id: str,
    answers: dict[str, str],
    *,
    otherwise: str = "skip",
) -> list[tuple[str, str]]:
    """Run one persona's interview to the end; returns (speaker, text) pairs. A question the
    persona has no answer for gets `otherwise` ("skip"; next quarter "same")."""
    instrument = load_instrument()
    turn = engine.start(caller, respondent_id=respondent_id, channel="demo")
    transcript = [("oiar", turn.reply)]
    while not turn.done and turn.question is not None:
        feeds = instrument.by_id[turn.question.id].feeds
        text = answers.get(feeds, otherwise if turn.question.last_round else "skip")
        turn = engine.turn(caller, turn.interview_id, text)
        transcript += [("persona", text), ("oiar", turn.reply)]
    return transcript


def run_demo(console: Console) -> None:
    sample = load_sample_assessment()
    personas = _persona_answers(sample)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{(Path(tmp) / 'demo.db').as_posix()}")
        try:
            _run(store, sample, personas, console)
        finally:
            store.dispose()


def _run(
    store: Store, sample: dict[str, Any], personas: dict[str, dict[str, str]], console: Console
) -> None:
    org, key = admin.create_org(store, OrganizationProfile.model_validate(sample["organization"]))
    caller = admin.authenticate(store, key.key or "")
    assert caller is not None
    first = rounds.open_round(store, caller, org.id, label=FIRST_ROUND, opened_by="demo")
    # A fresh estimate inside every turn (no background refresh): the demo's order is then
    # the same on every run, and nothing reads the demo's database after it is removed.
    engine = Engine(store, estimator=AdaptiveEstimator(store, refresh_s=0.0))
    people = {a["respondent"]["name"]: a["respondent"] for a in sample["answers"]}
    excerpt: list[tuple[str, str]] = []
    ids: dict[str, str] = {}
    for name, who in people.items():
        respondent = admin.add_respondent(
            store, caller, org.id, name=name, role=who.get("role"), department=who.get("department")
        )
        ids[name] = respondent.id
        transcript = _interview(engine, caller, respondent.id, personas.get(name, {}))
        answered = sum(1 for speaker, text in transcript if speaker == "persona" and text != "skip")
        console.print(
            f"[dim]{name} ({who.get('role')}, {who.get('department')}): "
            f"{answered} answers in plain words[/dim]"
        )
        if not excerpt:
            excerpt = [(f"{name.split()[0]}" if s == "persona" else s, t) for s, t in transcript]
    console.print("\n[bold]Transcript excerpt[/bold]")
    for speaker, text in excerpt[: EXCERPT_TURNS * 2]:
        console.print(f"[cyan]{speaker}:[/cyan] {escape(text)}", highlight=False)
    # In the same round the leaders map their seams, decision types and constraint, and the
    # CFO enters three initiatives (knowledge/samples/sample_manufacturer_governance.json):
    # every figure below comes from that one set of answers, so the page has one total.
    sample_governance = governance_sample.load_sample_governance()
    governance_sample.seed_governance(store, caller, org.id, sample_governance)
    console.print(
        f"[dim]Seams, decision types, the constraint and initiatives: "
        f"{_governance_count(sample_governance)} entries[/dim]"
    )
    console.print("\n[bold]COO asks: what's our biggest drag?[/bold]")
    console.print(escape(engine.ask(caller, "what's our biggest drag?")), highlight=False)
    console.print()
    print_score(analysis.score_organization(store, caller, org.id), console)
    console.print(
        "\n[bold]Execution governance (seams and decisions replace their aggregates)[/bold]"
    )
    console.print(
        escape(governance_text(governance.report(store, caller, org.id))), highlight=False
    )
    _next_quarter(engine, store, caller, org.id, first.id, ids, personas, console)


def _improved(text: str) -> str:
    """The persona's figure after a quarter of the sprint: 40% lower (each number in it)."""
    return re.sub(r"\d+(?:\.\d+)?", lambda m: f"{float(m.group()) * 0.6:g}", text)


def _next_quarter(
    engine: Engine,
    store: Store,
    caller: Caller,
    org_id: str,
    first: str,
    ids: dict[str, str],
    personas: dict[str, dict[str, str]],
    console: Console,
) -> None:
    """Close the quarter (its plan), run the sprint's quarter, interview again, show the trend.

    Next quarter the leaders keep last quarter's answers ("same") except on the inputs the two
    top workstreams watch, where the sprint brought their figures down.
    """
    closed = rounds.close_round(store, caller, org_id, first, closed_by="demo")
    currency = closed.result.currency if closed.result is not None else "USD"
    console.print(f"\n[bold]{FIRST_ROUND} closed: the 90-day sprint plan[/bold]")
    for line in plan_lines(closed.plan, currency):
        console.print(escape(line), highlight=False)
    workstreams = [i for i in closed.plan if i.key.startswith("ws-") and i.domain][:2]
    watched = {key for item in workstreams for key in item.metric_inputs}
    instrument = load_instrument()
    lower = {q.feeds for q in instrument.questions if q.worse_when == "higher"}
    for item in workstreams:
        rounds.update_item(store, caller, org_id, item.id, status="done", updated_by="demo")
    rounds.open_round(store, caller, org_id, label=SECOND_ROUND, opened_by="demo")
    for name, respondent_id in ids.items():
        answers = {
            feeds: _improved(text)
            for feeds, text in personas.get(name, {}).items()
            if feeds in watched and feeds in lower
        }
        _interview(engine, caller, respondent_id, answers, otherwise="same")
    second = rounds.list_rounds(store, caller, org_id)[-1]
    rounds.close_round(store, caller, org_id, second.id, closed_by="demo")
    targeted = ", ".join(DOMAIN_LABELS[i.domain or ""] for i in workstreams)
    console.print(
        f'\n[bold]{SECOND_ROUND}: the leaders confirm last quarter\'s answers ("same") and '
        f"report the sprint's effect on {targeted}[/bold]"
    )
    for line in trend_lines(rounds.trend(store, caller, org_id)):
        console.print(escape(line), highlight=False)


def _governance_count(gov: GovernanceInput) -> int:
    plan = 1 if gov.ai_plan is not None else 0
    return len(gov.seams) + len(gov.decisions) + len(gov.constraints) + len(gov.initiatives) + plan
