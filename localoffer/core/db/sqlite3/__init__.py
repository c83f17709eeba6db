"""Django's SQLite backend, with a flush that lifts the triggers refusing DELETE (base.py)."""
