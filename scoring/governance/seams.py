"""The seam-risk map: handoffs aggregated into a function × function matrix.

Several respondents describing the same seam (same from and to function, after aliases merge
"Ops" into Operations) are several estimates of one handoff, so a cell takes the median of their
figures, never the sum. A cell costs 12 × failures a month × cost per failure.

No double counting: when any seam is entered, the seam map *replaces* Cross-Functional
Alignment's aggregate handoff answers. The core's handoff driver then reads failures a month =
Σ cells' failures and cost per failure = the failure-weighted mean cost, so its central figure
equals the sum of the cells exactly. Ownership clarity, KPI conflict and approval latency are
shown as risk flags and never priced here: KPI conflict and approval waits are priced once, by
the kpi-conflict share and the decision drivers.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from scoring.governance.schemas import Seam, SeamCell, SeamMap
from scoring.governance.stages import function_label
from scoring.model import Estimate, Observation, Respondent

SEAM_INPUTS = ("handoff_failures_per_month", "handoff_failure_cost")
SEAM_SOURCE = "seam map"
# As for answers (scoring.score): a gap over 2x between respondents is reported.
DISAGREEMENT_RATIO = 2.0
FORMULA = "12 × failures a month × cost per failure, per seam (median across respondents)"


def _who(seam: Seam) -> str:
    return seam.respondent.display if seam.respondent is not None else "unattributed"


def _disagreement(entries: Sequence[Seam]) -> list[str]:
    """Respondents more than 2x apart on one seam's failures: itself a seam signal."""
    counts = [s.failures_per_month for s in entries]
    low, high = min(counts), max(counts)
    if len(counts) < 2 or high == 0 or (low > 0 and high / low <= DISAGREEMENT_RATIO):
        return []
    return [f"respondents disagree ({low:g} vs {high:g} failures a month)"]


def _cell(pair: tuple[str, str], entries: Sequence[Seam]) -> SeamCell:
    failures = statistics.median(s.failures_per_month for s in entries)
    cost = statistics.median(s.cost_per_failure for s in entries)
    owner_clear = all(s.owner_clear for s in entries)
    kpi = any(s.kpi_conflict for s in entries)
    latency = max(s.approval_latency_days for s in entries)
    flags = [
        *([] if owner_clear else ["owner unclear"]),
        *_disagreement(entries),
        *(["KPI conflict"] if kpi else []),
        *([f"approvals take {latency:g} day{'' if latency == 1 else 's'}"] if latency > 0 else []),
    ]
    return SeamCell(
        from_function=pair[0],
        to_function=pair[1],
        failures_per_month=failures,
        cost_per_failure=cost,
        annual_cost=round(12.0 * failures * cost, 2),
        owner_clear=owner_clear,
        kpi_conflict=kpi,
        approval_latency_days=latency,
        risk_flags=flags,
        respondents=list(dict.fromkeys(_who(s) for s in entries)),
    )


def seam_map(seams: Sequence[Seam]) -> SeamMap | None:
    """The matrix of every seam entered, worst first; None when nobody entered one."""
    if not seams:
        return None
    groups: dict[tuple[str, str], list[Seam]] = {}
    for seam in seams:
        pair = (function_label(seam.from_function), function_label(seam.to_function))
        groups.setdefault(pair, []).append(seam)
    cells = sorted(
        (_cell(pair, entries) for pair, entries in groups.items()),
        key=lambda c: (-c.annual_cost, c.from_function, c.to_function),
    )
    functions = sorted({f for pair in groups for f in pair})
    index = {f: i for i, f in enumerate(functions)}
    matrix = [[0.0] * len(functions) for _ in functions]
    for c in cells:
        matrix[index[c.from_function]][index[c.to_function]] = c.annual_cost
    failures = sum(c.failures_per_month for c in cells)
    weighted = sum(c.failures_per_month * c.cost_per_failure for c in cells)
    mean_cost = (
        weighted / failures
        if failures > 0
        else statistics.median(c.cost_per_failure for c in cells)
    )
    return SeamMap(
        functions=functions,
        cells=cells,
        matrix=matrix,
        total_annual_cost=round(12.0 * weighted, 2),
        failures_per_month=failures,
        weighted_cost_per_failure=round(mean_cost, 6),
        formula=FORMULA,
        replaces=list(SEAM_INPUTS),
    )


def seam_observations(found: SeamMap) -> dict[str, list[Observation]]:
    """The handoff driver's inputs from the seam map (each a point answer, widened as one)."""
    names = list(dict.fromkeys(r for c in found.cells for r in c.respondents))
    who = Respondent(name=f"{SEAM_SOURCE}: {', '.join(names)}"[:200])
    return {
        "handoff_failures_per_month": [
            Observation(value=Estimate.exact(found.failures_per_month), point=True, respondent=who)
        ],
        "handoff_failure_cost": [
            Observation(
                value=Estimate.exact(found.weighted_cost_per_failure), point=True, respondent=who
            )
        ],
    }
