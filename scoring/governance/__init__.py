"""Execution governance: constraint-first view, seam-risk map, decision rights and cadence,
ranked investment sequence, and the AI-velocity view. Pure and deterministic, like the core."""

from scoring.governance.ai_velocity import SEAM_DRIVERS, ai_velocity, frequency_factor
from scoring.governance.apply import apply_governance
from scoring.governance.constraint import constraint_view, drags_by_stage
from scoring.governance.decisions import decision_view
from scoring.governance.investments import PAUSE, rank_initiatives
from scoring.governance.levers import LEVERS, scale_drivers
from scoring.governance.report import GovernanceReport, governance_report
from scoring.governance.schemas import (
    AiPlan,
    AiVelocityView,
    ConstraintStatement,
    ConstraintView,
    DecisionRight,
    DecisionRow,
    DecisionView,
    GovernanceInput,
    Initiative,
    InitiativeResult,
    InvestmentSequence,
    Relief,
    Seam,
    SeamCell,
    SeamMap,
)
from scoring.governance.seams import seam_map
from scoring.governance.stages import DRIVER_STAGES, STAGES, function_label, function_stage

__all__ = [
    "DRIVER_STAGES",
    "LEVERS",
    "PAUSE",
    "SEAM_DRIVERS",
    "STAGES",
    "AiPlan",
    "AiVelocityView",
    "ConstraintStatement",
    "ConstraintView",
    "DecisionRight",
    "DecisionRow",
    "DecisionView",
    "GovernanceInput",
    "GovernanceReport",
    "Initiative",
    "InitiativeResult",
    "InvestmentSequence",
    "Relief",
    "Seam",
    "SeamCell",
    "SeamMap",
    "ai_velocity",
    "apply_governance",
    "constraint_view",
    "decision_view",
    "drags_by_stage",
    "frequency_factor",
    "function_label",
    "function_stage",
    "governance_report",
    "rank_initiatives",
    "scale_drivers",
    "seam_map",
]
