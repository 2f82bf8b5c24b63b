"""Scanning a quantity answer's tokens into amounts, range separators and a period.

    "about $40k-$60k a year"  ->  Term($40k) Sep(-) Term($60k) Period(year)
    "every other week"        ->  Period(week, every 2)
    "a day a week"            ->  Term(1 day) Period(week)

Words the scanner doesn't know ("we spend", "roughly", "people") are filler and skipped, so
people can answer in a sentence. What it must not skip it refuses: negative numbers, "nan",
and open-ended answers ("at least 5"), which we can't put a range on.
"""

from __future__ import annotations

import math
from typing import Final

from tools.parsing.currency import DOLLAR, DOLLAR_PREFIXES, SYMBOLS, WORDS
from tools.parsing.errors import ParseError
from tools.parsing.numbers import Token, is_number
from tools.parsing.open_ends import (
    LOWER_PAIRS,
    LOWER_WORDS,
    SOFTENERS,
    UPPER_PAIRS,
    UPPER_WORDS,
    open_ended_error,
)
from tools.parsing.terms import Grammar, Item, Period, Quantity, Sep, Term, build, is_noun
from tools.parsing.units import PERIOD_ADVERBS, TIME_UNITS, WORKDAY_PREFIXES

_RANGE_WORDS: Final = frozenset({"-", "to", "or", "through", "thru", "till", "until"})
_LEADERS: Final = frozenset({"a", "an", "per", "every", "each", "/"})
_EVERY_ORDINALS: Final[dict[str, float]] = {"other": 2.0, "second": 2.0, "third": 3.0}
_TIMES: Final = frozenset({"times", "time", "x"})
_PERCENT: Final = frozenset({"%", "percent", "pct", "percentage"})
_NOT_NUMBERS: Final = frozenset({"nan", "inf", "infinity", "infinite", "forever", "unlimited"})


def read_quantity(tokens: list[Token], text: str, grammar: Grammar) -> Quantity:
    """Read the amount(s) and period of a quantity answer.

    Args:
        tokens: The answer's tokens (``numbers.tokenize``).
        text: The normalized answer the tokens point into.
        grammar: What the question type reads after a number.

    Raises:
        ParseError: A negative or non-finite number, an open-ended answer, several numbers
            that are not a range, or two periods.
    """
    scanner = _Scanner(tokens, text, grammar)
    open_end = scanner.open_ended()
    items = scanner.run()
    if open_end is not None:
        phrase, lower = open_end
        first = next((item for item in items if isinstance(item, Term)), None)
        raise open_ended_error(phrase, text, first, lower=lower)
    return build(items, text)


