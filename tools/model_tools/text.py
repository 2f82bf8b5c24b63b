"""What the model-facing tools say: their results as short text a model can quote.

Every figure comes from a tool result (a score, a summary, an interview state); nothing here
computes. The data travels beside the text as the tool's artifact.
"""

from __future__ import annotations

from scoring import DomainResult, ScoreResult
from scoring.explain import money
from tools.analysis.results import DragSummary
from tools.interview.handle import InterviewView, PlannedQuestion, QuestionView, Recorded
from tools.interview.plan import last_round_line


def question_text(q: QuestionView) -> str:
    lines = [f"Question {q.number} of {q.total} [{q.id}, {q.domain_label}]: {q.text}"]
    if q.choices:
        lines.append(f"Choices: {', '.join(q.choices)}")
    lines.append(f"Example answer: {q.example}")
    carried = last_round_line(q)
    if carried is not None:
        lines.append(f"Earlier round: {carried}")
    lines.append(f"Why it matters: {q.why}")
    return "\n".join(lines)


def state_text(state: InterviewView) -> str:
    p = state.progress
    head = (
        f"Interview {state.status}: {p.answered} answered, {p.skipped} skipped, "
        f"{p.remaining} to go of {p.total}."
    )
    if state.pending is None:
        return f"{head} Every question has an answer or a skip; the interview is complete."
    return f"{head}\nNow asking:\n{question_text(state.pending)}"


def recorded_text(recorded: Recorded, state: InterviewView) -> str:
    if recorded.kind == "answer":
        done = f"Recorded {recorded.display} for {recorded.question_id}"
        done += f" (was {recorded.previous})." if recorded.previous else "."
    elif recorded.kind == "unconfirmed":
        done = (
            f"Held {recorded.display} for {recorded.question_id} without counting it: "
            f"{recorded.warning} Put this to the respondent in your own words; call "
            "confirm_answer only if they say the figure is right, or record_answer with "
            "the figure they give instead."
        )
    elif recorded.kind == "dont_know":
        done = f"Recorded don't know for {recorded.question_id}: a benchmark assumption is used."
    else:
        done = f"Skipped {recorded.question_id}: a benchmark assumption is used."
    return f"{done}\n{state_text(state)}"


def _range(mean: float, p10: float, p90: float, bps: float, currency: str) -> str:
    return (
        f"about {money(mean, currency)} a year "
        f"(P10–P90 {money(p10, currency)}–{money(p90, currency)}; {bps:.0f} bps of revenue)"
    )


def _domain_line(d: DomainResult, currency: str) -> str:
    figures = _range(d.mean, d.p10, d.p90, d.bps_of_revenue, currency)
    return f"{d.rank}. {d.label} [{d.key}]: {figures}; confidence {d.confidence}"


def score_text(result: ScoreResult) -> str:
    cur, total = result.currency, result.total
    lines = [
        f"Operating Income at Risk for {result.organization}: "
        + _range(total.mean, total.p10, total.p90, total.bps_of_revenue, cur)
        + ".",
        "Domains, largest first:",
        *(_domain_line(d, cur) for d in result.domains),
        f"{len(result.assumptions)} inputs rest on benchmark assumptions, not answers.",
    ]
    lines += [f"Disagreement: {d.summary}" for d in result.disagreements]
    return "\n".join(lines)


def drag_text(drag: DragSummary) -> str:
    text = (
        f"{drag.headline()}; {drag.share_of_total:.0%} of the total, confidence "
        f"{drag.confidence}, from {drag.respondents} respondent(s).\n"
        f"Largest driver: {drag.top_driver} ({money(drag.top_driver_mean, drag.currency)} a "
        f"year).\n{drag.explanation}"
    )
    if drag.toss_up:
        text += "\n" + drag.stability()
    if drag.year_tail:
        text += "\n" + drag.year_tail
    if drag.plausibility:
        text += "\nPlausibility (say this before the figures): " + drag.plausibility
    if drag.quotes:
        said = "\n".join(f'- "{q.text}" ({q.speaker})' for q in drag.quotes)
        text += f"\nWhat respondents said (quote them with who said it):\n{said}"
    return text


def planned_text(rows: list[PlannedQuestion]) -> str:
    def line(row: PlannedQuestion) -> str:
        q = row.question
        answer = f" = {row.display}" if row.display else ""
        return f"{q.number}. [{q.id}] ({row.status}{answer}) {q.text}"

    return "\n".join(line(row) for row in rows) or "This interview has no questions there."


def instrument_text(questions: list[QuestionView]) -> str:
    return "\n".join(f"[{q.id}] ({q.domain_label}) {q.text}" for q in questions)
