"""The web app's sign-in: browser sessions (console and respondent) and interview invitations.

sessions   sign in with an API key, resolve a cookie to its caller, sign out
invites    single-use links bound to a respondent and a round: make, list, revoke, open
progress   who has answered in the current round
"""

from tools.web.invites import (
    DEFAULT_DAYS,
    MAX_DAYS,
    MIN_DAYS,
    OPEN_ROUND,
    InviteCreated,
    InviteView,
    Opening,
    create_invite,
    list_invites,
    open_invite,
    org_name_of_invite,
    revoke_invite,
)
from tools.web.progress import ProgressView, RespondentProgress, progress
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
    "DEFAULT_DAYS",
    "MAX_DAYS",
    "MIN_DAYS",
    "OPEN_ROUND",
    "InviteCreated",
    "InviteView",
    "Opening",
    "ProgressView",
    "RespondentProgress",
    "SessionGrant",
    "SessionRespondent",
    "SessionRound",
    "SessionView",
    "create_invite",
    "describe",
    "list_invites",
    "open_invite",
    "org_name_of_invite",
    "progress",
    "resolve",
    "revoke_invite",
    "sign_in",
    "sign_out",
]
