"""How an enforcement case is told in the documents drafted from it (a defence in a lawsuit, an answer in 行政复议):
the act and its decision, the steps taken, and its full-process records as the evidence list (the organ bears the
burden of proof: 行政诉讼法 第三十四条第一款; 行政复议法 第四十八条)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock
from fazhi.core.exceptions import cn_date
from fazhi.records.documents import OfficialDocument

GAP = gettext_lazy("（请结合证据逐项写明。）")


def steps_of(case) -> list:
    return list(case.steps.active().prefetch_related("records").order_by("happened_on", "pk"))


def act_paragraphs(case, organ: str) -> list[str]:
    """`organ` (答辩人, 答复人) opened the case and decided it: when, on what, with the decision's text."""
    told = _("%(organ)s于%(opened)s对%(summary)s立案（案件编号%(number)s），于%(decided)s作出%(kind)s决定。") % {
        "organ": organ, "opened": cn_date(case.opened_on), "summary": case.summary, "number": case.number,
        "decided": cn_date(case.decided_on), "kind": case.get_decision_kind_display()}
    return [told, case.decision_text] if case.decision_text else [told]


def steps_sentence(steps, organ: str) -> str:
    if not steps:
        return ""
    taken = "；".join(f"{cn_date(step.happened_on)}{step.get_kind_display()}" for step in steps)
    return _("%(organ)s办理本案的程序：%(steps)s。") % {"organ": organ, "steps": taken}


def evidence_lines(steps) -> list[str]:
    """One line per full-process record: the step, its date, the record's kind and name, and its digest."""
    records = [(step, record) for step in steps for record in step.records.all() if not record.is_archived]
    return [_("%(number)s. %(step)s（%(date)s）%(kind)s：%(name)s（SHA-256 %(digest)s）") % {
        "number": number, "step": step.get_kind_display(), "date": cn_date(step.happened_on),
        "kind": record.get_kind_display(), "name": record.original_name, "digest": record.sha256[:16]}
        for number, (step, record) in enumerate(records, 1)]


@dataclass(frozen=True)
class ChallengeResponse:
    """What differs between a defence and a 行政复议答复书: the words; the order of the parts is the same."""

    title: str
    parties: tuple[str, ...]
    opening: str
    organ: str  # 答辩人, 答复人
    act_gap: str  # what to write when the reader may not see the enforcement case
    headings: tuple[str, str, str, str]  # the act; facts and evidence; procedure and law; the request
    request: str
    addressee: str
    signer: str


def challenge_response_draft(parts: ChallengeResponse, case) -> OfficialDocument:
    """The draft: parties, opening, the act under challenge told from `case` (None: the reader may not see it, so
    gaps), the argument left as gaps, the request, the signature, and the evidence list from the case's records."""
    steps = steps_of(case) if case is not None else []
    document = OfficialDocument()
    document.title(parts.title)
    for party in parts.parties:
        document.line(party)
    document.paragraph(parts.opening)
    act, facts, procedure, request = parts.headings
    document.heading(act)
    for text in act_paragraphs(case, parts.organ) if case is not None else [parts.act_gap]:
        document.paragraph(text)
    document.heading(facts)
    document.paragraph(str(GAP))
    document.heading(procedure)
    if steps:
        document.paragraph(steps_sentence(steps, parts.organ))
    document.paragraph(str(GAP))
    document.heading(request)
    document.paragraph(parts.request)
    document.line(_("此致"))
    document.line(parts.addressee)
    document.signature(parts.signer, cn_date(clock.today()))
    if evidence := evidence_lines(steps):
        document.heading(_("附：证据清单"))
        for line in evidence:
            document.line(line)
    return document


def challenge_draft_download(request, record, case_id: int | None, draft, filename: str):
    """The draft of `record` (a lawsuit, a reconsideration the reader may see) as a download: `draft(record, case)`
    with the enforcement case only when the reader may see it too. Both views are logged (personal data)."""
    from fazhi.core.audit import record_viewed
    from fazhi.enforcement.models import EnforcementCase
    from fazhi.records.documents import docx_response

    case = EnforcementCase.objects.visible_to(request.user).filter(pk=case_id).first() if case_id else None
    for viewed in (record, case):
        if viewed is not None:
            record_viewed(user=request.user, record=viewed, path=request.get_full_path())
    return docx_response(draft(record, case), filename)
