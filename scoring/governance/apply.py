"""Fold seams and decision types into the scoring input, replacing (never adding to) the
aggregate answers they itemize. See `seams.py` and `decisions.py` for the rules."""

from __future__ import annotations

from scoring.governance.decisions import decision_observations, decision_view
from scoring.governance.schemas import GovernanceInput
from scoring.governance.seams import seam_map, seam_observations
from scoring.model import ScoringInput


def apply_governance(inp: ScoringInput, gov: GovernanceInput) -> tuple[ScoringInput, list[str]]:
    """The input with seam and decision data standing in for their aggregate inputs, and notes
    naming what was replaced (empty, and the input unchanged, when neither was entered)."""
    inputs = dict(inp.inputs)
    notes: list[str] = []
    found = seam_map(gov.seams)
    if found is not None:
        inputs.update(seam_observations(found))
        notes.append(
            f"{len(found.cells)} seam(s) from the seam map replace the aggregate answers for "
            "handoff failures a month and cost per failure"
        )
    # The cost per day does not enter the observations; the view is priced after scoring.
    view = decision_view(gov.decisions, 0.0)
    if view is not None:
        inputs.update(decision_observations(view))
        notes.append(
            f"{len(view.rows)} decision type(s) replace the aggregate answers for variance "
            "events, days between decision forums and days operations can wait"
        )
    if not notes:
        return inp, notes
    applied = ScoringInput(
        organization=inp.organization, inputs=inputs, benchmarks=inp.benchmarks, draws=inp.draws
    )
    return applied, notes
