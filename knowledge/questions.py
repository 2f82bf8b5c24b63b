"""The interview instrument's models: a question, its choices, and the instrument as a whole.

A question feeds exactly one scoring input (`scoring.catalog.INPUTS`); its type, unit and
`worse_when` mirror that input, and its bounds sit inside the input's. `catalog_problems` says
what disagrees with the catalog; the loader turns those problems into `KnowledgeError`s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, PrivateAttr, model_validator

from knowledge.errors import KnowledgeError
from scoring.catalog import DOMAIN_LABELS, INPUTS, InputKind, InputSpec

QuestionType = Literal[
    "money", "count", "duration", "percent", "scale_1_5", "yes_no", "choice", "text"
]
RoleTag = Literal["exec", "ops", "finance", "hr", "it", "sales", "supply_chain", "quality"]
ROLE_TAGS: tuple[str, ...] = get_args(RoleTag)

# Finance's annual pool amounts and the shared costs (labor hour) that many drivers price with.
POOLS_DOMAIN = "pools"
DOMAIN_PREFIXES: dict[str, str] = {
    "leadership_bandwidth": "lb_",
    "cross_functional_alignment": "cf_",
    "hiring_friction": "hf_",
    "training_roi": "tr_",
    "knowledge_transfer": "kt_",
    "ai_readiness": "ai_",
    "internal_risk": "ir_",
    "organizational_alignment": "oa_",
    "external_risk": "er_",
    POOLS_DOMAIN: "pl_",
}
TYPE_FOR_KIND: dict[InputKind, QuestionType] = {
    "money": "money",
    "count": "count",
    "duration": "duration",
    "share": "percent",
    "scale": "scale_1_5",
    "flag": "yes_no",
    "choice": "choice",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Choice(_Frozen):
    """One button of a choice question; `value` is in the question's unit."""

    label: str = Field(min_length=1, max_length=60)
    value: FiniteFloat
    aliases: tuple[str, ...] = ()


class Question(_Frozen):
    """One interview question: what to ask, whom, and which scoring input the answer feeds."""

    id: str = Field(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$", max_length=60)
    domain: str
    feeds: str
    text: str = Field(min_length=10, max_length=400)
    type: QuestionType
    unit: str = Field(min_length=1)
    bounds: tuple[FiniteFloat, FiniteFloat]
    example: str = Field(min_length=1, max_length=120)
    ask: tuple[RoleTag, ...] = Field(min_length=1)
    worse_when: Literal["higher", "lower", "n/a"]
    why: str = Field(min_length=10, max_length=300)
    priority: Literal[1, 2, 3]
    choices: tuple[Choice, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = _own_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _own_problems(q: Question) -> list[str]:
    """Problems visible from the question alone, without the catalog."""
    problems: list[str] = []
    low, high = q.bounds
    if not low <= high:
        problems.append(f"bounds {list(q.bounds)} must be [low, high] with low <= high")
    if len(set(q.ask)) != len(q.ask):
        problems.append(f"ask lists a role twice: {list(q.ask)}")
    if q.type == "choice" and not q.choices:
        problems.append("a choice question needs choices")
    if q.type != "choice" and q.choices:
        problems.append(f"only choice questions take choices, this one is {q.type!r}")
    labels = [c.label.lower() for c in q.choices]
    if len(set(labels)) != len(labels):
        problems.append("two choices share a label")
    outside = [c.label for c in q.choices if not low <= c.value <= high]
    if outside:
        problems.append(f"choices {outside} have values outside bounds {list(q.bounds)}")
    return problems


def bounds_text(spec: InputSpec) -> str:
    high = "inf" if spec.high_bound is None else f"{spec.high_bound:g}"
    return f"[{spec.low_bound:g}, {high}]"


def catalog_problems(q: Question) -> list[str]:
    """What in the question disagrees with the scoring catalog (empty when consistent)."""
    problems: list[str] = []
    prefix = DOMAIN_PREFIXES.get(q.domain)
    if q.domain not in DOMAIN_LABELS and q.domain != POOLS_DOMAIN:
        problems.append(f"unknown domain {q.domain!r}")
    elif prefix is not None and not q.id.startswith(prefix):
        problems.append(f"id should start with {prefix!r} for domain {q.domain!r}")
    spec = INPUTS.get(q.feeds)
    if spec is None:
        problems.append(f"feeds unknown input {q.feeds!r}")
        return problems
    expected_type = TYPE_FOR_KIND[spec.kind]
    if q.type != expected_type:
        problems.append(
            f"type {q.type!r} does not match input {spec.key!r} of kind {spec.kind!r} "
            f"(expected {expected_type!r})"
        )
    if q.unit != spec.unit:
        problems.append(f"unit {q.unit!r} does not match input {spec.key!r} unit {spec.unit!r}")
    if q.worse_when != spec.worse_when:
        problems.append(
            f"worse_when {q.worse_when!r} does not match input {spec.key!r} ({spec.worse_when!r})"
        )
    low, high = q.bounds
    too_high = spec.high_bound is not None and high > spec.high_bound
    if low < spec.low_bound or too_high:
        problems.append(
            f"bounds {list(q.bounds)} fall outside input {spec.key!r} bounds {bounds_text(spec)}"
        )
    return problems


class Instrument(_Frozen):
    """Every question, in file order (domains in catalog order, pools first)."""

    questions: tuple[Question, ...]
    _by_id: dict[str, Question] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        self._by_id = {q.id: q for q in self.questions}

    @property
    def by_id(self) -> Mapping[str, Question]:
        return MappingProxyType(self._by_id)

    def for_domain(self, key: str) -> list[Question]:
        """The questions of one domain (or of `pools`), in file order."""
        if key not in DOMAIN_PREFIXES:
            msg = f"unknown domain {key!r}; expected one of {', '.join(DOMAIN_PREFIXES)}"
            raise KnowledgeError(msg)
        return [q for q in self.questions if q.domain == key]

    def for_roles(self, tags: Iterable[str], *, one_per_input: bool = False) -> list[Question]:
        """The questions asked of anyone holding one of `tags`, most decisive first.

        Args:
            tags: the respondent's role tags, main role first (e.g. a COO: ["ops", "exec"]).
            one_per_input: keep one phrasing per scoring input, the one written for the
                earliest tag in `tags`, so a person is never asked the same thing twice.
        """
        order = list(dict.fromkeys(tags))
        unknown = sorted(set(order) - set(ROLE_TAGS))
        if unknown:
            msg = f"unknown role tag(s) {unknown}; expected some of {', '.join(ROLE_TAGS)}"
            raise KnowledgeError(msg)
        chosen = [q for q in self.questions if set(order).intersection(q.ask)]
        if one_per_input:

            def fit(q: Question) -> tuple[int, int]:
                return (min(order.index(t) for t in q.ask if t in order), q.priority)

            best: dict[str, Question] = {}
            for q in chosen:
                if q.feeds not in best or fit(q) < fit(best[q.feeds]):
                    best[q.feeds] = q
            chosen = [q for q in chosen if best[q.feeds] is q]
        return sorted(chosen, key=lambda q: q.priority)

    def feeding(self, input_key: str) -> list[Question]:
        """The questions whose answers feed one scoring input."""
        return [q for q in self.questions if q.feeds == input_key]

    def unfed_inputs(self) -> list[str]:
        """Catalog inputs no question feeds: they will always rest on a benchmark."""
        fed = {q.feeds for q in self.questions}
        return [key for key in INPUTS if key not in fed]
