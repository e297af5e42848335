"""Choices and statutory rules of major administrative decisions, each with its source.

The source throughout is 《重大行政决策程序暂行条例》(国务院令第713号, 2019年9月1日施行); in Liaoning
the zone also follows 《辽宁省重大行政决策程序规定》(辽宁省人民政府令第346号), which builds on it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StepKind(models.TextChoices):
    # 第四条 and 第二章、第三章: the five statutory procedures, in their order: 公众参与 第十四条, 专家论证 第十九条,
    # 风险评估 第二十二条, 合法性审查 第二十五条, 集体讨论决定 第三十条; then, before the decision is issued,
    # 第三十一条: 重大行政决策出台前应当按照规定向同级党委请示报告.
    PUBLIC_PARTICIPATION = "public_participation", _("公众参与")
    EXPERT_ARGUMENTATION = "expert_argumentation", _("专家论证")
    RISK_ASSESSMENT = "risk_assessment", _("风险评估")
    LEGALITY_REVIEW = "legality_review", _("合法性审查")
    COLLECTIVE_DISCUSSION = "collective_discussion", _("集体讨论决定")
    PARTY_REPORT = "party_report", _("向同级党委请示报告")


STEP_ORDER = list(StepKind)

# Why a step may be left out, and the article that allows it. A step left out is recorded with
# its reason (DecisionStep.skipped), never silently missing.
SKIPPABLE = {
    # 第十四条: 充分听取意见, 依法不予公开的决策事项除外.
    StepKind.PUBLIC_PARTICIPATION: _("第十四条：依法不予公开的决策事项除外"),
    # 第十九条: 专业性、技术性较强的决策事项 need 专家论证; others may do without.
    StepKind.EXPERT_ARGUMENTATION: _("第十九条：仅专业性、技术性较强的决策事项须组织专家论证"),
    # 第二十二条: 风险评估 when the decision may harm social stability, public safety and the like; its 第二款:
    # a matter already assessed under other rules is not assessed again.
    StepKind.RISK_ASSESSMENT: _("第二十二条：仅可能对社会稳定、公共安全等方面造成不利影响的须组织风险评估；"
                                "已按规定进行过风险评估的，不再重复评估（第二款）"),
}
# 第二十五条: 决策草案提交决策机关讨论前，应当由负责合法性审查的部门进行合法性审查 … 未经合法性审查或者
# 经审查不合法的，不得提交决策机关讨论. 第三十条: 决策草案应当经决策机关常务会议或者全体会议讨论.
# 第三十一条: 出台前应当按照规定向同级党委请示报告.
NOT_SKIPPABLE = {StepKind.LEGALITY_REVIEW, StepKind.COLLECTIVE_DISCUSSION, StepKind.PARTY_REPORT}


class StepState(models.TextChoices):
    DONE = "done", _("已履行")
    SKIPPED = "skipped", _("依法未履行（已说明理由）")


class ReviewOpinion(models.TextChoices):
    # 第二十八条: 负责合法性审查的部门应当及时提出合法性审查意见.
    LAWFUL = "lawful", _("合法")
    LAWFUL_WITH_CHANGES = "lawful_with_changes", _("修改后合法")
    UNLAWFUL = "unlawful", _("不合法")
    # 第二十五条第二款: 对国家尚无明确规定的探索性改革决策事项，可以明示法律风险，提交决策机关讨论.
    EXPLORATORY = "exploratory", _("探索性改革事项：国家尚无明确规定，明示法律风险")


# The opinions with which a draft may go to collective discussion (第二十五条).
MAY_DISCUSS = (ReviewOpinion.LAWFUL, ReviewOpinion.LAWFUL_WITH_CHANGES, ReviewOpinion.EXPLORATORY)


class DiscussionOutcome(models.TextChoices):
    # 第三十条: 决策机关行政首长在集体讨论的基础上作出决定.
    ADOPTED = "adopted", _("同意")
    REVISE = "revise", _("修改后再次讨论")
    REJECTED = "rejected", _("不同意")
    DEFERRED = "deferred", _("暂缓决策")


class DecisionStatus(models.TextChoices):
    CATALOGUED = "catalogued", _("列入目录")
    IN_PROCEDURE = "in_procedure", _("履行决策程序")
    DECIDED = "decided", _("已决定")
    NOT_ADOPTED = "not_adopted", _("未通过")
    EVALUATED = "evaluated", _("已评估")


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    PUBLISHED = "published", _("已公布")


# 第十五条: 公开征求意见的期限一般不少于30日 (shorter only with a stated reason).
MIN_COMMENT_DAYS = 30
# 第二十六条: 送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日.
MIN_REVIEW_WORKING_DAYS = 7
