"""Choices of the legal-advisor register, and which units must be covered."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.organisation.constants import OrgUnitKind


class WorkKind(models.TextChoices):
    OPINION = "opinion", _("出具法律意见")
    CONTRACT_REVIEW = "contract_review", _("审查合同")
    LITIGATION = "litigation", _("代理诉讼、复议")
    DECISION_REVIEW = "decision_review", _("参与重大决策合法性审查")
    DOCUMENT_REVIEW = "document_review", _("参与规范性文件审核")
    TRAINING = "training", _("法治培训、讲座")
    OTHER = "other", _("其他")


# 中办发〔2016〕30号《关于推行法律顾问制度和公职律师公司律师制度的意见》: 县级以上地方各级党政机关
# 普遍设立法律顾问, 国有企业深入推进法律顾问制度; the seed report (三(二)) counts "全覆盖" over every
# department, street and state enterprise of the zone. These kinds are what coverage is computed over.
COVERED_KINDS = (OrgUnitKind.DEPARTMENT, OrgUnitKind.STREET, OrgUnitKind.STATE_ENTERPRISE)
