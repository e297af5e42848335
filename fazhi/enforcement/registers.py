"""Import/export registers of administrative enforcement: bodies, matters, officers, certificates."""

import unicodedata

from django.core.exceptions import ValidationError
from simple_history.models import HistoricalRecords

from fazhi.core.audit import personal_data_exported
from fazhi.enforcement import services
from fazhi.enforcement.constants import CertificateStatus
from fazhi.enforcement.models import EnforcementBody, EnforcementCertificate, EnforcementMatter, Officer
from fazhi.registers.base import ChoiceColumn, CodeColumn, Column, ForeignKeyColumn, Register, register

CERTIFICATE_ISSUED_ONLY = "证件的状态和有效期只能通过核发、暂扣、恢复、注销办理，不能通过导入修改"
CERTIFICATE_HOLDER_FIXED = "证件的持证人不能通过导入修改；请为新的持证人核发证件"


def _current_request():
    """The request being answered, if any (simple_history's middleware keeps it for the thread)."""
    return getattr(HistoricalRecords.context, "request", None)


def log_officer_data_export(register: Register, *, user, count: int) -> None:
    """Log an export that carries officers' full ID numbers, as one of the officer register.

    The page's export view logs only models that hold personal data themselves; these
    registers carry the holder's data through a link, so they log it here. Without a user
    (the command line without --as) nothing is logged, as for any other export.
    """
    request = _current_request()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    path = request.get_full_path() if request is not None else f"fazhi export {register.name}"
    personal_data_exported(user=user, model=Officer, count=count, path=path)


class IdNumberColumn(CodeColumn):
    """A 居民身份证号码: full-width digits, spaces and a lower-case x are typing slips."""


class OfficerByIdNumberColumn(ForeignKeyColumn):
    """The certificate holder, written as the officer's ID number (the one key a person has)."""

    def parse(self, text: str):
        return super().parse("".join(unicodedata.normalize("NFKC", text).split()).upper())


@register
class EnforcementBodyRegister(Register):
    name = "enforcement_bodies"
    title = "执法主体名册"
    model = EnforcementBody
    key = "name"
    columns = [
        Column("执法主体名称", "name", help_text="全称，本系统内唯一"),
        ForeignKeyColumn("所属机构编码", "org_unit", lookup="code", help_text="须已在机构名册中，如 DEPT-SJJ"),
        ChoiceColumn("主体类别", "kind"),
        Column("执法依据", "legal_basis", help_text="设定执法职权的法律、法规、规章"),
        Column("执法领域", "fields", required=False),
    ]


@register
class EnforcementMatterRegister(Register):
    name = "enforcement_matters"
    title = "执法事项清单"
    model = EnforcementMatter
    key = "code"
    columns = [
        CodeColumn("事项编码", "code", help_text="本系统内唯一"),
        Column("事项名称", "name"),
        ChoiceColumn("事项类别", "kind"),
        ForeignKeyColumn("执法主体", "body", lookup="name", help_text="执法主体全称，须已在执法主体名册中"),
        Column("法律依据", "legal_basis"),
    ]


@register
class OfficerRegister(Register):
    name = "officers"
    title = "执法人员名册"
    model = Officer
    key = "id_number"
    columns = [
        IdNumberColumn("身份证号码", "id_number", help_text="18位居民身份证号码，末位为校验码"),
        Column("姓名", "full_name"),
        ForeignKeyColumn("所属单位编码", "org_unit", lookup="code", help_text="须已在机构名册中"),
        Column("职务", "position", required=False),
        Column("手机号码", "phone", required=False),
    ]


class _IssuedOnly:
    """A certificate column set when it is issued; afterwards only its own actions change it.

    An import may add certificates (issued through the service) and correct the issuer, area
    and field; a row that would change this column of an existing certificate is refused, so a
    suspension cannot be undone, nor an expired certificate extended, without the service's
    reason, history and expiry reminder.
    """

    message = CERTIFICATE_ISSUED_ONLY

    @property
    def checks_field(self) -> bool:
        return True  # check_value compares with the stored value

    def prepare(self, register: Register) -> None:
        super().prepare(register)
        self.stored = dict(register.model._base_manager.values_list("pk", self.attname))

    def check_value(self, value, record):
        value = self.validated(value, record)
        stored = self.stored.get(record.pk) if record.pk is not None else None
        if stored is not None and getattr(value, "pk", value) != stored:
            raise ValidationError(f"{self.message}（现为“{self.shown(stored)}”，文件中为“{self.shown(value)}”）。")
        return value

    def validated(self, value, record):
        return super().check_value(value, record)

    def shown(self, value) -> str:
        return str(value)


class IssuedDateColumn(_IssuedOnly, Column):
    pass


class IssuedStatusColumn(_IssuedOnly, ChoiceColumn):
    def shown(self, value) -> str:
        return self.labels.get(value, str(value))


class HolderColumn(_IssuedOnly, OfficerByIdNumberColumn):
    message = CERTIFICATE_HOLDER_FIXED

    def validated(self, value, record):
        return value  # the lookup found an active officer already: no query per row

    def shown(self, value) -> str:
        officer = value if isinstance(value, Officer) else Officer.objects.filter(pk=value).first()
        return officer.full_name if officer is not None else str(value)


@register
class EnforcementCertificateRegister(Register):
    name = "certificates"
    title = "执法证件名册"
    model = EnforcementCertificate
    key = "number"
    columns = [
        CodeColumn("证件编号", "number", help_text="本系统内唯一"),
        HolderColumn("持证人身份证号码", "officer", lookup="id_number",
                     help_text="须已在执法人员名册中；已有证件的持证人不能修改"),
        Column("发证机关", "issuer"),
        Column("执法区域", "area"),
        Column("执法类别", "field"),
        IssuedDateColumn("有效期起", "valid_from", help_text="日期，如 2022-03-01；已有证件不能通过导入修改"),
        IssuedDateColumn("有效期至", "valid_until", help_text="日期，如 2027-02-28；已有证件不能通过导入修改"),
        IssuedStatusColumn("状态", "status", required=False,
                           help_text="空白为“有效”；已有证件的暂扣、恢复、注销须在证件页面办理"),
    ]

    def export(self, kind: str, user=None, queryset=None) -> bytes:
        """The holders' full ID numbers are the key to re-import: the export is logged as personal data."""
        data = super().export(kind, user=user, queryset=queryset)
        rows = self.export_queryset(user) if queryset is None else queryset
        log_officer_data_export(self, user=user, count=rows.count())
        return data

    def save(self, created: list, updated: list, fields: list[str], user, reason: str, *,
             in_file_order: list | None = None) -> None:
        """New certificates are issued through the service, so each gets its expiry reminder.

        A certificate imported as suspended or revoked is issued, then suspended or revoked
        the same way, so its history and reminder say so. Changed rows are written as usual.
        """
        super().save([], updated, fields, user, reason)
        for row in created:
            certificate = services.certificate_issue(
                user=user, officer=row.officer, number=row.number, issuer=row.issuer, area=row.area,
                field=row.field, valid_from=row.valid_from, valid_until=row.valid_until,
            )
            if row.status == CertificateStatus.SUSPENDED:
                services.certificate_suspend(user=user, certificate=certificate, reason=reason)
            elif row.status == CertificateStatus.REVOKED:
                services.certificate_revoke(user=user, certificate=certificate, reason=reason)
