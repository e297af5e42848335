"""Plans, the commit-and-reveal draw, tasks, results and publication, through the services."""

import datetime as dt
import json
import re
import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, PermissionDeniedError, cn_date
from fazhi.core.tests.messages import message_pattern
from fazhi.deadlines.selectors import deadlines_for_record
from fazhi.inspections import engine, lifecycle, selectors, services
from fazhi.inspections.constants import DrawStatus, PlanStatus, TaskResult, TaskStatus
from fazhi.inspections.engine.commit import SEAL_MISMATCH
from fazhi.inspections.lifecycle import Actor
from fazhi.inspections.models import Draw, InspectionItem, InspectionPlan, InspectionTask, TaskInspector
from fazhi.inspections.tests.factories import InspectionItemFactory, RecusalFactory
from fazhi.inspections.tests.scenario import (
    LABELS,
    SOURCES,
    WITNESS,
    WITNESS_SECRET,
    drawn_plan,
    inspection_date,
    labels_on,
    make_plan,
    published_plan,
)
from fazhi.officers.models import EnforcementCertificate
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory
from fazhi.organisation.constants import OrgUnitKind

pytestmark = pytest.mark.django_db


def stored_record(draw: Draw) -> dict:
    with default_storage.open(draw.record_file.name, "rb") as f:
        return json.loads(f.read().decode("utf-8"))


# --- plans --------------------------------------------------------------------------------------


def test_a_new_plan_starts_from_the_lead_departments_rules_and_is_numbered(setting):
    plan = make_plan(setting)
    year = plan.starts_on.year  # plans are numbered by the year they start in
    assert plan.number == f"{year}-DEPT-A-001"
    assert (plan.ratio_a, plan.ratio_d) == (Decimal("0.1"), Decimal("0.5"))
    assert plan.max_tasks_per_inspector == 10
    assert plan.is_joint
    assert make_plan(setting, title="第二个计划").number == f"{year}-DEPT-A-002"


def test_plan_numbers_continue_above_the_highest_taken(setting):
    first = make_plan(setting)
    year = first.starts_on.year
    InspectionPlan.objects.filter(pk=first.pk).update(number=f"{year}-DEPT-A-007")
    assert make_plan(setting, title="下一个计划").number == f"{year}-DEPT-A-008"


@pytest.mark.django_db(transaction=True)
def test_two_plans_drafted_at_once_get_consecutive_numbers(setting):
    """The second creation waits for the first (on SQLite the whole database does: test_sqlite_transactions)."""
    if connection.vendor != "postgresql":
        pytest.skip("a row lock is a PostgreSQL matter; SQLite transactions take the database (core tests)")
    first_numbered = threading.Event()
    numbers, errors = [], []

    def draft(title: str, hold: bool) -> None:
        try:
            with transaction.atomic():
                numbers.append(make_plan(setting, title=title).number)
                if hold:  # still uncommitted while the other one asks for a number
                    first_numbered.set()
                    time.sleep(1)
        except Exception as error:  # the page would show it
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=draft, args=("先提交的计划", True))
    first.start()
    assert first_numbered.wait(timeout=30), errors
    draft_second = threading.Thread(target=draft, args=("同时提交的计划", False))
    draft_second.start()
    first.join(timeout=60)
    draft_second.join(timeout=60)
    assert errors == []
    assert numbers == ["2026-DEPT-A-001", "2026-DEPT-A-002"]


def test_an_item_of_a_department_not_taking_part_is_refused_and_nothing_is_written(setting):
    with pytest.raises(FazhiError, match=message_pattern(services.PLAN_ITEM_OUTSIDE, item="建筑市场行为抽查")):
        services.plan_create(user=setting["staff_a"], items=setting["items"], departments=[],
                             title="x", lead_unit=setting["dept_a"], starts_on=dt.date(2026, 6, 1),
                             ends_on=dt.date(2026, 6, 30), inspection_date=dt.date(2026, 6, 15))
    assert not InspectionPlan.objects.exists()


def test_ratios_outside_an_items_bounds_are_refused(setting):
    InspectionItemFactory(org_unit=setting["dept_a"], name="限比例事项", ratio_max=Decimal("0.3"))
    item = InspectionItem.objects.get(name="限比例事项")
    with pytest.raises(FazhiError, match=message_pattern(services.PLAN_RATIO_OUT_OF_BOUNDS, risk="D", ratio="0.5",
                                                         item=item.name, low="0", high="0.3")):
        services.plan_create(user=setting["staff_a"], items=[item], title="x", lead_unit=setting["dept_a"],
                             starts_on=dt.date(2026, 6, 1), ends_on=dt.date(2026, 6, 30),
                             inspection_date=dt.date(2026, 6, 15))


