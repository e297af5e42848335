"""Choices of an administrative lawsuit and the rules from law they carry (each with its source; docs/law.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# 《中华人民共和国行政诉讼法》(2017年修正) 第六十七条第一款: 被告应当在收到起诉状副本之日起十五日内向人民法院提交作出
# 行政行为的证据和所依据的规范性文件，并提出答辩状. The law has no working-day rule: calendar days (deadline_rules).
DEFENCE_DAYS = 15


class Level(models.TextChoices):
    """审级."""

    FIRST = "first", _("一审")
    SECOND = "second", _("二审")
    RETRIAL = "retrial", _("再审")


class Outcome(models.TextChoices):
    """How a case ended: 判决 (行政诉讼法 第六十九条至第七十八条), 裁定 or 调解 (第六十条)."""

    JUDGED_DISMISSED = "judged_dismissed", _("判决驳回诉讼请求")  # 第六十九条
    JUDGED_REVOKED = "judged_revoked", _("判决撤销或部分撤销")  # 第七十条
    JUDGED_PERFORM = "judged_perform", _("判决履行法定职责")  # 第七十二条、第七十三条
    JUDGED_UNLAWFUL = "judged_unlawful", _("判决确认违法")  # 第七十四条
    JUDGED_VOID = "judged_void", _("判决确认无效")  # 第七十五条
    JUDGED_CHANGED = "judged_changed", _("判决变更")  # 第七十七条
    JUDGED_COMPENSATION = "judged_compensation", _("判决赔偿或补偿")  # 第七十六条、第七十八条
    RULED_DISMISSED = "ruled_dismissed", _("裁定驳回起诉")
    RULED_WITHDRAWN = "ruled_withdrawn", _("裁定准许撤诉")
    MEDIATED = "mediated", _("调解结案")  # 第六十条: 行政赔偿、补偿及自由裁量权案件可以调解


# 败诉: a judgment against the defendant. Dismissals, withdrawals and mediation are not lost cases.
LOST_OUTCOMES = frozenset({Outcome.JUDGED_REVOKED, Outcome.JUDGED_PERFORM, Outcome.JUDGED_UNLAWFUL,
                           Outcome.JUDGED_VOID, Outcome.JUDGED_CHANGED, Outcome.JUDGED_COMPENSATION})

# A judgment that changes the enforcement decision under suit, as 行政处罚法 第四十八条第二款 names it
# (fazhi.enforcement OverturnKind values): recorded on the linked case, which then withdraws its publication.
OVERTURN_OF_OUTCOME = {Outcome.JUDGED_REVOKED: "revoked", Outcome.JUDGED_UNLAWFUL: "unlawful",
                       Outcome.JUDGED_VOID: "void", Outcome.JUDGED_CHANGED: "changed"}


class AbsenceReason(models.TextChoices):
    """Why the head did not appear: 《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》(2020) 第八条."""

    FORCE_MAJEURE = "force_majeure", _("不可抗力")
    ACCIDENT = "accident", _("意外事件")
    OFFICIAL_DUTY = "official_duty", _("需要履行他人不能代替的公务")
    OTHER = "other", _("无法出庭的其他正当事由")
