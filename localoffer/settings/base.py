"""Settings shared by every environment.

The environment is read in this one place (django-environ); the other modules only
override what differs. Defaults give a working SQLite site with no services.
"""

from pathlib import Path
from typing import Any

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-not-for-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "localoffer",
    "providers",
    "providers.moderation",
    "search",
    "pricing",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "localoffer.accounts.middleware.CouncilStaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "localoffer.admin_hooks.AdminPageVisibilityMiddleware",
]

ROOT_URLCONF = "localoffer.urls"
WSGI_APPLICATION = "localoffer.wsgi.application"

# Content security policy (localoffer/core/csp.py): strict on the public site, Wagtail's
# needs under /admin/. First in the list, so every response carries it, the 413 page and
# WhiteNoise's static files included (an SVG opened on its own runs under it too).
from localoffer.core import csp as _csp  # noqa: E402

SECURE_CSP = _csp.PUBLIC_POLICY
CSP_PATH_POLICIES = {"/admin/": _csp.ADMIN_POLICY}
# Wagtail would show staff avatars from gravatar.com: the admin's policy allows no outside
# images, and no staff address should be sent to a third party as a hash to look it up.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
MIDDLEWARE[0:0] = [
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "localoffer.core.csp.PathPolicyMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "localoffer.context_processors.site_frame",
                # {{ csp_nonce }}, for the rare inline script that cannot be a static file.
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Widgets (such as the years-and-months age input) use templates from templates/.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# SQLite (the zero-set-up database) takes writes from several clients at once: WAL lets
# readers carry on while one client writes; a write waits up to the busy timeout (seconds)
# for another to finish instead of failing at once; and each transaction takes the write
# lock when it begins (IMMEDIATE), because a transaction that read first and then asks
# for the lock fails at once with "database is locked" when another wrote meanwhile (the
# busy timeout cannot help it). synchronous=NORMAL is the safe setting with WAL.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
    # Django's SQLite backend, but its flush lifts the triggers that refuse DELETE of rows
    # written once (issued documents, ledgers) while it empties their tables: flushing
    # empties every table at once, for a test run or a deliberate reset, never to remove
    # one record, and SQLite has no TRUNCATE to do it without firing row triggers.
    DATABASES["default"]["ENGINE"] = "localoffer.core.db.sqlite3"
    # Tests use an in-memory database, as Django's default for SQLite. Said here because
    # pytest-django knows that default by Django's engine name alone: under another name it
    # would give each xdist worker a test database file named after NAME.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "localoffer.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- accounts (django-allauth) -------------------------------------------------------------
# Everyone signs in through allauth: families, providers and council staff, on the site's
# own GOV.UK pages (templates/account/, templates/mfa/). See localoffer/accounts/ and
# docs/decisions/0006-accounts-and-two-factor.md.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_home"
# Signing out lands on a page that says so (the home page would not show the message).
ACCOUNT_LOGOUT_REDIRECT_URL = "account_signed_out"
ACCOUNT_ADAPTER = "localoffer.accounts.adapter.AccountAdapter"
MFA_ADAPTER = "localoffer.accounts.adapter.MFAAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Nobody signs in until they have followed the link we email them: an address is how we
# reach a family about a booking and how a provider is told about their listings.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a mail scanner opening the link must not confirm it
# One address per account. A new address replaces the old one only once it is confirmed.
ACCOUNT_CHANGE_EMAIL = True
# Tell people by email when their password, address or two-factor settings change, so a
# change they did not make does not go unnoticed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Changing the email address asks for the password again (a stolen session must not be
# able to move the account to another address and then reset its password).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_GET = False  # signing out is a POST, so a link or image cannot do it
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # staff must still give their two-factor code
# A session ends when the browser closes: families and providers often use shared
# computers in libraries, schools and children's centres.
ACCOUNT_SESSION_REMEMBER = False
# A signed-in person sent to the sign-in page (for example a family opening /admin/) sees
# it, with a note, instead of being bounced back to the page that refused them.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # our subjects name the service themselves
ACCOUNT_FORMS = {
    "login": "localoffer.accounts.forms.LoginForm",
    "signup": "localoffer.accounts.forms.SignupForm",
    "add_email": "localoffer.accounts.forms.AddEmailForm",
    "change_password": "localoffer.accounts.forms.ChangePasswordForm",
    "set_password": "localoffer.accounts.forms.SetPasswordForm",
    "reset_password": "localoffer.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "localoffer.accounts.forms.ResetPasswordKeyForm",
    "reauthenticate": "localoffer.accounts.forms.ReauthenticateForm",
}
# Rate limits (counted in the cache: production needs a shared CACHE_URL such as Redis,
# or each server process counts on its own). Credential failures lock the account they
# were for: 5 wrong passwords for one account in 5 minutes ("login_failed", per key) lock
# that account's sign-in for the rest of the 5 minutes, and 5 wrong authenticator codes
# do the same to its code step (localoffer/accounts/limits.py: codes do not count against
# the address). Per-address limits only slow one machine trying many accounts, and are
# set for a school, library or council office behind one address: 30 failed sign-ins
# and 60 sign-ins a minute from it. The others are allauth's defaults, written out so
# they are visible and reviewed.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/m/ip,5/300s/key",
    "authenticator_code_failed": "5/300s/key",
    "login": "60/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/180s/key",
}
# Behind a load balancer every request comes from its address: say how many proxies to
# trust so that per-address limits count people, not the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Accept the code from the 30 seconds before or after too: phone clocks drift and people
# type slowly. A code still works only once.
MFA_TOTP_TOLERANCE = 1
# allauth's default stops anyone with two-factor on from adding an unconfirmed address. It
# guards against an account that signed up without confirming its address turning two-
# factor on; here nobody can sign in (so nobody can turn it on) before confirming, and
# council staff must be able to change their address. A new address still replaces the
# old one only once confirmed (ACCOUNT_CHANGE_EMAIL).
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_FORMS = {
    "authenticate": "localoffer.accounts.forms.MFAAuthenticateForm",
    "reauthenticate": "localoffer.accounts.forms.MFAReauthenticateForm",
    "activate_totp": "localoffer.accounts.forms.ActivateTOTPForm",
    "deactivate_totp": "allauth.mfa.totp.forms.DeactivateTOTPForm",
    "generate_recovery_codes": "allauth.mfa.recovery_codes.forms.GenerateRecoveryCodesForm",
}

