from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.deadlines.constants import DUE_SOON_DAYS, PROVISIONAL_REASON
from fazhi.deadlines.rules import UnknownRuleError
from fazhi.deadlines.selectors import deadlines_open
from fazhi.organisation.models import OrgUnit


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
                raise CommandError(f"找不到机构“{unit}”（请使用机构编码或全称）。")
        if within < 0:
            raise CommandError("--within 不能为负数。")
        today = clock.today()
        rows = list(deadlines_open(unit=org_unit, within_days=within, today=today))
        overdue = [d for d in rows if d.due_on < today]
        due_soon = [d for d in rows if d.due_on >= today]
        self.stdout.write(f"截至{today}：已逾期{len(overdue)}项，{within}日内到期{len(due_soon)}项。")
        if any(d.provisional for d in rows):
            self.stdout.write(f"（暂定：{PROVISIONAL_REASON}）")
        for heading, group in (("已逾期", overdue), ("即将到期", due_soon)):
            if not group:
                continue
            self.stdout.write(f"\n{heading}")
            for d in group:
                left = d.days_left(today)
                when = f"逾期{-left}天" if left < 0 else ("今天到期" if left == 0 else f"剩余{left}天")
                try:
                    basis = f"{d.rule.name}，{d.rule.legal_source}"
                except UnknownRuleError:
                    basis = d.rule_code
                due = f"{d.due_on}（暂定）" if d.provisional else f"{d.due_on}"
                self.stdout.write(f"  {due}  {when:<8} {d.org_unit.name}  {d.title}  [{basis}]")
