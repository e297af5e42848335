"""Test data of the permit module: a catalogue edition with one matter per mode, and cases under it."""

import datetime as dt

from fazhi.permits import services
from fazhi.permits.constants import ApplicantKind, ApprovalLevel, ReformMode

EFFECTIVE = dt.date(2021, 7, 1)


def catalogue(*, document_number: str = "辽政发〔2021〕1号", effective_on: dt.date = EFFECTIVE, org_unit=None,
              matters: dict | None = None, name: str = "辽宁省涉企经营许可事项清单（2021年版）"):
    """An edition listing one matter per mode (codes M-<mode>, reused if they exist): (edition, {mode: matter})."""
    from fazhi.permits.models import PermitMatter

    edition = services.edition_create(user=None, name=name, document_number=document_number,
                                      effective_on=effective_on)
    found = {}
    for mode in ReformMode:
        code = f"M-{mode.value}".upper()
        matter = PermitMatter.objects.filter(code=code).first() or services.matter_create(
            user=None, code=code, name=f"{mode.label}事项")
        services.entry_create(user=None, edition=edition, matter=matter, basis="《某某条例》第十条",
                              approval_level=ApprovalLevel.COUNTY, approving_department="市场监管部门",
                              mode=(matters or {}).get(mode, mode), measures=f"{mode.label}的改革举措",
                              supervision="双随机抽查", org_unit=org_unit, promised_days=5)
        found[mode] = matter
    return edition, found


def case(unit, matters, *, received_on: dt.date = dt.date(2022, 3, 1), user=None, entity=None):
    if entity is not None:
        return services.case_create(user=user, org_unit=unit, applicant_kind=ApplicantKind.ENTITY,
                                    applicant_entity=entity, received_on=received_on, matters=matters)
    return services.case_create(user=user, org_unit=unit, applicant_kind=ApplicantKind.PERSON,
                                applicant_name="张三", applicant_id_number="11010519491231002X",
                                received_on=received_on, matters=matters)