# The Wagtail admin signs people in through allauth (so staff give their two-factor code)
# and leaves passwords and email addresses to the account pages: one place to change them,
# with confirmation emails and notifications. /admin/login/ itself is sent to allauth by
# localoffer.accounts.middleware.
WAGTAILADMIN_LOGIN_URL = "/account/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Invoices, receipts and other private documents: outside MEDIA_ROOT, so no URL serves
    # them; a view checks who is asking and streams the file.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path("PRIVATE_ROOT", default=str(BASE_DIR / "var" / "private"))
        },
    },
}

MAILERS: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Northbridge Local Offer <localoffer@northbridge.example>"
)

# Rate limits and the page cache live here. Local memory by default, which each server
# process keeps for itself; CACHE_URL names a shared one (redis://... in production;
# filecache:///path shares one between processes on a single machine).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Uploads: Wagtail checks that an image really decodes as one of these formats (SVG is
# excluded: it can carry script), refuses files over the size limit and images whose
# pixel count could exhaust memory when decoded (decompression bombs).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp4", "webm", "vtt", "docx", "odt", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "localoffer.forms.CheckedDocumentForm"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Northbridge SEND Local Offer"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Editors save on purpose: a directory page is saved and then sent to the moderators in one
# step, and autosave would put a new listing in the tree before its provider chose to save
# it (docs/decisions/0007).
WAGTAIL_AUTOSAVE_INTERVAL = 0
# The database backend with queries cleaned and escaped (localoffer/core/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "localoffer.core.search_backend"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Elasticsearch is optional; the search app reads this when its backend is chosen.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")

