from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("日")
    WORKING_DAYS = "working_days", _("个工作日")
    MONTHS = "months", _("个月")
    ON_DATE = "on_date", _("（届满日即到期日）")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")


# How many days ahead counts as "due soon" on the home page and in `fazhi deadlines`.
DUE_SOON_DAYS = 7

# From this day of the year (month, day) the system administrator's home page warns while next year's
# holiday arrangement is provisional. Not a legal date: the State Council General Office has published
# the next year's arrangement (国务院办公厅关于某年部分节假日安排的通知) in October or November, and
# deadlines counted from December onwards already run into the next year.
NEXT_YEAR_CALENDAR_FROM = (11, 1)

# Why a due date is marked 暂定: the tooltip on every page that shows one, and the note in exports and the API.
PROVISIONAL_REASON = _(
    "该年度节假日安排尚未正式公布：按法定节假日和补假暂定计算，不含调休；正式安排录入后自动重新计算。"
)
# The same, for the API schema: what a `…_provisional: true` beside a due date means.
PROVISIONAL_DESCRIPTION = (
    "为 true 时，到期日按尚未正式公布节假日安排的年度暂定计算（法定节假日和补假，不含调休），"
    "正式安排录入后会重新计算，可能改变。"
)
