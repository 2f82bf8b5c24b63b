"""Organizations, respondents, keys and who-said-what: what facilitators and admins set up."""

from __future__ import annotations

from tools.admin.directory import (
    KeyView,
    OrgView,
    RespondentView,
    add_respondent,
    authenticate,
    create_key,
    create_org,
    find_or_add_respondent,
    get_org,
    list_keys,
    list_org_ids,
    list_respondents,
    org_view,
    respondent_view,
    revoke_key,
    update_org,
)

__all__ = [
    "KeyView",
    "OrgView",
    "RespondentView",
    "add_respondent",
    "authenticate",
    "create_key",
    "create_org",
    "find_or_add_respondent",
    "get_org",
    "list_keys",
    "list_org_ids",
    "list_respondents",
    "org_view",
    "respondent_view",
    "revoke_key",
    "update_org",
]
