"""Choices and the rules from law the permit module applies, each with its source (also in docs/law.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReformMode(models.TextChoices):
    """改革方式: the four modes every enterprise operating-permit matter is reformed in.

    国发〔2021〕7号《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》一(二) 改革目标: 实施涉企经营许可
    事项全覆盖清单管理，按照直接取消审批、审批改为备案、实行告知承诺、优化审批服务等四种方式分类推进审批制度改革.
    The same four modes in a regulation: 《优化营商环境条例》(国务院令第722号) 第十九条第二款 (依法采取直接取消审批、
    审批改为备案、实行告知承诺、优化审批服务等方式，对所有涉企经营许可事项进行分类管理).
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


# 行政许可法 (2019年修正) 第四十二条第一款: 除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起
# 二十日内作出行政许可决定……但是，法律、法规另有规定的，依照其规定。第八十二条: 本法规定的行政机关实施行政许可的
# 期限以工作日计算，不含法定节假日.
STATUTORY_DECISION_DAYS = 20
# 行政许可法 第四十二条第一款: 二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的
# 理由告知申请人.
EXTENSION_DAYS = 10
# 行政许可法 第四十五条: 行政机关作出行政许可决定，依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需
# 时间不计算在本节规定的期限内。行政机关应当将所需时间书面告知申请人 (recorded per case as the working days excluded;
# they move the due date).
EXCLUDED_TIME_SOURCE = "《行政许可法》第四十五条"

# 以备案之名行审批之实: 国办函〔2022〕110号《国务院办公厅关于推广行政备案规范管理改革试点经验的通知》(对行政备案
# 事项，不得规定经行政机关审查同意，企业和群众方可从事相关特定活动；……无正当理由不予备案等问题，要及时整改；……坚决
# 纠正以备案之名行许可之实) and 国发〔2021〕7号 二 (大力推动照后减证和简化审批, the part that carries out the four
# modes; its heading is confirmed, the wording of its 审批改为备案 paragraph was not read: sub-item not confirmed).
# The regulation says the same: 《优化营商环境条例》第三十九条第一款 (严禁以备案、登记、注册……以及其他任何形式变相设定
# 或者实施行政许可); it is not in the source string below, which the flag's reasons show.
DISGUISED_APPROVAL_SOURCE = "国发〔2021〕7号 二；国办函〔2022〕110号"
DISGUISED_BY_DOCUMENT = _("备案事项“%(matter)s”要求提交审批类文件“%(document)s”（%(source)s）。")
DISGUISED_BY_DECISION = _("备案事项以“%(form)s”办结，应出具备案回执（%(source)s）。")


# ----- 告知承诺 (issue 18 part 2) -------------------------------------------------------------
# 国办发〔2020〕42号《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》: the applicant
# commits in writing that the conditions are met (or will be met by a date), the unit decides on the commitment and
# checks it afterwards (事中事后核查); a false commitment is dealt with by law and entered in the credit record.
# Title, number, preamble and 一(一) are confirmed; the sections on 核查 and on false commitments are not (section not
# confirmed), so none is cited. 国发〔2021〕7号 also has it (as reported: 对通过告知承诺取得许可的企业……确有必要的
# 可以开展全覆盖核查。发现企业不符合许可条件的，要依法调查处理，并将失信违法行为记入企业信用记录; section not
# confirmed). See docs/law.md.
COMMITMENT_SOURCE = "国办发〔2020〕42号"


class CommitmentKind(models.TextChoices):
    """告知承诺的类型: the conditions are met now, or the applicant commits to meet them by a date."""

    MET_NOW = "met_now", _("承诺已经符合许可条件")
    MET_BY_DATE = "met_by_date", _("承诺在约定期限内达到许可条件")


class RiskLevel(models.TextChoices):
    """A matter's risk level in the catalogue (the zone's classification, used to sample the 核查)."""

    HIGH = "high", _("高风险")
    MEDIUM = "medium", _("中风险")
    LOW = "low", _("低风险")


class CheckMethod(models.TextChoices):
    """核查方式."""

    WRITTEN = "written", _("书面核查")
    ONLINE = "online", _("网络核查")
    ONSITE = "onsite", _("实地核查")
    PUBLIC = "public", _("公示核查")


class CheckResult(models.TextChoices):
    """核查结果: 不属实 and 未按期达到条件 both hand the case to enforcement and enter a credit record."""

    TRUE = "true", _("承诺属实")
    FALSE = "false", _("承诺不属实")
    NOT_MET = "not_met", _("未按期达到许可条件")


BREACHES = (CheckResult.FALSE, CheckResult.NOT_MET)

# Risk classes of a commitment case in the sampling draw (strata of the draw record). A case is of higher risk
# when its applicant applies for the first time, its matter is of high risk, it committed to meet the conditions
# later, or its applicant has a (repaired) credit record; two or more such factors make it high, one medium, none
# low (the zone's rule). 国办发〔2020〕42号 sets no
# ratio. At the State Council briefing on it (19 November 2020) the Ministry of Justice said, of 证明事项: 针对证明事项
# 的特点分类确定核查办法，将承诺人的信用状况作为确定核查办法的重要因素 (the text's section not confirmed). The ratios
# are the zone's setting, published with the draw record.
RISK_STRATA = ("high", "medium", "low")
# 国办发〔2020〕42号, 二「明确适用对象」(paragraph number not confirmed): 申请人有较严重的不良信用记录或者存在曾作出
# 虚假承诺等情形的，在信用修复前不适用告知承诺制. A commitment is refused while the applicant has a credit record not
# yet repaired; a repaired one still counts as a risk factor in the draw (信用状况 as a factor of the check).
CREDIT_BARS_COMMITMENT = "国办发〔2020〕42号 二「明确适用对象」：曾作出虚假承诺的，在信用修复前不适用告知承诺制"
CHECK_RATIOS = {"high": "1", "medium": "0.5", "low": "0.2"}
# Working days from the draw to the check's due date: the zone's own period (42号 sets none that could be found; the
# units fix their own check times: section not confirmed). A commitment to meet conditions by a date is checked no
# earlier than that date.
CHECK_DAYS = 20


class VisitKind(models.TextChoices):
    """走访: a leader's visit to a paired firm (包联), or a department's or street's visit."""

    PAIRING = "pairing", _("领导包联走访")
    DEPARTMENT = "department", _("部门走访")
    STREET = "street", _("街道走访")
