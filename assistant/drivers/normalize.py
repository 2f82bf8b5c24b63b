"""Normalizing a chat message for matching: plain lower-case words and polite padding removed.

Two views of a message are used:

- ``clean_text``: the message with emoji, control characters and curly quotes tidied but
  case, digits and symbols kept ("Change it to $40K"), for cutting out values and names;
- ``Words``: lower-case words without punctuation or apostrophes ("whats", "lets", "im"),
  joined by single spaces, for matching phrases with plain regular expressions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

_QUOTES: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
# Emoji, pictographs, skin tones, private use, format characters (zero-width joiners).
_DROP_CATEGORIES: Final = frozenset({"So", "Sk", "Cs", "Co", "Cn", "Cf"})
# Variation selectors make an emoji coloured; they carry no meaning here.
_DROP_CHARS: Final = frozenset({"\ufe0e", "\ufe0f", "\u20e3"})
_WORD: Final = re.compile(r"[^\W_]+")

# Words that only soften a message ("ok so skip please", "hmm, status?"). Leading padding
# includes greetings so "hi, can we pause" is a pause; "no" and "yes" are never padding
# because they answer yes/no questions.
_SOFT: Final = (
    r"please|pls|plz|ok|okay|kk|k|so|well|oh|ah|alright|right|sorry|actually|wait|anyway"
    r"|hi|hello|hey|yo|thanks|thank you|thx|ty|cheers|h+m+|u+m+|u+h+|e+r+m*|a+h+"
)
_LEADING: Final = re.compile(rf"^(?:(?:{_SOFT}) )+")
_TRAILING: Final = re.compile(
    r"(?: (?:please|pls|plz|thanks|thank you|thx|ty|cheers|then|ok|okay))+$"
)
# Softeners that can sit anywhere without changing what is asked.
_ANYWHERE: Final = re.compile(r"\b(?:please|pls|plz|kindly|just) ")


@dataclass(frozen=True, slots=True)
class Words:
    """A message as plain words.

    Attributes:
        all: Every word, lower case, apostrophes removed: "ok so whats the total".
        core: ``all`` without padding: "whats the total"; ``all`` itself when the message is
            nothing but padding ("ok", "thanks"), so those can still be read.
        question: Whether the message has a question mark anywhere.
    """

    all: str
    core: str
    question: bool


def clean_text(text: str) -> str:
    """The message with emoji and control characters dropped and spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    kept = (
        " " if unicodedata.category(ch) == "Cc" else ch
        for ch in text
        if ch not in _DROP_CHARS and unicodedata.category(ch) not in _DROP_CATEGORIES
    )
    return " ".join("".join(kept).split())


def has_emoji(text: str) -> bool:
    """Whether the message has an emoji or other pictograph ("👍", "🙏")."""
    return any(unicodedata.category(ch) == "So" for ch in text)


def words_of(text: str) -> Words:
    """Split a message into plain words, with and without padding."""
    cleaned = clean_text(text).lower()
    everything = " ".join(_WORD.findall(cleaned.replace("'", "")))
    return Words(all=everything, core=strip_padding(everything), question="?" in cleaned)


def strip_padding(words: str) -> str:
    """Words without leading/trailing softeners; ``words`` itself if nothing else is left."""
    core = _ANYWHERE.sub("", f"{words} ").strip()
    core = _TRAILING.sub("", _LEADING.sub("", f"{core} ").strip())
    return core or words


def only_padding(words: str) -> bool:
    """Whether the words are all padding, or none at all: "ok, thanks!", "hmm", ""."""
    rest = _ANYWHERE.sub("", f"{words} ").strip()
    return not rest or _LEADING.fullmatch(f"{rest} ") is not None


# Words that carry no answer on their own: what is left of "I'd rather skip this one,
# sorry" once the command is cut out is "id rather one sorry", which answers nothing.
# "no" is here because next to a command it declines ("no, I'd rather not say").
_FILLER: Final = frozenset(
    "i id im ill ive we wed well were lets let us can could would will shall rather prefer to"
    " this that it its one the a an and but or so really sorry now here there for just me my"
    " our you your please thanks thank ok okay oh hmm um uh well actually anyway then maybe"
    " think guess do have has be is are was gotta got need want like no nope nah about".split()
)


def has_content(words: str) -> bool:
    """Whether any word is more than filler (a number, a noun, a yes or no)."""
    return any(word not in _FILLER for word in words.split())
