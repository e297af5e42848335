"""The lifecycle tables of 双随机、一公开 (lifecycle.py) against the models' choices and the services.

A plan is walked through its whole life: every (status, action) the tables allow is taken through the
services and lands in the status the table names; in each status, actions the table refuses are refused
with the table's message.
"""

import pytest
from django.core.files.base import ContentFile

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, cn_date
from fazhi.core.tests.samples import sample
from fazhi.inspections import constants, lifecycle, permissions, selectors, services
from fazhi.inspections.constants import DrawStatus, PlanStatus, TaskResult, TaskStatus
from fazhi.inspections.lifecycle import DRAW_LIFECYCLE, LIFECYCLE, TASK_LIFECYCLE, Actor, PublishOutcome
from fazhi.inspections.tests.scenario import LABELS, SOURCES, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize(("table", "choices"), [
    (LIFECYCLE, constants.PlanStatus), (DRAW_LIFECYCLE, constants.DrawStatus), (TASK_LIFECYCLE, constants.TaskStatus)])
def test_the_tables_name_the_statuses_of_the_models_choices(table, choices):
    assert {str(status): label for status, label in table.statuses.items()} == {
        choice.value: str(choice.label) for choice in choices}
    assert list(table.statuses) == list(choices.values)  # in the same order (the refusals list them in it)


def allowed(table) -> set[tuple[str, str]]:
    return {(status, rule.action) for rule in table.transitions for status in rule.sources}


def refused_with_table(table, current: str, action: str, call) -> None:
    """`call()` is refused with the table's message for `action` in `current`."""
    assert not lifecycle.may_take(table, current, action)
    with pytest.raises(FazhiError) as refused:
        call()
    assert refused.value.message == table.refusal(current, action, set(Actor))


