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

# Email goes to the console, or, when EMAIL_FILE_PATH names a folder, into files there: the
# browser tests read the links in it (confirming an address) as a person reads their inbox.
# (A local name: Django reads an EMAIL_FILE_PATH setting as the deprecated email settings.)
if _email_folder := env("EMAIL_FILE_PATH", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": _email_folder},
        }
    }

# Background tasks run at once, in the request that enqueues them: no worker to start, and
# a test sees their effect as soon as the transaction commits (production queues them).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
