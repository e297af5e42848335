"""Factories of officers, certificates, trainings and exams (records written directly, without the services)."""

import datetime as dt
import itertools

import factory

from fazhi.core import clock
from fazhi.core.validators import id_number_check_character
from fazhi.officers.constants import ExamKind
from fazhi.officers.models import EnforcementCertificate, Exam, Officer, Training
from fazhi.organisation.tests.factories import OrgUnitFactory

_birthdays = itertools.count()


def fake_id_number(n: int | None = None, *, region: str = "210281") -> str:
    """A valid (GB 11643 check character) but obviously fake ID number: sequence code 000 is never issued."""
    n = next(_birthdays) if n is None else n
    born = dt.date(1970, 1, 1) + dt.timedelta(days=n % 10000)
    first17 = f"{region}{born:%Y%m%d}000"
    return first17 + id_number_check_character(first17)


def far_future() -> dt.date:
    """Ten years after the platform's today: a certificate still valid whatever date the tests run on."""
    return clock.today() + dt.timedelta(days=3652)


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    org_unit = factory.SubFactory(OrgUnitFactory)
    full_name = factory.Sequence(lambda n: f"执法员{n}")
    id_number = factory.LazyFunction(fake_id_number)
    phone = factory.Sequence(lambda n: f"1380000{n % 10000:04d}")
    position = "科员"


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate written directly (no expiry deadline); use services.certificate_issue for that."""

    class Meta:
        model = EnforcementCertificate

    officer = factory.SubFactory(OfficerFactory)
    number = factory.Sequence(lambda n: f"辽2102{n:06d}")
    issuer = "大连市人民政府"
    area = "长兴岛经济技术开发区"
    field = "市场监管"
    valid_from = dt.date(2020, 1, 1)
    valid_until = factory.LazyFunction(lambda: far_future())


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    organiser = factory.SubFactory(OrgUnitFactory)
    topic = "通用法律知识培训"
    held_on = dt.date(2022, 6, 15)
    hours = 8
    trainer = "司法局"


class ExamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exam

    organiser = factory.SubFactory(OrgUnitFactory)
    held_on = dt.date(2022, 6, 16)
    kind = ExamKind.NEW_OFFICER
    pass_mark = 60
