"""Settings for the charter portal, all read from the environment (django-environ).

Production differs from development only by environment variables; see README.md.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_HSTS_SECONDS=(int, 31536000),
    TRUSTED_PROXIES=(list, []),
    REDIS_URL=(str, ""),
    Q_WORKERS=(int, 2),
    SQLITE_BUSY_TIMEOUT_S=(int, 20),
)
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(str(env_file))

DEBUG: bool = env("DEBUG")


def _local_secret_key() -> str:
    """For command-line use on one machine only: a key kept in var/secret_key (created once)."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY: str = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
    elif os.environ.get("PORTAL_CLI") == "1":  # set by manage.py: commands work out of the box
        SECRET_KEY = _local_secret_key()
    else:  # the web server never starts without an explicit key when DEBUG is off
        raise ImproperlyConfigured("Set the SECRET_KEY environment variable (required when DEBUG is off).")

ALLOWED_HOSTS: list[str] = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS: list[str] = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_q",
    "csp",
    "policy_portal",
    "charters",
    "compliance",
    "compliance.watch",
    # after the portal's apps, so that policy_portal/templates/{account,mfa,allauth}/ override allauth's
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
]

CSRF_FAILURE_VIEW = "policy_portal.views.csrf_failure"  # the portal's error page, in the reader's language

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "policy_portal.middleware.PageMethodsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "policy_portal.middleware.SessionLimitsMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "policy_portal.middleware.MfaEnrolmentMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "policy_portal.middleware.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "policy_portal.urls"
WSGI_APPLICATION = "policy_portal.wsgi.application"
ASGI_APPLICATION = "policy_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "policy_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Default: a SQLite file under var/, in WAL mode with a busy timeout and IMMEDIATE transactions,
# so that the web server and the django-q2 worker never meet "database is locked".
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env("SQLITE_BUSY_TIMEOUT_S"),
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                f"PRAGMA busy_timeout={env('SQLITE_BUSY_TIMEOUT_S') * 1000};"
                "PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and task queue -------------------------------------------------------------------
REDIS_URL: str = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }

Q_CLUSTER: dict[str, object] = {
    "name": "policy_portal",
    "workers": env("Q_WORKERS"),
    "timeout": env.int("Q_TIMEOUT_S", default=600),  # a job may run 10 minutes ...
    "retry": env.int("Q_RETRY_S", default=720),  # ... and is handed again only after that (timeout < retry)
    "max_attempts": 3,
    "ack_failures": True,
    "save_limit": 500,
    "label": "Tâches de fond",
    "catch_up": False,
}
if int(Q_CLUSTER["timeout"]) >= int(Q_CLUSTER["retry"]):  # type: ignore[call-overload]
    raise ImproperlyConfigured("Q_TIMEOUT_S must be shorter than Q_RETRY_S, or a running job would be handed twice.")
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 1

