"""Configuration: defaults, then an optional TOML file, then CAFE_* environment variables."""

import json
import os
import secrets
import tomllib
from pathlib import Path

ENV_PREFIX = "CAFE_"

DEFAULTS = {
    "DATABASE_URL": None,  # None: SQLite in the instance folder
    "ASYNC_MODE": "eventlet",  # eventlet | gevent | threading
    # Simultaneous connections one eventlet process serves. eventlet's own default (1,024) counts
    # each WebSocket and each pending long-poll: with a thousand phones, those that stay on
    # long-polling (and need a second connection to send) found no room and stopped answering.
    # Each connection is a file descriptor too: `ulimit -n` must allow as many.
    "MAX_CONNECTIONS": 10_000,
    # How facilitators' passwords are hashed (werkzeug's method string). scrypt is slow on
    # purpose; the test suite, which creates and logs in accounts hundreds of times, uses a
    # cheap method. Existing hashes keep the method they were made with.
    "PASSWORD_HASH_METHOD": "scrypt",
    "MESSAGE_QUEUE": None,  # e.g. redis://127.0.0.1:6379/0 when several processes run
    # Origins (besides the page's own) allowed to open the Socket.IO connection; None: none.
    "CORS_ALLOWED_ORIGINS": None,
    "MAX_MESSAGE_BYTES": 64_000,  # a bigger Socket.IO message closes the connection
    "PUBLIC_URL": None,  # base URL phones can reach; guessed from the LAN address if unset
    "LANGUAGES": ["nl", "fr", "en", "ar"],
    "DEFAULT_LANGUAGE": "nl",
    "MAX_NAME_LENGTH": 40,
    "MAX_TEXT_LENGTH": 280,
    "PARTICIPANT_COOKIE_DAYS": 30,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SECURE": False,
    # "Remember me" (Flask-Login): as strict as the session cookie; Secure follows
    # SESSION_COOKIE_SECURE unless set itself. 30 days, not Flask-Login's 365.
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_DURATION": 30 * 24 * 3600,
    "WTF_CSRF_TIME_LIMIT": None,
    "PHONE_UPDATE_INTERVAL": 1.0,  # seconds between coalesced updates to phones
    # A vote on a board's cards shows every card: redrawn at most this often while cards come.
    "FOLLOWER_UPDATE_INTERVAL": 2.0,
    # ...and less often when a view's size times the phones would exceed this; 0: no budget.
    "PHONE_BYTES_PER_SECOND": 4_000_000,
    # Projector and console: a change at once, then at most one per interval; 0: every change.
    "SCREEN_UPDATE_INTERVAL": 0.1,
    "WORDCLOUD_INTERVAL": 3.0,  # seconds between two renderings of one board's word cloud
    "OPINION_INTERVAL": 1.0,  # seconds between two analyses of one statements activity
    "REPORT_TTL": 24 * 3600,  # seconds a built report's files are kept
    # Flask-Compress (cafe.web.static_files): pages and text files, brotli or gzip.
    "COMPRESS_MIMETYPES": [
        "text/html", "text/css", "text/javascript", "application/javascript",
        "application/json", "image/svg+xml", "text/csv", "text/markdown", "text/plain",
    ],
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_MIN_SIZE": 500,
    # World Café seating: the search stops after this many seconds with the best plan found.
    "SEATING_SECONDS": 2.0,
    # How soon the event loop's thread gets the GIL back from heavy work in an OS thread
    # (cafe.live.offload.share_the_gil); Python's own default is 5 ms. 0: leave it.
    "GIL_SWITCH_INTERVAL_MS": 0.5,
    # Full garbage collections while serving (cafe.live.collector): when the room has been
    # quiet this long, and at the latest after GC_FULL_INTERVAL seconds; 0: Python decides.
    "GC_QUIET_SECONDS": 2,
    # 60, not 600: a room that is never quiet (issue 31's soak) otherwise grew ~9 MB a minute
    # with garbage waiting for its collection.
    "GC_FULL_INTERVAL": 60,
    # The live layer's background tasks (cafe.live.tasks); None: on unless TESTING.
    "LIVE_TASKS": None,
    "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
    # Rate limits (cafe.security). A facilitator can raise the per-session ones in the console.
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": "memory://",  # redis://… when several processes serve one room
    "TRUSTED_PROXIES": 0,  # how many reverse proxies put the client's address in X-Forwarded-For
    "JOINS_PER_MINUTE": 60,  # per IP address and session
    # Lookups of join codes that do not exist, per address, all codes and routes together.
    "UNKNOWN_CODE_LIMIT": "30 per 10 minutes",
    "CONTRIBUTIONS_PER_MINUTE": 60,  # per participant
    "EVENTS_PER_MINUTE_PER_IP": 1200,  # all phones behind one address together
    "LOGIN_LIMIT": "5 per minute; 20 per hour",  # failed logins per IP and user name
    "RETENTION_DAYS": 365,  # default per session; expired sessions are deleted
    # A Delphi study is deleted this long after its last round (None: RETENTION_DAYS).
    "DELPHI_RETENTION_DAYS": None,
    "RETENTION_CHECK_INTERVAL": 3600,  # seconds between purges while serving; 0: only at start
    "SQLITE_BUSY_TIMEOUT_MS": 5000,  # how long a write waits for a lock before `retry: true`
    # Delphi e-mail (cafe.delphi.outbox); no MAIL_HOST: messages wait in the outbox.
    "MAIL_HOST": None,
    "MAIL_PORT": 587,
    "MAIL_SECURITY": "starttls",  # starttls | tls (implicit, port 465) | none
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_FROM": None,  # e.g. "Buurtcafé <delphi@gemeente.be>"
    "MAIL_PER_MINUTE": 30,  # all server processes together
    "MAIL_TIMEOUT": 30,  # seconds for one SMTP exchange
    "MAIL_CLAIM_TIMEOUT": 300,  # a message claimed but not marked this long is tried again
    "MAIL_MAX_ATTEMPTS": 8,
    "MAIL_RETRY_SECONDS": 30,  # wait after a first failure; doubles with each attempt
    # The Delphi loop (scheduled rounds and reminders, the outbox): seconds between looks.
    "DELPHI_TICK_SECONDS": 15,
    # A file holding an ISO date-time that replaces the clock of that loop (tests, drills).
    "DELPHI_CLOCK_FILE": None,
    "TIMEZONE": "Europe/Brussels",  # how Delphi schedule times are entered and shown
}


def _parse(value: str):
    """Environment values are strings; accept JSON for lists, numbers and booleans."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def load(instance_path: str, overrides: dict | None = None) -> dict:
    config = dict(DEFAULTS)
    path = os.environ.get(f"{ENV_PREFIX}CONFIG")
    if path:
        with open(path, "rb") as fh:
            config.update({k.upper(): v for k, v in tomllib.load(fh).items()})
    for key, value in os.environ.items():
        if key.startswith(ENV_PREFIX) and key != f"{ENV_PREFIX}CONFIG":
            config[key[len(ENV_PREFIX):]] = _parse(value)
    config.update(overrides or {})

    config.setdefault("REMEMBER_COOKIE_SECURE", bool(config.get("SESSION_COOKIE_SECURE")))
    if not config.get("DATABASE_URL"):
        config["DATABASE_URL"] = f"sqlite:///{Path(instance_path) / 'cafe.db'}"
    config["SQLALCHEMY_DATABASE_URI"] = config["DATABASE_URL"]
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret(instance_path)
    return config


def _instance_secret(instance_path: str) -> str:
    """A stable secret per instance, so logins and CSRF tokens survive a restart."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
