"""Choices and statutory numbers of administrative enforcement, each with its source."""

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class MatterKind(models.TextChoices):
    # 执法事项清单 kinds (the usual categories of 权责清单).
    PENALTY = "penalty", _("行政处罚")
    PERMIT = "permit", _("行政许可")
    COMPULSORY_MEASURE = "compulsory_measure", _("行政强制")
    INSPECTION = "inspection", _("行政检查")
    LEVY = "levy", _("行政征收")
    OTHER = "other", _("其他")


class BodyKind(models.TextChoices):
    # 行政处罚法 第十七条 to 第二十条: who may impose penalties.
    STATUTORY = "statutory", _("法定行政机关")
    AUTHORISED = "authorised", _("法律法规授权组织")
    ENTRUSTED = "entrusted", _("受委托组织")


class StepKind(models.TextChoices):
    # The usual stages of an administrative penalty procedure (行政处罚法 第五章).
    FILING = "filing", _("立案")
    INVESTIGATION = "investigation", _("调查取证")
    NOTICE = "notice", _("告知")
    HEARING = "hearing", _("听证")
    LEGAL_REVIEW = "legal_review", _("法制审核")
    DECISION = "decision", _("决定")
    SERVICE = "service", _("送达")
    EXECUTION = "execution", _("执行")
    CLOSURE = "closure", _("结案")


class RecordKind(models.TextChoices):
    # 国办发〔2018〕118号 三、执法全过程记录: 文字记录 and 音像记录.
    WRITTEN = "written", _("文字记录")
    AUDIO_VISUAL = "audio_visual", _("音像记录")
    PHOTO = "photo", _("照片")


class MajorCriterionKind(models.TextChoices):
    # 行政处罚法 第五十八条 and 国办发〔2018〕118号 四(十二) 明确审核范围: what counts as major.
    FINE_ENTITY = "fine_entity", _("对法人或其他组织处以较大数额罚款")
    FINE_PERSON = "fine_person", _("对公民处以较大数额罚款")
    LICENCE_REVOCATION = "licence_revocation", _("吊销许可证件")
    CLOSURE = "closure", _("责令关闭、限制从业")
    HEARING = "hearing", _("经过听证程序")
    OTHER = "other", _("其他重大执法决定")


class DecisionKind(models.TextChoices):
    WARNING = "warning", _("警告、通报批评")
    FINE = "fine", _("罚款")
    CONFISCATION = "confiscation", _("没收违法所得、没收非法财物")
    SUSPENSION = "suspension", _("暂扣许可证件、降低资质等级")
    LICENCE_REVOCATION = "licence_revocation", _("吊销许可证件")
    CLOSURE = "closure", _("责令停产停业、责令关闭、限制从业")
    DETENTION = "detention", _("查封、扣押")
    PERMIT_GRANTED = "permit_granted", _("准予许可")
    PERMIT_REFUSED = "permit_refused", _("不予许可")
    NO_PENALTY = "no_penalty", _("不予处罚")
    OTHER = "other", _("其他")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("计划中")
    SELF_CHECK = "self_check", _("自查阶段")
    ON_SITE = "on_site", _("实地督查")
    RECTIFYING = "rectifying", _("整改中")
    CLOSED = "closed", _("已完成")


class LegalReviewer(models.TextChoices):
    # 国办发〔2018〕118号 四(十一) 明确审核机构: 各级行政执法机关要明确具体负责本机关重大执法决定法制审核的工作机构.
    LEGAL_OFFICE = "legal_office", _("司法局（法制机构）")
    OWN_UNIT = "own_unit", _("本单位法制审核机构")


class OverturnKind(models.TextChoices):
    # 行政处罚法 第四十八条第二款: a published decision 被依法变更、撤销、确认违法或者确认无效.
    CHANGED = "changed", _("变更")
    REVOKED = "revoked", _("撤销")
    DECLARED_UNLAWFUL = "unlawful", _("确认违法")
    DECLARED_VOID = "void", _("确认无效")


# 行政处罚法 (2021年修订) 第四十八条第二款: 公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，
# 行政机关应当在三日内撤回行政处罚决定信息并公开说明理由; 第八十五条: the 三日 are working days.
# 国办发〔2018〕118号 二(六) asks the same of every published decision (及时从信息公示平台撤下); the
# platform holds other decisions to the same three days.
WITHDRAWAL_DAYS = 3

# 行政处罚法 (2021年修订，2021年7月15日施行) 第五十八条第二款: 行政机关中初次从事行政处罚决定法制审核的人员，
# 应当通过国家统一法律职业资格考试取得法律职业资格. Whoever began reviewing before it took effect may go on.
REVIEWER_QUALIFICATION_REQUIRED_FROM = dt.date(2021, 7, 15)

# 行政处罚法 第四十二条: penalties are enforced by at least two officers holding certificates.
MIN_OFFICERS_PER_CASE = 2

# 国办发〔2018〕118号 二(六): 行政许可、行政处罚的执法决定信息要在执法决定作出之日起7个工作日内公开,
# 其他执法决定信息要在20个工作日内公开.
PUBLICATION_DAYS_PERMIT_PENALTY = 7
PUBLICATION_DAYS_OTHER = 20
PUBLICATION_WITHIN_7_DAYS = {DecisionKind.FINE, DecisionKind.WARNING, DecisionKind.CONFISCATION,
                             DecisionKind.SUSPENSION, DecisionKind.LICENCE_REVOCATION, DecisionKind.CLOSURE,
                             DecisionKind.PERMIT_GRANTED, DecisionKind.PERMIT_REFUSED}

# 较大数额罚款 triggers a hearing (行政处罚法 第六十三条) and legal review (第五十八条); each
# province sets the amount. These are starting values only: the legal-affairs office sets the
# zone's own as MajorCriterion rows, which are what the platform applies.
DEFAULT_LARGE_FINE_PERSON = Decimal("5000")
DEFAULT_LARGE_FINE_ENTITY = Decimal("50000")
