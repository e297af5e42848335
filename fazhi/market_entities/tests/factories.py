import random

import factory

from fazhi.demo.entities import make_uscc
from fazhi.market_entities.models import MarketEntity
from fazhi.organisation.tests.factories import OrgUnitFactory

_rng = random.Random(7)


class MarketEntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarketEntity

    uscc = factory.LazyFunction(lambda: make_uscc(_rng, "1"))
    name = factory.Sequence(lambda n: f"大连测试{n}有限公司")
    entity_type = "company"
    legal_representative = factory.Faker("name", locale="zh_CN")
    address = "大连长兴岛经济技术开发区滨海路1号"
    street = factory.SubFactory(OrgUnitFactory, kind="street")
    industry = "C"
    registration_status = "active"
    risk_class = "B"
