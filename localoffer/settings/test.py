"""Tests: no services, secrets or network. DATABASE_URL may point at PostgreSQL."""

from localoffer.settings.base import *  # noqa: F403
from localoffer.settings.base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = str(BASE_DIR / "var" / "test-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Oembed providers are on the internet; tests use uploads or pre-recorded embeds.
WAGTAILEMBEDS_FINDERS = []
# Static files come from the source folders; there is no collectstatic step in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Background tasks run at once, in the request that enqueues them: no worker to start, and
# a test sees their effect as soon as the transaction commits (production queues them).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Pages are rendered afresh in tests that change data behind Wagtail's back; the page
# cache's own tests (tests/pagecache/) turn it on.
PAGE_CACHE_SECONDS = 0
PAGE_FRAGMENT_SECONDS = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# No Stripe in tests unless a test starts the local one (tests/pricing/conftest.py points
# STRIPE_API_BASE at it): the default address is a closed local port, so a test that
# forgot cannot reach stripe.com.
STRIPE_API_BASE = "http://127.0.0.1:9"
STRIPE_SECRET_KEY = "sk_test_localstripe"  # noqa: S105
STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
STRIPE_WEBHOOK_SECRET = "whsec_test_endpoint_secret"  # noqa: S105
STRIPE_LOCAL_TEST_ACCOUNTS = True
