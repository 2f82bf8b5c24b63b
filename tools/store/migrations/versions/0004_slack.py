"""Slack: workspaces mapped to organizations, OAuth installations and bots, taken event ids.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "slack_workspaces",
        sa.Column("team_key", sa.String(32), primary_key=True),
        sa.Column("enterprise_id", sa.String(32), nullable=True),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("placeholder_profile", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_slack_workspaces_org_id", "slack_workspaces", ["org_id"])
    for table in ("slack_installations", "slack_bots"):
        user = [sa.Column("user_id", sa.String(32), nullable=True)]
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("client_id", sa.String(64), nullable=False),
            sa.Column("enterprise_id", sa.String(32), nullable=True),
            sa.Column("team_id", sa.String(32), nullable=True),
            *(user if table == "slack_installations" else []),
            sa.Column("is_enterprise_install", sa.Boolean(), nullable=False),
            sa.Column("data", sa.JSON(), nullable=False),
            sa.Column("installed_at", sa.DateTime(), nullable=False),
        )
    op.create_index(
        "ix_slack_installations_team",
        "slack_installations",
        ["client_id", "enterprise_id", "team_id", "id"],
    )
    op.create_index(
        "ix_slack_bots_team", "slack_bots", ["client_id", "enterprise_id", "team_id", "id"]
    )
    op.create_table(
        "slack_events",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_slack_events_received_at", "slack_events", ["received_at"])


def downgrade() -> None:
    op.drop_table("slack_events")
    op.drop_table("slack_bots")
    op.drop_table("slack_installations")
    op.drop_table("slack_workspaces")
