"""Choices and the rules from law the permit module applies, each with its source (also in docs/law.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReformMode(models.TextChoices):
    """改革方式: the four modes every enterprise operating-permit matter is reformed in.

    国发〔2021〕7号 一(二): 按照直接取消审批、审批改为备案、实行告知承诺、优化审批服务等四种方式分类推进审批制度改革.
    """

    ABOLISHED = "abolished", _("直接取消审批")
    FILING = "filing", _("审批改为备案")
    COMMITMENT = "commitment", _("实行告知承诺")
    OPTIMIZED = "optimized", _("优化审批服务")


class ApprovalLevel(models.TextChoices):
    """审批层级: the level of government that approves (or receives the filing of) a matter."""

    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    COUNTY = "county", _("县级（含开发区）")


class ApplicantKind(models.TextChoices):
    ENTITY = "entity", _("市场主体")
    PERSON = "person", _("自然人")


class DocumentKind(models.TextChoices):
    """What kind of document a case demanded of the applicant (recorded to check filing cases)."""

    APPLICATION = "application", _("申请书（表）")
    IDENTITY = "identity", _("主体资格证明")
    INFORMATIVE = "informative", _("备案信息材料")
    COMMITMENT = "commitment", _("告知承诺书")
    APPROVAL = "approval", _("审批类文件（批准文件、许可证件、审查意见、现场核查报告等）")
    OTHER = "other", _("其他材料")


class DecisionForm(models.TextChoices):
    """The document a case is closed with."""

    LICENCE = "licence", _("准予许可决定书")
    FILING_RECEIPT = "filing_receipt", _("备案回执")
    REFUSAL = "refusal", _("不予许可决定书")


# 行政许可法 第四十二条第一款: 除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出
# 行政许可决定。第八十二条: 本法规定的期限以工作日计算，不含法定节假日.
STATUTORY_DECISION_DAYS = 20
# 行政许可法 第四十二条第一款: 二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的
# 理由告知申请人.
EXTENSION_DAYS = 10
# 行政许可法 第四十五条: 依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在本节规定的
# 期限内 (recorded per case as the working days excluded; they move the due date).
EXCLUDED_TIME_SOURCE = "《行政许可法》第四十五条"

# 以备案之名行审批之实: 国发〔2021〕7号 二 (审批改为备案: 企业报送材料即可开展经营, no approval in disguise) and
# 国办函〔2022〕110号 (对行政备案事项，不得规定经行政机关审查同意，企业和群众方可从事相关特定活动；坚决纠正以备案
# 之名行许可之实).
DISGUISED_APPROVAL_SOURCE = "国发〔2021〕7号 二；国办函〔2022〕110号"
DISGUISED_BY_DOCUMENT = _("备案事项“%(matter)s”要求提交审批类文件“%(document)s”（%(source)s）。")
DISGUISED_BY_DECISION = _("备案事项以“%(form)s”办结，应出具备案回执（%(source)s）。")
