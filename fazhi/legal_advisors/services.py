"""Writes of the legal-advisor register: advisors, contracts with the units they serve, their work."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock
from fazhi.core.exceptions import PermissionDeniedError, refuse
from fazhi.core.services import record_create, record_update
from fazhi.legal_advisors import permissions
from fazhi.legal_advisors.constants import COVERED_KINDS, WorkKind
from fazhi.legal_advisors.models import AdvisorContract, AdvisorWork, LegalAdvisor

CONTRACT_UNIT_KIND = _("法律顾问服务的是区直部门、街道和国有企业；“%(unit)s”是%(kind)s。")
CONTRACT_ENDED = _("合同%(number)s已于%(date)s结束，不能再记录工作。")
WORK_OUTSIDE = _("工作日期（%(date)s）不在合同%(number)s的聘期（%(start)s至%(end)s）内。")
WORK_IN_FUTURE = _("工作日期（%(date)s）晚于今天，只能记录已完成的工作。")
TERMINATE_BEFORE_START = _("解除日期不能早于聘期起（%(date)s）。")
ALREADY_TERMINATED = _("合同%(number)s已于%(date)s解除。")
REASON_REQUIRED = _("请填写原因。")


@transaction.atomic
def advisor_create(*, user, full_name: str, firm: str, licence_number: str, specialties: str = "") -> LegalAdvisor:
    """Register a lawyer retained as legal advisor."""
    return record_create(model=LegalAdvisor, user=user, full_name=full_name.strip(), firm=firm.strip(),
                         licence_number="".join(licence_number.split()), specialties=specialties.strip())


@transaction.atomic
def contract_create(*, user, advisor: LegalAdvisor, org_unit, number: str, starts_on: dt.date,
                    ends_on: dt.date) -> AdvisorContract:
    """Record a contract: `advisor` serves `org_unit` from `starts_on` to `ends_on`."""
    if org_unit.kind not in COVERED_KINDS:
        raise refuse(CONTRACT_UNIT_KIND, unit=org_unit.name, kind=org_unit.get_kind_display())
    return record_create(model=AdvisorContract, user=user, advisor=advisor, org_unit=org_unit, number=number.strip(),
                         starts_on=starts_on, ends_on=ends_on)


@transaction.atomic
def contract_terminate(*, user, contract: AdvisorContract, terminated_on: dt.date, reason: str) -> AdvisorContract:
    """End a contract early (解除): the unit is a coverage gap from that day unless another contract covers it."""
    if not permissions.may_terminate(user, contract):
        raise PermissionDeniedError()
    if contract.terminated_on is not None:
        raise refuse(ALREADY_TERMINATED, number=contract.number, date=contract.terminated_on)
    if not reason.strip():
        raise refuse(REASON_REQUIRED)
    if terminated_on < contract.starts_on:
        raise refuse(TERMINATE_BEFORE_START, date=contract.starts_on)
    return record_update(record=contract, user=user, expected_version=contract.version, terminated_on=terminated_on,
                         reason=f"提前解除：{reason.strip()}"[:100])


@transaction.atomic
def work_record(*, user, contract: AdvisorContract, kind: str, done_on: dt.date, title: str,
                description: str = "") -> AdvisorWork:
    """Record one piece of the advisor's work for the contract's unit (opinion, contract review, lawsuit)."""
    if not permissions.may_record_work(user, contract):
        raise PermissionDeniedError()
    WorkKind(kind)
    if done_on > clock.today():
        raise refuse(WORK_IN_FUTURE, date=done_on)
    if not (contract.starts_on <= done_on <= contract.last_day):
        raise refuse(WORK_OUTSIDE, date=done_on, number=contract.number, start=contract.starts_on,
                      end=contract.last_day)
    return record_create(model=AdvisorWork, user=user, contract=contract, kind=kind, done_on=done_on,
                         title=title.strip(), description=description.strip())
