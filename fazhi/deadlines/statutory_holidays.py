"""China's holidays by year, from the `holidays` package (python-holidays). Pure Python: no Django import.

*Official* years are those whose State Council General Office notice (国务院办公厅关于某年部分节假日
安排的通知) the package carries: every day off and every weekend day worked (调休) as the notice set
them. The package is released monthly and adds a year soon after its notice is out.

Every other year is *provisional*: Saturdays and Sundays, the statutory holidays of 全国年节及纪念日
放假办法 第二条 (2024年11月10日国务院令第795号第四次修订: 元旦1天, 春节4天 from 除夕, 清明节1天,
劳动节2天, 端午节1天, 中秋节1天, 国庆节3天), and the weekday given in lieu of a holiday falling on a
Saturday or Sunday (第六条: 全体公民放假的假日，如果适逢周六、周日，应当在工作日补假). No 调休: only the
year's notice sets which weekends are worked. Two holidays on one weekday (中秋节 on
国庆节, as in 2028 and 2031) give no extra day either: 2020's notice added one, but the 办法 does not
say so (docs/decisions/0012).
"""

from functools import cache

import holidays
from holidays.countries.china import ChinaStaticHolidays

from fazhi.deadlines.calendar import YearArrangement

PACKAGE = f"python-holidays {holidays.__version__}"

# The legal basis of a provisional year, as pages and exports cite it.
PROVISIONAL_BASIS = (
    "暂定：国务院办公厅尚未发布该年度节假日安排（或平台尚未收录）。按《全国年节及纪念日放假办法》"
    "（2024年修订）第二条的法定节假日和第六条的补假计算，未含调休；正式安排录入后自动重新计算。"
)


# Years the package can count: the People's Republic's holidays from 1950, lunar dates up to 2100.
COUNTABLE_YEARS = range(1950, 2101)
OUT_OF_RANGE_BASIS = "暂定：超出工作日历可计算的年份（1950年至2100年），仅按周六、周日计算，请核对日期。"


def official_years() -> frozenset[int]:
    """Years whose notice the installed package carries."""
    return frozenset(ChinaStaticHolidays.special_public_holidays)


def notice_title(year: int) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


@cache
def package_arrangement(year: int) -> YearArrangement:
    """The year as the package knows it: official with its notice, else provisional."""
    if year not in COUNTABLE_YEARS:  # a mistyped date: weekends only, and marked so
        return YearArrangement(year, False, frozenset(), frozenset(), {}, OUT_OF_RANGE_BASIS)
    # A notice can set a weekend worked in the December before its year (2002's set 2001-12-29).
    china = holidays.China(years=(year, year + 1), language="zh_CN")
    days_off = frozenset(day for day in china if day.year == year)
    official = year in official_years()
    return YearArrangement(
        year=year,
        official=official,
        days_off=days_off,
        days_worked=frozenset(day for day in china.weekend_workdays if day.year == year),
        names={day: china[day] for day in days_off},
        basis=f"{notice_title(year)}（{PACKAGE}收录）" if official else PROVISIONAL_BASIS,
    )
