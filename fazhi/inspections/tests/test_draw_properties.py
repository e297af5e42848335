"""Property tests through the services and the database: whatever the certificates and recusals, a stored
team never holds an officer without a certificate valid on the inspection date, nor one with a conflict
with the entity; a refused commit writes nothing, and a committed draw is always staffed at the reveal."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError
from fazhi.inspections import services
from fazhi.inspections.models import Draw, InspectionTask, TaskInspector
from fazhi.inspections.tests.factories import RecusalFactory
from fazhi.inspections.tests.scenario import LABELS, SOURCES, inspection_date, published_plan
from fazhi.officers.constants import CertificateStatus
from fazhi.officers.models import EnforcementCertificate
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory

pytestmark = pytest.mark.django_db

certificates = st.fixed_dictionaries({
    # The statuses the services record (expiry is read from the dates, never stored).
    "status": st.sampled_from([CertificateStatus.VALID] * 6 + [CertificateStatus.SUSPENDED, CertificateStatus.REVOKED]),
    "from": st.integers(-400, 3),  # days from the inspection date
    "days": st.integers(0, 500),  # valid_until - valid_from
    "archived": st.sampled_from([False] * 5 + [True]),
})


class Rollback(Exception):
    """Raised to undo one example's writes."""


VALID_ALL_YEAR = {"status": CertificateStatus.VALID, "from": -100, "days": 365, "archived": False}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Always tried first: every certificate valid and every entity conflicted with one officer, so a draw that
# ignored recusals would fail here whatever the random examples do.
@example(existing=[VALID_ALL_YEAR] * 6, extra=[], recusals=[(n % 6, n) for n in range(40)])
@example(existing=[VALID_ALL_YEAR] * 3 + [{**VALID_ALL_YEAR, "status": CertificateStatus.SUSPENDED}] * 3,
         extra=[("B", VALID_ALL_YEAR), ("B", {**VALID_ALL_YEAR, "from": 1})], recusals=[])
@given(existing=st.lists(certificates, min_size=6, max_size=6),
       extra=st.lists(st.tuples(st.sampled_from("AB"), certificates), max_size=4),
       recusals=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 39)), max_size=60))
def test_stored_teams_hold_only_certified_unconflicted_officers(setting, existing, extra, recusals):
    try:
        with transaction.atomic():
            _check_one_draw(setting, existing, extra, recusals)
            raise Rollback
    except Rollback:
        pass


def _check_one_draw(setting, existing, extra, recusals):
    officers = list(setting["officers"])
    for department, _spec in extra:
        unit = setting["dept_a"] if department == "A" else setting["dept_b"]
        officer = OfficerFactory(org_unit=unit)
        CertificateFactory(officer=officer)
        officers.append(officer)
    may_act = set()
    for officer, spec in zip(officers, existing + [spec for _d, spec in extra], strict=True):
        valid_from = inspection_date() + dt.timedelta(days=spec["from"])
        valid_until = valid_from + dt.timedelta(days=spec["days"])
        EnforcementCertificate.objects.filter(officer=officer).update(
            status=spec["status"], valid_from=valid_from, valid_until=valid_until)
        if spec["archived"]:
            type(officer).objects.filter(pk=officer.pk).update(archived_on=clock.now())
        if spec["status"] == CertificateStatus.VALID and valid_from <= inspection_date() <= valid_until \
                and not spec["archived"]:
            may_act.add(officer.pk)
    conflicts = set()
    for officer_index, entity_index in set(recusals):
        if officer_index < len(officers):
            officer, entity = officers[officer_index], setting["entities"][entity_index]
            RecusalFactory(officer=officer, entity=entity)
            conflicts.add((entity.pk, officer.pk))  # as the seats below: (entity, officer)
    plan = published_plan(setting)
    try:
        draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    except FazhiError:
        assert not Draw.objects.exists() and not InspectionTask.objects.exists()
        return
    # A committed draw can always be staffed: the reveal never fails for want of a team, whatever the sources.
    try:
        with transaction.atomic():
            services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES.replace("9", "10"))
            raise Rollback
    except Rollback:
        draw.refresh_from_db()
    draw = services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES)
    seats = list(TaskInspector.objects.filter(task__draw=draw).values_list("task__entity_id", "officer_id"))
    assert len(seats) == 2 * draw.task_count > 0
    assert {officer for _entity, officer in seats} <= may_act
    assert not conflicts.intersection(seats)

