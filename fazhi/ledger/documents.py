"""The reply letter (答复函) drafted from a tracked item: to whoever sent it, quoting what was received and the unit's
answer; a deputy's or member's proposal carries its answer category (A–D) at the top, as replies to proposals are
marked. Gaps are left where the item has no answer yet."""

from django.utils.translation import gettext as _

from fazhi.core import clock
from fazhi.core.exceptions import cn_date
from fazhi.ledger.constants import PROPOSAL_KINDS
from fazhi.records.documents import OfficialDocument


def reply_letter(item) -> OfficialDocument:
    document = OfficialDocument()
    if item.kind in PROPOSAL_KINDS and item.grade:
        document.line(_("答复类别：%(grade)s") % {"grade": item.grade})
    reference = f"（{item.source_reference}）" if item.source_reference else ""
    document.title(_("关于《%(subject)s》的答复") % {"subject": item.subject})
    document.line(_("%(source)s：") % {"source": item.source})
    document.paragraph(_("《%(subject)s》%(reference)s于%(received)s收悉。经研究，现答复如下：") % {
        "subject": item.subject, "reference": reference, "received": cn_date(item.received_on)})
    for text in (item.answer or _("（请写明办理情况和结果。）")).splitlines():
        if text.strip():
            document.paragraph(text.strip())
    document.paragraph(_("特此函复。"))
    if item.handler:
        document.paragraph(_("联系人：%(handler)s") % {"handler": item.handler})
    document.signature(str(item.owner_unit), cn_date(item.answered_on or clock.today()))
    return document
