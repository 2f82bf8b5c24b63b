"""Interview commands in plain words: skip, back, pause, resume, status, help, greetings.

Patterns run on ``Words.core`` (lower case, no punctuation or apostrophes: "lets", "im").
Two tiers:

- ``whole_command``: the message *is* the command, maybe with a polite frame ("can we skip
  this one", "let's continue later"). These win over everything else.
- ``contained_command``: an unmistakable phrase inside a longer message ("sorry, gotta run",
  "I'd rather not say that"). The classifier uses these only when the message is not also
  an answer to the pending question.

Order matters where phrases overlap: PAUSE before RESUME ("continue later"), BACK before
RESUME ("let's go back"), STATUS before HELP.
"""

from __future__ import annotations

import re
from typing import Final

from assistant.drivers.parsed_intent import Intent

# "can we", "I'd like to", "let's", "I'll" ... in front of a command word.
_ASK: Final = (
    r"(?:(?:can|could|may|shall) (?:we|i|you) |(?:id|i would|wed|we would|i|we) "
    r"(?:like|love|want|need|prefer) to |(?:i|we) wanna |lets |let us |let me |ill |well "
    r"|i will |we will |(?:im|were) going to )?"
)
_THIS: Final = (
    r"(?: (?:on )?(?:this|that|it|the|this question|that question|question|one|for now|ahead))*"
)
_LATER: Final = (
    r"(?:later|tomorrow|another time|some other time|next time|next week|soon|tonight"
    r"|in a bit|in a while|after lunch|after my meeting|this afternoon|after)"
)
_LEAVE: Final = (
    r"(?:gotta|got to|have to|need to|must|gta|gonna have to) (?:run|go|jump|leave|dash|hop off"
    r"|head out|step away|drop)"
)

_WHOLE: Final[tuple[tuple[Intent, tuple[str, ...]], ...]] = (
    (
        Intent.PAUSE,
        (
            _ASK + r"(?:pause|stop|break|take a break|have a break|hold|hold on|hang on|quit|exit"
            r"|end|halt|stop here|leave it there|call it a day)"
            r"(?: (?:for now|for a bit|for a moment|for a sec|for a minute|for today|now|here"
            r"|it|this|the interview|there|a sec|a moment|a minute|a bit|for the day))*",
            _ASK
            + r"(?:continue|resume|finish|pick (?:this|it) (?:back )?up|do (?:this|the rest|it)"
            r"|come back(?: to (?:this|it))?|carry on|keep going|go on|talk|chat|finish this) "
            + _LATER,
            rf"(?:sorry )?(?:i )?{_LEAVE}(?: (?:off|now|out|sorry|bye))*",
            r"brb|be right back|gtg|g2g|ttyl|talk (?:later|soon|to you later)|later|laters"
            r"|not now|not right now|another time|bye|bye bye|goodbye|see you|see ya|cya"
            r"|see you later|one sec|one moment|one minute|back in a (?:bit|minute|sec|moment)",
            r"(?:im |i am |were |we are )?(?:done|finished) for (?:now|today|the day)",
            r"thats (?:it|all|enough) for (?:now|today)|(?:im |i am )?(?:busy|in a meeting)"
            r"(?: right now| now)?|skip the rest|(?:lets )?stop there",
        ),
    ),
    (
        Intent.SKIP,
        (
            _ASK + r"(?:skip|pass|move on|next|skip ahead)" + _THIS,
            r"(?:id |i would |wed )?(?:rather|prefer) not(?: to)?(?: (?:say|answer|share|tell"
            r"|disclose|comment|go there))?(?: (?:that|this|it|on this|on that|one))*",
            _ASK + r"come back to (?:this|that|it)(?: one| question)?(?: (?:at the end|after))?",
            r"next (?:question|one)|no comment|(?:i )?(?:cant|can not|cannot|wont|will not"
            r"|dont want to|do not want to) (?:answer|share)(?: (?:that|this|it|one))*",
        ),
    ),
    (
        Intent.BACK,
        (
            _ASK + r"(?:go |step |move |take me |jump )?back(?: (?:one|a question|a step|up"
            r"|to the (?:previous|last|prior) (?:question|one)|to (?:it|that)))*",
            _ASK + r"(?:go |take me )back to .+",
            r"(?:the )?(?:previous|prior|last) (?:question|one)|previous|return to the "
            r"(?:previous|last) question",
            _ASK + r"undo(?: (?:that|it|this|my (?:last |previous )?answer|the last answer))?",
        ),
    ),
    (
        Intent.RESUME,
        (
            _ASK + r"(?:resume|continue|start|begin|get started|go on|carry on|keep going|proceed"
            r"|pick up where we left off|pick (?:it|this) (?:back )?up|start again|go|get going"
            r"|do this|do it|crack on|go ahead|move forward|get on with it)"
            r"(?: (?:then|again|the interview|with the interview|where we left off"
            r"|from where we left off|on))*",
            r"(?:im|i am|were|we are) back(?: again)?|back again|where were we"
            r"|(?:im |i am |were |we are )?ready(?: (?:to go|to start|to continue|when you are))?",
        ),
    ),
    (
        Intent.STATUS,
        (
            r"(?:(?:whats|what is|show me|give me|check)(?: the| my| our)? )?(?:status"
            r"|progress|progress report)",
            r"how far(?: along)? (?:am i|are we|have i got|have we got|did i get|did we get)"
            r"(?: along)?",
            r"how (?:many|much)(?: more)?(?: questions?)?(?: (?:are|is))?(?: there)?(?: (?:left"
            r"|to go|remaining|still to go|do i have left|have i got left))",
            r"how many (?:more )?questions(?: (?:are there|do i have|have i got|in total|total))?",
            r"how (?:much|long) longer|how long (?:is )?left|how long (?:will|does|is) (?:this|it)"
            r" (?:take|going to take|gonna take)|where am i|where are we at",
            r"(?:am i|are we)(?: nearly| almost)? (?:done|there|finished)(?: yet)?"
            r"|(?:questions )?(?:left|remaining)",
        ),
    ),
    (
        Intent.HELP,
        (
            r"(?:i need |need |can i get |can i have |get |can you )?help(?: me)?",
            r"how (?:does|do) (?:this|it|the interview|this thing) work|how (?:this|it) works",
            r"how do i (?:answer|use this|do this|start|respond|reply)",
            r"what (?:can|should|do) i (?:say|do|type|answer|write)(?: here)?",
            r"what (?:are )?(?:my|the) options|options|commands|menu|instructions|usage",
            r"(?:im|i am) (?:confused|lost|stuck)|i (?:dont|do not) (?:understand|get it|follow)",
            r"(?:(?:i )?(?:dont|do not) know|(?:im |i am )?not sure) (?:how (?:this|it) works"
            r"|what to (?:say|do|type|answer|write)|how to (?:answer|respond|do this))",
            r"what is this|whats this|whats going on|what|huh|(?:(?:im |i am )?not sure |i dont "
            r"know )?what (?:do you|does that|does this) mean|i dont understand the question",
        ),
    ),
)