def test_only_leaders_or_the_legal_office_approve_and_only_drafts(setting):
    plan = make_plan(setting)
    with pytest.raises(FazhiError) as refused:
        services.plan_approve(user=setting["staff_a"], plan=plan)
    assert refused.value.message == str(services.APPROVER_ONLY)
    services.plan_approve(user=setting["leader"], plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == setting["leader"]
    with pytest.raises(FazhiError) as refused:
        services.plan_approve(user=setting["legal_office"], plan=plan)
    assert refused.value.message == lifecycle.LIFECYCLE.refusal(PlanStatus.APPROVED, "approve", {Actor.APPROVER})


def test_a_plan_takes_departments_as_lead_and_participants_and_streets_as_streets(setting, units):
    """The rule was in the form's choices and the API's lookup only (issue 17); the service now says it."""
    street, department = units["street_a"], setting["dept_b"]
    label = {name: InspectionPlan._meta.get_field(name).verbose_name for name in ("lead_unit", "departments",
                                                                                    "streets")}
    for changes, field, kind, unit in (({"lead_unit": street}, "lead_unit", OrgUnitKind.DEPARTMENT, street),
                                       ({"departments": [street]}, "departments", OrgUnitKind.DEPARTMENT, street),
                                       ({"streets": [department]}, "streets", OrgUnitKind.STREET, department)):
        with pytest.raises(ValidationError) as refused:
            services.plan_create(user=setting["staff_a"], **{"items": setting["items"], "departments": [department],
                                                              "title": "x", "lead_unit": setting["dept_a"],
                                                              "starts_on": clock.today(), "ends_on": clock.today(),
                                                              "inspection_date": clock.today(), **changes})
        expected = services.PLAN_UNIT_KIND % {"field": label[field], "kind": kind.label, "units": unit.name}
        assert refused.value.message_dict == {field: [str(expected)]}
    assert not InspectionPlan.objects.exists()
    plan = make_plan(setting)
    with pytest.raises(ValidationError) as refused:
        services.plan_update(user=setting["staff_a"], plan=plan, expected_version=plan.version, lead_unit=street)
    assert list(refused.value.message_dict) == ["lead_unit"]
    plan.refresh_from_db()
    assert plan.lead_unit == setting["dept_a"] and plan.version == 1


def test_an_approved_plan_cannot_be_edited(setting):
    plan = make_plan(setting)
    services.plan_approve(user=setting["leader"], plan=plan)
    with pytest.raises(FazhiError) as refused:
        services.plan_update(user=setting["staff_a"], plan=plan, expected_version=plan.version, title="改")
    assert refused.value.message == services.PLAN_NOT_DRAFT % {"plan": plan.title, "status": plan.get_status_display()}


def test_another_departments_staff_cannot_publish_or_draw_the_plan(setting):
    plan = make_plan(setting)
    services.plan_approve(user=setting["leader"], plan=plan)
    with pytest.raises(PermissionDeniedError):
        services.plan_publish(user=setting["staff_b"], plan=plan)
    services.plan_publish(user=setting["staff_a"], plan=plan)
    with pytest.raises(PermissionDeniedError):
        services.draw_commit(user=setting["staff_b"], plan=plan, source_labels=LABELS)


def test_a_participating_department_sees_the_joint_plan_but_another_does_not(setting, units):
    from fazhi.accounts.tests.factories import UserFactory

    plan = make_plan(setting)
    outsider = UserFactory(role="unit_staff", org_unit=units["street_a"])
    assert InspectionPlan.objects.visible_to(setting["staff_b"]).filter(pk=plan.pk).exists()
    assert not InspectionPlan.objects.visible_to(outsider).filter(pk=plan.pk).exists()
    assert not InspectionPlan.objects.changeable_by(setting["staff_b"]).filter(pk=plan.pk).exists()


# --- the draw ----------------------------------------------------------------------------------


def test_commit_freezes_the_pool_and_publishes_its_hash_before_the_sources(setting):
    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COMMITTED
    assert draw.pool_counts == {"A": 10, "B": 10, "C": 10, "D": 10}
    assert draw.inspector_count == 6 and draw.source_labels == LABELS
    with default_storage.open(draw.input_file.name, "rb") as f:
        frozen = json.loads(f.read())
    assert engine.commitment(frozen)["commit_sha256"] == draw.commit_sha256
    assert "numbers" not in frozen["sources"][0]
    # frozen in the order the record publishes, so that neither the commitment nor the reveal sorts again
    assert all(codes == sorted(codes) for codes in frozen["pool"].values())


def test_reveal_draws_verifiable_joint_teams_of_certified_unconflicted_officers(setting):
    officer = setting["officers"][0]
    # Conflicts with every entity but one: the draw must still never send this officer there.
    for entity in setting["entities"][:39]:
        RecusalFactory(officer=officer, entity=entity)
    plan, draw = drawn_plan(setting)
    assert draw.status == DrawStatus.DRAWN and plan.status == PlanStatus.DRAWN
    record = stored_record(draw)
    assert str(engine.verify(record, draw.commit_sha256)) == "MATCH"
    with default_storage.open(draw.record_file.name, "rb") as f:
        assert engine.canonical.sha256_hex(f.read()) == draw.record_sha256
    # Quotas by largest remainder: 10 per class at 0.1/0.2/0.3/0.5 -> 1 + 2 + 3 + 5.
    assert record["result"]["quotas"] == {"A": 1, "B": 2, "C": 3, "D": 5}
    tasks = list(plan.tasks.select_related("entity"))
    assert len(tasks) == draw.task_count == 11
    conflicted = {e.pk for e in setting["entities"][:39]}
    for task in tasks:
        team = list(task.team.select_related("officer"))
        assert len(team) == 2
        assert {seat.department_id for seat in team} == {setting["dept_a"].pk, setting["dept_b"].pk}
        assert not (officer in [s.officer for s in team] and task.entity_id in conflicted)
        assert task.stratum == task.entity.risk_class
    # The stored tasks and teams are the record's, in its order, each team seat by seat.
    holder = {c.number: c.officer_id for o in setting["officers"] for c in o.certificates.all()}
    for task, stated in zip(plan.tasks.order_by("sequence"), record["result"]["tasks"], strict=True):
        assert task.entity.uscc == stated["entity"]
        seats = list(task.team.order_by("position").values_list("position", "officer_id"))
        assert seats == [(n, holder[draw.inspector_tokens[token]]) for n, token in enumerate(stated["team"], 1)]
    # Load spread evenly within each department (each team needs one of each department).
    loads = team_loads(plan)
    for department in ("A", "B"):
        counts = [n for name, n in loads.items()
                  if name.startswith(f"检查员{department}") and name != officer.full_name]
        assert max(counts) - min(counts) <= 1, loads


def test_a_joint_plan_may_give_every_team_a_seat_from_the_lead_department(setting, client):
    plan, draw = drawn_plan(setting, title="每组有牵头部门人员的联合抽查", lead_seat=True)
    record = stored_record(draw)
    assert record["parameters"]["lead_department"] == setting["dept_a"].code
    assert engine.verify(record, draw.commit_sha256).match
    for task in plan.tasks.all():
        seats = dict(task.team.values_list("position", "department_id"))
        assert seats[1] == setting["dept_a"].pk and seats[2] == setting["dept_b"].pk
    page = client.get(f"/portal/inspections/plans/{plan.number}/").content.decode()
    assert "每组2人，成员来自不同部门，每组有牵头部门人员" in page


def test_the_lead_seat_is_refused_at_commit_when_the_lead_department_is_short(setting):
    for n in range(4):  # enough inspectors in all, not in the lead department: 3 officers × 3 < 11 tasks
        CertificateFactory(officer=OfficerFactory(org_unit=setting["dept_b"]), number=f"CERT-BX{n}")
    plan = published_plan(setting, lead_seat=True, max_tasks_per_inspector=3)
    refused = r"无法组成检查组.*牵头部门“DEPT-A”的检查人员不足：11户主体每组须有1名该部门人员"
    with pytest.raises(FazhiError, match=refused):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    assert not Draw.objects.exists()


def team_loads(plan) -> dict[str, int]:
    loads: dict[str, int] = {}
    for name in TaskInspector.objects.filter(task__plan=plan).values_list("officer__full_name", flat=True):
        loads[name] = loads.get(name, 0) + 1
    return loads


def test_too_few_inspectors_is_refused_at_commit_naming_the_constraint_and_writes_nothing(setting):
    plan = published_plan(setting, max_tasks_per_inspector=1)
    too_few = message_pattern(services.DRAW_CAPACITY, tasks=11, team=2, seats=22, inspectors=6, cap=1)
    with pytest.raises(FazhiError, match=too_few):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and not Draw.objects.exists()


def test_a_draw_some_outcome_of_which_could_not_be_staffed_is_refused_at_commit_not_at_reveal(setting):
    # Every officer of department B is conflicted with every entity but one: no joint team can be formed for
    # those entities. Whether the draw failed used to depend on the sources; now the commit refuses.
    for officer in setting["officers"][3:]:
        for entity in setting["entities"][1:]:
            RecusalFactory(officer=officer, entity=entity)
    plan = published_plan(setting)
    unstaffed = re.compile(r"(?s:.*)若被抽中，将无法组成2人跨部门检查组(?s:.*)")  # the engine's reason
    refused = message_pattern(services.DRAW_NOT_EVERY_OUTCOME, reason=unstaffed)
    with pytest.raises(FazhiError, match=refused):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and not Draw.objects.exists()


def test_a_reveal_refused_by_the_engine_writes_nothing(setting, monkeypatch):
    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)

    def refuse(record):
        raise engine.DrawError("assignment", "无法组成检查组")

    monkeypatch.setattr(engine, "run", refuse)
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_ENGINE, reason="无法组成检查组")):
        services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES)
    draw.refresh_from_db()
    assert draw.status == DrawStatus.COMMITTED and not InspectionTask.objects.exists()
    assert not TaskInspector.objects.exists()


