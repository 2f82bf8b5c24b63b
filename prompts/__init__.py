"""Reply templates for the interviewer, one Markdown file per reply in ``prompts/replies/``.

Templates use ``string.Template`` placeholders (``$name`` or ``${name}``; ``$$`` is a literal
dollar sign, so write "$$40k" in an example). Text is Slack-compatible Markdown: *bold* with
single asterisks, _italic_ with underscores.

>>> render("confirm", display="3-5 days")
'Recorded: 3-5 days.'
>>> sorted(required_variables("progress"))
['answered', 'total']

Errors::

    ValueError
    └── PromptError    a missing template, a broken one, a missing or an unknown variable
"""

from __future__ import annotations

import string
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Final

__all__ = ["PromptError", "names", "render", "required_variables"]

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
