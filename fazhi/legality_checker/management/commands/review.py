import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock
from fazhi.legality_checker.engine import RULES, DraftError, check, read_draft

FILE_MISSING = gettext_lazy("无法读取文件“%(path)s”：文件不存在。")
FILE_IS_FOLDER = gettext_lazy("无法读取文件“%(path)s”：这是一个文件夹。")
FILE_NOT_PERMITTED = gettext_lazy("无法读取文件“%(path)s”：没有读取权限。")
FILE_UNREADABLE = gettext_lazy("无法读取文件“%(path)s”：%(reason)s。")
DATE_INVALID = gettext_lazy("日期“%(value)s”无效，应为 YYYY-MM-DD。")
NO_FINDINGS = gettext_lazy("%(file)s：未发现问题。")
FINDINGS = gettext_lazy("%(file)s：发现 %(count)d 处问题。")
WHOLE_TEXT = gettext_lazy("全文")  # where a finding is when it names no article
FINDING_HEADING = "{number}. {where}【{rule}】"
FINDING_TEXT = gettext_lazy("   条文：%(text)s")
FINDING_BASIS = gettext_lazy("   依据：%(basis)s")
FINDING_EXPLANATION = gettext_lazy("   说明：%(explanation)s")


def _read(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise CommandError(str(FILE_MISSING) % {"path": path}) from exc
    except IsADirectoryError as exc:
        raise CommandError(str(FILE_IS_FOLDER) % {"path": path}) from exc
    except PermissionError as exc:
        raise CommandError(str(FILE_NOT_PERMITTED) % {"path": path}) from exc
    except OSError as exc:
        raise CommandError(str(FILE_UNREADABLE) % {"path": path, "reason": exc.strerror}) from exc
    try:
        return read_draft(data, path)
    except DraftError as exc:
        raise CommandError(str(exc)) from exc


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(str(DATE_INVALID) % {"value": value}) from exc


class Command(BaseCommand):
    help = _("合法性审核预审：检查规范性文件草案（.docx、.txt、.md）是否设定许可、处罚、强制、收费，"
             "是否排除、限制竞争，"
             "以及有效期 / Legality pre-review of a draft (see docs/legality-checker.md).")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("草案文件（.docx、.txt 或 .md）"))
        parser.add_argument("--json", action="store_true", help=_("输出 JSON"))
        parser.add_argument("--today", help=_("以此日期作为印发日期计算有效期（YYYY-MM-DD，默认今天）"))

    def handle(self, *args, file: str, json: bool = False, today: str | None = None, **options):
        findings = check(_read(file), today=_day(today) if today else clock.today())
        if json:
            self.stdout.write(_dumps({"findings": [f.as_dict() for f in findings]}))
            return
        if not findings:
            self.stdout.write(str(NO_FINDINGS) % {"file": file})
            return
        self.stdout.write(str(FINDINGS) % {"file": file, "count": len(findings)})
        for number, finding in enumerate(findings, start=1):
            where = finding.article or WHOLE_TEXT
            self.stdout.write("")
            self.stdout.write(FINDING_HEADING.format(number=number, where=where, rule=_(RULES[finding.rule].name)))
            self.stdout.write(str(FINDING_TEXT) % {"text": finding.text})
            self.stdout.write(str(FINDING_BASIS) % {"basis": finding.basis})
            self.stdout.write(str(FINDING_EXPLANATION) % {"explanation": finding.explanation})


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
