from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.deadlines.constants import DUE_SOON_DAYS, PROVISIONAL_REASON
from fazhi.deadlines.rules import UnknownRuleError
from fazhi.deadlines.selectors import deadlines_open
from fazhi.organisation.models import OrgUnit

UNIT_NOT_FOUND = "找不到机构“{unit}”（请使用机构编码或全称）。"
WITHIN_NEGATIVE = "--within 不能为负数。"
SUMMARY = "截至{today}：已逾期{overdue}项，{within}日内到期{due_soon}项。"
PROVISIONAL_NOTE = "（暂定：{reason}）"
OVERDUE, DUE_SOON = "已逾期", "即将到期"  # the two groups' headings
DAYS_OVERDUE, DUE_TODAY, DAYS_LEFT = "逾期{days}天", "今天到期", "剩余{days}天"
BASIS = "{name}，{source}"
PROVISIONAL_DUE = "{due}（暂定）"
LINE = "  {due}  {when:<8} {unit}  {title}  [{basis}]"


class Command(BaseCommand):
    help = "列出即将到期和已逾期的事项 / List deadlines due soon and overdue."

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="机构编码或名称 (org unit code or name)")
        parser.add_argument("--within", type=int, default=DUE_SOON_DAYS, help="天数 (days ahead)")

    def handle(self, *args, unit=None, within=DUE_SOON_DAYS, **options):
        org_unit = None
        if unit:
            org_unit = OrgUnit.objects.filter(code=unit).first() or OrgUnit.objects.filter(name=unit).first()
            if org_unit is None:
                raise CommandError(UNIT_NOT_FOUND.format(unit=unit))
        if within < 0:
            raise CommandError(WITHIN_NEGATIVE)
        today = clock.today()
        rows = list(deadlines_open(unit=org_unit, within_days=within, today=today))
        overdue = [d for d in rows if d.due_on < today]
        due_soon = [d for d in rows if d.due_on >= today]
        self.stdout.write(SUMMARY.format(today=today, overdue=len(overdue), within=within, due_soon=len(due_soon)))
        if any(d.provisional for d in rows):
            self.stdout.write(PROVISIONAL_NOTE.format(reason=PROVISIONAL_REASON))
        for heading, group in ((OVERDUE, overdue), (DUE_SOON, due_soon)):
            if not group:
                continue
            self.stdout.write(f"\n{heading}")
            for d in group:
                left = d.days_left(today)
                when = DAYS_OVERDUE.format(days=-left) if left < 0 else (
                    DUE_TODAY if left == 0 else DAYS_LEFT.format(days=left))
                try:
                    basis = BASIS.format(name=d.rule.name, source=d.rule.legal_source)
                except UnknownRuleError:
                    basis = d.rule_code
                due = PROVISIONAL_DUE.format(due=d.due_on) if d.provisional else f"{d.due_on}"
                self.stdout.write(LINE.format(due=due, when=when, unit=d.org_unit.name, title=d.title, basis=basis))
