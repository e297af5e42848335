import datetime as dt

from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.models import BaseModel
from fazhi.core.roles import Role
from fazhi.deadlines.calendar import notice_covers
from fazhi.deadlines.constants import DayKind


class CalendarYear(BaseModel):
    """A year whose holiday arrangement was entered by hand (after the State Council's notice)."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    ROLE_ACTIONS = {Role.UNIT_STAFF: ("view_all",), Role.OFFICER: ("view_all",), Role.LEGAL_OFFICE: ("view_all",)}

    # The years the working calendar counts (statutory_holidays.COUNTABLE_YEARS): a mistyped year is refused.
    year = models.PositiveIntegerField(_("年份"), unique=True,
                                       validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    notice = models.CharField(_("依据的通知"), max_length=200, help_text=_("例如：国办发明电〔2026〕X号"))

    class Meta(BaseModel.Meta):
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(BaseModel):
    """One day off, or one day worked (调休上班), as a year's notice sets it; overrides the packaged data."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    ROLE_ACTIONS = CalendarYear.ROLE_ACTIONS

    calendar_year = models.ForeignKey(CalendarYear, verbose_name=_("日历年度"), on_delete=models.PROTECT,
                                      related_name="days")
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("节日"), max_length=50, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()

    def clean(self) -> None:
        super().clean()
        if self.date and self.calendar_year_id and not notice_covers(self.date, self.calendar_year.year):
            raise ValidationError({"date": day_outside_notice(self.date, self.calendar_year.year)})


DAY_OUTSIDE_NOTICE = _("日期%(date)s不在%(year)d年内（通知可调整的上一年日期仅限12月25日至31日）。")


def day_outside_notice(day: dt.date, year: int) -> str:
    """Why `day` cannot be entered under `year`'s notice."""
    return str(DAY_OUTSIDE_NOTICE) % {"date": day.isoformat(), "year": year}


class Deadline(BaseModel):
    """A due date a record carries under a registered deadline rule."""

    UNIT_FIELD = "org_unit"

    rule_code = models.CharField(_("规则"), max_length=64, db_index=True)
    title = models.CharField(_("事项"), max_length=200)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="deadlines"
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    starts_on = models.DateField(_("起算日"))
    due_on = models.DateField(_("到期日"), db_index=True)
    remind_on = models.DateField(_("提醒开始日"), null=True, blank=True, db_index=True)
    completed_on = models.DateField(_("完成日"), null=True, blank=True)
    # The period applied when the deadline started, where a setting gave it (None: the rule's own).
    period_amount = models.PositiveIntegerField(_("期限"), null=True, blank=True)
    # Counted on a year whose holiday arrangement is not official yet: recounted when it is.
    provisional = models.BooleanField(_("暂定"), default=False)

    class Meta(BaseModel.Meta):
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.due_on}到期）"

    @property
    def rule(self):
        from fazhi.deadlines.rules import get_rule

        return get_rule(self.rule_code)

    def days_left(self, today: dt.date | None = None) -> int:
        return (self.due_on - (today or clock.today())).days

    @property
    def completed_late(self) -> bool:
        return self.completed_on is not None and self.completed_on > self.due_on


class DueDateChange(BaseModel):
    """A due date recounted because the working calendar changed; shown to the unit on its home page."""

    UNIT_FIELD = "deadline__org_unit"
    ROLE_ACTIONS = {Role.ADMIN: ("view_all",), Role.LEGAL_OFFICE: ("view_all",), Role.LEADER: ("view_all",),
                    Role.UNIT_STAFF: ("view_own_unit",), Role.OFFICER: ("view_own_unit",)}

    deadline = models.ForeignKey(Deadline, verbose_name=_("期限"), on_delete=models.PROTECT, related_name="changes")
    due_before = models.DateField(_("原到期日"))
    due_after = models.DateField(_("新到期日"))
    provisional_before = models.BooleanField(_("原为暂定"))
    provisional_after = models.BooleanField(_("现为暂定"))
    reason = models.CharField(_("原因"), max_length=200)

    class Meta(BaseModel.Meta):
        verbose_name = _("到期日调整")
        verbose_name_plural = _("到期日调整")
        ordering = ["-created_on", "pk"]

    def __str__(self) -> str:
        return f"{self.deadline.title}：{self.due_before} → {self.due_after}"

    @property
    def moved(self) -> bool:
        return self.due_before != self.due_after
