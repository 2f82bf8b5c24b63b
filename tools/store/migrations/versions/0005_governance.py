"""Governance: seam, decision, constraint and AI-plan entries; initiatives.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "governance_entries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("respondent_id", sa.String(32), sa.ForeignKey("respondents.id"), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=True),
    )
    op.create_index(
        "ix_governance_entries_org_kind", "governance_entries", ["org_id", "kind", "id"]
    )
    op.create_table(
        "initiatives",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("cost", sa.Float(), nullable=False),
        sa.Column("relieves", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("org_id", "name", name="uq_initiative_org_name"),
    )
    op.create_index("ix_initiatives_org_id", "initiatives", ["org_id"])


def downgrade() -> None:
    op.drop_table("initiatives")
    op.drop_table("governance_entries")
