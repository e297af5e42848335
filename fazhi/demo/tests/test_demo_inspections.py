"""The demo zone's 双随机、一公开: the seed's 2022 joint plans ("1+N", full coverage), computed from records."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from fazhi.core import clock
from fazhi.inspections import engine, selectors
from fazhi.inspections.constants import PlanStatus, TaskStatus
from fazhi.inspections.models import Draw, InspectionPlan, InspectionTask, JointMeeting, Recusal
from fazhi.officers.selectors import officer_valid_certificate


@pytest.fixture(scope="module")
def _demo_zone(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("demo", entities=600, stdout=StringIO())
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_zone, db, settings):
    settings.MEDIA_ROOT = _demo_zone


def test_2022_joint_plans_cover_every_department_with_inspection_duties(demo):
    stats = selectors.year_statistics(2022)
    assert (stats.plans, stats.joint_plans) == (5, 5)
    assert stats.coverage.gaps == [] and len(stats.coverage.with_duties) == 10
    assert stats.tasks > 0 and stats.published == stats.tasks == stats.published_on_time
    assert 0 < stats.problems_found < stats.tasks


def test_the_joint_meeting_is_convened_by_the_deputy_director_and_the_market_regulator_leads(demo):
    meeting = JointMeeting.objects.get()
    assert "副主任" in meeting.convenor_title and meeting.lead_unit.code == "DEPT-SJJ"
    assert meeting.members.count() == 10 and meeting.records.count() == 2


def test_every_stored_draw_record_verifies_against_its_published_commitment(demo):
    for draw in Draw.objects.filter(status="drawn"):
        with draw.record_file.open("rb") as f:
            record = json.loads(f.read())
        assert engine.verify(record, draw.commit_sha256).match, draw.plan.title


def test_teams_are_certified_unconflicted_and_mixed_in_joint_plans(demo):
    conflicts = set(Recusal.objects.values_list("officer_id", "entity_id"))
    for task in InspectionTask.objects.select_related("plan").prefetch_related("team__officer"):
        team = list(task.team.all())
        assert len(team) == task.plan.team_size >= 2
        for seat in team:
            assert officer_valid_certificate(seat.officer, task.plan.inspection_date) is not None
            assert (seat.officer_id, task.entity_id) not in conflicts
        if task.plan.departments.exists():
            assert len({seat.department_id for seat in team}) == len(team)
            assert team[0].department_id == task.plan.lead_unit_id  # the lead department on every joint team


def test_this_year_has_a_plan_with_open_tasks_and_one_awaiting_its_sources(demo):
    this_year = InspectionPlan.objects.filter(starts_on__year__gte=clock.today().year - 1)
    assert this_year.filter(status=PlanStatus.COMMITTED).exists()
    assert InspectionTask.objects.filter(plan__in=this_year, status=TaskStatus.PENDING).exists()


def test_loading_again_adds_nothing(demo):
    before = (InspectionPlan.objects.count(), InspectionTask.objects.count())
    call_command("demo", entities=600, force=True, stdout=StringIO())
    assert (InspectionPlan.objects.count(), InspectionTask.objects.count()) == before
