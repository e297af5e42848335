"""`make run` end to end: the production server process (gunicorn + WhiteNoise) on a fresh
database serves the login page, static files, and every demo login works."""

import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest

from fazhi.demo.data import DEMO_PASSWORD, DEMO_USERS

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    port = _free_port()
    env = {
        **os.environ, "PORT": str(port), "DEBUG": "0", "SECRET_KEY": "browser-test-only",
        "FAZHI_INSECURE_HTTP": "1", "FAZHI_VAR_DIR": str(tmp_path_factory.mktemp("var")),
    }
    env.pop("DATABASE_URL", None)
    log = tmp_path_factory.mktemp("log") / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(["scripts/run.sh"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    # A fresh database: migrations and the demo zone take 1.5-2 minutes on a 2-core machine, more beside
    # other work; this is a wait for setup, not a speed check (bench/ measures speed).
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"scripts/run.sh exited early:\n{log.read_text()}")
        if url in log.read_text() and "Listening at" in log.read_text():
            break
        time.sleep(0.5)
    else:
        server.kill()
        pytest.fail(f"server did not start:\n{log.read_text()}")
    yield url, log
    server.terminate()
    server.wait(timeout=20)


def test_run_prints_the_url_and_the_demo_logins(served):
    url, log = served
    text = log.read_text()
    assert url in text
    for user in DEMO_USERS:
        assert re.search(rf"{user.username}\s+{user.role_label}", text), user.username
    assert DEMO_PASSWORD in text


@pytest.mark.parametrize("demo", DEMO_USERS, ids=[u.username for u in DEMO_USERS])
def test_every_demo_login_works(served, page, demo):
    url, _ = served
    page.goto(url)
    assert "/accounts/login/" in page.url
    # Static files come from WhiteNoise with a hashed name: the stylesheet must load.
    css = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert page.request.get(url.rstrip("/") + css).ok
    page.fill("input[name=username]", demo.username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(url)
    assert demo.full_name in page.content()


def test_secure_headers_are_sent(served, page):
    url, _ = served
    response = page.request.get(url + "accounts/login/")
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "gunicorn" in response.headers.get("server", "")  # the production server, not runserver
