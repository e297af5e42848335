"""Validators for Chinese identifiers and phone numbers, with messages a clerk understands."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015 统一社会信用代码: 18 characters from this alphabet (no I, O, S, V, Z);
# the 18th is a check character: weight of position i (0-based) is 3**i mod 31.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# GB 11643-1999 公民身份号码: 17 digits + check character; weight of position i is 2**(17-i) mod 11.
ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
ID_CHECK = "10X98765432"
# 中国大陆手机号: 11 digits starting 1[3-9]; landlines as 区号-号码 (0 + 2-3 digits, 7-8 digits).
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")

USCC_LENGTH = _("统一社会信用代码应为18位，当前为%(n)d位。")
USCC_CHARACTER = _("统一社会信用代码含有不允许的字符“%(ch)s”（只能是数字和除I、O、S、V、Z以外的大写字母）。")
USCC_CHECK = _("统一社会信用代码校验位错误：第18位应为“%(expected)s”，实际为“%(actual)s”。")
ID_FORMAT = _("居民身份证号码应为18位：前17位为数字，最后一位为数字或X。")
ID_BIRTH_DATE = _("居民身份证号码中的出生日期“%(d)s”无效。")
ID_CHECK_CHARACTER = _("居民身份证号码校验位错误：第18位应为“%(expected)s”，实际为“%(actual)s”。")
PHONE_FORMAT = _("电话号码格式不正确：手机号为11位数字（以13–19开头），座机为“区号-号码”。")


def uscc_check_character(first17: str) -> str:
    """The check character GB 32100-2015 gives for the first 17 characters."""
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    code = (value or "").strip()
    if len(code) != 18:
        raise ValidationError(str(USCC_LENGTH) % {"n": len(code)}, code="uscc_length")
    bad = [ch for ch in code if ch not in USCC_ALPHABET]
    if bad:
        raise ValidationError(str(USCC_CHARACTER) % {"ch": bad[0]}, code="uscc_character")
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(str(USCC_CHECK) % {"expected": expected, "actual": code[17]}, code="uscc_check")


def id_number_check_character(first17: str) -> str:
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def validate_id_number(value: str) -> None:
    import datetime

    number = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise ValidationError(str(ID_FORMAT), code="id_format")
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(str(ID_BIRTH_DATE) % {"d": number[6:14]}, code="id_birth_date") from None
    expected = id_number_check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(str(ID_CHECK_CHARACTER) % {"expected": expected, "actual": number[17]},
                              code="id_check")


def validate_phone(value: str) -> None:
    phone = (value or "").strip().replace(" ", "")
    if not (MOBILE_RE.match(phone) or LANDLINE_RE.match(phone)):
        raise ValidationError(str(PHONE_FORMAT), code="phone")


def mask_id_number(value: str) -> str:
    """Show the first 6 (region) and last 4 characters only, as is usual in government systems."""
    if not value:
        return ""
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_phone(value: str) -> str:
    if not value or len(value) < 7:
        return value and "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
