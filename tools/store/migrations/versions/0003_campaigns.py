"""Campaigns: invited respondents, due dates, reminder schedules and attribution.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("attribution", sa.String(16), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("results_channel", sa.String(64), nullable=True),
        sa.Column("reminder_interval_hours", sa.Integer(), nullable=False),
        sa.Column("max_reminders", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("summary_claimed_at", sa.DateTime(), nullable=True),
        sa.Column("summary_posted_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_campaigns_org_id", "campaigns", ["org_id"])
    op.create_table(
        "campaign_members",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.String(32), sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column("respondent_id", sa.String(32), sa.ForeignKey("respondents.id"), nullable=False),
        sa.Column("department", sa.String(200), nullable=True),
        sa.Column("tz", sa.String(64), nullable=True),
        sa.Column("invited_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("reminders_sent", sa.Integer(), nullable=False),
        sa.Column("last_reminded_at", sa.DateTime(), nullable=True),
        sa.Column("next_reminder_at", sa.DateTime(), nullable=True),
        sa.Column("claim_token", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("campaign_id", "respondent_id", name="uq_campaign_member"),
    )
    op.create_index("ix_campaign_members_campaign_id", "campaign_members", ["campaign_id"])
    op.create_index("ix_campaign_members_respondent_id", "campaign_members", ["respondent_id"])
    op.create_index(
        "ix_campaign_members_next_reminder_at", "campaign_members", ["next_reminder_at"]
    )


def downgrade() -> None:
    op.drop_table("campaign_members")
    op.drop_table("campaigns")