# Invoices for bookings a council-managed budget pays are made out to the council: its
# postal address (lines separated by "\n") and the mailbox its invoices go to (the
# budget's officer when empty).
COUNCIL_INVOICE_ADDRESS = env(
    "COUNCIL_INVOICE_ADDRESS",
    default="Northbridge Council\nSEND Personal Budgets Team\nTown Hall\nNorthbridge\nNB1 1AA",
).replace("\\n", "\n")
COUNCIL_INVOICE_EMAIL = env("COUNCIL_INVOICE_EMAIL", default="")

STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
# Organisations' "local test" Stripe accounts (made by the site itself where the local
# Stripe has no Connect) take card payments only where this is on: development and tests.
STRIPE_LOCAL_TEST_ACCOUNTS = False
# The council's fee on card payments, as a percentage of each (Decimal text); none unless set.
PAYMENTS_PLATFORM_FEE_PERCENT = env("PAYMENTS_PLATFORM_FEE_PERCENT", default="0")
# A card payment still pending this long is settled by asking Stripe (reconcile_payments).
PAYMENTS_RECONCILE_AFTER_MINUTES = env.int("PAYMENTS_RECONCILE_AFTER_MINUTES", default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Uploads
# The extensions and per-file limits above are deliberate: pictures are JPEG, PNG, GIF or
# WebP only, never SVG (XML that can carry script); at most 10 MB and 40 million pixels a
# picture; 50 MB a document, enough for a short captioned clip. Picture forms refuse what
# is not a real picture in plain words (localoffer/images.py); documents are checked by
# localoffer/uploads.py.
import PIL.Image  # noqa: E402
from wagtail.embeds import oembed_providers  # noqa: E402

WAGTAILIMAGES_IMAGE_FORM_BASE = "localoffer.images.CheckedImageForm"
# Pillow then warns above this many pixels and refuses to open a picture of more than
# twice as many, in every process and on every path (renditions, scripts), not only in
# the upload form: a decompression bomb is never decoded.
PIL.Image.MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS
# A request's body may be as big as the largest file a form takes plus 1 MB for the other
# fields; a bigger one is answered 413 from its Content-Length before the body is read
# (localoffer.middleware). Give the web server in front the same limit.
MAX_REQUEST_BODY_SIZE = max(WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILDOCS_MAX_UPLOAD_SIZE) + (
    1024 * 1024
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "localoffer.middleware.RequestSizeLimitMiddleware",
)

# Public pages for anonymous visitors come from a full-page cache in CACHES["default"]
# (localoffer/pagecache/, docs/decisions/0011-full-page-cache.md). It sits before the
# session, CSRF and authentication middleware so that a cached page skips them, and inside
# the security and content-policy middleware so that every answer still carries their
# headers. PAGE_CACHE_SECONDS bounds how long a page lives without a purge (0: no cache).
# Off unless CACHE_URL names a cache: a purge in one process cannot reach another's
# local memory, so several workers on local memory would serve pages purged elsewhere.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "localoffer.pagecache.middleware.PublicPageCacheMiddleware",
)
PAGE_CACHE_SECONDS = env.int(
    "PAGE_CACHE_SECONDS", default=600 if env("CACHE_URL", default="") else 0
)
# The parts of a page that are the same for every visitor (a listing's details), kept for
# the visitors the page cache does not serve (signed in, or with a shortlist), under the
# same purge tokens and for the same reason off without a shared cache ({% pagefragment %}).
PAGE_FRAGMENT_SECONDS = env.int(
    "PAGE_FRAGMENT_SECONDS", default=600 if env("CACHE_URL", default="") else 0
)
# A video address brings only a YouTube or Vimeo player (an iframe) onto a page: other
# oEmbed providers answer with markup that loads their own script into the site.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
