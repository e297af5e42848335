import datetime as dt
from decimal import Decimal

import factory

from fazhi.inspections.models import InspectionItem, InspectionRules, Recusal
from fazhi.organisation.tests.factories import OrgUnitFactory


class InspectionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionItem

    org_unit = factory.SubFactory(OrgUnitFactory, kind="department")
    code = factory.Sequence(lambda n: f"ITEM-{n:04d}")
    name = factory.Sequence(lambda n: f"抽查事项{n}")
    legal_basis = "《企业信息公示暂行条例》第十四条"


class InspectionRulesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionRules

    org_unit = factory.SubFactory(OrgUnitFactory, kind="department")
    ratio_a = Decimal("0.03")
    ratio_b = Decimal("0.05")
    ratio_c = Decimal("0.10")
    ratio_d = Decimal("0.20")


class RecusalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recusal

    reason = "relative"
    declared_on = dt.date(2022, 1, 10)
