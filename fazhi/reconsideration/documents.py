"""The respondent's written answer (行政复议答复书) drafted from the case's record: the parties, the act under review
with its steps taken from the enforcement case, and the evidence list from that case's full-process records
(行政复议法 第四十八条: the answer comes with the evidence, the basis and the other materials of the act; 第五十四条
in the simple procedure). The argument on facts and law is left as marked gaps for a person to write."""

from django.utils.translation import gettext as _

from fazhi.core.exceptions import cn_date
from fazhi.enforcement.documents import ChallengeResponse, challenge_response_draft


def answer_draft(reconsideration, case):
    """The draft; `case` is the enforcement case under review when the reader may see it (else None: gaps)."""
    article = _("第五十四条第一款") if reconsideration.simple_procedure else _("第四十八条")
    return challenge_response_draft(ChallengeResponse(
        title=_("行政复议答复书"),
        parties=(_("答复人（被申请人）：%(unit)s") % {"unit": reconsideration.respondent_unit},
                 _("申请人：%(applicant)s") % {"applicant": reconsideration.applicant}),
        opening=_("申请人%(applicant)s不服答复人%(matter)s，向%(organ)s申请行政复议（%(number)s）。答复人于"
                  "%(received)s收到行政复议申请书副本，现依照《中华人民共和国行政复议法》%(article)s的规定，"
                  "提出书面答复如下：") % {
            "applicant": reconsideration.applicant, "matter": reconsideration.matter, "organ": reconsideration.organ,
            "number": reconsideration.number, "received": cn_date(reconsideration.copy_received_on),
            "article": article},
        organ=_("答复人"),
        act_gap=_("（请写明被申请复议的行政行为的作出时间、内容和依据。）"),
        headings=(_("一、被申请复议的行政行为的基本情况"), _("二、认定事实清楚，证据确凿"),
                  _("三、程序合法，适用依据正确"), _("四、答复意见")),
        request=_("综上所述，答复人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。请求"
                  "行政复议机关依法予以维持。"),
        addressee=reconsideration.organ, signer=str(reconsideration.respondent_unit)), case)
