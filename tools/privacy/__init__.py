"""Respondents' data: export, erasure, organization offboarding, retention and the access log.

export       everything stored about one respondent, JSON or CSV
erase        remove a person's personal data; the organization's score stays as it was
offboard     delete an organization and everything of it
retention    prune transcripts, Slack dedupe records and the access log, once per period
access_log   who read answers, transcripts, reports and exports
"""

from tools.privacy.access_log import AccessEntry, list_access_log, record_access
from tools.privacy.erase import ErasureView, erase_respondent, list_erasures
from tools.privacy.export import RespondentExport, export_csv, export_respondent
from tools.privacy.offboard import OffboardReport, offboard_org
from tools.privacy.retention import PruneResult, RetentionLoop, RetentionPolicy, run_retention

__all__ = [
    "AccessEntry",
    "ErasureView",
    "OffboardReport",
    "PruneResult",
    "RespondentExport",
    "RetentionLoop",
    "RetentionPolicy",
    "erase_respondent",
    "export_csv",
    "export_respondent",
    "list_access_log",
    "list_erasures",
    "offboard_org",
    "record_access",
    "run_retention",
]
