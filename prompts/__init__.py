"""Reply templates (``prompts/replies/*.md``) and system prompts for a model (``prompts/*.md``).

Templates use ``string.Template`` placeholders (``$name`` or ``${name}``; ``$$`` is a literal
dollar sign, so write "$$40k" in an example). Text is Slack-compatible Markdown: *bold* with
single asterisks, _italic_ with underscores.

>>> render("confirm", display="3-5 days")
'Recorded: 3-5 days.'
>>> sorted(required_variables("progress"))
['answered', 'total']

A system prompt declares its variables in front matter, checked against its placeholders when
the prompts load (a missing or an unknown one is an error then, not a silent blank later)::

    ---
    variables: [org_name, caller_role]
    ---
    You are oiar's analyst for $org_name ...

Errors::

    ValueError
    └── PromptError    a missing template, a broken one, a missing or an unknown variable
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Final

import yaml

__all__ = [
    "PromptError",
    "SystemPrompt",
    "names",
    "render",
    "required_variables",
    "check_variables",
    "system_prompt",
    "system_prompt_names",
]

_FOLDER: Final = "replies"
_SUFFIX: Final = ".md"


class PromptError(ValueError):
    """A template is missing or broken, or the values given don't fit it."""


def render(name: str, /, **values: str | int | float) -> str:
    """Fill a reply template.

    Args:
        name: The template's name, e.g. "welcome" (the file ``replies/welcome.md``);
            positional-only, so a template can have a ``$name`` of its own.
        **values: One value per placeholder; numbers are shown with ``str``, so format
            money and percentages before passing them.

    Raises:
        PromptError: No such template, a placeholder without a value, or a value the
            template has no placeholder for (likely a typo).
    """
    template = _template(name)
    wanted = required_variables(name)
    missing = sorted(wanted - values.keys())
    unknown = sorted(values.keys() - wanted)
    if missing or unknown:
        parts = [f"missing {', '.join(missing)}" if missing else ""]
        parts.append(f"unknown {', '.join(unknown)}" if unknown else "")
        expected = ", ".join(sorted(wanted)) or "none"
        msg = f"template {name!r}: {'; '.join(p for p in parts if p)} (expects: {expected})"
        raise PromptError(msg)
    return template.substitute({key: str(value) for key, value in values.items()})


def required_variables(name: str) -> frozenset[str]:
    """The placeholders a template needs, e.g. {"answered", "total"} for "progress"."""
    _template(name)
    return _variables()[name]


def names() -> tuple[str, ...]:
    """Every template's name, sorted."""
    return tuple(sorted(_catalog()))


def _template(name: str) -> string.Template:
    template = _catalog().get(name)
    if template is None:
        msg = f"no reply template {name!r}; have: {', '.join(names())}"
        raise PromptError(msg)
    return template


@cache
def _catalog() -> MappingProxyType[str, string.Template]:
    """Load and check every template once; a broken one fails the first render, by name."""
    folder = resources.files(__name__).joinpath(_FOLDER)
    catalog: dict[str, string.Template] = {}
    for entry in folder.iterdir():
        if not entry.name.endswith(_SUFFIX):
            continue
        name = entry.name.removesuffix(_SUFFIX)
        # One trailing newline is the file's, not the reply's.
        template = string.Template(entry.read_text(encoding="utf-8").rstrip("\n"))
        if not template.is_valid():
            msg = f"template {name!r} has a stray $ (write $$ for a dollar sign)"
            raise PromptError(msg)
        if not template.template.strip():
            msg = f"template {name!r} is empty"
            raise PromptError(msg)
        catalog[name] = template
    return MappingProxyType(catalog)


@cache
def _variables() -> MappingProxyType[str, frozenset[str]]:
    return MappingProxyType(
        {name: frozenset(t.get_identifiers()) for name, t in _catalog().items()}
    )


# ---------------------------------------------------------------- system prompts

_FRONT: Final = "---"


@dataclass(frozen=True, slots=True)
class SystemPrompt:
    """A model's instructions: a template whose variables are declared and checked."""

    name: str
    variables: frozenset[str]
    template: string.Template

    def render(self, **values: str | int | float) -> str:
        """Fill every declared variable; a missing or an unknown one is a `PromptError`."""
        check_variables(self, values.keys())
        return self.template.substitute({key: str(value) for key, value in values.items()})


def check_variables(prompt: SystemPrompt, given: Iterable[str]) -> None:
    """Raise `PromptError` unless `given` (names) is exactly the prompt's declared variables."""
    names_given = frozenset(given)
    missing = sorted(prompt.variables - names_given)
    unknown = sorted(names_given - prompt.variables)
    if missing or unknown:
        parts = [f"missing {', '.join(missing)}" if missing else ""]
        parts.append(f"unknown {', '.join(unknown)}" if unknown else "")
        expected = ", ".join(sorted(prompt.variables)) or "none"
        msg = f"prompt {prompt.name!r}: {'; '.join(p for p in parts if p)} (declares: {expected})"
        raise PromptError(msg)


def system_prompt(name: str) -> SystemPrompt:
    """The system prompt ``prompts/<name>.md``, e.g. "interviewer" or "analyst"."""
    prompt = _system_catalog().get(name)
    if prompt is None:
        have = ", ".join(system_prompt_names())
        msg = f"no system prompt {name!r}; have: {have}"
        raise PromptError(msg)
    return prompt


def system_prompt_names() -> tuple[str, ...]:
    return tuple(sorted(_system_catalog()))


def parse_system_prompt(name: str, text: str) -> SystemPrompt:
    """Read front matter and body; the declared variables must be the body's placeholders."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != _FRONT or _FRONT not in (x.strip() for x in lines[1:]):
        msg = f"prompt {name!r}: starts without front matter ('---', variables: [...], '---')"
        raise PromptError(msg)
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == _FRONT)
    try:
        front = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        msg = f"prompt {name!r}: front matter is not YAML: {exc}"
        raise PromptError(msg) from exc
    declared = front.get("variables") if isinstance(front, dict) else None
    if not isinstance(declared, list) or not all(isinstance(v, str) for v in declared):
        msg = f"prompt {name!r}: front matter needs 'variables: [name, ...]' (a list of names)"
        raise PromptError(msg)
    template = string.Template("\n".join(lines[end + 1 :]).strip("\n"))
    if not template.is_valid():
        msg = f"prompt {name!r} has a stray $ (write $$ for a dollar sign)"
        raise PromptError(msg)
    if not template.template.strip():
        msg = f"prompt {name!r} is empty"
        raise PromptError(msg)
    used = frozenset(template.get_identifiers())
    prompt = SystemPrompt(name=name, variables=frozenset(declared), template=template)
    undeclared = sorted(used - prompt.variables)
    unused = sorted(prompt.variables - used)
    if undeclared or unused:
        parts = [f"uses undeclared {', '.join(undeclared)}" if undeclared else ""]
        parts.append(f"declares unused {', '.join(unused)}" if unused else "")
        msg = f"prompt {name!r}: {'; '.join(p for p in parts if p)}"
        raise PromptError(msg)
    return prompt


@cache
def _system_catalog() -> MappingProxyType[str, SystemPrompt]:
    folder: Traversable = resources.files(__name__)
    catalog = {
        entry.name.removesuffix(_SUFFIX): parse_system_prompt(
            entry.name.removesuffix(_SUFFIX), entry.read_text(encoding="utf-8")
        )
        for entry in folder.iterdir()
        if entry.name.endswith(_SUFFIX) and entry.is_file()
    }
    return MappingProxyType(catalog)
