"""Local development: debug pages, console email, SQLite unless DATABASE_URL says otherwise."""

from localoffer.settings.base import *  # noqa: F403

DEBUG = True