def test_a_certificate_lapsing_after_commit_stops_the_reveal_until_the_draw_is_voided(setting):
    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    EnforcementCertificate.objects.filter(number="CERT-B2").update(status="revoked")
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_INSPECTOR_LAPSED, certificate="CERT-B2")):
        services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES)
    with pytest.raises(FazhiError) as refused:
        services.draw_void(user=setting["staff_a"], draw=draw, reason="想重新摇号")
    assert refused.value.message == str(services.VOID_LEGAL_OFFICE_ONLY)
    services.draw_void(user=setting["legal_office"], draw=draw, reason="检查人员执法证被注销")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    again = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    assert again.inspector_count == 5


def test_the_number_of_sources_must_match_what_was_committed(setting):
    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_SOURCE_COUNT, expected=2, given=1)):
        services.draw_reveal(user=setting["staff_a"], draw=draw, sources="1 2 3\n")


def test_changing_a_source_changes_the_draw(setting):
    _plan, draw = drawn_plan(setting)
    record = stored_record(draw)
    record["sources"][1]["numbers"] = [271829]
    report = engine.verify(record, draw.commit_sha256)
    assert not report.match


def test_an_entity_inspected_for_the_same_item_within_the_exempt_days_is_not_drawn(setting):
    plan, _draw = drawn_plan(setting)
    done = {t.entity_id for t in plan.tasks.all()}
    for task in plan.tasks.all():
        services.task_record_result(user=None, task=task, result=TaskResult.NO_PROBLEM,
                                    inspected_on=clock.today(), recorded_on=clock.today())
    # A second plan on the same items, everything at ratio 1: all but the 11 just inspected.
    second = published_plan(setting, title="补充抽查", ratio_a=Decimal("1"), ratio_b=Decimal("1"),
                            ratio_c=Decimal("1"), ratio_d=Decimal("1"), max_tasks_per_inspector=20,
                            inspection_date=inspection_date() + dt.timedelta(days=16))
    again = services.draw_commit(user=setting["staff_a"], plan=second, source_labels=LABELS)
    assert again.exempt_count == 11
    services.draw_reveal(user=setting["staff_a"], draw=again, sources=SOURCES)
    assert {t.entity_id for t in second.tasks.all()}.isdisjoint(done)
    assert second.tasks.count() == 29


