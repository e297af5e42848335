"""Enforcement officers (执法人员), their certificates (执法证件), training and qualification exams, and the
applications for a certificate after an exam.

These models came from fazhi.enforcement and keep its tables (Meta.db_table, HISTORY_TABLE): no data moved.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import BaseModel
from fazhi.core.roles import Role
from fazhi.core.validators import validate_id_number, validate_phone
from fazhi.officers.constants import ApplicationStatus, CertificateStatus, ExamKind

# What officers may do with the registers of their own unit: read them.
_READ_OWN = {Role.OFFICER: ("view_own_unit",)}


class Officer(BaseModel):
    """执法人员: a person who may enforce while holding a valid certificate."""

    ADMIN_MAINTAINED = True  # reference data (BaseModel.ADMIN_MAINTAINED)
    UNIT_FIELD = "org_unit"
    HOLDS_PERSONAL_DATA = True
    ROLE_ACTIONS = _READ_OWN
    HISTORY_TABLE = "enforcement_historicalofficer"

    org_unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("所属单位"), on_delete=models.PROTECT,
                                 related_name="officers")
    full_name = models.CharField(_("姓名"), max_length=50)
    id_number = models.CharField(_("身份证号码"), max_length=18, unique=True, validators=[validate_id_number])
    phone = models.CharField(_("手机号码"), max_length=20, blank=True, validators=[validate_phone])
    position = models.CharField(_("职务"), max_length=50, blank=True)
    user = models.OneToOneField("accounts.User", verbose_name=_("登录账号"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="officer")

    class Meta(BaseModel.Meta):
        db_table = "enforcement_officer"
        verbose_name = _("执法人员")
        verbose_name_plural = _("执法人员")
        ordering = ["org_unit", "full_name"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.id_number = self.id_number.strip().upper()
        super().save(*args, **kwargs)


class EnforcementCertificate(BaseModel):
    """执法证件: lets its holder act, in its area and field, from valid_from to valid_until."""

    UNIT_FIELD = "officer__org_unit"
    # Certificates are issued, suspended and revoked by the 司法行政部门 (the legal-affairs
    # office); a unit reads its own officers' certificates.
    ROLE_ACTIONS = {Role.OFFICER: ("view_own_unit",), Role.UNIT_STAFF: ("view_own_unit",)}
    HISTORY_TABLE = "enforcement_historicalenforcementcertificate"

    officer = models.ForeignKey(Officer, verbose_name=_("持证人"), on_delete=models.PROTECT,
                                related_name="certificates")
    number = models.CharField(_("证件编号"), max_length=50, unique=True)
    issuer = models.CharField(_("发证机关"), max_length=100)
    area = models.CharField(_("执法区域"), max_length=100)
    field = models.CharField(_("执法类别"), max_length=100)
    valid_from = models.DateField(_("有效期起"))
    valid_until = models.DateField(_("有效期至"))
    status = models.CharField(_("状态"), max_length=12, choices=CertificateStatus.choices,
                              default=CertificateStatus.VALID,
                              help_text=_("暂扣、注销由发证机关决定；过期由有效期自动判断"))

    class Meta(BaseModel.Meta):
        db_table = "enforcement_enforcementcertificate"
        verbose_name = _("执法证件")
        verbose_name_plural = _("执法证件")
        ordering = ["-valid_until"]
        constraints = [models.CheckConstraint(condition=models.Q(valid_until__gte=models.F("valid_from")),
                                              name="certificate_valid_until_after_from")]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("有效期至不能早于有效期起。")})

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.status not in (CertificateStatus.SUSPENDED, CertificateStatus.REVOKED)
                and self.valid_from <= day <= self.valid_until)

    def status_on(self, day: dt.date) -> str:
        """The status a person reads: suspended/revoked as recorded; otherwise by the dates."""
        if self.status in (CertificateStatus.SUSPENDED, CertificateStatus.REVOKED):
            return self.status
        if day > self.valid_until:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID if day >= self.valid_from else CertificateStatus.EXPIRED


class Training(BaseModel):
    """执法培训: a training session and who attended it."""

    UNIT_FIELD = "organiser"
    ROLE_ACTIONS = _READ_OWN
    HISTORY_TABLE = "enforcement_historicaltraining"

    organiser = models.ForeignKey("organisation.OrgUnit", verbose_name=_("组织单位"), on_delete=models.PROTECT,
                                  related_name="trainings")
    topic = models.CharField(_("培训主题"), max_length=200)
    held_on = models.DateField(_("培训日期"))
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    trainer = models.CharField(_("授课人"), max_length=100)

    class Meta(BaseModel.Meta):
        db_table = "enforcement_training"
        verbose_name = _("执法培训")
        verbose_name_plural = _("执法培训")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class TrainingAttendance(BaseModel):
    UNIT_FIELD = "training__organiser"
    ROLE_ACTIONS = _READ_OWN
    HISTORY_TABLE = "enforcement_historicaltrainingattendance"

    training = models.ForeignKey(Training, verbose_name=_("培训"), on_delete=models.PROTECT,
                                 related_name="attendances")
    officer = models.ForeignKey(Officer, verbose_name=_("参训人员"), on_delete=models.PROTECT,
                                related_name="attendances")

    class Meta(BaseModel.Meta):
        db_table = "enforcement_trainingattendance"
        verbose_name = _("参训记录")
        verbose_name_plural = _("参训记录")
        constraints = [models.UniqueConstraint(fields=["training", "officer"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.officer} · {self.training}"


class Exam(BaseModel):
    """执法资格考试: a sitting, of a kind, with a pass mark."""

    UNIT_FIELD = "organiser"
    ROLE_ACTIONS = _READ_OWN
    HISTORY_TABLE = "enforcement_historicalexam"

    organiser = models.ForeignKey("organisation.OrgUnit", verbose_name=_("组织单位"), on_delete=models.PROTECT,
                                  related_name="exams")
    training = models.ForeignKey(Training, verbose_name=_("关联培训"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="exams")
    held_on = models.DateField(_("考试日期"))
    kind = models.CharField(_("考试类别"), max_length=16, choices=ExamKind.choices)
    pass_mark = models.DecimalField(_("合格分数"), max_digits=5, decimal_places=1, default=60)

    class Meta(BaseModel.Meta):
        db_table = "enforcement_exam"
        verbose_name = _("执法资格考试")
        verbose_name_plural = _("执法资格考试")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}"


class ExamResult(BaseModel):
    UNIT_FIELD = "exam__organiser"
    ROLE_ACTIONS = _READ_OWN
    HISTORY_TABLE = "enforcement_historicalexamresult"

    exam = models.ForeignKey(Exam, verbose_name=_("考试"), on_delete=models.PROTECT, related_name="results")
    officer = models.ForeignKey(Officer, verbose_name=_("考生"), on_delete=models.PROTECT,
                                related_name="exam_results")
    score = models.DecimalField(_("成绩"), max_digits=5, decimal_places=1)

    class Meta(BaseModel.Meta):
        db_table = "enforcement_examresult"
        verbose_name = _("考试成绩")
        verbose_name_plural = _("考试成绩")
        constraints = [models.UniqueConstraint(fields=["exam", "officer"], name="exam_result_once")]

    def __str__(self) -> str:
        return f"{self.officer} {self.score}"

    @property
    def passed(self) -> bool:
        return self.score >= self.exam.pass_mark


class CertificateApplication(BaseModel):
    """申领执法证件: after passing an exam, for a new certificate or a renewal."""

    UNIT_FIELD = "officer__org_unit"
    ROLE_ACTIONS = _READ_OWN
    HISTORY_TABLE = "enforcement_historicalcertificateapplication"

    officer = models.ForeignKey(Officer, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                related_name="certificate_applications")
    kind = models.CharField(_("申请类别"), max_length=16, choices=ExamKind.choices)
    exam_result = models.ForeignKey(ExamResult, verbose_name=_("考试成绩"), on_delete=models.PROTECT,
                                    related_name="applications")
    applied_on = models.DateField(_("申请日期"))
    status = models.CharField(_("状态"), max_length=12, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.APPLIED)
    certificate = models.OneToOneField(EnforcementCertificate, verbose_name=_("核发证件"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="application")

    class Meta(BaseModel.Meta):
        db_table = "enforcement_certificateapplication"
        verbose_name = _("执法证件申领")
        verbose_name_plural = _("执法证件申领")
        ordering = ["-applied_on"]

    def __str__(self) -> str:
        return f"{self.officer} {self.get_kind_display()} {self.applied_on}"
