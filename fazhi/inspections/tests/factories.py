import datetime as dt
from decimal import Decimal

import factory

from fazhi.core import clock
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


def make_task(*, lead_unit, officer):
    """One plan of `lead_unit` with a stored draw and a task inspected by `officer`, written directly
    (no draw run), plus the unit's item, rules, a recusal and a joint meeting with one record."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from fazhi.inspections.models import Draw, InspectionPlan, InspectionTask, JointMeeting, TaskInspector
    from fazhi.market_entities.tests.factories import MarketEntityFactory

    item = InspectionItemFactory(org_unit=lead_unit)
    InspectionRulesFactory(org_unit=lead_unit)
    entity = MarketEntityFactory()
    RecusalFactory(officer=officer, entity=entity)
    plan = InspectionPlan.objects.create(number=f"T-{lead_unit.code}", title="越权测试计划", lead_unit=lead_unit,
                                         starts_on=dt.date(2022, 5, 1), ends_on=dt.date(2022, 6, 30),
                                         inspection_date=dt.date(2022, 5, 20), ratio_a=Decimal("0.1"),
                                         ratio_b=Decimal("0.1"), ratio_c=Decimal("0.1"), ratio_d=Decimal("0.1"))
    plan.items.set([item])
    stored = default_storage.save("draw_records/test-input.json", ContentFile(b"{}"))
    draw = Draw.objects.create(plan=plan, method_version="2", source_labels=["x"], commit_sha256="0" * 64,
                               committed_on=clock.now(), input_file=stored)
    task = InspectionTask.objects.create(number=f"{plan.number}-00001", plan=plan, draw=draw, entity=entity,
                                         sequence=1, stratum=entity.risk_class)
    TaskInspector.objects.create(position=1, task=task, officer=officer, department=lead_unit)
    meeting = JointMeeting.objects.create(name=f"联席会议{lead_unit.code}", convenor="甲", convenor_title="副主任",
                                          lead_unit=lead_unit, established_on=dt.date(2022, 2, 1),
                                          member_names=lead_unit.name)
    meeting.members.set([lead_unit])
    meeting.records.create(held_on=dt.date(2022, 3, 1), topic="议题", decisions="议定")
    task.joint_meeting = meeting
    return task
