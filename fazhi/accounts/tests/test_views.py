"""Login, lock-out, password change, and the user pages: scoped, masked in lists, views logged."""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.accounts.tests.factories import PASSWORD, UserFactory
from fazhi.core.models import AccessLog

PHONE = "13912345678"
ID_NUMBER = "11010519491231002X"


@pytest.fixture
def person(units):
    return UserFactory(username="zhang", full_name="张敏", org_unit=units["street_a"], phone=PHONE,
                       id_number=ID_NUMBER)


def test_login_page_is_chinese_and_logs_in(client, users):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "用户登录" in page and "法治政府建设平台" in page
    response = client.post(reverse("accounts:login"), {"username": "staff_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")


def test_wrong_password_says_so_in_chinese(client, users):
    response = client.post(reverse("accounts:login"), {"username": "staff_a", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_account_is_locked_after_repeated_failures(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "staff_a", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "staff_a", "password": PASSWORD})
    body = response.content.decode()
    assert "账号已锁定" in body
    assert f"连续{settings.AXES_FAILURE_LIMIT}次登录失败" in body
    assert f"锁定{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}分钟" in body
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client, users):
    client.force_login(users["unit_staff"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change(client, users):
    user = users["unit_staff"]
    client.force_login(user)
    new = "Another-password-2027"
    response = client.post(reverse("accounts:password_change"),
                           {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(new)
    assert "密码已修改" in client.get(response["Location"]).content.decode()


def test_password_change_rejects_a_short_password(client, users):
    client.force_login(users["unit_staff"])
    response = client.post(reverse("accounts:password_change"),
                           {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    users["unit_staff"].refresh_from_db()
    assert users["unit_staff"].check_password(PASSWORD)


def test_user_list_is_scoped_to_the_unit_and_masks_personal_data(client, users, person):
    client.force_login(users["unit_staff"])  # street A
    body = client.get(reverse("accounts:list")).content.decode()
    assert person.full_name in body
    assert users["unit_staff_b"].full_name not in body  # street B
    assert users["admin"].full_name not in body  # 司法局
    assert PHONE not in body and "139****5678" in body
    assert ID_NUMBER not in body and "110105********002X" in body


def test_legal_office_sees_users_of_every_unit(client, users):
    client.force_login(users["legal_office"])
    body = client.get(reverse("accounts:list")).content.decode()
    assert users["unit_staff"].full_name in body and users["unit_staff_b"].full_name in body


def test_officer_has_no_user_list(client, users):
    client.force_login(users["officer"])
    assert client.get(reverse("accounts:list")).status_code == 403


def test_unit_user_gets_404_on_another_units_user_detail(client, users):
    client.force_login(users["unit_staff"])
    assert client.get(reverse("accounts:detail", args=[users["unit_staff_b"].pk])).status_code == 404
    assert not AccessLog.objects.exists()


def test_user_detail_shows_personal_data_and_logs_the_view(client, users, person):
    viewer = users["unit_staff"]
    client.force_login(viewer)
    url = reverse("accounts:detail", args=[person.pk])
    body = client.get(url).content.decode()
    assert PHONE in body and ID_NUMBER in body
    log = AccessLog.objects.get()
    assert log.user == viewer
    assert log.content_type == ContentType.objects.get_for_model(User)
    assert log.object_id == str(person.pk)
    assert log.path == url


def test_user_pages_have_no_edit_or_create(client, users, person):
    client.force_login(users["admin"])
    body = client.get(reverse("accounts:detail", args=[person.pk])).content.decode()
    assert "/edit/" not in body
    assert client.get(f"/accounts/{person.pk}/edit/").status_code == 404
    assert client.get("/accounts/new/").status_code == 404


def test_user_menu_shows_name_role_and_links(client, users):
    user = users["unit_staff"]
    client.force_login(user)
    body = client.get(reverse("web:home")).content.decode()
    assert user.display_name in body
    assert "单位工作人员" in body
    assert reverse("accounts:password_change") in body
    assert f'action="{reverse("accounts:logout")}"' in body
    assert reverse("admin:index") not in body  # only administrators see 系统管理


# ----- the admin -----


def test_admin_cannot_delete_records_the_law_keeps(client, users, person):
    client.force_login(users["admin"])
    assert client.get(reverse("admin:accounts_user_delete", args=[person.pk])).status_code == 403
    changelist = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "delete_selected" not in changelist
    client.post(reverse("admin:accounts_user_changelist"),
                {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"})
    assert User.objects.filter(pk=person.pk).exists()


def test_admin_access_log_is_read_only(client, users, person):
    client.force_login(users["unit_staff"])
    client.get(reverse("accounts:detail", args=[person.pk]))
    log = AccessLog.objects.get()
    client.force_login(users["admin"])
    assert client.get(reverse("admin:core_accesslog_changelist")).status_code == 200
    assert client.get(reverse("admin:core_accesslog_add")).status_code == 403
    assert client.get(reverse("admin:core_accesslog_delete", args=[log.pk])).status_code == 403
    response = client.post(reverse("admin:core_accesslog_change", args=[log.pk]), {"path": "/tampered/"})
    assert response.status_code in (200, 403)
    log.refresh_from_db()
    assert log.path != "/tampered/"


def test_admin_edit_is_stamped_and_in_history(client, users, person):
    client.force_login(users["admin"])
    url = reverse("admin:accounts_user_change", args=[person.pk])
    response = client.post(url, {
        "username": person.username, "full_name": "张敏敏", "phone": PHONE, "id_number": ID_NUMBER,
        "email": "", "org_unit": person.org_unit_id, "role": "unit_staff", "is_active": "on",
        "expected_version": person.version,
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.full_name == "张敏敏"
    assert person.modified_by == users["admin"]
    assert person.version == 2
    assert person.history.first().history_user == users["admin"]


def test_non_admin_roles_cannot_enter_the_admin(client, users):
    client.force_login(users["legal_office"])
    assert client.get(reverse("admin:index")).status_code == 302


def test_user_list_export_is_scoped_and_logged_as_a_view_of_personal_data(client, users):
    from fazhi.core.models import AccessLog
    from fazhi.registers.tabular import read_table

    client.force_login(users["unit_staff"])
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    _, rows = read_table(response.content, "xlsx")
    usernames = {cells[0] for _, cells in rows}
    assert "staff_b" not in usernames  # another unit's account
    assert "staff_a" in usernames
    log = AccessLog.objects.get()
    assert (log.user, log.object_id) == (users["unit_staff"], "*")
    assert "导出用户" in log.object_repr
