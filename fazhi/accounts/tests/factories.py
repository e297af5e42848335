import factory

from fazhi.accounts.models import User
from fazhi.organisation.tests.factories import OrgUnitFactory

PASSWORD = "Test-password-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="zh_CN")
    role = "unit_staff"
    org_unit = factory.SubFactory(OrgUnitFactory)
    password = factory.django.Password(PASSWORD)
