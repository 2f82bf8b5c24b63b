"""Errors of the knowledge base.

KnowledgeError(ValueError)   a data file is missing, unreadable or inconsistent with the catalog

Messages name the file, the question id or benchmark key, and the problem.
"""


class KnowledgeError(ValueError):
    """A knowledge file cannot be read, or it disagrees with the scoring catalog."""
