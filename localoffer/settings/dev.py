"""Local development: debug pages, console email, SQLite unless DATABASE_URL says otherwise."""

from localoffer.settings.base import *  # noqa: F403
from localoffer.settings.base import env

DEBUG = env.bool("DEBUG", default=True)

# Serve static files straight from the source folders (no collectstatic step needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Serve uploads from this process even with DEBUG off (the demo served by gunicorn in
# browser tests and benchmarks). Production serves media from the web server instead.
SERVE_MEDIA = True
