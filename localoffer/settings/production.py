"""Production: refuses to start without its secrets; passes `manage.py check --deploy`."""

from django.core.exceptions import ImproperlyConfigured

from localoffer.settings.base import *  # noqa: F403
from localoffer.settings.base import STORAGES as BASE_STORAGES
from localoffer.settings.base import env

DEBUG = False


def _required(name: str) -> str:
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production")
    return value


SECRET_KEY = _required("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a long random value in production")
_required("DATABASE_URL")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": BASE_STORAGES["private"],
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

_email = env.email_url("EMAIL_URL", default="smtp://localhost:25")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _email["EMAIL_HOST"],
            "port": _email["EMAIL_PORT"],
            "username": _email["EMAIL_HOST_USER"],
            "password": _email["EMAIL_HOST_PASSWORD"],
            "use_tls": _email.get("EMAIL_USE_TLS", False),
            "use_ssl": _email.get("EMAIL_USE_SSL", False),
            "timeout": 20,
        },
    }
}


# A CDN in front, purged with the same URLs as the page cache (Wagtail's front-end cache
# invalidator, called by localoffer.pagecache.store; the app itself is not installed, so
# Wagtail does not purge a second, narrower set of URLs on publish). CDN_PURGE is "http"
# (Varnish or another proxy that takes PURGE at CDN_PURGE_LOCATION) or "cloudflare".
# PAGE_CACHE_CDN_SECONDS is how long the CDN may keep an anonymous page (0: not at all).
_cdn = env("CDN_PURGE", default="")
if _cdn == "http":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": _required("CDN_PURGE_LOCATION"),
        }
    }
elif _cdn == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": _required("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": _required("CLOUDFLARE_ZONE_ID"),
        }
    }
elif _cdn:
    raise ImproperlyConfigured('CDN_PURGE must be "http", "cloudflare" or unset')
PAGE_CACHE_CDN_SECONDS = env.int("PAGE_CACHE_CDN_SECONDS", default=300 if _cdn else 0)

# Background work (search indexing, reindexing after a synonym edit, mass mail) is queued
# in the database and run by `manage.py db_worker` (README, Operations), not in the request.
# A task takes its class from the backend configured when it is declared, so the web
# processes and the worker must run with the same TASKS.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
