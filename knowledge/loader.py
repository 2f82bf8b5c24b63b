"""Read the knowledge files: the interview instrument, benchmark assumptions and the sample.

Files are read through `importlib.resources`, so they load the same from a source checkout and
from an installed package; every loader also takes a folder or file of its own (tests point it at
`tmp_path`). Results are cached. Any problem raises `KnowledgeError` naming the file, the
question id or benchmark key, and what is wrong.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.errors import KnowledgeError
from knowledge.questions import (
    DOMAIN_PREFIXES,
    Instrument,
    Question,
    bounds_text,
    catalog_problems,
)
from scoring.catalog import INPUTS
from scoring.model import Benchmark

GENERIC = "generic"
ASSUMPTION = "assumption"
INSTRUMENT_DIR = "instrument"
CALIBRATION = "calibration"
BENCHMARKS_FILE = "benchmarks.yaml"
SAMPLE_FILE = "samples/sample_manufacturer.json"
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_INDUSTRY = re.compile(r"^[a-z][a-z0-9_]*$")
# Shares, scales, flags and choices mean the same in any company: no scaling basis. (Durations
# may scale: `workaround_hours_per_week` is a company-wide total.)
_UNSCALED_KINDS = frozenset({"share", "scale", "flag", "choice"})
# The bases a benchmark may be multiplied by, by its input's kind and unit, so that basis x
# value has the input's unit: a count or a duration is never a fraction of revenue, the cost of
# one event or one day never grows with headcount, and an hourly rate is the same in a firm of
# any size. Kinds in _UNSCALED_KINDS take only "absolute".
_ALL_BASES = frozenset({"absolute", "revenue", "revenue_per_employee", "headcount"})
_BASES: dict[tuple[str, str], frozenset[str]] = {
    ("money", "per_year"): _ALL_BASES,
    ("money", "each"): frozenset({"absolute", "revenue", "revenue_per_employee"}),
    ("money", "per_day"): frozenset({"absolute", "revenue", "revenue_per_employee"}),
    ("money", "per_hour"): frozenset({"absolute"}),
    ("count", "per_month"): frozenset({"absolute", "headcount"}),
    ("count", "per_year"): frozenset({"absolute", "headcount"}),
    ("count", "total"): frozenset({"absolute", "headcount"}),
    ("duration", "hours_per_week"): frozenset({"absolute", "headcount"}),
    ("duration", "hours"): frozenset({"absolute"}),
    ("duration", "days"): frozenset({"absolute"}),
    ("duration", "weeks"): frozenset({"absolute"}),
}

# A folder or file of one's own (tests use tmp_path); None reads the packaged data.
Location = Path | str | None


def _resolve(location: Location, default: str) -> Traversable:
    if location is None:
        return files("knowledge").joinpath(default)
    return Path(location)


def _read_text(file: Traversable) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        msg = f"{file}: no such file"
        raise KnowledgeError(msg) from exc
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{file}: cannot read the file ({exc.__class__.__name__}: {exc})"
        raise KnowledgeError(msg) from exc


def _read_yaml(file: Traversable) -> Any:
    try:
        return yaml.safe_load(_read_text(file))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        msg = f"{file}: invalid YAML{where}: {getattr(exc, 'problem', None) or exc}"
        raise KnowledgeError(msg) from exc


def _pydantic_problems(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"])
        text = str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {text}" if where else text)
    return "; ".join(parts)


# ---------------------------------------------------------------- instrument


def _file_order(file: Traversable) -> tuple[int, str]:
    stem = file.name.removesuffix(".yaml")
    order = list(DOMAIN_PREFIXES)
    # pools first (finance answers them once), then the nine domains in catalog order.
    rank = order.index(stem) if stem in order else len(order)
    return (0 if stem == "pools" else rank + 1, file.name)


def _questions_of(file: Traversable) -> list[Question]:
    stem = file.name.removesuffix(".yaml")
    if stem not in DOMAIN_PREFIXES:
        msg = f"{file}: unknown file; expected one of {', '.join(DOMAIN_PREFIXES)} (.yaml)"
        raise KnowledgeError(msg)
    raw = _read_yaml(file)
    if not isinstance(raw, list) or not raw:
        msg = f"{file}: expected a non-empty list of questions"
        raise KnowledgeError(msg)
    questions = []
    for index, item in enumerate(raw):
        name = item.get("id") if isinstance(item, dict) else None
        label = f"question {name!r}" if isinstance(name, str) else f"question #{index + 1}"
        try:
            question = Question.model_validate(item)
        except ValidationError as exc:
            msg = f"{file}: {label}: {_pydantic_problems(exc)}"
            raise KnowledgeError(msg) from exc
        problems = catalog_problems(question)
        if question.domain != stem:
            problems.insert(0, f"domain {question.domain!r} does not match the file {stem!r}")
        if problems:
            msg = f"{file}: {label}: {'; '.join(problems)}"
            raise KnowledgeError(msg)
        questions.append(question)
    return questions


@functools.cache
def load_instrument(directory: Location = None) -> Instrument:
    """Load and check every question in `directory` (default: the packaged instrument)."""
    folder = _resolve(directory, INSTRUMENT_DIR)
    if not folder.is_dir():
        msg = f"{folder}: no such instrument folder"
        raise KnowledgeError(msg)
    yaml_files = sorted(
        (f for f in folder.iterdir() if f.is_file() and f.name.endswith(".yaml")),
        key=_file_order,
    )
    if not yaml_files:
        msg = f"{folder}: no question files (*.yaml)"
        raise KnowledgeError(msg)
    seen: dict[str, str] = {}
    questions: list[Question] = []
    for file in yaml_files:
        for question in _questions_of(file):
            if question.id in seen:
                msg = f"{file}: question {question.id!r}: duplicate id, also in {seen[question.id]}"
                raise KnowledgeError(msg)
            seen[question.id] = file.name
            questions.append(question)
    return Instrument(questions=tuple(questions))


# ---------------------------------------------------------------- benchmarks


def _unit_problems(key: str, unit: Any) -> list[str]:
    """A benchmark states the unit its low/likely/high are in (after its basis is applied); it
    must be the input's canonical unit, so a figure read in another unit (months for weeks, a
    share of projects for a share of spend) has to be converted, or is not that benchmark."""
    expected = INPUTS[key].unit
    if unit is None:
        return [f"no unit: state the input's unit, unit: {expected}"]
    if unit != expected:
        return [f"unit {unit!r} is not the input's unit {expected!r}"]
    return []


def _benchmark_problems(key: str, bench: Benchmark) -> list[str]:
    spec = INPUTS[key]
    problems = []
    if bench.source != ASSUMPTION and not _YEAR.search(bench.source):
        problems.append(
            f"source {bench.source!r} must be exactly {ASSUMPTION!r} or a citation with a year"
        )
    if spec.kind in _UNSCALED_KINDS and bench.basis != "absolute":
        problems.append(f"a {spec.kind} input takes basis 'absolute', not {bench.basis!r}")
    allowed = _BASES.get((spec.kind, spec.unit))
    if allowed is not None and bench.basis not in allowed:
        problems.append(
            f"basis {bench.basis!r} does not fit a {spec.kind} input in {spec.unit!r}; "
            f"expected one of {', '.join(sorted(allowed))}"
        )
    if bench.basis == "absolute":
        too_high = spec.high_bound is not None and bench.high > spec.high_bound
        if bench.low < spec.low_bound or too_high:
            problems.append(
                f"range {bench.low:g}-{bench.high:g} falls outside input bounds {bounds_text(spec)}"
            )
    return problems


def _industry_benchmarks(file: Traversable, industry: str, raw: Any) -> dict[str, Benchmark]:
    if not _INDUSTRY.match(industry):
        msg = f"{file}: industry {industry!r}: names are lowercase snake_case"
        raise KnowledgeError(msg)
    if not isinstance(raw, dict) or not raw:
        msg = f"{file}: industry {industry!r}: expected a mapping of input key to benchmark"
        raise KnowledgeError(msg)
    table: dict[str, Benchmark] = {}
    for key, fields in raw.items():
        where = f"{file}: {industry}.{key}"
        if key not in INPUTS:
            msg = f"{where}: unknown input key"
            raise KnowledgeError(msg)
        # `unit` is checked here and not carried into the scoring input: the core reads the
        # unit from its catalog.
        unit = fields.get("unit") if isinstance(fields, dict) else None
        if isinstance(fields, dict):
            fields = {name: value for name, value in fields.items() if name != "unit"}
        try:
            bench = Benchmark.model_validate(fields)
        except ValidationError as exc:
            msg = f"{where}: {_pydantic_problems(exc)}"
            raise KnowledgeError(msg) from exc
        problems = [*_unit_problems(key, unit), *_benchmark_problems(key, bench)]
        if problems:
            msg = f"{where}: {'; '.join(problems)}"
            raise KnowledgeError(msg)
        table[key] = bench
    return table


@functools.cache
def _benchmark_tables(path: Location) -> Mapping[str, Mapping[str, Benchmark]]:
    file = _resolve(path, BENCHMARKS_FILE)
    raw = _read_yaml(file)
    if not isinstance(raw, dict) or GENERIC not in raw:
        msg = f"{file}: expected a mapping of industry to benchmarks, with {GENERIC!r} first"
        raise KnowledgeError(msg)
    tables = {
        str(industry): MappingProxyType(_industry_benchmarks(file, str(industry), body))
        for industry, body in raw.items()
        if industry != CALIBRATION
    }
    missing = [key for key in INPUTS if key not in tables[GENERIC]]
    if missing:
        msg = f"{file}: {GENERIC}: no benchmark for input(s) {', '.join(missing)}"
        raise KnowledgeError(msg)
    return MappingProxyType(tables)


@dataclass(frozen=True, slots=True)
class Calibration:
    """The band benchmark defaults and typical answers must land in (benchmarks.yaml)."""

    floor_bps: float
    floor_source: str
    ceiling_share_of_operating_income: float
    ceiling_source: str
    context: str
    reference_companies: tuple[Mapping[str, Any], ...]


def load_calibration(path: Location = None) -> Calibration:
    file = _resolve(path, BENCHMARKS_FILE)
    raw = _read_yaml(file)
    body = raw.get(CALIBRATION) if isinstance(raw, dict) else None
    if not isinstance(body, dict):
        msg = f"{file}: no {CALIBRATION!r} mapping"
        raise KnowledgeError(msg)
    try:
        return Calibration(
            floor_bps=float(body["floor_bps"]),
            floor_source=str(body["floor_source"]),
            ceiling_share_of_operating_income=float(body["ceiling_share_of_operating_income"]),
            ceiling_source=str(body["ceiling_source"]),
            context=str(body["context"]),
            reference_companies=tuple(
                MappingProxyType(dict(c)) for c in body["reference_companies"]
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        msg = f"{file}: {CALIBRATION}: {exc}"
        raise KnowledgeError(msg) from exc


def known_industries(path: Location = None) -> tuple[str, ...]:
    """Industries with benchmark overrides, `generic` first."""
    return tuple(_benchmark_tables(path))


def load_benchmarks(industry: str, path: Location = None) -> dict[str, Benchmark]:
    """Benchmarks for every input: generic merged with `industry`'s overrides.

    An industry without overrides (or an unknown one) gets the generic set.
    """
    tables = _benchmark_tables(path)
    overrides = tables.get(industry.strip().lower(), {})
    return {**tables[GENERIC], **overrides}


# ---------------------------------------------------------------- sample


@functools.cache
def _sample(path: Location) -> Mapping[str, Any]:
    file = _resolve(path, SAMPLE_FILE)
    try:
        data = json.loads(_read_text(file))
    except json.JSONDecodeError as exc:
        msg = f"{file}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise KnowledgeError(msg) from exc
    if not isinstance(data, dict):
        msg = f"{file}: expected a JSON object with organization, pools and answers"
        raise KnowledgeError(msg)
    return MappingProxyType(data)


def load_sample_assessment(path: Location = None) -> dict[str, Any]:
    """The sample assessment (a fictional manufacturer), as `oiar score FILE` reads it.

    Returns a fresh copy each call, so callers may change it.
    """
    return copy.deepcopy(dict(_sample(path)))
