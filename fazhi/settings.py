"""Settings, read from the environment (12-factor). See docs/architecture.md."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("FAZHI_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env(DEBUG=(bool, False))
DEBUG = env("DEBUG")

def _install_secret(path: Path) -> str:
    """This install's secret key, kept in var/ (never committed): created once, readable by its owner only.

    Every `fazhi` command (check, migrate, the server) then works on a fresh checkout without a
    key in the environment or the repository. Servers sharing sessions must share SECRET_KEY.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(50) + "\n")
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _install_secret(VAR_DIR / "secret_key")
if not SECRET_KEY:
    raise ImproperlyConfigured(f"{VAR_DIR / 'secret_key'} is empty: delete it (a new key is made) or set SECRET_KEY.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_htmx",
    "ninja",
    "fazhi.core",
    "fazhi.organisation",
    "fazhi.accounts",
    "fazhi.deadlines",
    "fazhi.market_entities",
    "fazhi.officers",
    "fazhi.enforcement",
    "fazhi.normative_documents",
    "fazhi.major_decisions",
    "fazhi.legal_advisors",
    "fazhi.permits",
    "fazhi.ledger",
    "fazhi.litigation",
    "fazhi.reconsideration",
    "fazhi.inspections",
    "fazhi.legality_checker",
    "fazhi.registers",
    "fazhi.portal",
    "fazhi.web",
    "fazhi.demo",
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
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "fazhi.web.middleware.SecurityHeadersMiddleware",
]
# Only our own static files run or style a page: no inline script or style, nothing from another host
# (a government intranet has no CDN); data: images for Bootstrap's icons. fazhi/web/middleware.py.
FAZHI_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Browser features no page of ours uses (a phone's camera for record photos goes through a file input).
FAZHI_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), "
    "midi=(), display-capture=()"
)
# A record form's link field with more choices than this becomes a search box (type-ahead, fazhi/records/lookup.py):
# a drop-down of thousands of market entities cannot be read.
FAZHI_SELECT_LOOKUP_OVER = env.int("FAZHI_SELECT_LOOKUP_OVER", default=100)

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

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
                "fazhi.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"),
}
# WAL lets the web server read while an import writes; the timeout rides out short locks. IMMEDIATE: a
# transaction takes the write lock when it begins, so two that read and then write wait for each other.
# Deferred (SQLite's default), the second to write fails at once with "database is locked": what it
# read is no longer current, and waiting cannot help.
SQLITE_OPTIONS = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20,
                  "transaction_mode": "IMMEDIATE"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "fazhi.core.permissions.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failed logins (等保2.0 GB/T 22239-2019 8.1.4.1: 登录失败处理功能).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
