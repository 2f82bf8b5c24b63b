"""Reply templates: every one loads, renders with its variables, and refuses bad values."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import prompts
from prompts import PromptError, render, required_variables

# The replies the rules driver needs and the values each takes.
EXPECTED: dict[str, frozenset[str]] = {
    "welcome": frozenset({"name", "total", "minutes"}),
    "confirm": frozenset({"display"}),
    "reask": frozenset({"problem", "example"}),
    "skipped": frozenset(),
    "dont_know": frozenset(),
    "back": frozenset({"question"}),
    "revised": frozenset({"question", "old", "new"}),
    "nothing_to_revise": frozenset(),
    "nothing_to_go_back_to": frozenset(),
    "paused": frozenset({"answered", "total"}),
    "resumed": frozenset(),
    "status": frozenset({"answered", "total", "skipped", "remaining"}),
    "help": frozenset(),
    "done": frozenset({"answered", "skipped"}),
    "progress": frozenset({"answered", "total"}),
    "biggest_drag": frozenset({"domain", "mean", "p10", "p90", "bps", "driver", "explanation"}),
    "why": frozenset({"domain", "explanation", "drivers"}),
    "leaks": frozenset({"total", "p10", "p90", "bps", "lines"}),
    "no_results_yet": frozenset(),
    "not_understood": frozenset(),
    "greeting": frozenset(),
}


def _values(name: str) -> dict[str, str | int | float]:
    return {variable: f"<{variable}>" for variable in required_variables(name)}


def test_names_cover_every_expected_reply() -> None:
    assert set(EXPECTED) <= set(prompts.names())


@pytest.mark.parametrize(("name", "variables"), EXPECTED.items())
def test_required_variables_match_contract(name: str, variables: frozenset[str]) -> None:
    assert required_variables(name) == variables


@pytest.mark.parametrize("name", prompts.names())
def test_render_every_template_with_its_variables(name: str) -> None:
    text = render(name, **_values(name))
    assert text.strip() == text
    for variable in required_variables(name):
        assert f"<{variable}>" in text
    # No placeholder left behind and no Markdown Slack would show literally.
    assert not re.search(r"\$[A-Za-z_{]", text)
    assert "**" not in text
    assert "__" not in text


def test_render_confirm_exact() -> None:
    assert render("confirm", display="3-5 days") == "Recorded: 3-5 days."


def test_render_progress_numbers() -> None:
    assert render("progress", answered=7, total=24) == "_7 of 24_"


def test_render_reask_shows_problem_and_example() -> None:
    text = render("reask", problem="I couldn't find a number.", example="3-5 days")
    assert text.startswith("I couldn't find a number.")
    assert "_3-5 days_" in text


def test_render_welcome_names_commands_and_literal_dollar() -> None:
    text = render("welcome", name="Dana", total=24, minutes=15).lower()
    for word in ("dana", "24", "15", "skip", "don't know", "back", "pause", "status", "help"):
        assert word in text
    assert "$40k" in text
    assert "operating income at risk" in text


def test_render_help_lists_every_command_with_example() -> None:
    text = render("help").lower()
    for command in ("skip", "don't know", "back", "change my answer", "pause", "resume"):
        assert command in text
    for command in ("status", "biggest drag", "why hiring", "leak"):
        assert command in text
    assert text.count("•") >= 10


def test_render_dont_know_mentions_benchmark_and_flag() -> None:
    text = render("dont_know").lower()
    assert "benchmark" in text
    assert "flag" in text


def test_render_values_not_reinterpreted() -> None:
    # A value with "$" or "${...}" in it is shown as is, not filled again.
    assert render("confirm", display="$40,000 a year ${x}") == "Recorded: $40,000 a year ${x}."


def test_render_unknown_template_raises() -> None:
    with pytest.raises(PromptError, match="no reply template 'nope'"):
        render("nope")
    with pytest.raises(PromptError):
        required_variables("nope")


def test_render_missing_variable_raises() -> None:
    with pytest.raises(PromptError, match="missing total"):
        render("progress", answered=3)


def test_render_unknown_variable_raises() -> None:
    with pytest.raises(PromptError, match="unknown colour"):
        render("confirm", display="5", colour="red")


def test_prompt_error_is_value_error() -> None:
    assert issubclass(PromptError, ValueError)


def test_templates_ship_as_package_data() -> None:
    # Loaded through importlib.resources, so an installed package must carry the files.
    folder = resources.files("prompts").joinpath("replies")
    assert {f"{name}.md" for name in EXPECTED} <= {entry.name for entry in folder.iterdir()}
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    setuptools = pyproject["tool"]["setuptools"]
    assert "*.md" in setuptools["package-data"]["*"]
    assert "prompts*" in setuptools["packages"]["find"]["include"]
