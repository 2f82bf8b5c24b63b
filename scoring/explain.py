"""Plain-words rendering of figures: money, input values, and a domain's 2-4 sentence story."""

from __future__ import annotations

from collections.abc import Sequence

from scoring.catalog import POOLS, InputSpec
from scoring.model import Disagreement, DriverResult

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "C$", "AUD": "A$"}
_UNIT_SUFFIX = {
    "per_year": " a year",
    "per_month": " a month",
    "per_day": " a day",
    "per_hour": " an hour",
    "hours_per_week": " hours a week",
}


def money(value: float, currency: str) -> str:
    """Compact money for prose: $950, $8.2k, $40k, $1.9M, $2.1B."""
    symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} ")
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{_compact(abs(value))}"


def _compact(v: float) -> str:
    for threshold, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k"), (1.0, "")):
        if v >= threshold or threshold == 1.0:
            scaled = v / threshold
            digits = 1 if scaled < 100 and suffix else 0
            text = f"{scaled:.{digits}f}".removesuffix(".0")
            if float(text) >= 1_000 and suffix != "B":
                # 999,700 rounds to "1000k": say it in the next unit, "1M".
                return _compact(float(text) * threshold)
            return f"{text}{suffix}"
    raise AssertionError  # the 1.0 threshold always matches


def _number(value: float) -> str:
    if value >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.2g}" if value < 1 else f"{value:.1f}".removesuffix(".0")


def format_input(spec: InputSpec, value: float, currency: str) -> str:
    """An input value with its unit, as a person would say it."""
    if spec.kind == "money":
        suffix = " each" if spec.unit == "each" else _UNIT_SUFFIX.get(spec.unit, "")
        return money(value, currency) + suffix
    if spec.kind == "share":
        text = f"{value * 100:.0f}%"
        return text + " a year" if spec.unit == "per_year" else text
    if spec.kind == "scale":
        return f"{value:.1f} of 5".replace(".0 ", " ")
    if spec.kind == "flag":
        # An answer is 1 or 0; a benchmark may sit between (half the inputs dual-sourced).
        return "yes" if value >= 0.75 else "no" if value <= 0.25 else "partly"
    if spec.unit in ("days", "weeks", "hours"):
        return f"{_number(value)} {spec.unit}"
    return _number(value) + _UNIT_SUFFIX.get(spec.unit, "")


def departments(names: Sequence[str]) -> str:
    """'Operations and Finance' from respondent displays like 'Dana Ruiz (Operations)'."""
    depts = [n.rsplit("(", 1)[1].rstrip(")") if n.endswith(")") else n for n in names]
    unique = list(dict.fromkeys(depts))
    if len(unique) <= 2:
        return " and ".join(unique)
    return ", ".join(unique[:-1]) + f" and {unique[-1]}"


def _driver_story(driver: DriverResult, specs: dict[str, InputSpec], currency: str) -> str:
    parts = [format_input(specs[i.key], i.value, currency) for i in driver.inputs if i.key in specs]
    figures = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    answered = [r for i in driver.inputs if i.source == "answer" for r in i.respondents]
    assumed = sum(1 for i in driver.inputs if i.source == "assumption")
    if answered:
        who = f"answers from {departments(answered)}"
        who += f"; {assumed} assumed" if assumed else ""
    elif assumed < len(driver.inputs):
        who = "stated figures" + (f"; {assumed} assumed" if assumed else "")
    else:
        who = "benchmark assumptions"
    return f"{driver.label.lower()}, priced from {figures} ({who})"


def domain_explanation(
    *,
    label: str,
    mean: float,
    p10: float,
    p90: float,
    bps: float,
    currency: str,
    drivers: Sequence[DriverResult],
    specs: dict[str, InputSpec],
    disagreements: Sequence[Disagreement],
    assumed_inputs: int,
    total_inputs: int,
) -> str:
    """2-4 sentences a board member understands."""
    sentences = [
        f"{label} puts about {money(mean, currency)} a year of operating income at risk "
        f"(P10–P90 {money(p10, currency)}–{money(p90, currency)}; {bps:.0f} bps of revenue)."
    ]
    if mean > 0 and drivers:
        top = drivers[0]
        share = top.mean / mean
        lead = "Most of it" if share >= 0.5 else f"The largest part ({share:.0%})"
        sentences.append(f"{lead} is {_driver_story(top, specs, currency)}.")
    else:
        sentences.append("None of its drivers carries a measurable loss on these inputs.")
    if disagreements:
        sentences.append(disagreements[0].summary)
    scaled = [d for d in drivers if d.pool_scale is not None and d.pool_scale < 0.999]
    if scaled and len(sentences) < 4:
        pool = POOLS.get(scaled[0].pool or "")
        what = f"the {pool.lower()} pool" if pool else "the finance pool that caps them"
        sentences.append(
            f"Respondents attribute more than all of {what} to its drivers, "
            f"so those shares were scaled by {scaled[0].pool_scale:.2f}."
        )
    if len(sentences) < 4:
        if assumed_inputs == 0:
            sentences.append("Every input comes from answers.")
        else:
            verb = "rests" if assumed_inputs == 1 else "rest"
            sentences.append(
                f"{assumed_inputs} of its {total_inputs} inputs {verb} on benchmark assumptions."
            )
    return " ".join(sentences[:4])