# --- Authentication -------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in is django-allauth (README "Sign-in, MFA and single sign-on"): people come from the HR
# directory import, sign in by e-mail, and never sign up themselves.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "policy_portal.auth.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # addresses come from the HR directory
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False  # the session ends with the browser (and see the limits below)
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_EMAIL_NOTIFICATIONS = True  # "your password was changed", "a new MFA method was added"
# Lockout by account, not by address: LOGIN_FAILURES_PER_ACCOUNT wrong passwords in LOGIN_LOCKOUT_MINUTES
# lock that account (whatever the IP); one IP (a whole office behind NAT) may fail LOGIN_FAILURES_PER_IP
# times a minute before it is slowed down.
LOGIN_FAILURES_PER_ACCOUNT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
LOGIN_FAILURES_PER_IP = env.int("LOGIN_FAILURES_PER_IP", default=100)
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"{LOGIN_FAILURES_PER_IP}/m/ip,{LOGIN_FAILURES_PER_ACCOUNT}/{LOGIN_LOCKOUT_MINUTES * 60}s/key"
    ),
    "login": f"{max(LOGIN_FAILURES_PER_IP, 300)}/m/ip",
    "reset_password": "60/m/ip,5/h/key",
    "reset_password_from_key": "60/m/ip",
}
# Multi-factor: TOTP with recovery codes, mandatory for the roles of policy_portal.roles.PRIVILEGED_ROLES.
MFA_ADAPTER = "policy_portal.auth.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("PORTAL_COMPANY_NAME", default="Entreprise") + " charter portal"
MFA_TOTP_TOLERANCE = 1  # accept the code of the previous/next 30 s window (phone clocks drift)
# Sessions: signed out after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after signing in
# whatever the activity (policy_portal.middleware.SessionLimitsMiddleware). Signing out ends every session
# of that person; deactivating a person ends them too (allauth.usersessions keeps the list).
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
USERSESSIONS_TRACK_ACTIVITY = False  # rows are written at sign-in (allauth), not on every request
# Single sign-on, configured only from the environment (no button without configuration). SSO signs in
# people already in the directory, matched by e-mail; it never creates accounts.
SOCIALACCOUNT_ADAPTER = "policy_portal.auth.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False  # a POST (button) starts SSO, never a bare link
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # matching by e-mail is done by our adapter, for active people only
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, object]] = {}
OIDC_SERVER_URL = env.str("OIDC_SERVER_URL", default="")
if OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "company",
                "name": env.str("OIDC_BUTTON_LABEL", default="Company account (SSO)"),
                "client_id": env.str("OIDC_CLIENT_ID"),
                "secret": env.str("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": OIDC_SERVER_URL, "scope": ["openid", "email", "profile"]},
            }
        ],
    }
SAML_IDP_ENTITY_ID = env.str("SAML_IDP_ENTITY_ID", default="")
if SAML_IDP_ENTITY_ID:
    _saml_idp: dict[str, object] = {"entity_id": SAML_IDP_ENTITY_ID}
    if env.str("SAML_IDP_METADATA_URL", default=""):
        _saml_idp["metadata_url"] = env.str("SAML_IDP_METADATA_URL")
    else:
        _saml_idp.update(sso_url=env.str("SAML_IDP_SSO_URL"), x509cert=env.str("SAML_IDP_X509_CERT"))
    SOCIALACCOUNT_PROVIDERS["saml"] = {
        "APPS": [
            {
                "client_id": "company",  # the "organisation slug" in /accounts/saml/company/...
                "name": env.str("SAML_BUTTON_LABEL", default="Company account (SAML)"),
                "settings": {
                    "idp": _saml_idp,
                    "sp": {"entity_id": env.str("SAML_SP_ENTITY_ID", default="")},
                    "attribute_mapping": {
                        "uid": env.str("SAML_ATTR_UID", default="urn:oasis:names:tc:SAML:attribute:subject-id"),
                        "email": env.list("SAML_ATTR_EMAIL", default=[
                            "urn:oid:0.9.2342.19200300.100.1.3",  # "mail" (Shibboleth, Keycloak)
                            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",  # Entra ID, ADFS
                            "email",
                        ]),
                    },
                    "advanced": {"want_assertion_signed": True, "reject_deprecated_algorithm": True},
                },
            }
        ],
    }

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="charte@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------
# Headers sent with every response (README "Security headers"); tests/policy_portal/test_security_headers.py.
# Cookies are Secure (HTTPS only) outside a local plain-HTTP demo (scripts/run sets SECURE_COOKIES=0),
# never readable by scripts (htmx and acknowledge.js take the CSRF token from the page) and not sent
# on cross-site sub-requests.
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT") and not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else env("SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only this site's files, no inline code. The few inline
# <script>/<style> elements the portal needs carry the per-response nonce ({{ csp_nonce }}); the
# directive gets a nonce only on responses that used one. CSP_REPORT_URI: where browsers POST
# violation reports (optional).


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


