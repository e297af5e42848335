"""Choices and statutory numbers of officers, certificates, training and exams, each with its source."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("已过期")
    SUSPENDED = "suspended", _("暂扣")
    REVOKED = "revoked", _("已注销")


class ExamKind(models.TextChoices):
    NEW_OFFICER = "new_officer", _("新上岗人员资格考试")
    RENEWAL = "renewal", _("证件过期人员换证考试")


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("已申请")
    APPROVED = "approved", _("已核发")
    REJECTED = "rejected", _("不予核发")


# Certificate expiry reminder lead time (days before 有效期届满); configurable in settings.
DEFAULT_CERTIFICATE_REMINDER_DAYS = 90
