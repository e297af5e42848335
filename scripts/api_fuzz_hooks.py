"""Schemathesis hooks for `make test-api` (scripts/api-fuzz): every request as a logged-in demo user.

The API uses the pages' Django session (ninja's django_auth), with Django's CSRF check on POST and PATCH.
scripts/api-fuzz logs each demo user in, in turn, through the real login form (/accounts/login/, CSRF and
django-axes included) and passes the sessions in a file (FAZHI_API_FUZZ_SESSIONS); each generated request
is sent with one of those sessions: the `sessionid` and `csrftoken` cookies and
the token in `X-CSRFToken`, as the browsable docs and htmx send them. Which user a request goes as is worked
out from the request itself (a CRC of its method, path, parameters and body), so every operation is tried
by several roles and a run with the same seed sends the same requests as the same users.

A request schemathesis generates *without* the session cookie (its negative tests of the security scheme)
is left without credentials, and the API must answer 401. The check `demo_session_accepted` makes sure the
sessions keep working: a request sent with one must never be answered 401 or refused by the CSRF check
(both are declared answers, so a broken login would otherwise pass every other check unnoticed).
"""

import json
import os
import threading
import zlib
from pathlib import Path
from urllib.parse import urljoin

import requests
import schemathesis

from fazhi.demo.data import DEMO_PASSWORD, DEMO_USERS

BASE_URL = os.environ["FAZHI_API_FUZZ_URL"]  # the live server, e.g. http://127.0.0.1:8123/
USERNAMES = [user.username for user in DEMO_USERS]  # one of each role: admin, legal office, unit staff, ...


def log_in(username: str) -> dict[str, str]:
    """The session and CSRF cookies of `username`, logged in through the login form."""
    session = requests.Session()
    login_url = urljoin(BASE_URL, "/accounts/login/")
    session.get(login_url, timeout=30).raise_for_status()
    token = session.cookies["csrftoken"]
    answer = session.post(login_url, data={"username": username, "password": DEMO_PASSWORD,
                                           "csrfmiddlewaretoken": token}, allow_redirects=False, timeout=30)
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login as {username} failed: HTTP {answer.status_code}")
    return {"sessionid": session.cookies["sessionid"], "csrftoken": session.cookies["csrftoken"]}


def username_for(case) -> str:
    """The demo user a request is sent as: a function of the request, so the same run sends it as the same user."""
    parts = [case.method, case.path, case.path_parameters, case.query, case.body]
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=lambda value: type(value).__name__)
    return USERNAMES[zlib.crc32(text.encode("utf-8", "surrogatepass")) % len(USERNAMES)]


def log_in_all() -> dict[str, dict[str, str]]:
    """Every demo user's session and CSRF cookies, logged in one after another."""
    return {username: log_in(username) for username in USERNAMES}


_sessions: dict[str, dict[str, str]] = {}
_lock = threading.Lock()


def sessions() -> dict[str, dict[str, str]]:
    """The demo users' sessions: from scripts/api-fuzz's file, or logged in here when run without it."""
    with _lock:
        if not _sessions:
            path = os.environ.get("FAZHI_API_FUZZ_SESSIONS")
            _sessions.update(json.loads(Path(path).read_text()) if path else log_in_all())
        return _sessions


@schemathesis.auth(refresh_interval=None)
class DemoUserSession:
    def get(self, case, context):
        username = username_for(case)
        return username, sessions()[username]

    def set(self, case, data, context):
        _username, cookies = data
        case.cookies = {**(case.cookies or {}), **cookies}
        case.headers = {**(case.headers or {}), "X-CSRFToken": cookies["csrftoken"]}


@schemathesis.check
def demo_session_accepted(ctx, response, case):
    """A request sent with a demo user's session is neither unauthenticated (401) nor refused for CSRF."""
    known = {cookies["sessionid"] for cookies in sessions().values()}
    if (case.cookies or {}).get("sessionid") not in known:
        return None
    if response.status_code == 401:
        raise AssertionError("A request with a logged-in session was answered 401")
    if response.status_code == 403 and "CSRF" in response.text:
        raise AssertionError(f"A request with the session's CSRF token was refused: {response.text}")
    return None


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Every failure counts except one that is not the API's: gunicorn's own 414.

    gunicorn refuses a request line over 4094 bytes (its limit_request_line, as `make run` serves) with an HTML
    "414 URI Too Long" before the request reaches Django; fuzzed query strings can be that long. No operation
    declares it, as no schema declares what the HTTP server in front of the application refuses (a reverse
    proxy has its own limit): a false positive of status_code_conformance for this deployment, dropped only
    when the answer is gunicorn's page.
    """
    return not (response.status_code == 414 and "Request Line is too large" in response.text)
