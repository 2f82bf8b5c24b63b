"""Assessment rounds and their sprint plans; answers, interviews and campaigns join a round.

Everything answered before rounds existed becomes each organization's first round ("Round 1",
open, so the facilitator closes it when ready): every event keeps its id, nothing is copied.

Revision ID: 0006
Revises: 0005
"""

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FIRST_ROUND = "Round 1"


def upgrade() -> None:
    op.create_table(
        "rounds",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("label", sa.String(60), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("opened_by", sa.String(200), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", sa.String(200), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("model_version", sa.String(40), nullable=True),
        sa.Column("input_sha256", sa.String(64), nullable=True),
        sa.Column("draws", sa.Integer(), nullable=True),
        sa.Column("seed", sa.String(24), nullable=True),
        sa.Column("input_json", sa.Text(), nullable=True),
        sa.Column("result_json", sa.Text(), nullable=True),
        sa.UniqueConstraint("org_id", "label", name="uq_round_org_label"),
    )
    op.create_index("ix_rounds_org", "rounds", ["org_id", "opened_at"])
    op.create_index(
        "uq_rounds_one_open",
        "rounds",
        ["org_id"],
        unique=True,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_table(
        "sprint_items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("round_id", sa.String(32), sa.ForeignKey("rounds.id"), nullable=False),
        sa.Column("org_id", sa.String(32), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(200), nullable=True),
        sa.Column("due_week", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("generated", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("round_id", "key", name="uq_sprint_item_round_key"),
    )
    op.create_index("ix_sprint_items_round", "sprint_items", ["round_id", "position"])
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in ("answer_events", "interviews", "campaigns"):
        if sqlite:
            # A plain ADD COLUMN with an inline reference, which SQLite allows for a nullable
            # column: no table is rebuilt (a rebuild of answer_events copies every answer, and
            # trips the references into it).
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN round_id VARCHAR(32) REFERENCES rounds (id)"
            )
        else:
            op.add_column(
                table,
                sa.Column("round_id", sa.String(32), sa.ForeignKey("rounds.id"), nullable=True),
            )
    op.create_index(
        "ix_answer_events_round", "answer_events", ["round_id", "respondent_id", "question_id"]
    )
    op.create_index("ix_interviews_round_id", "interviews", ["round_id"])
    op.create_index("ix_campaigns_round_id", "campaigns", ["round_id"])
    _adopt_existing_answers()


def _adopt_existing_answers() -> None:
    connection = op.get_bind()
    first_seen = connection.execute(
        sa.text(
            "SELECT org_id, MIN(created_at) FROM ("
            " SELECT org_id, created_at FROM answer_events"
            " UNION ALL SELECT org_id, created_at FROM interviews"
            " UNION ALL SELECT org_id, created_at FROM campaigns"
            ") AS activity GROUP BY org_id ORDER BY org_id"
        )
    ).all()
    now = datetime.now(UTC).replace(tzinfo=None)
    for org_id, opened_at in first_seen:
        round_id = f"rnd_{secrets.token_hex(6)}"
        connection.execute(
            sa.text(
                "INSERT INTO rounds (id, org_id, label, status, opened_by, opened_at)"
                " VALUES (:id, :org, :label, 'open', 'migration', :opened)"
            ),
            {"id": round_id, "org": org_id, "label": FIRST_ROUND, "opened": opened_at or now},
        )
        for table in ("answer_events", "interviews", "campaigns"):
            connection.execute(
                sa.text(f"UPDATE {table} SET round_id = :id WHERE org_id = :org"),  # noqa: S608
                {"id": round_id, "org": org_id},
            )


def downgrade() -> None:
    op.drop_index("ix_campaigns_round_id", "campaigns")
    op.drop_index("ix_interviews_round_id", "interviews")
    op.drop_index("ix_answer_events_round", "answer_events")
    for table in ("campaigns", "interviews", "answer_events"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("round_id")
    op.drop_table("sprint_items")
    op.drop_table("rounds")
