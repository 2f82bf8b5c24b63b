"""Value-stream stages, which stage each driver acts on, and functions' home stages.

The stage tags are model assumptions (v1): a driver is tagged with the stages whose throughput,
service, quality or cost its losses come out of. Enterprise-wide drivers (reconciling numbers,
training not applied, cyber exposure …) carry no stage: they never "act on the constraint",
because funding them does not move the stage that governs the system.
"""

from __future__ import annotations

from typing import Literal

Stage = Literal[
    "order_intake", "planning", "procurement", "production", "quality", "maintenance", "logistics"
]
Governs = Literal["throughput", "service", "quality", "cost"]

STAGES: dict[str, str] = {
    "order_intake": "Order intake & sales",
    "planning": "Planning & scheduling",
    "procurement": "Procurement & supply",
    "production": "Production",
    "quality": "Quality",
    "maintenance": "Maintenance",
    "logistics": "Warehouse & logistics",
}

DRIVER_STAGES: dict[str, tuple[str, ...]] = {
    "decision_latency": ("planning", "production"),
    "reconciliation_drag": (),
    "approval_drag": ("procurement", "logistics"),
    "handoff_failure": ("planning", "production", "logistics"),
    "sequencing_mismatch": ("planning", "production", "procurement"),
    "kpi_conflict": ("order_intake", "logistics"),
    "vacancy_drag": ("production", "maintenance"),
    "vacancy_overtime": ("production",),
    "time_to_competency": ("production",),
    "repeat_defects": ("production", "quality"),
    "safety_quality_variability": ("production", "quality"),
    "training_waste": (),
    "tribal_dependency": ("production", "maintenance"),
    "knowledge_search": (),
    "repeat_incidents": ("maintenance", "production"),
    "rework_loops": ("production", "quality"),
    "adoption_friction": (),
    "capability_gap": ("planning",),
    "change_capacity": (),
    "exception_volume": ("order_intake", "planning", "logistics"),
    "exception_penalties": ("logistics",),
    "compliance_exposure": ("quality",),
    "conflicting_incentives": ("procurement", "logistics"),
    "unclear_ownership": (),
    "cadence_misfit": ("planning", "production"),
    "supplier_volatility": ("procurement", "production"),
    "supply_disruption": ("procurement",),
    "cyber_third_party": (),
    "regulatory_shock": (),
}

# Functions as people name them -> (the label the seam map shows, the stage the function runs).
# Support functions (finance, HR, IT) run no value-stream stage.
_FUNCTIONS: dict[str, tuple[str, str | None]] = {
    "sales": ("Sales", "order_intake"),
    "customer service": ("Customer Service", "order_intake"),
    "planning": ("Planning", "planning"),
    "scheduling": ("Planning", "planning"),
    "engineering": ("Engineering", "planning"),
    "procurement": ("Procurement", "procurement"),
    "purchasing": ("Procurement", "procurement"),
    "supply chain": ("Supply Chain", "procurement"),
    "operations": ("Operations", "production"),
    "ops": ("Operations", "production"),
    "production": ("Production", "production"),
    "manufacturing": ("Production", "production"),
    "quality": ("Quality", "quality"),
    "maintenance": ("Maintenance", "maintenance"),
    "logistics": ("Logistics", "logistics"),
    "transport": ("Transport", "logistics"),
    "transportation": ("Transport", "logistics"),
    "shipping": ("Shipping", "logistics"),
    "warehouse": ("Warehouse", "logistics"),
    "finance": ("Finance", None),
    "hr": ("People", None),
    "people": ("People", None),
    "it": ("IT", None),
}


def function_label(name: str) -> str:
    """The seam map's label for a function: known aliases merge ("ops" -> Operations)."""
    cleaned = " ".join(name.split())
    known = _FUNCTIONS.get(cleaned.lower())
    if known is not None:
        return known[0]
    return cleaned if any(c.isupper() for c in cleaned) else cleaned.title()


def function_stage(name: str) -> str | None:
    """The value-stream stage a function runs, when we know it."""
    label = function_label(name).lower()
    for alias, (known_label, stage) in _FUNCTIONS.items():
        if alias == label or known_label.lower() == label:
            return stage
    return None


def _check() -> None:
    from scoring.drivers import DRIVERS

    missing = sorted({d.key for d in DRIVERS} - set(DRIVER_STAGES))
    unknown = sorted({s for tags in DRIVER_STAGES.values() for s in tags} - set(STAGES))
    if missing or unknown:
        msg = f"stage tags: drivers without a tag {missing}, unknown stages {unknown}"
        raise RuntimeError(msg)


_check()