_CONTAINED: Final[tuple[tuple[Intent, str], ...]] = (
    (
        Intent.PAUSE,
        rf"{_LEAVE}|brb|gtg|g2g|ttyl|be right back|talk (?:later|soon)|not now|take a break"
        rf"|(?:continue|finish|pick (?:this|it) up|do (?:this|the rest)) {_LATER}"
        r"|skip the rest|(?:done|finished) for (?:now|today)|in a meeting",
    ),
    (
        Intent.SKIP,
        r"(?:rather|prefer) not(?: to)? (?:say|answer|share|disclose)(?: (?:this|that|it))?"
        r"|skip (?:this|that)(?: one| question)?|pass on (?:this|that)(?: one| question)?"
        r"|next question|move on|no comment",
    ),
    (
        Intent.BACK,
        r"previous question|go back (?:one|a question|to the (?:previous|last) question)"
        r"|undo (?:that|my (?:last )?answer)",
    ),
    (Intent.RESUME, r"(?:im|i am) back|lets (?:continue|go on|resume|keep going)|where were we"),
    (
        Intent.STATUS,
        r"how (?:many|much) (?:more |questions )*(?:are |is )?(?:left|to go|remaining)"
        r"|how far (?:am i|are we|along)|how much longer",
    ),
    (Intent.HELP, r"how does (?:this|it) work|what can i say|what are my options"),
)

# Said with no question pending, these start or continue the interview ("Ready?" "Yes").
_AFFIRMATIVE: Final = re.compile(
    r"(?:yes|yeah|yep|yup|sure|absolutely|of course|lets do it|lets do this|sounds good|why not)"
    r"(?: (?:lets go|lets do it|lets do this|go ahead|ready|lets start))*"
)
_GREETING: Final = re.compile(
    r"(?:(?:hi|hello|hey|hiya|howdy|yo|greetings|morning|good (?:morning|afternoon|evening|day))"
    r"(?: (?:there|all|team|everyone|oiar|bot))?"
    r"|thanks|thank you|thx|ty|cheers|much appreciated|appreciate it|ok|okay|kk|k|cool|great"
    r"|perfect|nice|awesome|got it|sounds good|understood|noted|ok thanks|great thanks)"
    r"(?: (?:very much|so much|a lot|again))?"
)

_WHOLE_RE: Final = tuple(
    (intent, re.compile("|".join(f"(?:{p})" for p in patterns))) for intent, patterns in _WHOLE
)
_CONTAINED_RE: Final = tuple(
    (intent, re.compile(rf"(?:^| )(?:{pattern})(?= |$)")) for intent, pattern in _CONTAINED
)


def whole_command(core: str, *, awaiting_answer: bool) -> Intent | None:
    """The command a whole message is ("can we skip this one" -> SKIP), or None."""
    for intent, pattern in _WHOLE_RE:
        if pattern.fullmatch(core):
            return intent
    if not awaiting_answer and _AFFIRMATIVE.fullmatch(core):
        return Intent.RESUME
    return None


def contained_command(core: str) -> tuple[Intent, str] | None:
    """The first unmistakable command phrase inside a message, and the words around all of them.

    "2, skip this one" -> (SKIP, "2"): the caller decides whether "2" is an answer after all.
    """
    first: tuple[int, Intent] | None = None
    rest = core
    for intent, pattern in _CONTAINED_RE:
        found = pattern.search(core)
        if found and (first is None or found.start() < first[0]):
            first = (found.start(), intent)
        rest = pattern.sub(" ", rest)
    if first is None:
        return None
    return first[1], " ".join(rest.split())


def is_greeting(core: str) -> bool:
    """Whether the message is only a greeting or thanks ("hi", "thanks a lot", "ok")."""
    return _GREETING.fullmatch(core) is not None
