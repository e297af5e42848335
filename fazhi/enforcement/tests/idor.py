"""The IDOR walk's records of this app (tests/test_idor_pages.py): one of each model, owned by street B."""

import datetime as dt

from fazhi.enforcement import services as enforcement
from fazhi.enforcement.models import (
    EnforcementBody,
    EnforcementCase,
    EnforcementMatter,
    MajorCriterion,
    Rectification,
    SpecialInspection,
    UnitInspection,
)
from fazhi.enforcement.tests.factories import (
    EnforcementBodyFactory,
    EnforcementMatterFactory,
    MajorCriterionFactory,
    SpecialInspectionFactory,
)

# Zone-wide registers every unit reads (the bodies, the matters list, the criteria, the special inspections).
READ_BY_EVERY_UNIT = frozenset({EnforcementBody, EnforcementMatter, MajorCriterion, SpecialInspection})


def other_units_records(units, users) -> dict:
    street_b = units["street_b"]
    body = EnforcementBodyFactory(org_unit=street_b)
    inspection = SpecialInspectionFactory()
    unit_inspection = enforcement.unit_inspection_add(user=None, inspection=inspection, org_unit=street_b)
    return {
        EnforcementBody: body,
        EnforcementMatter: EnforcementMatterFactory(body=body),
        MajorCriterion: MajorCriterionFactory(),
        EnforcementCase: enforcement.case_open(user=None, body=body, kind="penalty", summary="越权测试",
                                               opened_on=dt.date(2022, 3, 1), party_name="张三"),
        SpecialInspection: inspection,
        UnitInspection: unit_inspection,
        Rectification: enforcement.rectification_add(user=None, unit_inspection=unit_inspection, problem="未公示",
                                                     due_on=dt.date(2022, 12, 31)),
    }
