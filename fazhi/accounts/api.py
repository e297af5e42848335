"""REST API of user accounts: /api/users/ (read only; accounts are managed in 系统管理).

Phone and ID numbers are masked in the list; the detail shows them in full and logs the view
(个人信息保护法 第五十一条: measures against unauthorised access to personal information).
"""

from django.http import HttpRequest
from ninja import Router

from fazhi.accounts.models import User
from fazhi.core.api_support import (
    QueryParams,
    filter_fields,
    model_schema,
    record_routes,
    responses,
    search_rows,
)
from fazhi.core.validators import mask_id_number, mask_phone

router = Router(tags=["用户"])


# Django's own help texts of username and is_active speak of the admin's form, not of the answer.
_NO_FORM_HELP = {"description": None}

UserBase = model_schema(
    "UserBase", User, ("id", "username", "full_name", "role", "role_label", "org_unit"), optional=("org_unit",),
    options={"username": _NO_FORM_HELP},
)

UserListOut = model_schema(
    "UserListOut", User, ("phone", "id_number", "is_active"), base=UserBase,
    options={"phone": {"description": "已脱敏：仅显示前3位和后4位"},
             "id_number": {"description": "已脱敏：仅显示前6位和后4位"}, "is_active": _NO_FORM_HELP},
    resolve={"phone": lambda user: mask_phone(user.phone), "id_number": lambda user: mask_id_number(user.id_number)},
)

UserOut = model_schema(
    "UserOut", User,
    ("phone", "id_number", "email", "is_active", "last_login", "date_joined", "version", "created_on", "modified_on",
     "archived_on"),
    base=UserBase,
    options={"phone": {"description": "完整号码；每次查看都会记录"},
             "id_number": {"description": "完整号码；每次查看都会记录"}, "is_active": _NO_FORM_HELP},
)

UserFilters = model_schema(
    "UserFilters", User, ("org_unit", "role", "is_active", "q", "include_archived"), base=QueryParams,
    options={"org_unit": {"description": "机构 id"}, "is_active": _NO_FORM_HELP},
    extra=filter_fields("用户名或姓名中的文字"),
)


def _visible(user):
    return User.objects.visible_to(user).select_related("org_unit")


def _filtered(rows, filters):
    if filters.org_unit is not None:
        rows = rows.filter(org_unit_id=filters.org_unit)
    if filters.role is not None:
        rows = rows.filter(role=filters.role)
    if filters.is_active is not None:
        rows = rows.filter(is_active=filters.is_active)
    return search_rows(rows, filters, "username", "full_name")


# Before the routes of a record: "/me" is not an {id}.
@router.get(
    "/me", response=responses(401, s200=UserBase),
    operation_id="users_me", summary="当前登录用户",
)
def users_me(request: HttpRequest):
    return User.objects.select_related("org_unit").get(pk=request.user.pk)


record_routes(router, model=User, prefix="users", title="用户", out=UserOut, list_out=UserListOut, rows=_visible,
              filters_schema=UserFilters, apply=_filtered, list_summary="用户列表（手机号码、身份证号码已脱敏）",
              detail_summary="用户详情（完整个人信息，查看会被记录）")
