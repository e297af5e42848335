from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.deadlines.selectors import calendar_status
from fazhi.deadlines.services import deadlines_recount
from fazhi.deadlines.statutory_holidays import PACKAGE

REFRESH_REASON = "工作日历更新（{package}）后重新计算"
REFRESHED = "已按现行工作日历重新计算：{changed}项期限有变化，其中{moved}项到期日改变。"
FROM_AFTER_TO = "--from 不能晚于 --to。"
MAX_YEARS = 200
TOO_MANY_YEARS = "一次最多列出{n}个年度。"
HEADING = "工作日历（{package}；今天 {today}）"
OFFICIAL, PROVISIONAL = "正式", "暂定"
NO_NOTICE = "尚无国务院办公厅通知：按法定节假日和补假计算，不含调休"
ENTERED = "；{who}于{on}录入"
ENTERED_BY_DEFAULT = "系统管理员"  # who entered a year when the entry names nobody
WAITING = "；{n}项未完成的期限按暂定日历计算"
YEAR_LINE = "  {year}  {state}  {basis}{who}{waiting}"


class Command(BaseCommand):
    help = ("工作日历 / The working calendar. status: 各年度为正式或暂定、依据、录入人; refresh: 按现行日历重新计算"
            "未完成的期限（升级 holidays 包后、或每日运行）.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        status = sub.add_parser("status", help="各年度工作日历的状态 (each year: official or provisional)")
        status.add_argument("--from", dest="first", type=int, help="起始年度（默认：前年）")
        status.add_argument("--to", dest="last", type=int, help="截止年度（默认：后年）")
        sub.add_parser("refresh", help="按现行日历重新计算未完成的期限 (recount open deadlines)")

    def handle(self, *args, action: str, **options):
        if action == "refresh":
            changes = deadlines_recount(reason=REFRESH_REASON.format(package=PACKAGE))
            moved = sum(change.moved for change in changes)
            self.stdout.write(REFRESHED.format(changed=len(changes), moved=moved))
            return
        this_year = clock.today().year
        first, last = options["first"] or this_year - 2, options["last"] or this_year + 2
        if first > last:
            raise CommandError(FROM_AFTER_TO)
        if last - first > MAX_YEARS:
            raise CommandError(TOO_MANY_YEARS.format(n=MAX_YEARS))
        self.stdout.write(HEADING.format(package=PACKAGE, today=clock.today().isoformat()))
        for year in calendar_status(range(first, last + 1)):
            state = OFFICIAL if year.official else PROVISIONAL
            basis = year.basis if year.official else NO_NOTICE
            who = ENTERED.format(who=year.entered_by or ENTERED_BY_DEFAULT, on=year.entered_on) if year.entered_on \
                else ""
            waiting = WAITING.format(n=year.open_provisional) if year.open_provisional else ""
            self.stdout.write(YEAR_LINE.format(year=year.year, state=state, basis=basis, who=who, waiting=waiting))
