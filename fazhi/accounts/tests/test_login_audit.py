"""Logins, failed ones too, are kept like the history: never deleted or changed; the admin names them in Chinese."""

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from fazhi.accounts.tests.factories import PASSWORD
from fazhi.core.exceptions import AuditImmutableError


def _fail(client, username="staff_a"):
    client.post(reverse("accounts:login"), {"username": username, "password": "wrong"})


def test_failed_logins_are_kept_including_those_of_a_locked_account(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _fail(client)
    failures = AccessFailureLog.objects.filter(username="staff_a")
    assert failures.count() == settings.AXES_FAILURE_LIMIT + 2
    assert failures.filter(locked_out=True).exists()


def test_a_successful_login_is_logged_with_its_logout(client, users):
    client.post(reverse("accounts:login"), {"username": "staff_a", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    log = AccessLog.objects.get(username="staff_a")
    assert log.logout_time is not None  # the one change a login row gets (axes' queryset update)


def test_login_logs_refuse_deletes_and_failures_refuse_changes(client, users):
    _fail(client)
    client.post(reverse("accounts:login"), {"username": "legal", "password": PASSWORD})
    failure, login = AccessFailureLog.objects.get(), AccessLog.objects.get()
    # Each refused write in its own savepoint, as a request's transaction would be rolled back.
    for row in (failure, login):
        with pytest.raises(AuditImmutableError), transaction.atomic():
            row.delete()
    with pytest.raises(AuditImmutableError), transaction.atomic():
        AccessFailureLog.objects.all().delete()
    failure.username = "someone_else"
    with pytest.raises(AuditImmutableError), transaction.atomic():
        failure.save()
    assert AccessFailureLog.objects.get().username == "staff_a" and AccessLog.objects.count() == 1


def test_the_admin_shows_the_logs_read_only_in_chinese(client, users):
    _fail(client)
    client.post(reverse("accounts:login"), {"username": "staff_b", "password": PASSWORD})
    client.force_login(users["admin"])
    index = client.get(reverse("admin:index")).content.decode()
    assert "登录审计" in index and "登录失败记录" in index
    assert not {"Axes", "AXES", "Access logs", "Access failures", "Access attempts"} & {
        line.strip() for line in re.sub(r"<[^>]+>", "\n", index).splitlines()}
    for model, name in ((AccessLog, "accesslog"), (AccessFailureLog, "accessfailurelog")):
        row = model.objects.first()
        page = client.get(reverse(f"admin:axes_{name}_changelist")).content.decode()
        assert "用户名" in page and "Attempt Time" not in page
        delete = client.post(reverse(f"admin:axes_{name}_delete", args=[row.pk]), {"post": "yes"})
        assert delete.status_code == 403
        bulk = client.post(reverse(f"admin:axes_{name}_changelist"),
                           {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"})
        assert bulk.status_code in (200, 302) and model.objects.filter(pk=row.pk).exists()


def test_clearing_the_lockout_counter_unlocks_but_keeps_the_failures(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client)
    client.force_login(users["admin"])
    attempt = AccessAttempt.objects.get(username="staff_a")
    page = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "已锁定" in page and "Locked Out" not in page
    client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert AccessFailureLog.objects.filter(username="staff_a").count() == settings.AXES_FAILURE_LIMIT
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "staff_a", "password": PASSWORD})
    assert response.status_code == 302  # unlocked
