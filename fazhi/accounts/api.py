"""REST API of user accounts: /api/users/ (read only; accounts are managed in 系统管理).

Phone and ID numbers are masked in the list; the detail shows them in full and logs the view
(个人信息保护法 第五十一条: measures against unauthorised access to personal information).
"""

from datetime import datetime

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fazhi.accounts.models import User
from fazhi.core.api_support import (
    MAX_ID,
    OrgUnitRef,
    Pagination,
    QueryParams,
    add_history_route,
    choices_text,
    get_visible_or_404,
    label,
    record_id_param,
    responses,
)
from fazhi.core.audit import record_viewed
from fazhi.core.roles import Role
from fazhi.core.validators import mask_id_number, mask_phone

router = Router(tags=["用户"])
U = User


class UserBase(Schema):
    id: int
    username: str = Field(..., title=label(U, "username"))
    full_name: str = Field(..., title=label(U, "full_name"))
    role: str = Field(..., title=label(U, "role"), description=choices_text(Role))
    role_label: str
    org_unit: OrgUnitRef | None = Field(None, title=label(U, "org_unit"))

    @staticmethod
    def resolve_role_label(obj: User) -> str:
        return obj.get_role_display()


class UserListOut(UserBase):
    phone: str = Field(..., title=label(U, "phone"), description="已脱敏：仅显示前3位和后4位")
    id_number: str = Field(..., title=label(U, "id_number"), description="已脱敏：仅显示前6位和后4位")
    is_active: bool = Field(..., title=label(U, "is_active"))

    @staticmethod
    def resolve_phone(obj: User) -> str:
        return mask_phone(obj.phone)

    @staticmethod
    def resolve_id_number(obj: User) -> str:
        return mask_id_number(obj.id_number)


class UserOut(UserBase):
    phone: str = Field(..., title=label(U, "phone"), description="完整号码；每次查看都会记录")
    id_number: str = Field(..., title=label(U, "id_number"), description="完整号码；每次查看都会记录")
    email: str = Field(..., title=label(U, "email"))
    is_active: bool = Field(..., title=label(U, "is_active"))
    last_login: datetime | None
    date_joined: datetime
    version: int
    created_on: datetime
    modified_on: datetime
    archived_on: datetime | None


class UserFilters(QueryParams):
    org_unit: int | None = Field(None, ge=1, le=MAX_ID, title=label(U, "org_unit"), description="机构 id")
    role: Role | None = Field(None, title=label(U, "role"), description=choices_text(Role))
    is_active: bool | None = Field(None, title=label(U, "is_active"))
    q: str | None = Field(None, max_length=100, title="关键词", description="用户名或姓名中的文字")
    include_archived: bool = Field(False, title="包含已归档")


def _visible(user):
    return User.objects.visible_to(user).select_related("org_unit")


@router.get(
    "", response=responses(401, 422, s200=list[UserListOut]),
    operation_id="users_list", summary="用户列表（手机号码、身份证号码已脱敏）",
)
@paginate(Pagination)
def users_list(request: HttpRequest, filters: Query[UserFilters]):
    rows = _visible(request.user)
    if not filters.include_archived:
        rows = rows.active()
    if filters.org_unit is not None:
        rows = rows.filter(org_unit_id=filters.org_unit)
    if filters.role is not None:
        rows = rows.filter(role=filters.role)
    if filters.is_active is not None:
        rows = rows.filter(is_active=filters.is_active)
    if filters.q:
        rows = rows.filter(Q(username__icontains=filters.q) | Q(full_name__icontains=filters.q))
    return rows


@router.get(
    "/me", response=responses(401, s200=UserBase),
    operation_id="users_me", summary="当前登录用户",
)
def users_me(request: HttpRequest):
    return User.objects.select_related("org_unit").get(pk=request.user.pk)


@router.get(
    "/{id}", response=responses(401, 404, 422, s200=UserOut),
    operation_id="users_detail", summary="用户详情（完整个人信息，查看会被记录）",
)
def users_detail(request: HttpRequest, id: int = record_id_param()):
    record = get_visible_or_404(User, request.user, id, queryset=_visible(request.user))
    record_viewed(user=request.user, record=record, path=request.get_full_path())
    return record


add_history_route(router, User, "users", "用户")
