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

# From this day of the year (month, day) the home page asks for next year's holiday arrangement if it
# is not known yet. Not a legal date: the State Council General Office has published the next year's
# arrangement (国务院办公厅关于某年部分节假日安排的通知) in October or November, and deadlines counted from
# December onwards already run into the next year.
NEXT_YEAR_CALENDAR_FROM = (11, 1)

# chinesecalendar's English holiday names, in the words of the State Council notices.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
