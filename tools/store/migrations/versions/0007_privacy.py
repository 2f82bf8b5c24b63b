"""Respondents' data: erasure tombstones, the access log and the lease of the retention job.

Respondents get `erased_at`; nothing existing changes.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("respondents", sa.Column("erased_at", sa.DateTime(), nullable=True))
    op.create_table(
        "erasures",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("respondent_id", sa.String(32), sa.ForeignKey("respondents.id"), nullable=False),
        sa.Column("erased_by_role", sa.String(16), nullable=False),
        sa.Column("erased_by_key_id", sa.String(32), nullable=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.Column("index_cleared", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_erasures_org_id", "erasures", ["org_id"])
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("respondent_id", sa.String(32), nullable=True),
        sa.Column("key_id", sa.String(32), nullable=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("method", sa.String(8), nullable=False),
        sa.Column("route", sa.String(200), nullable=False),
        sa.Column("target", sa.String(64), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_access_log_org_at", "access_log", ["org_id", "at"])
    op.create_table(
        "job_leases",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(64), nullable=True),
        sa.Column("last_run_at", sa.DateTime(), nullable=True),
        sa.Column("last_result", sa.JSON(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("job_leases")
    op.drop_index("ix_access_log_org_at", "access_log")
    op.drop_table("access_log")
    op.drop_index("ix_erasures_org_id", "erasures")
    op.drop_table("erasures")
    with op.batch_alter_table("respondents") as batch:
        batch.drop_column("erased_at")
