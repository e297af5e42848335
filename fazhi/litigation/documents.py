"""A defence (行政答辩状) drafted from the lawsuit's record: the parties, the case, the act under suit with its steps
taken from the enforcement case, and the evidence list from that case's full-process records (行政诉讼法 第六十七条
第一款: the defendant submits the evidence and the normative documents it relied on with its defence). The parts only a
person can write (the argument on facts and law) are left as marked gaps."""

from django.utils.translation import gettext as _

from fazhi.core.exceptions import cn_date
from fazhi.enforcement.documents import ChallengeResponse, challenge_response_draft


def defence_draft(litigation, case):
    """The draft; `case` is the enforcement case under suit when the reader may see it (else None: gaps instead)."""
    return challenge_response_draft(ChallengeResponse(
        title=_("行政答辩状"),
        parties=(_("答辩人：%(unit)s") % {"unit": litigation.defendant_unit},
                 _("原告：%(plaintiff)s") % {"plaintiff": litigation.plaintiff}),
        opening=_("原告%(plaintiff)s诉答辩人%(cause)s一案（%(number)s），答辩人于%(received)s收到起诉状副本，现依照"
                  "《中华人民共和国行政诉讼法》第六十七条第一款的规定，提出答辩如下：") % {
            "plaintiff": litigation.plaintiff, "cause": litigation.cause, "number": litigation.case_number,
            "received": cn_date(litigation.complaint_received_on)},
        organ=_("答辩人"),
        act_gap=_("（请写明被诉行政行为的作出时间、内容和依据。）"),
        headings=(_("一、被诉行政行为的基本情况"), _("二、被诉行政行为认定事实清楚，证据确凿"),
                  _("三、被诉行政行为程序合法，适用法律正确"), _("四、答辩请求")),
        request=_("综上所述，被诉行政行为认定事实清楚，证据确凿，适用法律、法规正确，符合法定程序。请求人民法院依法"
                  "驳回原告的诉讼请求。"),
        addressee=litigation.court, signer=str(litigation.defendant_unit)), case)
