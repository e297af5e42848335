"""Import/export registers of administrative enforcement: bodies, matters, officers, certificates."""

import unicodedata

from fazhi.enforcement import services
from fazhi.enforcement.constants import CertificateStatus
from fazhi.enforcement.models import EnforcementBody, EnforcementCertificate, EnforcementMatter, Officer
from fazhi.registers.base import ChoiceColumn, CodeColumn, Column, ForeignKeyColumn, Register, register


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


@register
class EnforcementCertificateRegister(Register):
    name = "certificates"
    title = "执法证件名册"
    model = EnforcementCertificate
    key = "number"
    columns = [
        CodeColumn("证件编号", "number", help_text="本系统内唯一"),
        OfficerByIdNumberColumn("持证人身份证号码", "officer", lookup="id_number",
                                help_text="须已在执法人员名册中"),
        Column("发证机关", "issuer"),
        Column("执法区域", "area"),
        Column("执法类别", "field"),
        Column("有效期起", "valid_from", help_text="日期，如 2022-03-01"),
        Column("有效期至", "valid_until", help_text="日期，如 2027-02-28"),
        ChoiceColumn("状态", "status", required=False, help_text="暂扣、注销由发证机关决定；空白为“有效”"),
    ]

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
