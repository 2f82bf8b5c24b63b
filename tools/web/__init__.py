"""The web app's sign-in: browser sessions (console and respondent) and interview invitations.

sessions   sign in with an API key, resolve a cookie to its caller, sign out
"""

from tools.web.sessions import (
    CONSOLE_HOURS,
    SessionGrant,
    SessionRespondent,
    SessionRound,
    SessionView,
    describe,
    resolve,
    sign_in,
    sign_out,
)

__all__ = [
    "CONSOLE_HOURS",
    "SessionGrant",
    "SessionRespondent",
    "SessionRound",
    "SessionView",
    "describe",
    "resolve",
    "sign_in",
    "sign_out",
]
