"""A defence (行政答辩状) drafted from the lawsuit's record: the parties, the case, the act under suit with its steps
taken from the enforcement case, and the evidence list from that case's full-process records (行政诉讼法 第六十七条
第一款: the defendant submits the evidence and the normative documents it relied on with its defence). The parts only a
person can write (the argument on facts and law) are left as marked gaps."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock
from fazhi.core.exceptions import cn_date
from fazhi.records.documents import OfficialDocument

GAP = gettext_lazy("（请结合证据逐项写明。）")


def _act_under_suit(document: OfficialDocument, case) -> None:
    if case is None:
        document.paragraph(_("（请写明被诉行政行为的作出时间、内容和依据。）"))
        return
    document.paragraph(_("答辩人于%(opened)s对%(summary)s立案（案件编号%(number)s），于%(decided)s作出%(kind)s"
                         "决定。") % {
        "opened": cn_date(case.opened_on), "summary": case.summary, "number": case.number,
        "decided": cn_date(case.decided_on), "kind": case.get_decision_kind_display()})
    if case.decision_text:
        document.paragraph(case.decision_text)


def _steps(case) -> list:
    return [] if case is None else list(case.steps.active().prefetch_related("records").order_by("happened_on", "pk"))


def defence_draft(litigation, case) -> OfficialDocument:
    """The draft; `case` is the enforcement case under suit when the reader may see it (else None: gaps instead)."""
    steps = _steps(case)
    document = OfficialDocument()
    document.title(_("行政答辩状"))
    document.line(_("答辩人：%(unit)s") % {"unit": litigation.defendant_unit})
    document.line(_("原告：%(plaintiff)s") % {"plaintiff": litigation.plaintiff})
    document.paragraph(_("原告%(plaintiff)s诉答辩人%(cause)s一案（%(number)s），答辩人于%(received)s收到起诉状副本，现依照"
                         "《中华人民共和国行政诉讼法》第六十七条第一款的规定，提出答辩如下：") % {
        "plaintiff": litigation.plaintiff, "cause": litigation.cause, "number": litigation.case_number,
        "received": cn_date(litigation.complaint_received_on)})
    document.heading(_("一、被诉行政行为的基本情况"))
    _act_under_suit(document, case)
    document.heading(_("二、被诉行政行为认定事实清楚，证据确凿"))
    document.paragraph(str(GAP))
    document.heading(_("三、被诉行政行为程序合法，适用法律正确"))
    if steps:
        document.paragraph(_("答辩人办理本案的程序：") + "；".join(
            f"{cn_date(step.happened_on)}{step.get_kind_display()}" for step in steps) + "。")
    document.paragraph(str(GAP))
    document.heading(_("四、答辩请求"))
    document.paragraph(_("综上所述，被诉行政行为认定事实清楚，证据确凿，适用法律、法规正确，符合法定程序。请求人民法院依法"
                         "驳回原告的诉讼请求。"))
    document.line(_("此致"))
    document.line(litigation.court)
    document.signature(str(litigation.defendant_unit), cn_date(clock.today()))
    records = [(step, record) for step in steps for record in step.records.all() if not record.is_archived]
    if records:
        document.heading(_("附：证据清单"))
        for number, (step, record) in enumerate(records, 1):
            document.line(_("%(number)s. %(step)s（%(date)s）%(kind)s：%(name)s（SHA-256 %(digest)s）") % {
                "number": number, "step": step.get_kind_display(), "date": cn_date(step.happened_on),
                "kind": record.get_kind_display(), "name": record.original_name, "digest": record.sha256[:16]})
    return document
