"""The workspace store: SQLAlchemy models, migrations and repository functions."""

from tools.store.db import Store
from tools.store.schema import AnswerEvent, ApiKey, Interview, Message, Organization, Respondent

__all__ = ["AnswerEvent", "ApiKey", "Interview", "Message", "Organization", "Respondent", "Store"]
