"""Choices and statutory numbers of normative documents (行政规范性文件), each with its source."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.normative_documents import lifecycle


class DocumentStatus(models.TextChoices):
    # The values are the pure lifecycle's (fazhi.normative_documents.lifecycle.Status); a test keeps them equal.
    DRAFTING = lifecycle.Status.DRAFTING.value, _("起草中")
    COMMENT = lifecycle.Status.COMMENT.value, _("公开征求意见")
    REVIEW = lifecycle.Status.REVIEW.value, _("合法性审核中")
    DELIBERATION = lifecycle.Status.DELIBERATION.value, _("待集体审议")
    ADOPTED = lifecycle.Status.ADOPTED.value, _("审议通过待公布")
    IN_FORCE = lifecycle.Status.IN_FORCE.value, _("现行有效")
    AMENDED = lifecycle.Status.AMENDED.value, _("已修改")
    REPEALED = lifecycle.Status.REPEALED.value, _("已废止")
    EXPIRED = lifecycle.Status.EXPIRED.value, _("已失效")
    ABANDONED = lifecycle.Status.ABANDONED.value, _("已终止起草")


class ReviewOpinion(models.TextChoices):
    # 国办发〔2018〕115号: the legal-affairs office's written opinion on the draft's legality.
    LAWFUL = lifecycle.Opinion.LAWFUL.value, _("合法")
    LAWFUL_WITH_CHANGES = lifecycle.Opinion.LAWFUL_WITH_CHANGES.value, _("修改后合法")
    UNLAWFUL = lifecycle.Opinion.UNLAWFUL.value, _("不合法")


class FairCompetitionConclusion(models.TextChoices):
    # 公平竞争审查条例 (国务院令第783号) 第十七条: 在评估对公平竞争影响后，作出审查结论; 第十二条 lets a measure with
    # such an effect be issued in the cases it lists, with no less restrictive alternative and a reasonable term or end
    # condition; 第十八条: 违反本条例第八条至第十一条规定且不符合第十二条规定情形的，不得出台.
    NO_EFFECT = (lifecycle.FairCompetitionConclusion.NO_EFFECT.value,
                 _("不具有排除、限制竞争效果，可以出台"))
    EXCEPTION = (lifecycle.FairCompetitionConclusion.EXCEPTION.value,
                 _("具有排除、限制竞争效果，但符合第十二条规定情形，可以出台"))
    VIOLATES = (lifecycle.FairCompetitionConclusion.VIOLATES.value,
                _("违反第八条至第十一条规定且不符合第十二条规定情形，不得出台"))


class DeliberationOutcome(models.TextChoices):
    ADOPTED = lifecycle.Outcome.ADOPTED.value, _("审议通过")
    REVISE = lifecycle.Outcome.REVISE.value, _("修改后再审议")
    REJECTED = lifecycle.Outcome.REJECTED.value, _("不予通过")


class CommentResponse(models.TextChoices):
    PENDING = "pending", _("待研究")
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不采纳")


class EvaluationConclusion(models.TextChoices):
    CONTINUE = "continue", _("继续施行（重新公布）")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")
    LAPSE = "lapse", _("届满自然失效")


class CleanupTrigger(models.TextChoices):
    # 《辽宁省规章规范性文件定期清理规定》(辽宁省人民政府令第237号): 规范性文件实施后每2年清理一次, and
    # whenever the laws they rest on change (国办发〔2018〕37号: 及时清理).
    SCHEDULED = "scheduled", _("定期清理")
    LAW_CHANGE = "law_change", _("法律法规变化专项清理")


class CleanupStatus(models.TextChoices):
    OPEN = "open", _("清理中")
    PUBLISHED = "published", _("结果已公布")


class CleanupDecision(models.TextChoices):
    PENDING = "pending", _("待定")
    KEEP = "keep", _("继续有效")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")


class FilingStatus(models.TextChoices):
    NOT_PUBLISHED = "not_published", _("尚未公布")
    PENDING = "pending", _("待备案")
    ON_TIME = "on_time", _("按时备案")
    LATE = "late", _("逾期备案")
    OVERDUE = "overdue", _("逾期未备案")


# Filing (备案), in calendar days from publication. 《法规规章备案审查条例》(国务院令第789号, 2024年11月1日
# 施行, replacing 国务院令第337号) 第二十五条 leaves the filing of 行政规范性文件 to the provinces (国办发〔2018〕37号:
# 备案审查 of every 行政规范性文件). Liaoning: 《辽宁省规章规范性文件备案办法》(省政府令第149号, 2011年第269号令、
# 2016年第300号令修正) 第三条: 规范性文件应当自公布之日起15日内报送备案; 各级人民政府及其所属部门分别报上级人民政府
# 和本级人民政府备案 (a government to the one above it, a department to its own government; a joint document by the
# lead department). The setting FAZHI_NORMATIVE_FILING_DAYS holds the zone's period; the platform applies it.
DEFAULT_FILING_DAYS = 15

# Validity period (有效期) in years: 5 in general, 2 for 暂行/试行 documents. Provincial rules on
# 行政规范性文件 set these (most: 有效期一般不超过5年，标注“暂行”“试行”的不超过2年); they differ, so
# the settings FAZHI_NORMATIVE_VALIDITY_YEARS / _PROVISIONAL_YEARS hold the zone's values.
DEFAULT_VALIDITY_YEARS = 5
DEFAULT_PROVISIONAL_VALIDITY_YEARS = 2
# Words in a title that mark a provisional document (暂行、试行).
PROVISIONAL_MARKERS = ("暂行", "试行")

# The drafting unit evaluates a document before it expires and decides to continue, amend or let
# it lapse; the reminder opens this many months before valid_until (provincial rules: 有效期届满前
# 6个月内评估). Configurable as FAZHI_NORMATIVE_EXPIRY_REMINDER_MONTHS.
DEFAULT_EXPIRY_REMINDER_MONTHS = 6

# Public comment on a document 与市场主体生产经营活动密切相关 (affects_market_entities): 优化营商环境条例 (国务院令
# 第722号) 第六十二条第二款: 除依法需要保密外……应当通过报纸、网络等向社会公开征求意见……向社会公开征求意见的期限一般
# 不少于30日. Counted like a major decision's (major_decisions.constants.MIN_COMMENT_DAYS): the first and the last day
# of the period both count. A shorter period needs a stated reason ("一般").
MIN_MARKET_COMMENT_DAYS = 30

# The legality review: 国办发〔2018〕115号《关于全面推行行政规范性文件合法性审核机制的指导意见》:
# 审核时间原则上不少于5个工作日，最长不超过15个工作日.
REVIEW_MAX_WORKING_DAYS = 15
REVIEW_MIN_WORKING_DAYS = 5

# Default prefix of the number the platform gives on publication (国办发〔2018〕37号: 统一登记、统一编号、统一印发):
# "<prefix>〔2022〕3号". FAZHI_NORMATIVE_NUMBER_PREFIX sets the zone's own (e.g. "长管规").
DEFAULT_NUMBER_PREFIX = ""
