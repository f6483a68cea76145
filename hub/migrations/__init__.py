"""Alembic migrations of baiqau's database; see hub.schema."""
