"""Campaigns: invite respondents, schedule reminders, report who finished."""

from __future__ import annotations

from tools.campaigns.manage import (
    MAX_INTERVAL_HOURS,
    MAX_REMINDERS,
    CampaignStatus,
    CampaignView,
    MemberIn,
    MemberStatus,
    add_members,
    campaign_status,
    campaign_view,
    create_campaign,
    known_departments,
    latest_open_campaign,
    list_campaigns,
)

__all__ = [
    "CampaignStatus",
    "CampaignView",
    "MAX_INTERVAL_HOURS",
    "MAX_REMINDERS",
    "MemberIn",
    "MemberStatus",
    "add_members",
    "campaign_status",
    "campaign_view",
    "create_campaign",
    "known_departments",
    "latest_open_campaign",
    "list_campaigns",
]
