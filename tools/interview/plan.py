"""Which questions a person is asked, in what order, and how a question is shown."""

from __future__ import annotations

import functools
import re

from pydantic import BaseModel

from knowledge import ROLE_TAGS, Question, load_instrument
from scoring.catalog import DOMAIN_LABELS
from tools.store.schema import Respondent

DEFAULT_TAGS = ("exec",)
# Words in a job title or department that say which part of the instrument fits a person.
_TAG_WORDS: tuple[tuple[str, str], ...] = (
    ("finance|cfo|controller|accounting|treasury|fp&a", "finance"),
    ("people|hr|human|talent|chro|recruit", "hr"),
    ("it|cio|cto|technology|digital|data|systems|security|ciso", "it"),
    ("sales|commercial|cro|revenue|customer|account", "sales"),
    ("supply|procurement|purchasing|sourcing|logistics|planning", "supply_chain"),
    ("quality|qa|qc|safety|ehs|compliance", "quality"),
    ("operations|ops|coo|plant|manufacturing|production|maintenance|warehouse", "ops"),
    ("ceo|president|founder|chief|general manager|gm|md|managing director", "exec"),
)


class QuestionView(BaseModel):
    id: str
    domain: str
    domain_label: str
    text: str
    type: str
    unit: str
    choices: list[str]
    example: str
    why: str
    number: int
    total: int
    # The respondent's answer in an earlier round, offered as the default to confirm ("Last
    # round you said 2-3 days; still true?"); None in a first round.
    last_round: str | None = None


class Progress(BaseModel):
    answered: int
    skipped: int
    total: int

    @property
    def remaining(self) -> int:
        return self.total - self.answered - self.skipped


def infer_tags(role: str | None, department: str | None) -> list[str]:
    """Role tags from a job title and department ("CFO", "Finance" -> ["finance", "exec"])."""
    words = f" {role or ''} {department or ''} ".lower()
    tags = [tag for pattern, tag in _TAG_WORDS if re.search(rf"\b({pattern})\b", words)]
    return list(dict.fromkeys(tags)) or list(DEFAULT_TAGS)


def plan(respondent: Respondent, *, full_instrument: bool) -> list[Question]:
    """The questions this person is asked: role-fit plus assigned domains, by priority."""
    tags = [t for t in respondent.tags if t in ROLE_TAGS] or infer_tags(
        respondent.role, respondent.department
    )
    return list(_plan(tuple(tags), tuple(respondent.domains), full_instrument))


@functools.lru_cache(maxsize=1024)
def _plan(tags: tuple[str, ...], domains: tuple[str, ...], full: bool) -> tuple[Question, ...]:
    """Plans depend only on tags, domains and the (immutable) instrument: every turn reuses one."""
    instrument = load_instrument()
    if full:
        return tuple(sorted(instrument.questions, key=lambda q: q.priority))
    chosen = instrument.for_roles(tags, one_per_input=True)
    covered = {q.feeds for q in chosen}
    for domain in domains:
        for question in instrument.for_domain(domain):
            if question.feeds not in covered:
                chosen.append(question)
                covered.add(question.feeds)
    # Most decisive first, whether a question came with the role or an assigned domain.
    return tuple(sorted(chosen, key=lambda q: q.priority))


def question_view(
    question: Question,
    number: int,
    total: int,
    *,
    example: str | None = None,
    last_round: str | None = None,
) -> QuestionView:
    """`example` replaces the instrument's fixed example (one scaled to the organization)."""
    return QuestionView(
        id=question.id,
        domain=question.domain,
        domain_label=DOMAIN_LABELS.get(question.domain, "Finance figures"),
        text=question.text,
        type=question.type,
        unit=question.unit,
        choices=[c.label for c in question.choices],
        example=example if example is not None else question.example,
        why=question.why,
        number=number,
        total=total,
        last_round=last_round,
    )


# Replies that keep an earlier round's answer: the respondent's "still true".
_KEEP = re.compile(
    r"^\s*(?:(?:yes|yep|yeah|correct|true)[,.!]?\s*)?(?:same|still true|still the same|"
    r"unchanged|no change|as before|keep( it)?|still is|it is|same as (?:before|last "
    r"(?:time|round|quarter)))?\s*[.!]*\s*$",
    re.IGNORECASE,
)


def keeps_last_round(text: str) -> bool:
    """True for a reply that confirms the answer an earlier round gave ("same", "still true",
    "yes" to "still true?"); never for an empty reply."""
    return bool(text.strip()) and _KEEP.match(text) is not None


def last_round_line(view: QuestionView) -> str | None:
    """The carried-over default in words, for every front end alike."""
    if view.last_round is None:
        return None
    return (
        f"Last round you said {view.last_round}; still true? Reply 'same' to keep it, or give "
        "the new figure."
    )
