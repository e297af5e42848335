from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.deadlines.selectors import calendar_status
from fazhi.deadlines.services import deadlines_recount
from fazhi.deadlines.statutory_holidays import PACKAGE


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
            changes = deadlines_recount(reason=f"工作日历更新（{PACKAGE}）后重新计算")
            moved = sum(change.moved for change in changes)
            self.stdout.write(f"已按现行工作日历重新计算：{len(changes)}项期限有变化，其中{moved}项到期日改变。")
            return
        this_year = clock.today().year
        first, last = options["first"] or this_year - 2, options["last"] or this_year + 2
        if first > last:
            raise CommandError("--from 不能晚于 --to。")
        if last - first > 200:
            raise CommandError("一次最多列出200个年度。")
        self.stdout.write(f"工作日历（{PACKAGE}；今天 {clock.today().isoformat()}）")
        for year in calendar_status(range(first, last + 1)):
            state = "正式" if year.official else "暂定"
            basis = year.basis if year.official else "尚无国务院办公厅通知：按法定节假日和补假计算，不含调休"
            who = f"；{year.entered_by or '系统管理员'}于{year.entered_on}录入" if year.entered_on else ""
            waiting = f"；{year.open_provisional}项未完成的期限按暂定日历计算" if year.open_provisional else ""
            self.stdout.write(f"  {year.year}  {state}  {basis}{who}{waiting}")
