"""System prompts declare their variables; a mismatch is an error when the prompts load."""

from __future__ import annotations

import pytest

from assistant.drivers.llm import unsupported_numbers
from prompts import PromptError, parse_system_prompt, system_prompt, system_prompt_names


def test_system_prompts_load_with_declared_variables() -> None:
    assert {"interviewer", "analyst"} <= set(system_prompt_names())
    assert system_prompt("analyst").variables == {"org_name", "caller_role"}
    assert "respondent_name" in system_prompt("interviewer").variables


def test_render_missing_or_unknown_variable_is_error() -> None:
    analyst = system_prompt("analyst")
    with pytest.raises(PromptError, match="missing caller_role"):
        analyst.render(org_name="Acme")
    with pytest.raises(PromptError, match="unknown tone"):
        analyst.render(org_name="Acme", caller_role="viewer", tone="warm")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("---\nvariables: [a]\n---\nHello $a and $b", "uses undeclared b"),
        ("---\nvariables: [a, c]\n---\nHello $a", "declares unused c"),
        ("Hello $a", "front matter"),
        ("---\nvariables: a\n---\nHello $a", "a list of names"),
        ("---\nvariables: []\n---\nCosts $5", "stray \\$"),
    ],
)
def test_parse_system_prompt_rejects_broken_files(text: str, problem: str) -> None:
    with pytest.raises(PromptError, match=problem):
        parse_system_prompt("broken", text)


def test_unknown_system_prompt_names_the_known_ones() -> None:
    with pytest.raises(PromptError, match="analyst"):
        system_prompt("poet")


@pytest.mark.parametrize(
    ("reply", "sources", "stray"),
    [
        ("Recorded: 15 a month.", ["15 a month"], []),
        ("About $1.2M a year (P10–P90 $0.8M–$1.9M).", ["$1.2M, P10–P90 $0.8M–$1.9M"], []),
        ("Recorded 1,200 a year.", ["1200"], []),
        ("1. Leadership\n2. Hiring", [""], []),
        ("That is 180 a year.", ["15 a month"], ["180"]),
        ("About 3.50 days, so 7 in two weeks.", ["3.5 days"], ["7"]),
    ],
)
def test_unsupported_numbers(reply: str, sources: list[str], stray: list[str]) -> None:
    assert unsupported_numbers(reply, sources) == stray
