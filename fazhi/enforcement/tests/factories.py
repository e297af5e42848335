import datetime as dt
import itertools

import factory
from django.core.files.base import ContentFile

from fazhi.core import clock
from fazhi.core.validators import id_number_check_character
from fazhi.enforcement.constants import ExamKind, MatterKind
from fazhi.enforcement.models import (
    EnforcementBody,
    EnforcementCase,
    EnforcementCertificate,
    EnforcementMatter,
    Exam,
    MajorCriterion,
    Officer,
    SpecialInspection,
    Training,
)
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

class EnforcementBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementBody

    org_unit = factory.SubFactory(OrgUnitFactory)
    name = factory.Sequence(lambda n: f"测试执法主体{n}")
    legal_basis = "《中华人民共和国行政处罚法》"
    fields = "市场监管"


class EnforcementMatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementMatter

    body = factory.SubFactory(EnforcementBodyFactory)
    code = factory.Sequence(lambda n: f"M-{n:05d}")
    name = factory.Sequence(lambda n: f"测试执法事项{n}")
    kind = MatterKind.PENALTY
    legal_basis = "《中华人民共和国行政处罚法》第九条"


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


class MajorCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MajorCriterion
        django_get_or_create = ("kind",)

    kind = "licence_revocation"
    legal_source = "行政处罚法 第五十八条"
    enabled = True


class CaseFactory(factory.django.DjangoModelFactory):
    """A case written directly (no filing step); use services.case_open for the real thing."""

    class Meta:
        model = EnforcementCase

    body = factory.SubFactory(EnforcementBodyFactory)
    number = factory.Sequence(lambda n: f"CASE-{n:05d}")
    kind = MatterKind.PENALTY
    party_name = "张三丰"
    summary = "未按规定公示信息"
    opened_on = dt.date(2022, 3, 1)
    decision_kind = ""


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


class SpecialInspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecialInspection

    name = "2022年行政执法“三项制度”专项检查"
    year = 2022
    checklist = "执法公示\n全过程记录\n法制审核"
    starts_on = dt.date(2022, 8, 1)
    ends_on = dt.date(2022, 12, 31)


def record_file(content: bytes = "现场检查笔录".encode(), name: str = "笔录.pdf") -> ContentFile:
    return ContentFile(content, name=name)

