from django.core.management.base import BaseCommand

from fazhi.core.audit import personal_data_exported
from fazhi.registers.management.commands._common import (
    kind_or_fail,
    register_or_fail,
    user_or_fail,
    write_output,
)

EXPORTED = "已导出“{title}”{count}条：{output}"


class Command(BaseCommand):
    help = "导出名册（格式与导入模板相同）/ Export a register in its import layout."

    def add_arguments(self, parser):
        parser.add_argument("register")
        parser.add_argument("-o", "--output", required=True, help="文件名（.xlsx 或 .csv）")
        parser.add_argument("--as", dest="username", help="按该用户的权限导出（默认：全部）")

    def handle(self, *args, register, output, username=None, **options):
        reg = register_or_fail(register)
        user = user_or_fail(username)
        write_output(output, reg.export(kind_or_fail(output), user=user))
        count = reg.export_queryset(user).count()
        personal_data_exported(user=user, model=reg.model, count=count, path=f"fazhi export {reg.name}")
        self.stdout.write(EXPORTED.format(title=reg.title, count=count, output=output))
