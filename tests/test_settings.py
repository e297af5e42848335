"""Production settings: a private per-install secret; secure cookies and headers."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, **env) -> subprocess.CompletedProcess:
    # A production process: none of a developer's or a test run's settings (FAZHI_CLOCK: make test-dates).
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "FAZHI_CLOCK")}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**clean, "DJANGO_SETTINGS_MODULE": "fazhi.settings", **env},
    )


def test_without_a_secret_key_each_install_makes_its_own_once_readable_by_its_owner_only(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    first = _run(code, DEBUG="0", FAZHI_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert first.stdout.strip() == key_file.read_text().strip() and len(first.stdout.strip()) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert _run(code, DEBUG="0", FAZHI_VAR_DIR=str(tmp_path)).stdout == first.stdout  # kept, not remade
    other = tmp_path / "other"
    assert _run(code, DEBUG="0", FAZHI_VAR_DIR=str(other)).stdout != first.stdout  # another install
    assert _run(code, DEBUG="0", SECRET_KEY="from-env-" + "k" * 50, FAZHI_VAR_DIR=str(other)).stdout.startswith(
        "from-env-")


def test_fazhi_check_passes_on_a_fresh_checkout_without_debug(tmp_path):
    result = subprocess.run([str(Path(sys.executable).with_name("fazhi")), "check"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120,
                            env={**{k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")},
                                 "FAZHI_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_passes_the_deploy_check_with_secure_cookies(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0);"
        "from django.core.management import call_command;"
        "call_command('check', '--deploy', '--tag', 'security')"
    )
    result = _run(code, DEBUG="0", SECRET_KEY="k" * 60 + "-Production-Secret-For-Test", FAZHI_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "True True True True"
    # The only accepted warning: HSTS preload is a decision for the operator of the domain.
    warnings = set(re.findall(r"security\.W\d+", result.stdout + result.stderr))
    assert warnings <= {"security.W021"}


def test_zone_time_and_language(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.X_FRAME_OPTIONS == "DENY"


def test_a_browser_asking_for_english_still_gets_one_language(client, db):
    # Until an English catalogue exists, Django's own messages must not switch language alone.
    response = client.post("/accounts/login/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert "用户名" in text
    assert "This field is required" not in text


def test_lock_out_is_per_account_not_per_shared_proxy_address(settings):
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username"]
