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
    model_tools/     the LangChain tool sets a model drives
    parsing/         plain-words answers into numbers
    store/           SQLAlchemy models, migrations and repository functions
"""

from tools.store.db import Store

__all__ = ["Store"]
