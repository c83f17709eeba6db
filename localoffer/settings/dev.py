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

# Card payments go to the local Stripe that `make run` starts on 127.0.0.1
# (pricing/payments/localstripe_server.py); nothing reaches stripe.com. The keys are the
# local Stripe's (it accepts any); set real test-mode keys and an empty STRIPE_API_BASE
# in .env to try Stripe itself.
STRIPE_API_BASE = env("STRIPE_API_BASE", default="http://127.0.0.1:8420")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="sk_test_localstripe")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="pk_test_localstripe")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="whsec_localstripe_development")
STRIPE_LOCAL_TEST_ACCOUNTS = env.bool("STRIPE_LOCAL_TEST_ACCOUNTS", default=bool(STRIPE_API_BASE))