def test_rfc3797_draws_each_risk_class_by_its_own_ratio(setting):
    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS, method="rfc3797")
    services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES)
    draw.refresh_from_db()
    record = stored_record(draw)
    assert record["method"] == {"name": "rfc3797", "version": "2"} and "count" not in record["parameters"]
    # one selection per class, as the ratios say: 10 per class at 0.1/0.2/0.3/0.5 -> 1 + 2 + 3 + 5
    assert record["result"]["quotas"] == draw.quotas == {"A": 1, "B": 2, "C": 3, "D": 5}
    assert {s: len(chosen) for s, chosen in record["result"]["selected"].items()} == draw.quotas
    for task in plan.tasks.select_related("entity"):
        assert task.stratum == task.entity.risk_class
    assert engine.verify(record, draw.commit_sha256).match


# --- tasks, results, publication ----------------------------------------------------------------


def test_a_team_member_records_the_result_which_starts_the_20_working_day_clock(setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    member = task.team.first().officer.user
    services.task_record_result(user=member, task=task, result=TaskResult.RECTIFY_ORDERED,
                                findings="未按规定公示年度报告", inspected_on=clock.today())
    task.refresh_from_db()
    assert task.status == TaskStatus.COMPLETED and task.completed_on == clock.today()
    deadline = deadlines_for_record(task).get()
    assert deadline.rule_code == "inspection_result_publication"
    assert deadline.org_unit == plan.lead_unit


def test_an_officer_outside_the_team_cannot_record_a_result(setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    members = {s.officer_id for s in task.team.all()}
    outsider = next(o for o in setting["officers"] if o.pk not in members)
    with pytest.raises(services.NotInTeamError) as refused:
        services.task_record_result(user=outsider.user, task=task, result=TaskResult.NO_PROBLEM,
                                    inspected_on=clock.today())
    assert refused.value.message == str(services.TASK_NOT_TEAM)
    task.refresh_from_db()
    assert task.status == TaskStatus.PENDING


def test_a_problem_needs_its_findings(setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    findings = message_pattern(services.TASK_FINDINGS_REQUIRED, result=TaskResult.UNREACHABLE.label)
    with pytest.raises(FazhiError, match=findings):
        services.task_record_result(user=setting["staff_a"], task=task, result=TaskResult.UNREACHABLE,
                                    inspected_on=clock.today())


def test_publishing_completes_the_deadlines_then_the_plan_and_fixes_the_result(setting):
    plan, _draw = drawn_plan(setting)
    for task in plan.tasks.all():
        services.task_record_result(user=setting["staff_a"], task=task, result=TaskResult.NO_PROBLEM,
                                    inspected_on=clock.today())
    assert services.results_publish(user=setting["staff_a"], plan=plan) == 11
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COMPLETED
    task = plan.tasks.first()
    assert task.status == TaskStatus.PUBLISHED
    assert deadlines_for_record(task).get().completed_on == clock.today()
    with pytest.raises(FazhiError) as refused:
        services.task_record_result(user=setting["staff_a"], task=task, result=TaskResult.UNREACHABLE,
                                    findings="x", inspected_on=clock.today())
    assert refused.value.message == services.TASK_PUBLISHED % {"task": task.number, "date": cn_date(clock.today())}
    assert selectors.published_results(task.entity.uscc).get() == task
    assert selectors.published_results(task.entity.name[2:6]).filter(pk=task.pk).exists()


def test_a_person_cannot_back_date_a_publication(setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    services.task_record_result(user=setting["staff_a"], task=task, result=TaskResult.NO_PROBLEM,
                                inspected_on=clock.today())
    services.results_publish(user=setting["staff_a"], plan=plan, published_on=dt.date(2026, 1, 1))
    task.refresh_from_db()
    assert task.published_on == clock.today()


def test_process_records_keep_their_digest(setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    record = services.task_record_attach(user=setting["staff_a"], task=task, kind="written",
                                         file=ContentFile(b"inspection notes", name="notes.txt"))
    assert record.sha256 == engine.canonical.sha256_hex(b"inspection notes") and record.size == 16


def test_statistics_count_plans_joint_plans_coverage_problems_and_on_time_publication(setting):
    plan, _draw = drawn_plan(setting)
    tasks = list(plan.tasks.all())
    today = clock.today()
    services.task_record_result(user=None, task=tasks[0], result=TaskResult.RECTIFY_ORDERED, findings="问题",
                                inspected_on=today, recorded_on=today)
    services.task_record_result(user=None, task=tasks[1], result=TaskResult.NO_PROBLEM,
                                inspected_on=today, recorded_on=today)
    services.results_publish(user=None, plan=plan, published_on=today + dt.timedelta(days=1))
    single = make_plan(setting, joint=False, title="单部门计划")
    stats = selectors.year_statistics(plan.starts_on.year, today=today)
    assert (stats.plans, stats.joint_plans) == (1, 1)  # the single plan is still a draft
    services.plan_approve(user=setting["leader"], plan=single)
    stats = selectors.year_statistics(plan.starts_on.year, today=today)
    assert (stats.plans, stats.joint_plans) == (2, 1)
    assert [u.code for u in stats.coverage.with_duties] == ["DEPT-A", "DEPT-B"]
    assert stats.coverage.gaps == [] and stats.coverage.rate == 1
    assert (stats.tasks, stats.entities_inspected, stats.problems_found) == (11, 2, 1)
    assert (stats.published, stats.published_on_time, stats.on_time_rate) == (2, 2, 1)


def test_the_published_record_names_inspectors_by_tokens_committed_through_a_salted_hash(setting):
    RecusalFactory(officer=setting["officers"][0], entity=setting["entities"][0])
    _plan, draw = drawn_plan(setting)
    text = json.dumps(stored_record(draw), ensure_ascii=False)
    assert "CERT-" not in text  # neither in the teams nor in the recusal pairs
    record = stored_record(draw)
    assert sorted(draw.inspector_tokens) == sorted(i["id"] for i in record["inspectors"])
    assert record["parameters"]["inspector_map_sha256"] == services.inspector_map_sha256(
        draw.inspector_tokens, draw.inspector_salt)
    assert record["conflicts"] == [[next(t for t, c in draw.inspector_tokens.items() if c == "CERT-A0"),
                                    setting["entities"][0].uscc]]


def test_recusals_with_entities_outside_the_pool_are_left_out(setting):
    from fazhi.market_entities.tests.factories import MarketEntityFactory

    outside = MarketEntityFactory(registration_status="deregistered")
    RecusalFactory(officer=setting["officers"][0], entity=outside)
    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    assert draw.conflict_count == 0


def test_live_changes_after_commit_do_not_change_the_draw_or_block_it(setting):
    """A renewed certificate and a corrected USCC map back to the committed inspector and entity."""
    from fazhi.market_entities.models import MarketEntity
    from fazhi.officers.tests.factories import CertificateFactory

    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    CertificateFactory(officer=setting["officers"][4], number="CERT-B1-NEW", valid_from=dt.date(2026, 1, 1),
                       valid_until=dt.date(2031, 12, 31))
    for entity in MarketEntity.objects.all():  # every code corrected: found again through the history
        entity.uscc = entity.uscc[:-3] + "XYZ"
        entity.save()
    services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES)
    draw.refresh_from_db()
    assert draw.task_count == 11
    record = stored_record(draw)
    assert engine.verify(record, draw.commit_sha256).match
    drawn = {t["entity"][:-3] for t in record["result"]["tasks"]}
    assert {t.entity.uscc[:-3] for t in plan.tasks.select_related("entity")} == drawn


def test_a_second_plan_on_the_same_items_waits_for_the_first_draw(setting):
    first = published_plan(setting)
    services.draw_commit(user=setting["staff_a"], plan=first, source_labels=LABELS)
    second = published_plan(setting, title="第二个计划")
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_OTHER_OPEN, plan=first.title)):
        services.draw_commit(user=setting["staff_a"], plan=second, source_labels=LABELS)


def test_a_sealed_witness_secret_is_committed_and_checked_at_the_reveal(setting):
    plan = published_plan(setting)
    seal = engine.seal_of([int(WITNESS_SECRET)])
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=[*LABELS, WITNESS],
                                source_seals=["", "", seal.upper()])
    assert draw.source_seals == ["", "", seal]
    with default_storage.open(draw.input_file.name, "rb") as f:
        committed = json.loads(f.read().decode("utf-8"))["sources"]
    assert committed == [{"label": LABELS[0]}, {"label": LABELS[1]}, {"label": WITNESS, "seal": seal}]
    with pytest.raises(FazhiError, match=re.escape(SEAL_MISMATCH.format(n=3, label=WITNESS))):
        services.draw_reveal(user=setting["staff_a"], draw=draw, sources=f"{SOURCES}{int(WITNESS_SECRET) + 1}\n")
    draw.refresh_from_db()
    assert draw.status == DrawStatus.COMMITTED and not draw.record_file and not plan.tasks.exists()
    services.draw_reveal(user=setting["staff_a"], draw=draw, sources=f"{SOURCES}{WITNESS_SECRET}\n")
    draw.refresh_from_db()
    record = stored_record(draw)
    assert record["sources"][2]["seal"] == seal and engine.verify(record, draw.commit_sha256).match


def test_a_sealed_secret_of_a_few_digits_is_refused_at_the_reveal_and_nothing_is_drawn(setting):
    """The audit's seals of 4- and 5-digit secrets were inverted in 0.16 s: the outcome was known at the commit."""
    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=[*LABELS, WITNESS],
                                source_seals=["", "", engine.seal_of([90517])])
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_SECRET_SHORT, n=3, label=WITNESS,
                                                         digits=engine.SECRET_MIN_DIGITS)):
        services.draw_reveal(user=setting["staff_a"], draw=draw, sources=f"{SOURCES}90517\n")
    draw.refresh_from_db()
    assert draw.status == DrawStatus.COMMITTED and not draw.record_file and not plan.tasks.exists()
    # A mistyped secret is named as not matching its seal, not as short.
    with pytest.raises(FazhiError, match=re.escape(SEAL_MISMATCH.format(n=3, label=WITNESS))):
        services.draw_reveal(user=setting["staff_a"], draw=draw, sources=f"{SOURCES}90518\n")


