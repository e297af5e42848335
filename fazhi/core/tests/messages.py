"""Tests match a refusal by its message constant, not by Chinese copied from the code (issue 17 item 7)."""

import re
import string

# A %-style placeholder of a gettext message ("%(name)s", "%(count)d", "%(share).1f") or a literal "%%".
_PERCENT = re.compile(r"%\((\w+)\)([-#0 +]*\d*(?:\.\d+)?[sdifr])|%%")


def message_pattern(template, /, *, anchored: bool = True, **known) -> str:
    """A regex matching the whole message `template` (a constant with `{name}` or `%(name)s` placeholders);
    with anchored=False, the message anywhere in a text (a page).

    The placeholders given in `known` must read as those values (formatted as the template formats them),
    or match them where the value is a compiled regex; the others, values a test cannot know in advance
    (a size, a count), may be any text, even none.
    """
    text = str(template)
    parts = []
    if _PERCENT.search(text):
        at = 0
        for placeholder in _PERCENT.finditer(text):
            parts.append(re.escape(text[at:placeholder.start()]))
            name, spec = placeholder.groups()
            if name is None:
                parts.append("%")
            else:
                parts.append(_value(known, name, lambda value, spec=spec: f"%{spec}" % value))
            at = placeholder.end()
        parts.append(re.escape(text[at:]))
    else:
        for literal, name, spec, _conversion in string.Formatter().parse(text):
            parts.append(re.escape(literal))
            if name is not None:
                parts.append(_value(known, name, lambda value, spec=spec: format(value, spec)))
    pattern = "".join(parts)
    return f"^{pattern}$" if anchored else pattern


def _value(known: dict, name: str, formatted) -> str:
    if name not in known:
        return "(?s:.*?)"  # even across lines: a PostgreSQL error has a DETAIL line
    value = known[name]
    return value.pattern if isinstance(value, re.Pattern) else re.escape(formatted(value))
