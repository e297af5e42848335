"""Migrations that move data: what they keep, both ways."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.inspections.models import JointMeeting, TaskInspector
from fazhi.inspections.tests.factories import make_task
from fazhi.officers.tests.factories import OfficerFactory

BEFORE_POSITIONS = ("inspections", "0007_many_to_many_names")


def migrate(target=None):
    """Migrate the test database to `target`, or back to the latest migrations (None): a test that went back
    must leave the schema as every other test expects it (it stopped at 0008 once, without later columns)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = [target] if target else executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_seat_names_become_positions_and_back(units):
    officer = OfficerFactory(org_unit=units["dept_a"])
    task = make_task(lead_unit=units["dept_a"], officer=officer)
    # Positions past 9: the seat names "…-10" sorted before "…-2".
    for position in (2, 10):
        TaskInspector.objects.create(position=position, task=task, officer=officer, department=units["dept_a"])
    try:
        old = migrate(BEFORE_POSITIONS)
        seats = old.get_model("inspections", "TaskInspector").objects.filter(task_id=task.pk)
        assert sorted(seats.values_list("seat", flat=True)) == [f"{task.number}-{n}" for n in (1, 10, 2)]
    finally:
        migrate()
    assert list(task.team.values_list("position", flat=True)) == [1, 2, 10]


def test_the_migration_names_existing_links_in_the_records_and_their_history(setting):
    migration = importlib.import_module("fazhi.inspections.migrations.0007_many_to_many_names")
    meeting = JointMeeting.objects.create(name="联席会议", convenor="甲", convenor_title="副主任",
                                          lead_unit=setting["dept_a"], established_on=dt.date(2022, 2, 1))
    meeting.members.set([setting["dept_a"], setting["dept_b"]])
    migration.fill_names(apps, None)
    names = "、".join(sorted([setting["dept_a"].name, setting["dept_b"].name]))
    meeting.refresh_from_db()
    assert meeting.member_names == names
    assert {row.member_names for row in meeting.history.all()} == {names}
