"""Errors the services raise; the messages are what the user reads (tests assert on them)."""

from django.utils.translation import gettext_lazy as _

STALE_RECORD = _("保存失败：该记录已被他人修改。请刷新页面查看最新内容后重新编辑，您的修改尚未保存。")
MUST_BE_KEPT = _("“%(record)s”依法须长期保存，不能删除，只能归档。")
AUDIT_IMMUTABLE = _("审计记录不可修改或删除。")
PERMISSION_DENIED = _("您没有权限执行此操作。")


class FazhiError(Exception):
    """An action was refused; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleRecordError(FazhiError):
    def __init__(self, record=None):
        super().__init__(str(STALE_RECORD))


class RetentionError(FazhiError):
    def __init__(self, record):
        super().__init__(str(MUST_BE_KEPT) % {"record": record})


class AuditImmutableError(FazhiError):
    def __init__(self):
        super().__init__(str(AUDIT_IMMUTABLE))


class PermissionDeniedError(FazhiError):
    def __init__(self):
        super().__init__(str(PERMISSION_DENIED))


def refuse(message, **values) -> FazhiError:
    """A FazhiError from one of a module's message constants, with its %(name)s values filled in."""
    return FazhiError(str(message) % values if values else str(message))


def cn_date(day) -> str:
    """A date as Chinese documents write it: 2022年3月1日."""
    return f"{day.year}年{day.month}月{day.day}日"
