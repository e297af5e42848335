"""Choices of the tracking ledger: what kind of item, where it came from, how the asker rated the answer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """What is tracked. Enterprise requests arrive with the business environment (issue 18); the recommendations,
    audit findings and proposals of the oversight issue (19) use the same ledger with their own kinds and periods."""

    ENTERPRISE_REQUEST = "enterprise_request", _("企业法律服务诉求")
    JUDICIAL = "judicial", _("司法建议")
    PROCURATORIAL = "procuratorial", _("检察建议")
    PUBLIC_INTEREST = "public_interest", _("行政公益诉讼诉前检察建议")
    AUDIT = "audit", _("审计发现问题")
    DEPUTY = "deputy", _("人大代表建议")
    CPPCC = "cppcc", _("政协提案")


# The kinds a deputies' or members' body hands to units (交办), under that body's handling rule (models.HandlingRule):
# 主办/会办, a misassigned item returned, the answer graded A/B/C/D, a second round when the asker is not satisfied.
class ProposalKind(models.TextChoices):
    DEPUTY = ItemKind.DEPUTY.value, ItemKind.DEPUTY.label
    CPPCC = ItemKind.CPPCC.value, ItemKind.CPPCC.label


PROPOSAL_KINDS = tuple(ProposalKind.values)


class ItemState(models.TextChoices):
    """Where an item stands on a given day; an extended item is judged against its new date."""

    RETURNED = "returned", _("已退回待改派")
    OPEN = "open", _("办理中")
    EXTENDED = "extended", _("延期办理中")
    OVERDUE = "overdue", _("逾期未答复")
    ON_TIME = "on_time", _("按期答复")
    LATE = "late", _("逾期答复")
    SECOND_ROUND = "second_round", _("不满意再次办理中")
    AWAITING_CLOSE = "awaiting_close", _("已报告整改待对账销号")


class Rectification(models.TextChoices):
    """How an audit finding is to be put right: policy vocabulary of the audit rectification mechanism, not statutory
    categories (docs/law-research/oversight-and-litigation.md 6b); 审计法 第五十二条 only says 按照规定时间整改."""

    IMMEDIATE = "immediate", _("立行立改")
    STAGED = "staged", _("分阶段整改")
    CONTINUING = "continuing", _("持续整改")


class AnswerGrade(models.TextChoices):
    """The letter a proposal's answer is marked with; what each letter means is the body's (HandlingRule)."""

    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


# 企业法律服务诉求: answered within 5 working days of receipt. The zone's own service promise to firms (no statute
# sets it: 《优化营商环境条例》(国务院令第722号) 第四十八条 asks for 畅通有效的政企沟通机制 that hears firms' 反映和诉求
# and 依法帮助其解决, with no period); recorded per item as its due date, so issue 19's kinds set theirs from their own
# sources.
ENTERPRISE_REQUEST_DAYS = 5

# The reply periods of the oversight kinds (issue 19; texts checked in docs/law-research/oversight-and-litigation.md).
# Where the recommendation itself sets a shorter period (urgent cases), the item is received with that due date and
# its basis instead.
# 《最高人民法院关于综合治理类司法建议工作若干问题的规定》(法释〔2023〕11号) 第八条第一款: 答复期限根据具体情况确定，
# 一般不超过两个月.
JUDICIAL_REPLY_MONTHS = 2
JUDICIAL_REPLY_BASIS = "法释〔2023〕11号 第八条第一款：答复期限一般不超过两个月（建议书另定期限的，按建议书）"
# 《人民检察院检察建议工作规定》(2019): 自收到检察建议书之日起两个月以内作出相应处理，并书面回复 (article number not
# confirmed from the primary text); urgent cases: the procuratorate sets the period.
PROCURATORIAL_REPLY_MONTHS = 2
PROCURATORIAL_REPLY_BASIS = "《人民检察院检察建议工作规定》（2019）：收到检察建议书之日起两个月以内书面回复"
# 《最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条第二款: 两个月内依法履行职责，
# 并书面回复; 损害继续扩大等紧急情形的，十五日内书面回复 (an urgent one is received with its 15-day due date).
PUBLIC_INTEREST_REPLY_MONTHS = 2
PUBLIC_INTEREST_REPLY_BASIS = ("两高检察公益诉讼解释 第二十一条第二款：收到检察建议书之日起两个月内"
                               "（紧急情形十五日内）书面回复")
# 《全国人民代表大会和地方各级人民代表大会代表法》(2025年修正) 第五十一条第二款: 自交办之日起三个月内答复 (涉及面广、
# 处理难度大的，六个月内). 政协提案 and audit findings have no default: their bodies' rules and the audit decision set
# the period, given when the item is received.
DEPUTY_REPLY_MONTHS = 3
DEPUTY_REPLY_BASIS = "代表法 第五十一条第二款：自交办之日起三个月内答复"
# The same paragraph: 涉及面广、处理难度大的建议、批评和意见，应当自交办之日起六个月内答复 — the latest an extension
# of a deputy's suggestion may reach.
DEPUTY_LONGEST_REPLY_MONTHS = 6

# A handling rule's defaults when the legal-affairs office records one (each is set from the body's own rule; the
# periods differ by place: docs/law-research/oversight-and-litigation.md 5b-5d). 代表法 fixes only the reply period.
# 退回: 10 days is common municipal practice (some rules: 7 working days, 上海 第十四条); a second answer in one
# month when the asker is not satisfied (上海 第二十一条).
RULE_RETURN_DAYS = 10
RULE_SECOND_ROUND_MONTHS = 1
RULE_CO_HANDLER_MONTHS = 1  # 会办意见 to the 主办 unit in one month (上海 第十七条第一款; common municipal practice)
# The national practice's letters (全国人大常委会办公厅; docs/law-research 5b); a body may define its own.
GRADE_MEANINGS = {
    AnswerGrade.A: "所提问题已经解决或者基本解决",
    AnswerGrade.B: "所提问题正在解决或者列入规划逐步解决",
    AnswerGrade.C: "所提问题因目前条件限制或者其他原因需待以后解决",
    AnswerGrade.D: "所提问题留作参考",
}
