"""The report's execution-governance section: the four outputs and the AI-velocity view, as the
scoring core gives them (figures copied, never recomputed)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from scoring.governance import (
    AiVelocityView,
    ConstraintView,
    DecisionView,
    GovernanceReport,
    InvestmentSequence,
    SeamMap,
)


class GovernanceSection(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    constraint: ConstraintView
    seams: SeamMap | None
    decisions: DecisionView | None
    investments: InvestmentSequence
    ai_velocity: AiVelocityView
    notes: list[str]


def governance_section(report: GovernanceReport) -> GovernanceSection:
    """The section of a governance report (the score itself is the report's main body)."""
    return GovernanceSection(
        constraint=report.constraint,
        seams=report.seams,
        decisions=report.decisions,
        investments=report.investments,
        ai_velocity=report.ai_velocity,
        notes=report.notes,
    )
