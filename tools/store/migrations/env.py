"""Alembic environment: migrations run on the connection the Store hands over."""

from __future__ import annotations

from alembic import context

from tools.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    msg = "run migrations through tools.store.Store.migrate(), which passes a connection"
    raise RuntimeError(msg)

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