def test_a_malformed_or_unlabelled_seal_is_refused_at_the_commit_and_nothing_is_written(setting):
    plan = published_plan(setting)
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_SEAL_FORMAT, n=2, label=WITNESS, seal="abc")):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=[LABELS[0], WITNESS],
                             source_seals=["", "abc"])
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_SEAL_WITHOUT_SOURCE, n=3)):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS,
                             source_seals=["", "", "a" * 64])
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and not Draw.objects.exists()


def test_two_unsealed_witness_secrets_and_no_public_source_are_refused(setting):
    """The audit's plan: the last witness to reveal could try values until the outcome suited them."""
    plan = published_plan(setting)
    unsealed = message_pattern(services.DRAW_SOURCE_PRIVATE_UNSEALED, n=1, label="见证人甲的秘密数")
    with pytest.raises(FazhiError, match=unsealed):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=["见证人甲的秘密数", "见证人乙的秘密数"])
    sealed = [engine.seal_of([int(WITNESS_SECRET)]), engine.seal_of([int(WITNESS_SECRET) + 1])]
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_PUBLIC_SOURCE_REQUIRED)):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=["见证人甲的秘密数", "见证人乙的秘密数"],
                             source_seals=sealed)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and not Draw.objects.exists()


@pytest.mark.parametrize(("label", "said"), [
    ("福利彩票双色球开奖号码", "未封存，又没有写明公开日期"),
    ("福利彩票双色球 {today} 开奖号码", "的公开日期.*不在冻结名录（.*）之后"),
    ("福利彩票双色球 {yesterday} 开奖号码", "不在冻结名录"),
    ("福利彩票双色球 {late} 开奖号码", "晚于检查日期"),
    ("福利彩票双色球 {tomorrow} 或 {late} 开奖号码", "写了2个日期"),
    ("福利彩票双色球 2026-02-30 开奖号码", "中的日期2026-02-30不存在"),
])
def test_a_public_source_names_its_date_after_the_commit_and_by_the_inspection_date(setting, label, said):
    plan = published_plan(setting)
    today = clock.today()
    label = label.format(today=today, yesterday=today - dt.timedelta(days=1), tomorrow=today + dt.timedelta(days=1),
                         late=plan.inspection_date + dt.timedelta(days=1))
    with pytest.raises(FazhiError, match=said):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=[label])
    assert not Draw.objects.exists()


