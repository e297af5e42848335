from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.registers.management.commands._common import kind_or_fail, register_or_fail, user_or_fail
from fazhi.registers.tabular import TableFormatError

FILE_MISSING = "找不到文件：{file}"
MORE_ERRORS = "……另有{count}处错误未列出。"


class Command(BaseCommand):
    help = "导入名册：有任何一行出错则全部不写入 / Import a register, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("register")
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument("--as", dest="username", help="以该用户的身份和权限导入（记入审计）")

    def handle(self, *args, register, file, dry_run=False, username=None, **options):
        reg = register_or_fail(register)
        path = Path(file)
        if not path.is_file():
            raise CommandError(FILE_MISSING.format(file=file))
        try:
            result = reg.import_file(
                path.read_bytes(), kind_or_fail(file), user=user_or_fail(username), dry_run=dry_run,
                source=path.name,
            )
        except TableFormatError as error:
            raise CommandError(str(error)) from None
        for error in result.errors:
            self.stderr.write(str(error))
        if result.error_count > len(result.errors):
            self.stderr.write(MORE_ERRORS.format(count=result.error_count - len(result.errors)))
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(result.summary())