# Single sign-on: the portal's "continue" form redirects to the identity provider, and browsers hold
# that redirect to form-action, so the provider's origin is allowed there (CSP_EXTRA_FORM_ACTION: more
# origins, e.g. an authorisation endpoint on another host than OIDC_SERVER_URL).
_idp_urls = (OIDC_SERVER_URL, env.str("SAML_IDP_SSO_URL", default=""), env.str("SAML_IDP_METADATA_URL", default=""))
_form_action = sorted(
    {o for url in _idp_urls if (o := _origin(url))} | set(env.list("CSP_EXTRA_FORM_ACTION", default=[]))
)
CONTENT_SECURITY_POLICY: dict[str, object] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # data: for the small SVG icons inside Swagger UI's and the admin's CSS
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF, *_form_action],
        "frame-ancestors": [NONE],
    },
}
if env.str("CSP_REPORT_URI", default=""):  # not kept as a setting: django-csp 4 refuses CSP_* settings
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [env.str("CSP_REPORT_URI")]  # type: ignore[index]
# Permissions-Policy (django-permissions-policy): the portal uses no device or sensor API.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer browsing-topics camera display-capture geolocation gyroscope hid magnetometer"
        " microphone midi payment serial usb"
    ).split()
}
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Addresses of reverse proxies whose X-Forwarded-For may be believed (evidence IPs).
TRUSTED_PROXIES: list[str] = env("TRUSTED_PROXIES")
SILENCED_SYSTEM_CHECKS: list[str] = []

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "policy_portal.api.AutoSchema",
    "EXCEPTION_HANDLER": "policy_portal.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"precheck": env.str("PRECHECK_RATE", default="120/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Charter portal API",
    "DESCRIPTION": "Charters, acknowledgements, evidence and the pre-publication checker.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation documents its JSON error responses (400/403/404/409/429, see policy_portal/api.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "policy_portal.api.document_errors",
    ],
}

# --- Portal ---------------------------------------------------------------------------------
PORTAL_COMPANY_NAME = env.str("PORTAL_COMPANY_NAME", default="Entreprise")
# The portal's public address: links in e-mails (reminders, review decisions) and on certificates.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://localhost:8000")
# Functions (user) -> list[HomeTask] that fill the home page; each app adds its own.
HOME_TASK_PROVIDERS: list[str] = [
    "policy_portal.selectors.directory_tasks_for",
    "charters.selectors.charter_tasks_for",
    "charters.acknowledgements.selectors.acknowledgement_tasks_for",
    "compliance.review.selectors.review_tasks_for",
]
# Blocks of the home page after the tasks: callables (user) -> policy_portal.selectors.HomeSection | None.
HOME_SECTION_PROVIDERS: list[str] = [
    "charters.acknowledgements.selectors.completion_overview_for",
]
# A worker heartbeat older than this makes /healthz answer 503.
WORKER_HEARTBEAT_MAX_AGE_S = env.int("WORKER_HEARTBEAT_MAX_AGE_S", default=180)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # PDF rendering logs a line per document and per font at INFO: keep only what matters.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# Functions (stdout) -> None run by `manage.py seed_demo`, one per app, each idempotent.
DEMO_SEEDERS: list[str] = [
    "charters.demo.seed_charters",
    "charters.demo.seed_acknowledgements",
    "compliance.demo.seed_checker_context",
    "compliance.demo.seed_review_and_crisis",
]

# --- Charters -----------------------------------------------------------------------------------
# The checker cites the clause of the charter in force that governs a finding's category.
COMPLIANCE_CLAUSE_PROVIDER = "charters.selectors.clause_label_for_category"
# ... and links each finding to that clause on the charter's reading page.
COMPLIANCE_CLAUSE_URL_PROVIDER = "charters.selectors.clause_url_for_category"