def test_a_public_source_may_be_dated_in_chinese_and_a_witness_sealed_beside_it(setting):
    plan = published_plan(setting)
    day = clock.today() + dt.timedelta(days=2)
    label = f"福利彩票双色球{day.year}年{day.month}月{day.day}日第2026138期开奖号码"
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=[label, WITNESS],
                                source_seals=["", engine.seal_of([int(WITNESS_SECRET)])])
    assert draw.source_labels == [label, WITNESS]


def _plan_inspecting_on(setting, day: dt.date, **fields):
    """A plan approved and published in time (by the system, which enters dates) for an inspection on `day`."""
    plan = make_plan(setting, starts_on=day - dt.timedelta(days=30), inspection_date=day, **fields)
    services.plan_approve(user=None, plan=plan, approved_on=day - dt.timedelta(days=10))
    return services.plan_publish(user=None, plan=plan, published_on=day - dt.timedelta(days=9))


def too_late(inspection_date: dt.date, action: str, remedy) -> str:
    return message_pattern(services.PLAN_TOO_LATE, date=cn_date(inspection_date), action=action, remedy=str(remedy))


def test_a_plan_is_not_approved_or_published_after_its_inspection_date(setting):
    yesterday = clock.today() - dt.timedelta(days=1)
    plan = make_plan(setting, starts_on=yesterday - dt.timedelta(days=30), inspection_date=yesterday)
    with pytest.raises(FazhiError, match=too_late(yesterday, "批准", services.NEW_DATE)):
        services.plan_approve(user=setting["leader"], plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    services.plan_approve(user=None, plan=plan, approved_on=yesterday - dt.timedelta(days=3))
    with pytest.raises(FazhiError, match=too_late(yesterday, "公布", services.NEW_PLAN)):
        services.plan_publish(user=setting["staff_a"], plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_a_committed_draw_past_its_date_asks_for_a_void_before_another_plan_on_its_items(setting):
    stale = _plan_inspecting_on(setting, clock.today() - dt.timedelta(days=1))
    services.draw_commit(user=None, plan=stale, source_labels=labels_on(clock.today() - dt.timedelta(days=2)),
                         at=clock.now() - dt.timedelta(days=5))
    plan = published_plan(setting, title="新计划")
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_OTHER_STALE, plan=stale.title,
                                                         date=cn_date(stale.inspection_date))):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)


