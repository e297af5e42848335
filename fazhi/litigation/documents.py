"""A defence (行政答辩状) drafted from the lawsuit's record: the parties, the case, the act under suit with its steps
taken from the enforcement case, and the evidence list from that case's full-process records (行政诉讼法 第六十七条
第一款: the defendant submits the evidence and the normative documents it relied on with its defence). The parts only a
person can write (the argument on facts and law) are left as marked gaps."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock
from fazhi.core.exceptions import cn_date
from fazhi.enforcement.documents import act_paragraphs, evidence_lines, steps_of, steps_sentence
from fazhi.records.documents import OfficialDocument

GAP = gettext_lazy("（请结合证据逐项写明。）")
ACT_GAP = gettext_lazy("（请写明被诉行政行为的作出时间、内容和依据。）")


def defence_draft(litigation, case) -> OfficialDocument:
    """The draft; `case` is the enforcement case under suit when the reader may see it (else None: gaps instead)."""
    steps = steps_of(case) if case is not None else []
    organ = _("答辩人")
    document = OfficialDocument()
    document.title(_("行政答辩状"))
    document.line(_("答辩人：%(unit)s") % {"unit": litigation.defendant_unit})
    document.line(_("原告：%(plaintiff)s") % {"plaintiff": litigation.plaintiff})
    document.paragraph(_("原告%(plaintiff)s诉答辩人%(cause)s一案（%(number)s），答辩人于%(received)s收到起诉状副本，现依照"
                         "《中华人民共和国行政诉讼法》第六十七条第一款的规定，提出答辩如下：") % {
        "plaintiff": litigation.plaintiff, "cause": litigation.cause, "number": litigation.case_number,
        "received": cn_date(litigation.complaint_received_on)})
    document.heading(_("一、被诉行政行为的基本情况"))
    for text in act_paragraphs(case, organ) if case is not None else [str(ACT_GAP)]:
        document.paragraph(text)
    document.heading(_("二、被诉行政行为认定事实清楚，证据确凿"))
    document.paragraph(str(GAP))
    document.heading(_("三、被诉行政行为程序合法，适用法律正确"))
    if steps:
        document.paragraph(steps_sentence(steps, organ))
    document.paragraph(str(GAP))
    document.heading(_("四、答辩请求"))
    document.paragraph(_("综上所述，被诉行政行为认定事实清楚，证据确凿，适用法律、法规正确，符合法定程序。请求人民法院依法"
                         "驳回原告的诉讼请求。"))
    document.line(_("此致"))
    document.line(litigation.court)
    document.signature(str(litigation.defendant_unit), cn_date(clock.today()))
    if evidence := evidence_lines(steps):
        document.heading(_("附：证据清单"))
        for line in evidence:
            document.line(line)
    return document
