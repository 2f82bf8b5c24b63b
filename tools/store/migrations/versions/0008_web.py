"""The web app: interview invitations (single-use links) and browser sessions.

Nothing existing changes.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invites",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("respondent_id", sa.String(32), sa.ForeignKey("respondents.id"), nullable=False),
        sa.Column("round_id", sa.String(32), sa.ForeignKey("rounds.id"), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_by", sa.String(200), nullable=True),
        sa.Column("created_by_key_id", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_invites_org_id", "invites", ["org_id"])
    op.create_index("ix_invites_respondent_id", "invites", ["respondent_id"])
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("respondent_id", sa.String(32), sa.ForeignKey("respondents.id"), nullable=True),
        sa.Column("key_id", sa.String(32), sa.ForeignKey("api_keys.id"), nullable=True),
        sa.Column("invite_id", sa.String(32), sa.ForeignKey("invites.id"), nullable=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_web_sessions_org_id", "web_sessions", ["org_id"])


def downgrade() -> None:
    op.drop_index("ix_web_sessions_org_id", "web_sessions")
    op.drop_table("web_sessions")
    op.drop_index("ix_invites_respondent_id", "invites")
    op.drop_index("ix_invites_org_id", "invites")
    op.drop_table("invites")
