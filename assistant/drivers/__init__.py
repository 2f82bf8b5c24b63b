"""Drivers decide, turn by turn, what a respondent's message means and which tools to call.

This package's shared surface is the offline intent classifier the rules driver builds on.
"""

from assistant.drivers.domains import match_domain
from assistant.drivers.intents import classify
from assistant.drivers.parsed_intent import Intent, ParsedIntent

__all__ = ["Intent", "ParsedIntent", "classify", "match_domain"]
