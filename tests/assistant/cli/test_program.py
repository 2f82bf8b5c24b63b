"""The `oiar` CLI as a user runs it: output formats and one-line errors with exit code 2."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from knowledge import load_sample_assessment

runner = CliRunner()


def _write(tmp_path: Path, data: Any, name: str = "assessment.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def _sample(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(load_sample_assessment()))
    data["draws"] = 1_000
    data.update(changes)
    return data


def test_score_json_is_deterministic_and_complete(tmp_path: Path) -> None:
    path = _write(tmp_path, _sample())
    first = runner.invoke(app, ["score", str(path), "--format", "json"])
    second = runner.invoke(app, ["score", str(path), "--format", "json"])
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    result = json.loads(first.output)
    assert len(result["domains"]) == 9
    assert result["model_version"].startswith("oiar-v")
    assert result["disagreements"], "the sample company has departments that disagree"
    assert any(a["key"].startswith("pool_downtime") for a in result["assumptions"])


def test_score_csv_has_a_row_per_domain_and_a_total(tmp_path: Path) -> None:
    out = runner.invoke(app, ["score", str(_write(tmp_path, _sample())), "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert [r["rank"] for r in rows[:9]] == [str(i) for i in range(1, 10)]
    assert rows[9]["domain"] == "total"
    assert round(sum(float(r["mean"]) for r in rows[:9]), 2) == float(rows[9]["mean"])


def test_score_table_shows_ranked_domains_and_top_explanation(tmp_path: Path) -> None:
    out = runner.invoke(app, ["score", str(_write(tmp_path, _sample()))], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert "Operating Income at Risk" in out.output
    assert "Biggest drag:" in out.output
    assert "Total" in out.output
    # The money kinds and a single year's tail, beside the expected loss.
    assert "By kind of money: cash $" in out.output and "recovered capacity" in out.output
    assert "A single year varies more" in out.output and "1 in 100 years above $" in out.output


def test_demo_interviews_four_personas_and_prints_ranked_table() -> None:
    out = runner.invoke(app, ["demo"], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert out.output.count("answers in plain words") == 4
    assert "Transcript excerpt" in out.output and "Recorded:" in out.output
    assert "biggest drag" in out.output
    assert "Biggest drag:" in out.output and "bps of revenue" in out.output
    # The next quarter: the first round's sprint plan, then the trend between the two rounds.
    assert "2027-Q1 closed: the 90-day sprint plan" in out.output
    assert "Day-90 checkpoint" in out.output
    assert "2027-Q1 → 2027-Q2: change, and how sure the drag fell" in out.output
    assert "From 2027-Q1 to 2027-Q2 the drag shrank" in out.output


def test_demo_in_a_fresh_process_prints_no_traceback(tmp_path: Path) -> None:
    # Background work (the adaptive estimate, knowledge indexing) must end with the demo's
    # throwaway workspace, never log a stack against it.
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "demo"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "200", "OIAR_DATA_DIR": str(tmp_path / "data")},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "From 2027-Q1 to 2027-Q2" in proc.stdout


def test_questions_for_one_domain_as_json() -> None:
    out = runner.invoke(app, ["questions", "--domain", "hiring_friction", "--format", "json"])
    assert out.exit_code == 0, out.output
    questions = json.loads(out.output)
    assert questions and {q["domain"] for q in questions} == {"hiring_friction"}


def test_questions_table_lists_all() -> None:
    out = runner.invoke(app, ["questions"], env={"COLUMNS": "250"})
    assert out.exit_code == 0
    assert "Interview instrument" in out.output


def _bad_answer(value: Any, question_id: str = "") -> dict[str, Any]:
    data = _sample()
    answer = dict(data["answers"][0])
    answer["value"] = value
    if question_id:
        answer["question_id"] = question_id
    data["answers"] = [answer]
    return data


def _org(**changes: Any) -> dict[str, Any]:
    data = _sample()
    data["organization"] = {**data["organization"], **changes}
    return data


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "invalid JSON at line 1"),
        ("[1, 2]", "expected a JSON object"),
        (_bad_answer(3, question_id="no_such_question"), "answers[0].question_id"),
        (_org(revenue=-5), "organization.revenue"),
        (_org(operating_margin=1.5), "organization.operating_margin"),
        (_org(revenue=1e306), "organization.revenue"),
        (_org(loaded_labor_cost_per_hour=1e308), "organization.loaded_labor_cost_per_hour"),
        (_org(headcount="many"), "organization.headcount"),
        (_bad_answer("lots"), "answers[0].value"),
        (_bad_answer(True), "answers[0].value"),
        (_bad_answer({"low": 5, "likely": 2, "high": 9}), "low <= likely <= high"),
        ({**_sample(), "pools": {"marketing": 5}}, "pools.marketing"),
        ({**_sample(), "surprise": 1}, "surprise"),
    ],
)
def test_score_bad_input_exits_2_with_one_line(tmp_path: Path, content: Any, expected: str) -> None:
    out = runner.invoke(app, ["score", str(_write(tmp_path, content))])
    assert out.exit_code == 2, out.output
    assert expected in out.output
    assert "Traceback" not in out.output
    assert len(out.output.strip().splitlines()) == 1, out.output


def test_score_nan_revenue_rejected(tmp_path: Path) -> None:
    text = json.dumps(_sample()).replace('"revenue": 100000000', '"revenue": NaN', 1)
    assert "NaN" in text
    out = runner.invoke(app, ["score", str(_write(tmp_path, text))])
    assert out.exit_code == 2
    assert "NaN" in out.output


def test_score_missing_file_exits_2(tmp_path: Path) -> None:
    out = runner.invoke(app, ["score", str(tmp_path / "nope.json")])
    assert out.exit_code == 2
    assert "no such file" in out.output


def test_unknown_domain_exits_2() -> None:
    out = runner.invoke(app, ["questions", "--domain", "marketing"])
    assert out.exit_code == 2
    assert "unknown domain 'marketing'" in out.output


def test_console_script_prints_no_traceback(tmp_path: Path) -> None:
    path = _write(tmp_path, _bad_answer("banana"))
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "score", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("error: answers[0].value")
    assert "Traceback" not in proc.stderr
