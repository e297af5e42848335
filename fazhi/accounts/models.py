from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel, ScopedQuerySet
from fazhi.core.roles import Role
from fazhi.core.validators import validate_id_number, validate_phone


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(BaseModel, AbstractUser):
    """A person who logs in. Their role decides what they may do; their unit, where."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    UNIT_FIELD = "org_unit"
    HOLDS_PERSONAL_DATA = True
    # Accounts are managed by system administrators; the legal office and leaders may look them up.
    ROLE_ACTIONS = {
        Role.LEGAL_OFFICE: ("view_all",),
        Role.UNIT_STAFF: ("view_own_unit",),
        Role.OFFICER: (),
    }

    full_name = models.CharField(_("姓名"), max_length=50)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit", verbose_name=_("所属单位"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.UNIT_STAFF)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True, validators=[validate_phone])
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True, validators=[validate_id_number])
    # Who may review penalty decisions (行政处罚法 第五十八条第二款; fazhi.enforcement.permissions.review_refusal).
    legal_qualification_number = models.CharField(
        _("法律职业资格证书编号"), max_length=40, blank=True,
        help_text=_("从事行政处罚决定法制审核的人员填写（行政处罚法 第五十八条第二款）"))
    legal_review_since = models.DateField(
        _("开始从事法制审核的日期"), null=True, blank=True,
        help_text=_("2021年7月15日前已从事行政处罚决定法制审核、尚无法律职业资格的人员填写"))

    objects = ScopedUserManager()
    REQUIRED_FIELDS = ["full_name"]

    class Meta(BaseModel.Meta):
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]

    def __str__(self) -> str:
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        # Django admin is for system administrators only.
        self.is_staff = self.is_superuser = self.role == Role.ADMIN
        super().save(*args, **kwargs)
