"""The constraint-first view: which stage governs the system and which drags act on it.

The constraint is the stage respondents name most often (ties: the stage with more loss from the
drivers acting on it). When nobody has named one, the stage with the most such loss is proposed and
marked inferred. A driver tagged with several stages counts in full for each, so stage totals
are a lens on the OIaR, not a split of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from scoring.explain import money
from scoring.governance.schemas import ConstraintStatement, ConstraintView, Drag, SeamMap
from scoring.governance.stages import DRIVER_STAGES, STAGES, function_stage
from scoring.model import ScoreResult


def drags_by_stage(result: ScoreResult) -> dict[str, list[Drag]]:
    """Every stage's drivers with their means, largest first."""
    found: dict[str, list[Drag]] = {stage: [] for stage in STAGES}
    for domain in result.domains:
        for d in domain.drivers:
            for stage in DRIVER_STAGES[d.key]:
                found[stage].append(
                    Drag(
                        driver=d.key,
                        label=d.label,
                        domain=domain.key,
                        mean=d.mean,
                        formula=d.formula,
                        stages=list(DRIVER_STAGES[d.key]),
                    )
                )
    return {s: sorted(v, key=lambda x: (-x.mean, x.driver)) for s, v in found.items()}


def _total(drags: Sequence[Drag]) -> float:
    return round(sum(d.mean for d in drags), 2)


def constraint_view(
    result: ScoreResult, statements: Sequence[ConstraintStatement], seams: SeamMap | None
) -> ConstraintView:
    by_stage = drags_by_stage(result)
    order = list(STAGES)
    counts: Counter[str] = Counter(s.stage for s in statements)
    if counts:
        stage = min(counts, key=lambda s: (-counts[s], -_total(by_stage[s]), order.index(s)))
    else:
        stage = min(order, key=lambda s: (-_total(by_stage[s]), order.index(s)))
    mine = [s for s in statements if s.stage == stage]
    resources = Counter(" ".join(s.resource.split()) for s in mine)
    resource = min(resources, key=lambda r: (-resources[r], r)) if resources else None
    governs = list(dict.fromkeys(s.governs for s in mine))
    named_by = list(dict.fromkeys(s.respondent.display for s in mine if s.respondent))
    drags = by_stage[stage]
    touching = [
        c
        for c in (seams.cells if seams else [])
        if stage in (function_stage(c.from_function), function_stage(c.to_function))
    ]
    view = ConstraintView(
        stage=stage,
        stage_label=STAGES[stage],
        resource=resource,
        governs=governs,
        inferred=not counts,
        named_by=named_by,
        other_stages_named={s: n for s, n in counts.items() if s != stage},
        drags=drags,
        drag_total=_total(drags),
        seams=touching,
        explanation="",
    )
    return view.model_copy(update={"explanation": _explain(view, result.currency)})


def _explain(view: ConstraintView, currency: str) -> str:
    what = f"{view.stage_label}" + (f" ({view.resource})" if view.resource else "")
    if view.inferred:
        head = (
            f"Nobody has named the constraint yet; {what} carries the largest loss from the "
            "drivers acting on it, so it is proposed (inferred)."
        )
    else:
        governs = " and ".join(view.governs)
        head = f"{what} governs {governs}, named by {', '.join(view.named_by) or 'respondents'}."
    top = "; ".join(f"{d.label} {money(d.mean, currency)}" for d in view.drags[:3])
    body = (
        f" {cost_drivers_act(len(view.drags))} on it, about"
        f" {money(view.drag_total, currency)} a year" + (f": {top}." if top else ".")
    )
    if view.seams:
        worst = view.seams[0]
        body += (
            f" Worst seam touching it: {worst.from_function} → {worst.to_function}, "
            f"{money(worst.annual_cost, currency)} a year."
        )
    return head + body


def cost_drivers_act(count: int) -> str:
    """ "1 cost driver acts", "13 cost drivers act"."""
    return "1 cost driver acts" if count == 1 else f"{count} cost drivers act"
