"""How an enforcement case is told in the documents drafted from it (a defence in a lawsuit, an answer in 行政复议):
the act and its decision, the steps taken, and its full-process records as the evidence list (the organ bears the
burden of proof: 行政诉讼法 第三十四条第一款; 行政复议法 第四十八条)."""

from django.utils.translation import gettext as _

from fazhi.core.exceptions import cn_date


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
