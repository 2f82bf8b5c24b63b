"""The tools layer: every action on the store, checked against the caller, one package per
capability. Front ends call these; nothing here imports a front end.

    access, errors   who is calling and what they may do; the errors every front end maps
    admin/           organizations, respondents, keys, attribution
    analysis/        answers through the scoring core: results, assessment files, what-ifs
    interview/       asking and answering, in adaptive order
    governance/      seams, decisions, constraints, initiatives and their outputs
    campaigns/       invitations, reminders, summaries
    knowledge/       the knowledge base and the evidence index
    slack/           Slack identity: workspaces, users, event dedupe
    web/             browser sessions, interview invitation links, who has answered
    model_tools/     the LangChain tool sets a model drives
    parsing/         plain-words answers into numbers
    store/           SQLAlchemy models, migrations and repository functions

Front ends never import `tools.store` (or SQLAlchemy): they take from here the store's type,
to open one and pass it to the tools, and the errors that mean it cannot answer right now.

    Store               the workspace store every tool function takes first
    STORE_UNAVAILABLE   exception classes for "database down, locked or pool exhausted"
"""

from tools.store.db import STORE_UNAVAILABLE, Store

__all__ = ["STORE_UNAVAILABLE", "Store"]