def test_a_plan_walks_every_step_the_tables_allow_and_is_refused_the_others(setting):
    staff, leader, legal = setting["staff_a"], setting["leader"], setting["legal_office"]
    taken: dict[str, set[tuple[str, str]]] = {"plan": set(), "draw": set(), "task": set()}

    def take(kind, table, record, action, call, result=None):
        """Take `action` through its service; the record lands where the table says."""
        before = record.status
        call()
        record.refresh_from_db()
        expected = lifecycle.transition(table, before, action, set(Actor), result)
        assert record.status == expected, (kind, before, action)
        taken[kind].add((before, action))

    plan = make_plan(setting)
    commit = lambda: services.draw_commit(user=staff, plan=plan, source_labels=LABELS)  # noqa: E731
    publish_results = lambda: services.results_publish(user=staff, plan=plan)  # noqa: E731

    # draft
    take("plan", LIFECYCLE, plan, "edit", lambda: services.plan_update(
        user=staff, plan=plan, expected_version=plan.version, title="2026年度联合抽查计划（修订）"))
    refused_with_table(LIFECYCLE, PlanStatus.DRAFT, "publish", lambda: services.plan_publish(user=staff, plan=plan))
    refused_with_table(LIFECYCLE, PlanStatus.DRAFT, "commit", commit)
    refused_with_table(LIFECYCLE, PlanStatus.DRAFT, "publish_results", publish_results)
    take("plan", LIFECYCLE, plan, "approve", lambda: services.plan_approve(user=leader, plan=plan))

    # approved: fixed (the existing message says so), approved once
    with pytest.raises(FazhiError) as refused:
        services.plan_update(user=staff, plan=plan, expected_version=plan.version, title="再改")
    assert refused.value.message == services.PLAN_NOT_DRAFT % {"plan": plan.title, "status": plan.get_status_display()}
    refused_with_table(LIFECYCLE, PlanStatus.APPROVED, "approve", lambda: services.plan_approve(user=legal, plan=plan))
    refused_with_table(LIFECYCLE, PlanStatus.APPROVED, "commit", commit)
    take("plan", LIFECYCLE, plan, "publish", lambda: services.plan_publish(user=staff, plan=plan))

    # published
    refused_with_table(LIFECYCLE, PlanStatus.PUBLISHED, "publish", lambda: services.plan_publish(user=staff, plan=plan))
    refused_with_table(LIFECYCLE, PlanStatus.PUBLISHED, "publish_results", publish_results)
    take("plan", LIFECYCLE, plan, "commit", commit)

    # committed: voided by the legal-affairs office, back to published
    refused_with_table(LIFECYCLE, PlanStatus.COMMITTED, "commit", commit)
    draw = selectors.live_draw(plan)
    take("draw", DRAW_LIFECYCLE, draw, "void", lambda: services.draw_void(user=legal, draw=draw, reason="重新冻结"))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    taken["plan"].add((PlanStatus.COMMITTED, "void"))
    refused_with_table(DRAW_LIFECYCLE, DrawStatus.VOIDED, "reveal",
                       lambda: services.draw_reveal(user=staff, draw=draw, sources=SOURCES))
    refused_with_table(DRAW_LIFECYCLE, DrawStatus.VOIDED, "void",
                       lambda: services.draw_void(user=legal, draw=draw, reason="再作废"))

    # committed again, then drawn
    commit()
    plan.refresh_from_db()
    draw = selectors.live_draw(plan)
    take("draw", DRAW_LIFECYCLE, draw, "reveal", lambda: services.draw_reveal(user=staff, draw=draw, sources=SOURCES))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAWN
    taken["plan"].add((PlanStatus.COMMITTED, "reveal"))
    refused_with_table(DRAW_LIFECYCLE, DrawStatus.DRAWN, "reveal",
                       lambda: services.draw_reveal(user=staff, draw=draw, sources=SOURCES))
    refused_with_table(DRAW_LIFECYCLE, DrawStatus.DRAWN, "void",
                       lambda: services.draw_void(user=legal, draw=draw, reason="抽完再作废"))
    refused_with_table(LIFECYCLE, PlanStatus.DRAWN, "commit", commit)

    # the tasks: a result entered, corrected, a record attached before and after
    first, *others = list(plan.tasks.order_by("pk"))
    assert others, "the walk needs a plan of two tasks or more"
    today = clock.today()

    def result(task, value=TaskResult.NO_PROBLEM, findings=""):
        return lambda: services.task_record_result(user=None, task=task, result=value, inspected_on=today,
                                                   findings=findings, recorded_on=today)

    def attach(task):
        return lambda: services.task_record_attach(user=staff, task=task, kind="photo",
                                                   file=ContentFile(sample("photo", "现场"), name="现场.jpg"))

    take("task", TASK_LIFECYCLE, first, "attach_record", attach(first))
    take("task", TASK_LIFECYCLE, first, "record_result", result(first))
    take("task", TASK_LIFECYCLE, first, "record_result", result(first, TaskResult.RECTIFY_ORDERED, "已责令改正"))
    take("task", TASK_LIFECYCLE, first, "attach_record", attach(first))

    # drawn: some results published, the plan stays drawn; all of them, it completes
    take("plan", LIFECYCLE, plan, "publish_results", publish_results, PublishOutcome.SOME)
    first.refresh_from_db()
    assert first.status == TaskStatus.PUBLISHED
    taken["task"].add((TaskStatus.COMPLETED, "publish"))
    for task in others:
        result(task)()
    take("plan", LIFECYCLE, plan, "publish_results", publish_results, PublishOutcome.ALL)
    assert plan.status == PlanStatus.COMPLETED

    # completed: nothing more; a published result is fixed (the existing message names its date)
    refused_with_table(LIFECYCLE, PlanStatus.COMPLETED, "publish_results", publish_results)
    with pytest.raises(FazhiError) as refused:
        result(first)()
    assert refused.value.message == services.TASK_PUBLISHED % {"task": first.number, "date": cn_date(today)}

    assert taken == {"plan": allowed(LIFECYCLE), "draw": allowed(DRAW_LIFECYCLE), "task": allowed(TASK_LIFECYCLE)}


def test_the_pages_and_permissions_follow_the_tables_actors(setting):
    plan = make_plan(setting)
    staff, leader, legal = setting["staff_a"], setting["leader"], setting["legal_office"]
    assert permissions.plan_actors(staff, plan) == {Actor.PLAN_UNIT}
    assert permissions.plan_actors(leader, plan) == {Actor.APPROVER}
    assert Actor.LEGAL_OFFICE in permissions.plan_actors(legal, plan)
    assert permissions.plan_actors(None, plan) == {Actor.SYSTEM}
    for user in (staff, leader, legal, None):
        for action in ("approve", "publish", "commit", "reveal", "void", "publish_results", "edit"):
            may = getattr(permissions, "may_edit_plan" if action == "edit" else f"may_{action}")
            assert may(user, plan) == bool(LIFECYCLE.rule(action).actors & permissions.plan_actors(user, plan))
