"""Every response says what the browser may run (CSP) and use; logged-in pages are never stored."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = sorted(Path(__file__).resolve().parents[2].rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=|<style\b", re.I)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p).split("/fazhi/")[-1])
def test_no_template_holds_inline_script_or_style(template):
    """The policy refuses them: they would not run, and they would be the place an injection hides."""
    text = template.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text) and not INLINE_HANDLER.search(text) and not INLINE_STYLE.search(text)


def test_the_scan_finds_inline_script_and_style():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>") and not INLINE_SCRIPT.search('<script src="a.js">')
    assert INLINE_HANDLER.search('<select onchange="x()">') and INLINE_STYLE.search('<div style="color:red">')


def test_pages_carry_the_policies_and_logged_in_pages_are_not_stored(client, users, settings):
    public = client.get(reverse("portal:home"))
    assert public["Content-Security-Policy"] == settings.FAZHI_CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in public["Content-Security-Policy"] and "unsafe-inline" not in public[
        "Content-Security-Policy"]
    assert "camera=()" in public["Permissions-Policy"]
    assert "no-store" not in public.get("Cache-Control", "")  # public pages may be cached
    client.force_login(users["unit_staff"])
    for url in (reverse("web:home"), reverse("accounts:list"), reverse("deadlines:list"), "/api/deadlines"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url
        assert response["Content-Security-Policy"] == settings.FAZHI_CONTENT_SECURITY_POLICY, url
