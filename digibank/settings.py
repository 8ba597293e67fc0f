"""Django settings for Digibank: one module, driven by environment variables.

``DIGIBANK_ENV=production`` switches on the strict defaults (secure cookies, HSTS, no
debug) and refuses to start without a real secret key and allowed hosts. Everything else
has a safe development default so that a fresh clone runs with no configuration.
See docs/production.md for the full list.
"""

from pathlib import Path

import dj_database_url

from digibank.env import ImproperEnvironment, env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("DIGIBANK_DATA_DIR", str(PACKAGE_DIR.parent / "var")))

ENVIRONMENT = env_str("DIGIBANK_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperEnvironment("DIGIBANK_ENV must be development or production")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DIGIBANK_DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperEnvironment("DIGIBANK_DEBUG cannot be on in production")

SECRET_KEY = env_str("DIGIBANK_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperEnvironment("DIGIBANK_SECRET_KEY is required in production")
    SECRET_KEY = "development-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = env_list(
    "DIGIBANK_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperEnvironment("DIGIBANK_ALLOWED_HOSTS is required in production")
CSRF_TRUSTED_ORIGINS = env_list("DIGIBANK_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("DIGIBANK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Referrals still open after this many days get one reminder (send_referral_reminders).
REFERRAL_REMINDER_DAYS = env_int("DIGIBANK_REFERRAL_REMINDER_DAYS", 14)

# Digibank's apps come first: their templates and translations win over Django's own
# (e.g. our French "Modifier" button over the admin's noun "Modification").
INSTALLED_APPS = [
    "digibank.core",
    "digibank.geo",
    "digibank.digibanks",
    "digibank.accounts",
    "digibank.audit",
    "digibank.people",
    "digibank.figures",
    "digibank.devices",
    "digibank.loans",
    "digibank.assessments",
    "digibank.trainings",
    "digibank.helpdesk",
    "digibank.programmes",
    "digibank.regional",
    "digibank.knowledge",
    "digibank.referrals",
    "digibank.core.admin_apps.DigibankAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "digibank.core.middleware.RejectNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "digibank.core.middleware.HtmxMiddleware",
    "digibank.accounts.middleware.ActiveMembershipMiddleware",
    "digibank.accounts.middleware.RequireTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

FORM_RENDERER = "digibank.core.forms.DigibankFormRenderer"
ROOT_URLCONF = "digibank.urls"
WSGI_APPLICATION = "digibank.wsgi.application"

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
                "digibank.core.context_processors.shell",
            ],
        },
    },
]

# SQLite with WAL is the embedded default; PostgreSQL via DATABASE_URL in production.
_default_sqlite = f"sqlite:///{DATA_DIR / 'digibank.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_sqlite),
        conn_max_age=env_int("DIGIBANK_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE makes a write transaction take the lock at its start, so two
        # concurrent writers queue instead of failing halfway with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): lock a username from one address after 5 failures.
AXES_FAILURE_LIMIT = env_int("DIGIBANK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "digibank.accounts.throttling.login_username"
# Production runs behind one reverse proxy (docs/production.md), which sets X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = env_int("DIGIBANK_PROXY_COUNT", 1 if PRODUCTION else 0)

# Two-factor login: optional for everybody with staff access, required for coordinators
# and platform administrators when the installation says so.
REQUIRE_2FA = env_bool("DIGIBANK_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = env_str("DIGIBANK_OTP_ISSUER", "Digibank")

LANGUAGE_CODE = "nl"
# Shown in their own language, so everybody finds theirs.
LANGUAGES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
# Each app keeps its own catalogue in <app>/locale (see `digibank translations`).
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "digibank_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DIGIBANK_MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Transitional until Django 6, where https is the default scheme of URL fields.
FORMS_URLFIELD_ASSUME_HTTPS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail: SMTP in production, files under var/mail in development so that reminders
# can be read without a mail server.
DEFAULT_FROM_EMAIL = env_str("DIGIBANK_DEFAULT_FROM_EMAIL", "Digibank <noreply@digibank.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("DIGIBANK_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("DIGIBANK_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("DIGIBANK_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env_str("DIGIBANK_EMAIL_PASSWORD")
    EMAIL_USE_TLS = env_bool("DIGIBANK_EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
elif PRODUCTION:
    raise ImproperEnvironment("DIGIBANK_EMAIL_HOST is required in production")
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "digibank.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DIGIBANK_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DIGIBANK_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DIGIBANK_HSTS_PRELOAD", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Content-Security-Policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DIGIBANK_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# One cache per process is enough: it only keeps anonymous figures for a few minutes.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
FIGURES_CACHE_SECONDS = env_int("DIGIBANK_FIGURES_CACHE_SECONDS", 300)

# Privacy: after this many months without any activity a person is anonymised by the
# `apply_retention` command. A digibank can set a shorter period for itself.
PERSON_RETENTION_MONTHS = env_int("DIGIBANK_PERSON_RETENTION_MONTHS", 36)
