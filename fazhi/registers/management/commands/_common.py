from pathlib import Path

from django.core.management.base import CommandError

from fazhi.registers.base import Register, UnknownRegisterError, get_register
from fazhi.registers.tabular import TableFormatError, file_kind

USER_MISSING = "找不到启用的用户“{username}”。"


def register_or_fail(name: str) -> Register:
    try:
        return get_register(name)
    except UnknownRegisterError as error:
        raise CommandError(error.message) from None


def kind_or_fail(path: str) -> str:
    try:
        return file_kind(path)
    except TableFormatError as error:
        raise CommandError(str(error)) from None


def user_or_fail(username: str | None):
    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(USER_MISSING.format(username=username))
    return user


def write_output(path: str, data: bytes) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(data)