# --- Evidence -------------------------------------------------------------------------------
# PDFs handed to legal are sealed (PAdES) with the company's certificate and key, a PKCS#12 file
# (`manage.py create_seal_certificate` makes a self-signed one for trials). When a time-stamping
# authority is configured (RFC 3161 URL), every seal is also timestamped by it.
EVIDENCE_PKCS12_PATH = Path(env.str("EVIDENCE_PKCS12_PATH", default=str(VAR_DIR / "evidence" / "seal.p12")))
EVIDENCE_PKCS12_PASSWORD = env.str("EVIDENCE_PKCS12_PASSWORD", default="")
EVIDENCE_TSA_URL = env.str("EVIDENCE_TSA_URL", default="")
# With a TSA, seals are PAdES B-LTA: the validation data (certificates, OCSP/CRL answers) is embedded
# and timestamped, so a seal still verifies after its certificate expires. The chains end at these
# root certificates (PEM or DER files: the TSA's CA, and the seal's CA unless it is self-signed).
EVIDENCE_LONG_TERM = env.bool("EVIDENCE_LONG_TERM", default=True)
EVIDENCE_TRUST_ROOTS = env.list("EVIDENCE_TRUST_ROOTS", default=[])
# Verifying a B-LTA seal asks the TSA's CA for the current status of the last timestamp's certificate.
EVIDENCE_VERIFY_ONLINE = env.bool("EVIDENCE_VERIFY_ONLINE", default=True)

# --- Checker (compliance app) ----------------------------------------------------------------
# Rules in force: dotted path + OPTIONS, like AUTH_PASSWORD_VALIDATORS (None = compliance.rulebook.DEFAULT_RULES).
COMPLIANCE_RULES: list[dict[str, object]] | None = None
# Verdict per category ("ok" | "review" | "block"), merged over compliance.rulebook.DEFAULT_VERDICTS.
COMPLIANCE_VERDICTS: dict[str, str] = {}
# COMPLIANCE_CLAUSE_PROVIDER (category -> clause label) is set by the charters block above;
# without it the checker cites compliance.clauses.DEFAULT_CLAUSES.
# Seconds between two reads of the registry's version counter: a context change reaches every process.
COMPLIANCE_CONTEXT_CHECK_S = env.float("COMPLIANCE_CONTEXT_CHECK_S", default=2.0)
# spaCy pipeline per post language ({"en": {"model": "en_core_web_sm", "exclude": [...]}}); a missing
# model falls back to a blank pipeline (the rules are lexical).
COMPLIANCE_PIPELINES: dict[str, dict[str, object]] = {}
# Longest draft the API and the page accept.
COMPLIANCE_MAX_CHARS = env.int("COMPLIANCE_MAX_CHARS", default=10_000)
# The checker's trained model (README "How it decides"): the shipped one, built by `make train-checker`.
# Switched off, the checker runs on its rules alone (and every result says so).
COMPLIANCE_MODEL_DIR = Path(env.str("COMPLIANCE_MODEL_DIR", default=str(BASE_DIR / "compliance/trained/checker")))
COMPLIANCE_MODEL_ENABLED = env.bool("COMPLIANCE_MODEL_ENABLED", default=True)
# The watch's sentiment model for public mentions (README "Sentiment of mentions"), built by `make train-sentiment`.
WATCH_SENTIMENT_MODEL_DIR = Path(
    env.str("WATCH_SENTIMENT_MODEL_DIR", default=str(BASE_DIR / "compliance/watch/trained/sentiment"))
)

# --- Acknowledgements (charters app) ----------------------------------------------------------
# A campaign starts when a version takes effect; HR can move its deadline.
ACK_CAMPAIGN_DEADLINE_DAYS = env.int("ACK_CAMPAIGN_DEADLINE_DAYS", default=30)
# Minimum reading time before the acknowledge button works: a fixed number of seconds, or (None)
# the text's word count at ACK_READING_WORDS_PER_MINUTE, between the floor and the cap.
ACK_MIN_READING_SECONDS: int | None = None
ACK_READING_WORDS_PER_MINUTE = env.int("ACK_READING_WORDS_PER_MINUTE", default=600)
ACK_MIN_READING_FLOOR_S = 10
ACK_MIN_READING_CAP_S = 240
# Password asked again when the sign-in is older than this (None: never).
ACK_REAUTH_AFTER_MINUTES: int | None = env.int("ACK_REAUTH_AFTER_MINUTES", default=30)
# Reminder e-mails: days after the start, days before the deadline, then every N days when overdue.
ACK_REMINDERS = {"after_start_days": [7], "before_deadline_days": [7, 1], "overdue_every_days": 7}
# Days after the deadline when the manager is told (None: no escalation).
ACK_ESCALATE_AFTER_DAYS: int | None = 1
# Functions (DirectoryImportResult) -> None called inside the directory sync's transaction.
DIRECTORY_SYNC_HOOKS: list[str] = ["charters.acknowledgements.services.assignments_for_new_hires"]

