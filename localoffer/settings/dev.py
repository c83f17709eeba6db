"""Local development: debug pages, console email, SQLite unless DATABASE_URL says otherwise."""

from localoffer.settings.base import *  # noqa: F403

DEBUG = True

# Serve static files straight from the source folders (no collectstatic step needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
