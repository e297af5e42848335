import datetime as dt

import factory
from django.core.files.base import ContentFile

from fazhi.enforcement.constants import MatterKind
from fazhi.enforcement.models import (
    EnforcementBody,
    EnforcementCase,
    EnforcementMatter,
    MajorCriterion,
    SpecialInspection,
)
from fazhi.organisation.tests.factories import OrgUnitFactory


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

