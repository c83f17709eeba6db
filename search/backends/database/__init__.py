"""The database search backend (SQLite FTS5 or PostgreSQL full text); see backend.py."""

from search.backends.database.backend import DatabaseBackend

__all__ = ["DatabaseBackend"]
