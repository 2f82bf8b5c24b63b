"""Questions about results: the biggest drag, why a domain scores as it does, the breakdown.

A message is a result question when it has result words and is shaped like a question: a
question mark anywhere, a question or request word first ("what", "where", "show me",
"explain"), or nothing but a result phrase ("top risk", "score", "results"). Result words
alone are not enough: "the total is about 900k" answers a question about a total.

Patterns run on ``Words.core`` (lower case, no punctuation or apostrophes).
"""

from __future__ import annotations

import re
from typing import Final

from assistant.drivers.domains import match_domain
from assistant.drivers.normalize import Words
from assistant.drivers.parsed_intent import Intent, ParsedIntent

_OPENERS: Final = frozenset(
    "what whats where wheres which how hows why show tell give explain list can could".split()
)
# Openers that ask about a domain ("why hiring", "what's behind cross-functional").
_WHY: Final = re.compile(
    r"(?:why|how come|explain|whats behind|what is behind|what drives|whats driving"
    r"|what is driving)\b"
)
# Openers that ask about a domain only when one is named ("tell me about hiring").
_ABOUT: Final = re.compile(
    r"(?:tell me(?: more)? about|what about|how about|walk me through|what is|whats|more on"
    r"|break down)\b"
)
_BIGGEST: Final = re.compile(
    r"\b(?:biggest|largest|worst|top (?:risks?|drags?|issues?|problems?|priorit(?:y|ies)|leaks?"
    r"|items?|areas?|domains?|3|three|5|five)|most (?:expensive|costly|money|drag|risk)"
    r"|the most|fix first|start with|first priority|number one|priorit(?:y|ies|ize|ise)"
    r"|main (?:drags?|problems?|issues?|risks?|leaks?)|where (?:should|do|can) (?:we|i) "
    r"(?:start|begin|focus))\b"
)
_LEAKS: Final = re.compile(
    r"\b(?:leak\w*|breakdown|break (?:it )?down|totals?|scores?|results?|numbers|figures"
    r"|summary|bottom line|oiar|operating income|at risk|how much (?:are|do|did|have|is) "
    r"(?:we|our|it|this)|losing money|lose money|losing|costing us|the damage|overview)\b"
)
# Round over round: "is our drag shrinking?", "what changed since last quarter?".
_TREND: Final = re.compile(
    r"\b(?:shrink\w*|grow(?:ing|n)?|getting (?:better|worse)|improv(?:ing|ed|ement)"
    r"|chang\w* since|since (?:last|the last|our last) (?:quarter|round|time|assessment)"
    r"|trend\w*|last quarter|previous (?:quarter|round)|quarter over quarter"
    r"|(?:did|has|have|is) (?:it|the drag|our drag|the oiar|the total|we) (?:fall\w*|drop\w*"
    r"|go(?:ne)? down|come down|shr[iu]nk|improv\w*)|going down|went down|come down)\b"
)
# A whole message that is nothing but a result phrase ("score", "show me the breakdown").
_WHOLE: Final = re.compile(
    r"(?:(?:show|give|tell) (?:me|us) |(?:lets|can i|can we) see |see )?(?:the |our |my )?"
    r"(?:(?:total|totals|score|scores|result|results|breakdown|leaks|summary|bottom line|oiar"
    r"|report|overview|break (?:it )?down)"
    r"|(?:biggest|top|main) (?:drags?|risks?|leaks?|issues?|problems?)"
    r"|priorities)"
)


def result_question(words: Words) -> ParsedIntent | None:
    """Classify a question about results, or None if the message is not one.

    Returns:
        WHY (with the domain key named, or None), TREND, BIGGEST_DRAG or LEAKS; the payload is
        left empty for the caller to fill with the original message.
    """
    core = words.core
    if not core:
        return None
    domain = match_domain(core)
    big = _BIGGEST.search(core) is not None
    leaks = _LEAKS.search(core) is not None
    why = _WHY.match(core) is not None or (words.question and _WHY.search(core) is not None)
    if why and (domain is not None or not (big or leaks)):
        return ParsedIntent(Intent.WHY, "", domain)
    if domain is not None and _ABOUT.match(core):
        return ParsedIntent(Intent.WHY, "", domain)
    shaped = words.question or core.split()[0] in _OPENERS or _WHOLE.fullmatch(core) is not None
    if not shaped:
        return None
    if _TREND.search(core) is not None:
        return ParsedIntent(Intent.TREND, "", None)
    if big:
        return ParsedIntent(Intent.BIGGEST_DRAG, "", None)
    if leaks:
        return ParsedIntent(Intent.LEAKS, "", None)
    return None