def test_a_draw_cannot_be_committed_after_the_inspection_date(setting):
    today = clock.today()
    plan = _plan_inspecting_on(setting, today - dt.timedelta(days=1))
    with pytest.raises(FazhiError, match=too_late(today - dt.timedelta(days=1), "冻结名录", services.NEW_PLAN)):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and not Draw.objects.exists()
    # On the day itself no public source can be drawn after the commit and by the inspection date.
    on_the_day = _plan_inspecting_on(setting, today, title="当日冻结")
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_SOURCE_AFTER_INSPECTION)):
        services.draw_commit(user=setting["staff_a"], plan=on_the_day, source_labels=LABELS)
    day_before = _plan_inspecting_on(setting, today + dt.timedelta(days=1), title="前一日冻结")
    assert services.draw_commit(user=setting["staff_a"], plan=day_before, source_labels=LABELS).status == \
        DrawStatus.COMMITTED


def test_a_draw_cannot_be_revealed_after_the_inspection_date(setting):
    plan = _plan_inspecting_on(setting, clock.today() - dt.timedelta(days=1))
    # Committed in time (the system enters history with a date; a person cannot back-date).
    draw = services.draw_commit(user=None, plan=plan, source_labels=labels_on(clock.today() - dt.timedelta(days=2)),
                                at=clock.now() - dt.timedelta(days=3))
    with pytest.raises(FazhiError, match=too_late(plan.inspection_date, "抽取", services.VOID_THEN_NEW_PLAN)):
        services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES)
    draw.refresh_from_db()
    assert draw.status == DrawStatus.COMMITTED and not draw.record_file and not plan.tasks.exists()


