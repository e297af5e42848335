"""The demo zone's enforcement data: it reproduces the seed report and obeys the platform's rules."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from fazhi.core.validators import validate_id_number
from fazhi.enforcement import selectors
from fazhi.enforcement.models import (
    CaseOfficer,
    DecisionPublication,
    EnforcementBody,
    EnforcementCase,
    MajorCriterion,
    ProcessRecord,
    Rectification,
    SpecialInspection,
)
from fazhi.enforcement.redaction import contains_personal_data
from fazhi.officers.constants import CertificateStatus, ExamKind
from fazhi.officers.models import EnforcementCertificate, Officer
from fazhi.officers.selectors import certificates_expired, certificates_expiring, training_statistics

YEAR_START, YEAR_END = dt.date(2022, 1, 1), dt.date(2022, 12, 31)


@pytest.fixture(scope="module")
def _demo_zone(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for this module, inside a transaction rolled back at the end."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("demo", entities=50, stdout=StringIO())
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_zone, db, settings):
    settings.MEDIA_ROOT = _demo_zone


def test_2022_training_statistics_match_the_seed(demo):
    # Seed 四(二): 对申请新上岗行政执法人员及执法证件过期人员通用法律知识培训和考试 … 2场次，培训110余人次.
    stats = training_statistics(2022)
    assert stats.sessions == 2
    assert stats.exams == 2
    assert 110 < stats.attendances < 120
    assert stats.exam_sittings == stats.attendances  # each session is followed by its exam
    assert 0.85 < stats.pass_rate.value < 1
    assert len(stats.renewed_officers) > 0
    assert set(stats.renewed_officers) < set(stats.lapsed_officers)


def test_trainees_are_new_applicants_and_lapsed_officers(demo):
    from fazhi.officers.models import Exam

    new_exam = Exam.objects.get(held_on__year=2022, kind=ExamKind.NEW_OFFICER)
    renewal = Exam.objects.get(held_on__year=2022, kind=ExamKind.RENEWAL)
    for result in new_exam.results.select_related("officer"):
        assert not result.officer.certificates.filter(valid_from__lt=new_exam.held_on).exists()
    lapsed = set(training_statistics(2022).lapsed_officers)
    assert {result.officer for result in renewal.results.select_related("officer")} <= lapsed


def test_register_has_officers_near_and_past_expiry_and_one_suspended(demo):
    assert EnforcementBody.objects.count() == 10
    assert 120 <= Officer.objects.count() <= 160
    assert certificates_expiring().exists()
    assert certificates_expired().exists()
    assert EnforcementCertificate.objects.filter(status=CertificateStatus.SUSPENDED).count() == 1
    for officer in Officer.objects.all():
        validate_id_number(officer.id_number)
        assert officer.id_number[14:17] == "000"  # never issued: obviously fake


def test_every_case_was_staffed_by_two_certified_officers(demo):
    cases = EnforcementCase.objects.filter(opened_on__year=2022)
    assert 30 <= cases.count() <= 60
    for case in cases:
        assignments = CaseOfficer.objects.filter(case=case).select_related("certificate")
        assert assignments.count() >= 2
        assert all(a.certificate.valid_from <= a.assigned_on <= a.certificate.valid_until for a in assignments)


def test_indicators_are_meaningful(demo):
    zone = selectors.unit_indicators(None, YEAR_START, YEAR_END)
    for rate in (zone.publication_on_time, zone.records_complete, zone.major_reviewed):
        assert rate.denominator > 0
        assert 0.5 < rate.value < 1  # neither empty nor perfect: the inspection has something to find
    assert selectors.publications_overdue().exists()
    assert MajorCriterion.objects.filter(enabled=True).count() >= 4


def test_published_decisions_hold_no_personal_data(demo):
    persons = list(EnforcementCase.objects.exclude(party_name="").values_list("party_name", "party_id_number"))
    assert persons
    publications = list(DecisionPublication.objects.all())
    assert len(publications) > 20
    for publication in publications:
        shown = f"{publication.title}\n{publication.text}"
        assert contains_personal_data(shown) == []
        for name, id_number in persons:
            assert name not in shown
            assert id_number not in shown
        assert not re.search(r"1[3-9]\d{9}", shown)


def test_stored_records_verify(demo):
    assert ProcessRecord.objects.count() > 100
    for case in EnforcementCase.objects.all()[:10]:
        assert selectors.case_records_verify(case).ok


def test_special_inspection_rests_on_the_records(demo):
    inspection = SpecialInspection.objects.get(year=2022)
    assert inspection.unit_inspections.count() == 10
    assert all(unit.self_check_on and unit.on_site_on for unit in inspection.unit_inspections.all())
    assert Rectification.objects.filter(unit_inspection__inspection=inspection).exists()


def test_demo_is_idempotent(demo):
    counts = [model.objects.count() for model in (Officer, EnforcementCertificate, EnforcementCase, ProcessRecord,
                                                    DecisionPublication, Rectification)]
    call_command("demo", entities=50, force=True, stdout=StringIO())
    assert [model.objects.count() for model in (Officer, EnforcementCertificate, EnforcementCase, ProcessRecord,
                                                 DecisionPublication, Rectification)] == counts


def test_demo_refuses_a_database_that_has_data_unless_forced(demo):
    from django.core.management import CommandError

    from fazhi.accounts.models import User

    with pytest.raises(CommandError, match="演示账号的密码是公开的"):
        call_command("demo", entities=50, stdout=StringIO())
    out = StringIO()
    call_command("demo", entities=50, if_empty=True, stdout=out)
    assert "跳过" in out.getvalue()
    assert User.objects.filter(username="scjg").get().org_unit.keeps_market_register
