"""The scoring core against committed golden files: same input, byte-identical JSON, every run.

Each case in tests/scoring/golden/ is a pair of files:

- `<case>.input.json`: the input, as its builder below makes it (the embedded sample company
  goes through the knowledge base's benchmarks and the assessment parser, as `oiar score` does);
- `<case>.output.json`: what the scoring core returns for that input, serialized as
  `oiar score FILE --format json` prints it (`model_dump_json(indent=2)` and a newline).

The output test scores the committed input, so it checks the scoring core alone: a change in
the knowledge base or the assessment parser shows up in the input test instead. Every pytest
run is a fresh interpreter with a fresh string-hash seed, so a result that depends on set or
dict order, the clock or the process fails here even where the in-process determinism tests
(test_score.py, test_properties.py) pass.

When a change to the figures is intended, rewrite the files and review the diff:

    OIAR_UPDATE_GOLDEN=1 python -m pytest tests/scoring/test_golden.py

With OIAR_UPDATE_GOLDEN=1 the tests write what the code produces now instead of comparing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from factories import make_benchmarks, make_org
from pydantic import BaseModel, ConfigDict

from knowledge import load_sample_assessment
from scoring import ScoringInput, score
from scoring.governance import GovernanceInput, governance_report
from scoring.model import MIN_DRAWS
from tools.analysis.assessment import Assessment, to_scoring_input

REPO = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
SAMPLE_GOVERNANCE = REPO / "knowledge" / "samples" / "sample_manufacturer_governance.json"
# Read at import: the autouse `_isolated_env` fixture removes every OIAR_* variable before a
# test body runs.
UPDATE = os.environ.get("OIAR_UPDATE_GOLDEN") == "1"
UPDATE_HINT = (
    "If the change is intended, rewrite the golden files with "
    "`OIAR_UPDATE_GOLDEN=1 python -m pytest tests/scoring/test_golden.py` and review the diff."
)


class GovernanceCase(BaseModel):
    """The governance report's two inputs in one file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scoring: ScoringInput
    governance: GovernanceInput


@dataclass(frozen=True)
class Case:
    name: str
    input_type: type[BaseModel]
    build: Callable[[], BaseModel]
    run: Callable[[Any], BaseModel]

    @property
    def input_path(self) -> Path:
        return GOLDEN / f"{self.name}.input.json"

    @property
    def output_path(self) -> Path:
        return GOLDEN / f"{self.name}.output.json"


def _sample_input() -> ScoringInput:
    return to_scoring_input(Assessment.model_validate(load_sample_assessment()))


def _sample_governance() -> GovernanceCase:
    governance = GovernanceInput.model_validate_json(SAMPLE_GOVERNANCE.read_text("utf-8"))
    return GovernanceCase(scoring=_sample_input(), governance=governance)


def _benchmarks_only() -> ScoringInput:
    # A new workspace before anyone answers: every figure rests on benchmarks, at the fewest
    # draws the model accepts (where rank probabilities are coarsest).
    return ScoringInput(
        organization=make_org(name="Fresh Workspace", revenue=40_000_000.0, headcount=150),
        inputs={},
        benchmarks=make_benchmarks(),
        draws=MIN_DRAWS,
    )


CASES = [
    # The demo's company at the default draws: `oiar score` on the sample prints this file.
    Case("sample_manufacturer", ScoringInput, _sample_input, score),
    Case(
        "sample_manufacturer_governance",
        GovernanceCase,
        _sample_governance,
        lambda case: governance_report(case.scoring, case.governance),
    ),
    Case("benchmarks_only", ScoringInput, _benchmarks_only, score),
]


def _serialized(model: BaseModel) -> str:
    return model.model_dump_json(indent=2) + "\n"


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def first_difference(golden: Any, now: Any, where: str = "") -> str | None:
    """Where two parsed JSON documents first differ, in field-path form (`domains[0].mean`)."""
    here = where or "(the document)"
    if type(golden) is not type(now):
        return f"{here}: golden {golden!r}, now {now!r}"
    if isinstance(golden, dict):
        if list(golden) != list(now):
            gone = [k for k in golden if k not in now]
            new = [k for k in now if k not in golden]
            if gone or new:
                return f"{here}: keys gone {gone}, keys new {new}"
            return f"{here}: key order was {list(golden)}, now {list(now)}"
        found = (first_difference(golden[k], now[k], _path(where, k)) for k in golden)
        return next((d for d in found if d is not None), None)
    if isinstance(golden, list):
        found = (
            first_difference(g, n, _path(where, i))
            for i, (g, n) in enumerate(zip(golden, now, strict=False))
        )
        difference = next((d for d in found if d is not None), None)
        if difference is None and len(golden) != len(now):
            return f"{here}: golden has {len(golden)} items, now {len(now)}"
        return difference
    return None if golden == now else f"{here}: golden {golden!r}, now {now!r}"


def _mismatch(golden: str, now: str) -> str:
    """The first difference between two serializations, by field path when they parse."""
    difference = first_difference(json.loads(golden), json.loads(now))
    if difference is not None:
        return difference
    # Same values, different text (escaping, float spelling, spacing): point at the line.
    was, is_ = golden.splitlines(keepends=True), now.splitlines(keepends=True)
    number = next(
        (i for i, pair in enumerate(zip(was, is_, strict=False)) if pair[0] != pair[1]), None
    )
    if number is None:
        return f"the end: golden has {len(was)} lines, now {len(is_)}"
    return f"line {number + 1}: golden {was[number]!r}, now {is_[number]!r}"


def _compare(path: Path, produced: str, what: str) -> None:
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        if not path.exists() or path.read_text("utf-8") != produced:
            path.write_text(produced, "utf-8", newline="\n")
    golden = path.read_text("utf-8")
    if produced != golden:
        pytest.fail(
            f"{what} differs from {path.relative_to(REPO)} at "
            f"{_mismatch(golden, produced)}\n{UPDATE_HINT}",
            pytrace=False,
        )


def _committed_input(case: Case) -> BaseModel:
    if UPDATE:
        _compare(case.input_path, _serialized(case.build()), f"{case.name}: the input")
    return case.input_type.model_validate_json(case.input_path.read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_output_of_the_committed_input_is_byte_identical_to_golden(case: Case) -> None:
    output = case.run(_committed_input(case))
    _compare(case.output_path, _serialized(output), f"{case.name}: the output")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_committed_input_is_what_its_builder_makes(case: Case) -> None:
    # The golden output is only the sample company's score while the sample (its answers, the
    # knowledge base's benchmarks, the parser) still builds this input.
    _compare(case.input_path, _serialized(case.build()), f"{case.name}: the built input")


def test_mismatch_names_the_first_changed_field() -> None:
    golden = CASES[0].output_path.read_text("utf-8")
    changed = json.loads(golden)
    changed["domains"][3]["drivers"][1]["mean"] += 0.01
    changed["assumptions"][0]["value"] += 1.0  # later in the file: only the first is named
    difference = _mismatch(golden, json.dumps(changed, indent=2))
    assert difference.startswith("domains[3].drivers[1].mean: golden "), difference


def test_mismatch_of_same_values_in_other_text_names_the_line() -> None:
    golden = '{\n  "mean": 1.5,\n  "label": "caf\\u00e9"\n}\n'
    escaped = _mismatch(golden, '{\n  "mean": 1.5,\n  "label": "café"\n}\n')
    assert escaped.startswith("line 3: golden ") and "caf\\\\u00e9" in escaped, escaped
    assert _mismatch(golden, golden.rstrip("\n")) == "line 4: golden '}\\n', now '}'"
