import factory

from fazhi.organisation.models import OrgUnit, Zone


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone
        django_get_or_create = ("name",)

    name = "测试开发区"
    short_name = "测试区"


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    zone = factory.SubFactory(ZoneFactory)
    code = factory.Sequence(lambda n: f"UNIT-{n:04d}")
    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = "department"
