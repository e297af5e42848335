"""Choices and statutory numbers of 双随机、一公开, each with its source."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.inspections.engine.assignment import MIN_TEAM_SIZE as ENGINE_MIN_TEAM_SIZE

# 国务院关于在市场监管领域全面推行部门联合"双随机、一公开"监管的意见（国发〔2019〕5号）二(四):
# 抽查检查结果通过国家企业信用信息公示系统……依法向社会公示; 企业信息公示暂行条例 (国务院令第777号修订)
# 第六条: 市场监督管理部门……公示……前款规定的企业信息应当自产生之日起20个工作日内予以公示. 第七条 (other
# departments) sets no period of its own; their results keep the same 20 working days.
RESULT_PUBLICATION_WORKING_DAYS = 20

# 行政处罚法（2021）第四十二条 / 国办发〔2015〕58号: 检查人员不得少于两人.
MIN_TEAM_SIZE = ENGINE_MIN_TEAM_SIZE

# Defaults a department starts its 一细则 from; each department sets its own (国发〔2019〕5号 二(三):
# 根据企业信用风险分类结果……合理确定、动态调整抽查比例和频次). Lower for A, higher for D.
DEFAULT_RATIOS = {"A": Decimal("0.03"), "B": Decimal("0.05"), "C": Decimal("0.10"), "D": Decimal("0.20")}
DEFAULT_EXEMPT_DAYS = 365  # 同一事项一年内已被抽查的主体原则上不再重复抽查（各地细则常见做法）
DEFAULT_MAX_TASKS = 20

DRAW_RECORD_FOLDER = "draw_records"


class ItemCategory(models.TextChoices):
    # 国发〔2019〕5号 二(二): 抽查事项分为重点检查事项和一般检查事项.
    KEY = "key", _("重点检查事项")
    GENERAL = "general", _("一般检查事项")


class ObjectType(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    INDIVIDUAL = "individual", _("个体工商户")
    COOPERATIVE = "cooperative", _("农民专业合作社")
    ALL = "all", _("各类市场主体")


class InspectionMethod(models.TextChoices):
    ON_SITE = "on_site", _("现场检查")
    DOCUMENT = "document", _("书面检查")
    ONLINE = "online", _("网络监测")
    SAMPLING = "sampling", _("抽样检测")
    EXPERT = "expert", _("委托专业机构")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("拟定")
    APPROVED = "approved", _("已批准")
    PUBLISHED = "published", _("已公布")
    COMMITTED = "committed", _("名录已冻结，待摇号")
    DRAWN = "drawn", _("已抽取")
    COMPLETED = "completed", _("已完成")


class DrawStatus(models.TextChoices):
    COMMITTED = "committed", _("已冻结名录并公布承诺值")
    DRAWN = "drawn", _("已抽取")
    VOIDED = "voided", _("已作废")


class DrawMethod(models.TextChoices):
    HASHRANK = "hashrank", _("分层哈希排序法（hashrank）")
    RFC3797 = "rfc3797", _("RFC 3797 公开摇号法")


class TaskStatus(models.TextChoices):
    PENDING = "pending", _("待检查")
    COMPLETED = "completed", _("已检查")
    PUBLISHED = "published", _("已公示")


class TaskResult(models.TextChoices):
    # The result options of 国家企业信用信息公示系统 抽查检查结果 (市场监管总局 双随机抽查结果公示).
    NO_PROBLEM = "no_problem", _("未发现问题")
    NOT_OPERATING = "not_operating", _("未发现开展本次抽查涉及的经营活动")
    RECTIFY_ORDERED = "rectify_ordered", _("发现问题已责令改正")
    TRANSFERRED = "transferred", _("发现问题待后续处理")
    NOT_DISCLOSED = "not_disclosed", _("未按规定公示应当公示的信息")
    FALSE_DISCLOSURE = "false_disclosure", _("公示信息隐瞒真实情况、弄虚作假")
    UNREACHABLE = "unreachable", _("通过登记的住所（经营场所）无法联系")
    REFUSED = "refused", _("不配合检查情节严重")
    DEREGISTERED = "deregistered", _("已注销或被吊销营业执照")
    MOVED_OUT = "moved_out", _("已迁出")


# Results that record a problem with the entity (counted as 发现问题 in the statistics).
PROBLEM_RESULTS = frozenset({
    TaskResult.RECTIFY_ORDERED, TaskResult.TRANSFERRED, TaskResult.NOT_DISCLOSED, TaskResult.FALSE_DISCLOSURE,
    TaskResult.UNREACHABLE, TaskResult.REFUSED,
})


class RecusalReason(models.TextChoices):
    # 行政处罚法 第四十三条: 执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避.
    RELATIVE = "relative", _("近亲属在该主体任职或持股")
    FORMER_EMPLOYER = "former_employer", _("曾在该主体任职")
    RECENT_DEALING = "recent_dealing", _("近期办理过该主体的事项")
    OTHER = "other", _("其他利害关系")

