"""Choices of the tracking ledger: what kind of item, where it came from, how the asker rated the answer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """What is tracked. Enterprise requests arrive with the business environment (issue 18); the recommendations,
    audit findings and proposals of the oversight issue (19) use the same ledger with their own kinds and periods."""

    ENTERPRISE_REQUEST = "enterprise_request", _("企业法律服务诉求")
    JUDICIAL = "judicial", _("司法建议")
    PROCURATORIAL = "procuratorial", _("检察建议")
    AUDIT = "audit", _("审计发现问题")
    DEPUTY = "deputy", _("人大代表建议")
    CPPCC = "cppcc", _("政协提案")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


# 企业法律服务诉求: answered within 5 working days of receipt. The zone's own service promise to firms (no statute
# sets it: 《优化营商环境条例》(国务院令第722号) 第四十八条 asks for 畅通有效的政企沟通机制 that hears firms' 反映和诉求
# and 依法帮助其解决, with no period); recorded per item as its due date, so issue 19's kinds set theirs from their own
# sources.
ENTERPRISE_REQUEST_DAYS = 5