def test_a_draw_that_would_draw_nobody_is_refused(setting):
    plan = published_plan(setting, ratio_a=Decimal("0"), ratio_b=Decimal("0"), ratio_c=Decimal("0"),
                          ratio_d=Decimal("0"))
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_NOTHING)):
        services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    assert not Draw.objects.exists()


def test_a_participating_department_must_bring_an_item(setting):
    without_item = message_pattern(services.PLAN_DEPARTMENT_WITHOUT_ITEM, unit=setting["dept_b"].name)
    with pytest.raises(FazhiError, match=without_item):
        services.plan_create(user=setting["staff_a"], items=setting["items"][:1], departments=[setting["dept_b"]],
                             title="x", lead_unit=setting["dept_a"], starts_on=dt.date(2026, 6, 1),
                             ends_on=dt.date(2026, 6, 30), inspection_date=dt.date(2026, 6, 15))


def test_a_stale_second_reveal_is_refused_and_writes_nothing(setting):
    from fazhi.core.exceptions import StaleRecordError

    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    stale = Draw.objects.get(pk=draw.pk)
    services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES)
    with pytest.raises((StaleRecordError, FazhiError)):
        services.draw_reveal(user=setting["staff_a"], draw=stale, sources=SOURCES)
    assert plan.tasks.count() == 11


def test_the_publication_clock_starts_on_the_inspection_day_which_cannot_precede_the_draw(setting):
    plan, draw = drawn_plan(setting)
    task = plan.tasks.first()
    with pytest.raises(FazhiError, match=message_pattern(services.TASK_BEFORE_DRAW)):
        services.task_record_result(user=setting["staff_a"], task=task, result=TaskResult.NO_PROBLEM,
                                    inspected_on=draw.drawn_on.date() - dt.timedelta(days=1))
    day = clock.today()
    services.task_record_result(user=setting["staff_a"], task=task, result=TaskResult.NO_PROBLEM, inspected_on=day)
    assert deadlines_for_record(task).get().starts_on == day


def test_changing_the_plans_departments_and_items_is_in_its_history(setting):
    from fazhi.core.audit import history_entries

    plan = make_plan(setting)
    services.plan_update(user=setting["staff_a"], plan=plan, expected_version=plan.version,
                         items=setting["items"][:1], departments=[])
    change = history_entries(plan)[0]
    assert change.who and [c.field for c in change.changes] == ["计划组成"]
    assert "住房和城乡建设局" in change.changes[0].old and "住房和城乡建设局" not in change.changes[0].new


@pytest.mark.parametrize("codes", [[], ["91A"], ["91A", "91B", "91C"], ["91A", "9\n1B", "91C"], ["", "91A"]])
def test_packed_pool_lists_hold_the_same_codes_in_the_same_order(codes):
    packed = selectors._packed(list(codes))
    assert packed == codes and all(type(code) is str for code in packed)


def test_a_recusal_is_declared_for_an_officer_of_ones_own_unit_only(setting):
    officer, entity = setting["officers"][0], setting["entities"][0]  # an officer of department A
    fields = {"officer": officer, "entity": entity, "reason": "relative", "declared_on": clock.today()}
    with pytest.raises(PermissionDeniedError):
        services.recusal_declare(user=setting["staff_b"], **fields)
    recusal = services.recusal_declare(user=setting["staff_a"], **fields)
    assert (recusal.officer, recusal.entity, recusal.created_by) == (officer, entity, setting["staff_a"])