class _Scanner:
    """One left-to-right pass over the tokens, collecting items."""

    def __init__(self, tokens: list[Token], text: str, grammar: Grammar) -> None:
        self.tokens = tokens
        self.text = text
        self.grammar = grammar
        self.items: list[Item] = []
        self.between = False

    def run(self) -> list[Item]:
        i = 0
        while i < len(self.tokens):
            nxt = self._term(i) or self._period(i) or self._separator(i)
            if nxt is None:
                self._refuse(i)
                nxt = i + 1
            i = nxt
        return self.items

    def open_ended(self) -> tuple[str, bool] | None:
        """The first open-ended phrase and whether it leaves the high end open."""
        for i, token in enumerate(self.tokens):
            if self._text(i - 1) in SOFTENERS:
                continue
            pair = (token.text, self._text(i + 1))
            if pair in LOWER_PAIRS or pair in UPPER_PAIRS:
                # "from 2 up to 5" is a range, not a bound.
                if pair == ("up", "to") and self._ends_amount(i - 1):
                    continue
                return " ".join(pair), pair in LOWER_PAIRS
            if token.text in LOWER_WORDS | UPPER_WORDS and self._starts_term(i + 1):
                return token.text, token.text in LOWER_WORDS
            if (
                token.text in ("+", "plus")
                and self._ends_amount(i - 1)
                and self._text(i + 1) != "/"
            ):
                return "+", True
        return None

    def _text(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def _number(self, i: int) -> Token | None:
        token = self.tokens[i] if 0 <= i < len(self.tokens) else None
        return token if is_number(token) else None

    def _ends_amount(self, i: int) -> bool:
        if not 0 <= i < len(self.tokens):
            return False
        word = self.tokens[i].text
        return (
            self.tokens[i].kind == "num"
            or word in self.grammar.magnitudes
            or word in TIME_UNITS
            or word in _PERCENT
        )

    def _currency(self, i: int) -> tuple[str | None, int]:
        if not 0 <= i < len(self.tokens):
            return None, i
        word = self.tokens[i].text
        if word in SYMBOLS:
            return SYMBOLS[word], i + 1
        glued = i + 1 < len(self.tokens) and self.tokens[i].end == self.tokens[i + 1].start
        if word in DOLLAR_PREFIXES and glued and self._text(i + 1) == "$":
            return DOLLAR_PREFIXES[word], i + 2
        if word in WORDS:
            return WORDS[word], i + 1
        return None, i

    def _skip_currency(self, i: int) -> tuple[str | None, int]:
        found: str | None = None
        code, after = self._currency(i)
        while code is not None:
            # "USD $40k": keep the specific code over the bare dollar sign.
            found = code if found in (None, DOLLAR) else found
            i = after
            code, after = self._currency(i)
        return found, i

    def _unit(self, i: int) -> tuple[str, int] | None:
        word = self._text(i)
        if word in WORKDAY_PREFIXES and self._text(i + 1) in ("day", "days"):
            return "working_day", i + 2
        if word in TIME_UNITS:
            return TIME_UNITS[word], i + 1
        return None

    def _starts_term(self, i: int) -> bool:
        _, i = self._skip_currency(i)
        if 0 <= i < len(self.tokens) and self.tokens[i].kind == "num":
            return True
        return self._text(i) in ("a", "an") and self._unit(i + 1) is not None

    def _after_term(self) -> bool:
        """Whether the last item (periods aside) is an amount, so a separator may follow."""
        rest = [item for item in self.items if not isinstance(item, Period)]
        return bool(rest) and isinstance(rest[-1], Term)

    def _term(self, start: int) -> int | None:
        currency, i = self._skip_currency(start)
        if 0 <= i < len(self.tokens) and self.tokens[i].kind == "num":
            token = self.tokens[i]
            return self._amount(start, i + 1, currency, token.value, freq=not is_number(token))
        # "a week" is an amount at the start or after a separator ("2 days to a week"), but a
        # period after one ("$40k a week").
        rest = [item for item in self.items if not isinstance(item, Period)]
        fresh = not rest or isinstance(rest[-1], Sep)
        if currency is None and fresh and self._text(i) in ("a", "an"):
            unit = self._unit(i + 1)
            if unit is not None:
                return self._amount(start, i + 1, None, 1.0, freq=False)
        return None

    def _amount(self, start: int, i: int, currency: str | None, value: float, *, freq: bool) -> int:
        magnitude: float | None = None
        while self._text(i) in self.grammar.magnitudes and self.tokens[i].kind == "word":
            magnitude = (magnitude or 1.0) * self.grammar.magnitudes[self.tokens[i].text]
            i += 1
        percent, unit = False, None
        while i < len(self.tokens):
            word = self._text(i)
            code, after = self._currency(i)
            found = self._unit(i)
            if word in self.grammar.ambiguous:
                raise ParseError(self.grammar.ambiguous[word])
            if code is not None and currency is None:
                currency, i = code, after
            elif word in _PERCENT and not percent:
                percent, i = True, i + 1
            elif found is not None and unit is None:
                unit, i = found
            elif word in _TIMES:
                freq, i = True, i + 1
            elif [self._text(i + k) for k in range(3)] == ["and", "a", "half"]:
                value, i = value + 0.5, i + 3
            else:
                break
        value *= magnitude or 1.0
        shown = self.text[self.tokens[start].start : self.tokens[i - 1].end]
        if not math.isfinite(value):
            msg = f"“{shown}” is too large to use. Please give a realistic figure."
            raise ParseError(msg)
        noun = self._text(i) if is_noun(self._text(i)) else None
        self.items.append(Term(value, shown, magnitude, currency, percent, unit, freq, noun=noun))
        return i

    def _period(self, i: int) -> int | None:
        word = self.tokens[i].text
        if word in PERIOD_ADVERBS:
            unit, every = PERIOD_ADVERBS[word]
            self.items.append(Period(unit, word, every, every))
            return i + 1
        after_term = bool(self.items) and isinstance(self.items[-1], Term)
        is_in = word == "in" and self.grammar.in_periods and after_term
        if word not in _LEADERS and not is_in:
            return None
        j, low, high = i + 1, 1.0, 1.0
        if self._text(j) in _EVERY_ORDINALS and word in ("every", "each"):
            low = high = _EVERY_ORDINALS[self._text(j)]
            j += 1
        elif word in ("every", "per", "in") and (first := self._number(j)) is not None:
            low = high = first.value
            j += 1
            if self._text(j) in ("-", "to", "or") and (last := self._number(j + 1)) is not None:
                high, j = last.value, j + 2
        elif word == "in" and self._text(j) in ("a", "an"):
            j += 1
        found = self._unit(j)
        if found is None:
            return None
        unit, j = found
        shown = self.text[self.tokens[i].start : self.tokens[j - 1].end]
        if not 0 < low <= high:
            msg = f"“{shown}” doesn't work as a period. Please give one like “every 2 weeks”."
            raise ParseError(msg)
        self.items.append(Period(unit, shown, low, high))
        return j

    def _separator(self, i: int) -> int | None:
        word = self.tokens[i].text
        if word == "between":
            self.between = True
            return i + 1
        if word == "+" and self._text(i + 1) == "/" and self._text(i + 2) == "-":
            sep, width = "±", 3
        elif word == "±" or word in _RANGE_WORDS or (word == "and" and self.between):
            sep, width = word, 1
        elif word == "up" and self._text(i + 1) == "to":
            sep, width = "to", 2
        else:
            return None
        if self._after_term() and self._starts_term(i + width):
            self.items.append(Sep(sep))
            return i + width
        return None

    def _refuse(self, i: int) -> None:
        """Raise for a skipped token that must not be skipped; otherwise it is filler."""
        word = self.tokens[i].text
        if word in _NOT_NUMBERS:
            msg = f"“{word}” isn't a number I can use. Please give a finite number."
            raise ParseError(msg)
        _, j = self._skip_currency(i + 1)
        negative = word in ("-", "minus", "negative")
        if negative and 0 <= j < len(self.tokens) and self.tokens[j].kind == "num":
            shown = self.text[self.tokens[i].start : self.tokens[j].end]
            msg = f"Negative numbers don't work here (“{shown}”). Please give zero or more."
            raise ParseError(msg)
