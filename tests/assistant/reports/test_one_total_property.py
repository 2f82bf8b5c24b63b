"""One total on randomized assessments: the score, the report model, its CSV and Markdown,
and the CLI's CSV all carry the same figures, to the cent."""

from __future__ import annotations

import csv
import io

from factories import make_input
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.cli.render import score_csv
from assistant.reports import render
from assistant.reports.build import build_report
from scoring import INPUTS, score
from scoring.explain import money

CONTINUOUS = sorted(k for k, s in INPUTS.items() if not s.is_discrete and s.kind != "share")
RANDOM = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _within_bounds(key: str, raw: float) -> float:
    bound = INPUTS[key].high_bound
    return min(raw, float(bound)) if bound is not None else raw


answers = st.dictionaries(
    st.sampled_from(CONTINUOUS), st.floats(min_value=0.0, max_value=400.0), max_size=10
).map(lambda d: {k: _within_bounds(k, v) for k, v in d.items()})


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@RANDOM
@given(answers=answers)
def test_every_output_agrees_to_the_cent(answers: dict[str, float]) -> None:
    result = score(make_input(answers, draws=100))
    report = build_report(result)

    # The report model: total, every domain and every driver as scored.
    assert report.summary.mean == result.total.mean
    assert [(d.key, d.mean) for d in report.domains] == [(d.key, d.mean) for d in result.domains]
    for shown, scored in zip(report.domains, result.domains, strict=True):
        assert [r.mean for r in shown.drivers] == [r.mean for r in scored.drivers]
        assert round(sum(r.mean for r in shown.drivers), 2) == scored.mean

    # The CLI's CSV: the same cents, domain by domain and in total.
    rows = _rows(score_csv(result))
    by_key = {r["domain"]: float(r["mean"]) for r in rows}
    assert by_key.pop("total") == result.total.mean
    assert by_key == {d.key: d.mean for d in result.domains}
    # The report's CSV: the ranked domains by label, adding up to the total (no total row).
    shown = {
        r["Domain"]: float(r["Mean a year"]) for r in _rows(render(report, "csv").content.decode())
    }
    assert shown == {d.label: d.mean for d in result.domains}
    assert round(sum(shown.values()), 2) == result.total.mean

    # The Markdown states the total as the summary sentence does.
    markdown = render(report, "md").content.decode()
    assert money(result.total.mean, result.currency) in markdown
