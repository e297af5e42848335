"""Fixtures of the case tests: a body of street A, two certified officers, the major-decision criteria."""


import pytest

from fazhi.enforcement import services
from fazhi.enforcement.constants import DEFAULT_LARGE_FINE_ENTITY, DEFAULT_LARGE_FINE_PERSON, MajorCriterionKind
from fazhi.enforcement.tests.factories import EnforcementBodyFactory
from fazhi.officers.tests.factories import CertificateFactory


@pytest.fixture
def body(units):
    return EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合行政执法")


@pytest.fixture
def officers(units):
    first = CertificateFactory(officer__org_unit=units["street_a"], officer__full_name="赵一").officer
    second = CertificateFactory(officer__org_unit=units["street_a"], officer__full_name="钱二").officer
    return first, second


@pytest.fixture
def criteria(db):
    rows = [
        (MajorCriterionKind.FINE_ENTITY, DEFAULT_LARGE_FINE_ENTITY),
        (MajorCriterionKind.FINE_PERSON, DEFAULT_LARGE_FINE_PERSON),
        (MajorCriterionKind.LICENCE_REVOCATION, None),
        (MajorCriterionKind.CLOSURE, None),
        (MajorCriterionKind.HEARING, None),
    ]
    return [services.major_criterion_set(user=None, kind=kind, fine_threshold=threshold,
                                         legal_source="行政处罚法 第五十八条") for kind, threshold in rows]

