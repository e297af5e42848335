"""Helpers of the case tests: open a case, staff it, attach records to a step."""

import datetime as dt
import re

from django.core.files.base import ContentFile

from fazhi.core.tests.samples import sample
from fazhi.enforcement import services
from fazhi.enforcement.constants import MatterKind, RecordKind
from fazhi.officers.tests.factories import fake_id_number

D = dt.date

def open_case(user, body, **fields):
    values = {"kind": MatterKind.PENALTY, "summary": "销售过期食品", "opened_on": D(2022, 3, 1),
              "party_name": "张三丰", "party_id_number": fake_id_number(7)}
    values.update(fields)
    return services.case_open(user=user, body=body, **values)


def staffed_case(users, body, officers, **fields):
    case = open_case(users["unit_staff"], body, **fields)
    for officer in officers:
        services.case_assign_officer(user=users["unit_staff"], case=case, officer=officer, on=D(2022, 3, 2))
    return case


def attach(user, case, kind, record_kinds=(RecordKind.WRITTEN,), on=None):
    step = case.steps.filter(kind=kind).last() or services.case_add_step(user=user, case=case, kind=kind,
                                                                         happened_on=on or D(2022, 3, 5))
    for record_kind in record_kinds:
        services.process_record_attach(user=user, step=step, kind=record_kind,
                                       file=ContentFile(sample(record_kind, f"{case.pk}-{kind}-{record_kind}"),
                                                        name="r.bin"))
    return step


def refusal(message, **values) -> str:
    """What pytest.raises(match=...) looks for: the message constant with `values`, or without them its stable
    part (its longest text between placeholders)."""
    text = str(message) % values if values else max(re.split(r"%\(\w+\)[sd]", str(message)), key=len)
    return re.escape(text)