# --- Evidence export (charters app) -------------------------------------------------------------
# Sealed certificates, registers and dossiers live here, under MEDIA_ROOT but never served by URL:
# legal downloads them through views that check the export_evidence capability.
EVIDENCE_ROOT = Path(env.str("EVIDENCE_ROOT", default=str(MEDIA_ROOT / "evidence")))
# Rows per register PDF: one 5,000-row document takes 32 s and 787 MB, so registers are chunked.
EVIDENCE_REGISTER_ROWS_PER_PART = env.int("EVIDENCE_REGISTER_ROWS_PER_PART", default=500)
# Extra jobs enqueued per export to render register parts in parallel (one per other worker core).
EVIDENCE_EXPORT_HELPERS = env.int("EVIDENCE_EXPORT_HELPERS", default=1)
# A running export whose heartbeat is older than this is re-queued (its worker died), at most
# EVIDENCE_EXPORT_MAX_ATTEMPTS times in all.
EVIDENCE_EXPORT_STALE_SECONDS = env.int("EVIDENCE_EXPORT_STALE_SECONDS", default=180)
EVIDENCE_EXPORT_MAX_ATTEMPTS = env.int("EVIDENCE_EXPORT_MAX_ATTEMPTS", default=3)
# Caps on a file uploaded for verification (issue 13), sized from a 10,000-certificate dossier:
# certificates of ~60 KB (600 MB in all, stored), register parts of a few MB, a ~1.5 MB manifest
# and ~10 MB of ledger lines. Deflated JSON expands ~10 times; a zip bomb, hundreds of times.
EVIDENCE_UPLOAD_MAX_BYTES = env.int("EVIDENCE_UPLOAD_MAX_BYTES", default=2 * 1024**3)
EVIDENCE_DOSSIER_MAX_EXPANDED_BYTES = env.int("EVIDENCE_DOSSIER_MAX_EXPANDED_BYTES", default=4 * 1024**3)
EVIDENCE_DOSSIER_MAX_MEMBERS = env.int("EVIDENCE_DOSSIER_MAX_MEMBERS", default=50_000)
EVIDENCE_MEMBER_MAX_BYTES = env.int("EVIDENCE_MEMBER_MAX_BYTES", default=256 * 1024**2)
EVIDENCE_MANIFEST_MAX_BYTES = env.int("EVIDENCE_MANIFEST_MAX_BYTES", default=32 * 1024**2)
EVIDENCE_PDF_MAX_BYTES = env.int("EVIDENCE_PDF_MAX_BYTES", default=64 * 1024**2)
EVIDENCE_MAX_COMPRESSION_RATIO = env.int("EVIDENCE_MAX_COMPRESSION_RATIO", default=100)
# The demo also gets a trial seal and the certificates of its acknowledgements.
DEMO_SEEDERS = [*DEMO_SEEDERS, "charters.evidence.demo.seed_evidence"]

# --- Review and crisis (compliance app) -------------------------------------------------------
# Days a draft submitted for review is kept; the daily retention job then erases its text
# (compliance.tasks.run_review_retention); decisions remain as counts.
REVIEW_RETENTION_DAYS = env.int("REVIEW_RETENTION_DAYS", default=90)
# The checker dashboard pools departments with fewer active people than this (no identifiable breakdown).
REPORTING_MIN_GROUP_SIZE = env.int("REPORTING_MIN_GROUP_SIZE", default=5)
