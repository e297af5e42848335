"""Choices of a 行政复议 case and the periods the law sets (each with its source; docs/law.md).

The zone's units are respondents (被申请人): the 复议机关 (the people's government above) sends them the application;
they answer, then learn the decision and carry it out. 《中华人民共和国行政复议法》(2023年修订, in force 2024-01-01);
its "三日、五日、七日、十日" are working days (第八十八条第二款, deadlines.rules.DAYS_CLAUSES), the 30 and 60 days
are not.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# 第四十八条: 被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起十日内，提出书面答复.
ANSWER_DAYS = 10
# 第五十四条第一款: 适用简易程序的 … 五日内.
SIMPLE_ANSWER_DAYS = 5
# 第六十二条第一款: 普通程序 … 自受理申请之日起六十日内作出行政复议决定; 延长期限最多不得超过三十日.
DECISION_DAYS = 60
DECISION_EXTENSION_DAYS = 30
# 第六十二条第二款: 简易程序 … 三十日内 (no extension).
SIMPLE_DECISION_DAYS = 30
# 第七十六条: 有关机关应当自收到行政复议意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送行政复议机关.
OPINION_REPORT_DAYS = 60
# 第五十八条第一款: 制定机关应当自收到书面通知之日起十日内提交书面答复及相关材料 (附带审查 of a normative document).
DOCUMENT_ANSWER_DAYS = 10


class PartyType(models.TextChoices):
    """公民、法人或者其他组织: who may apply for 行政复议 (行政复议法 第二条) or sue (行政诉讼法 第二条)."""

    CITIZEN = "citizen", _("公民")
    LEGAL_PERSON = "legal_person", _("法人")
    OTHER_ORGANISATION = "other_organisation", _("其他组织")


class ManagementCategory(models.TextChoices):
    """行政管理类别, as the 行政复议、行政应诉 statistics group cases (the zone's list; 其他 for the rest). Shared with
    fazhi.litigation (a lawsuit may follow a reconsideration)."""

    PUBLIC_SECURITY = "public_security", _("公安")
    MARKET_REGULATION = "market_regulation", _("市场监管")
    NATURAL_RESOURCES = "natural_resources", _("自然资源")
    HOUSING_CONSTRUCTION = "housing_construction", _("城乡建设")
    EXPROPRIATION = "expropriation", _("房屋征收与补偿")
    ENVIRONMENT = "environment", _("生态环境")
    LABOUR = "labour", _("劳动和社会保障")
    EMERGENCY = "emergency", _("应急管理")
    TRANSPORT = "transport", _("交通运输")
    INFORMATION_DISCLOSURE = "information_disclosure", _("政府信息公开")
    OTHER = "other", _("其他")


class Outcome(models.TextChoices):
    """行政复议决定 and the other ways a case ends (行政复议法 第五章)."""

    CHANGED = "changed", _("变更")  # 第六十三条
    REVOKED = "revoked", _("撤销或部分撤销")  # 第六十四条
    UNLAWFUL = "unlawful", _("确认违法")  # 第六十五条
    PERFORM = "perform", _("责令履行")  # 第六十六条
    VOID = "void", _("确认无效")  # 第六十七条
    UPHELD = "upheld", _("维持")  # 第六十八条
    DISMISSED = "dismissed", _("驳回复议请求")  # 第六十九条
    AGREEMENT = "agreement", _("责令承担行政协议责任或给予补偿")  # 第七十一条
    MEDIATED = "mediated", _("调解")  # 第七十三条
    TERMINATED = "terminated", _("和解撤回、终止")  # 第七十四条第二款


# 纠错: the decision corrects the respondent's act. 维持, 驳回, 调解 and 终止 do not.
CORRECTED_OUTCOMES = frozenset({Outcome.CHANGED, Outcome.REVOKED, Outcome.UNLAWFUL, Outcome.PERFORM, Outcome.VOID,
                                Outcome.AGREEMENT})

# A decision that changes the enforcement decision under review, as 行政处罚法 第四十八条第二款 names it
# (fazhi.enforcement OverturnKind values): recorded on the linked case, which then withdraws its publication.
OVERTURN_OF_OUTCOME = {Outcome.REVOKED: "revoked", Outcome.UNLAWFUL: "unlawful", Outcome.VOID: "void",
                       Outcome.CHANGED: "changed"}
