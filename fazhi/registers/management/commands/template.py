from django.core.management.base import BaseCommand

from fazhi.registers.management.commands._common import kind_or_fail, register_or_fail, write_output

WRITTEN = "已生成“{title}”导入模板：{output}"


class Command(BaseCommand):
    help = "生成名册导入模板 / Write a register's import template (xlsx or csv)."

    def add_arguments(self, parser):
        parser.add_argument("register", help="org_units, users, market_entities, ...")
        parser.add_argument("-o", "--output", help="文件名（.xlsx 或 .csv）；默认为 <名册>.xlsx")

    def handle(self, *args, register, output=None, **options):
        reg = register_or_fail(register)
        output = output or f"{reg.name}.xlsx"
        write_output(output, reg.template(kind_or_fail(output)))
        self.stdout.write(WRITTEN.format(title=reg.title, output=output))