# Lock the account after repeated failures. Not by address: behind the HTTPS proxy every user
# shares one, and a single mistyping clerk would lock the whole zone out. Blocking addresses
# that try many accounts is the proxy's (WAF's) job.
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)  # for the logs: hops to trust
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # the choice above, made on purpose
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Failed logins are kept, like successful ones, and never trimmed (等保2.0 GB/T 22239-2019 8.1.4.3
# 安全审计: audit records protected from deletion; fazhi/accounts/login_audit.py guards both logs).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 10**12

# Session expiry (等保2.0 8.1.4.1: 连接超时自动退出): idle sessions end after 30 minutes by default.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads it to send X-CSRFToken
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    # Production sits behind HTTPS; FAZHI_INSECURE_HTTP=1 allows the loopback demo (`make run`).
    _https = not env.bool("FAZHI_INSECURE_HTTP", default=False)
    SESSION_COOKIE_SECURE = _https
    CSRF_COOKIE_SECURE = _https
    SECURE_SSL_REDIRECT = _https and env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31536000 if _https else 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Every label is wrapped for translation; the UI is Chinese. LocaleMiddleware is left out until
# an English catalogue exists in fazhi/locale/ (see its README), so no browser gets a mix.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "fazhi" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# The platform's date, for demo, training and test installations only (fazhi/core/clock.py):
# FAZHI_CLOCK=2031-01-02 runs the whole process from that day on. `fazhi check --deploy` refuses it.
FAZHI_CLOCK = env.str("FAZHI_CLOCK", default="")
if FAZHI_CLOCK:
    from fazhi.core.clock import set_process_clock

    set_process_clock(FAZHI_CLOCK, TIME_ZONE)

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every request when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
FAZHI_PAGE_SIZE = 25
# Days before an enforcement certificate expires that its renewal enters the to-do lists.
FAZHI_CERTIFICATE_REMINDER_DAYS = env.int("FAZHI_CERTIFICATE_REMINDER_DAYS", default=90)

# Normative documents (fazhi/normative_documents/constants.py gives each default's source; provinces differ).
FAZHI_NORMATIVE_FILING_DAYS = env.int("FAZHI_NORMATIVE_FILING_DAYS", default=15)
# Where the zone government's own normative documents are filed (上级人民政府, 辽宁省政府令第149号 第三条);
# a department's go to the zone government itself. normative_documents/selectors.filing_authority_for.
FAZHI_HIGHER_GOVERNMENT = env.str("FAZHI_HIGHER_GOVERNMENT", default="大连市人民政府")
FAZHI_NORMATIVE_VALIDITY_YEARS = env.int("FAZHI_NORMATIVE_VALIDITY_YEARS", default=5)
FAZHI_NORMATIVE_PROVISIONAL_VALIDITY_YEARS = env.int("FAZHI_NORMATIVE_PROVISIONAL_VALIDITY_YEARS", default=2)
FAZHI_NORMATIVE_EXPIRY_REMINDER_MONTHS = env.int("FAZHI_NORMATIVE_EXPIRY_REMINDER_MONTHS", default=6)
FAZHI_NORMATIVE_NUMBER_PREFIX = env.str("FAZHI_NORMATIVE_NUMBER_PREFIX", default="")

# Caps on one imported spreadsheet (fazhi/registers/tabular.py gives the reasons for each default). A file
# over one is refused, nothing written, with a message naming the cap. Rows are data rows, after the header.
FAZHI_IMPORT_MAX_ROWS = env.int("FAZHI_IMPORT_MAX_ROWS", default=1_000_000)
FAZHI_IMPORT_MAX_COLUMNS = env.int("FAZHI_IMPORT_MAX_COLUMNS", default=64)
# Also sets the memory the reading may take: 512 MiB + 4 bytes per unzipped byte (4.5 GiB at the default).
FAZHI_IMPORT_MAX_UNZIPPED_BYTES = env.int("FAZHI_IMPORT_MAX_UNZIPPED_BYTES", default=1 << 30)
FAZHI_IMPORT_READ_TIMEOUT_SECONDS = env.int("FAZHI_IMPORT_READ_TIMEOUT_SECONDS", default=120)

# Caps on an uploaded draft of a normative document (fazhi/legality_checker/engine/reader.py says why):
# the file, and a .docx unzipped; and its text in characters.
FAZHI_DRAFT_MAX_UNZIPPED_BYTES = env.int("FAZHI_DRAFT_MAX_UNZIPPED_BYTES", default=20 << 20)
FAZHI_DRAFT_MAX_TEXT_CHARS = env.int("FAZHI_DRAFT_MAX_TEXT_CHARS", default=200_000)

# Size limits of a record file, by kind (fazhi/core/files.py checks them and the file's type). A photo from a
# phone is 2–12 MB; a scanned 50-page 笔录 at 300 dpi about 50 MB; an hour of body-camera video at 2 Mbit/s 0.9 GB.
FAZHI_RECORD_MAX_WRITTEN_BYTES = env.int("FAZHI_RECORD_MAX_WRITTEN_BYTES", default=50 << 20)
FAZHI_RECORD_MAX_PHOTO_BYTES = env.int("FAZHI_RECORD_MAX_PHOTO_BYTES", default=20 << 20)
FAZHI_RECORD_MAX_AUDIO_VISUAL_BYTES = env.int("FAZHI_RECORD_MAX_AUDIO_VISUAL_BYTES", default=1 << 30)
