"""Alembic migrations of the facts store; `store.open_store` runs them to the head."""
