"""What the officers' part of /api/enforcement answers: masked personal data in lists and for colleagues,
the certificate's status today, refusals with the services' words, the training statistics."""

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.core import clock
from fazhi.core.models import AccessLog
from fazhi.core.tests.messages import message_pattern
from fazhi.core.validators import ID_CHECK_CHARACTER, mask_id_number, mask_phone
from fazhi.officers import selectors, services
from fazhi.officers.models import Officer
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory, TrainingFactory, fake_id_number
from fazhi.officers.tests.test_api_permissions import ApiClient

TODAY = clock.today()


@pytest.fixture
def client_for(users):
    def make(role: str) -> ApiClient:
        client = ApiClient()
        client.force_login(users[role])
        return client

    return make


@pytest.fixture
def officer(units):
    return OfficerFactory(org_unit=units["street_a"], full_name="郑执法", id_number=fake_id_number(3030),
                          phone="13911112222")


def _log_count(record) -> int:
    return AccessLog.objects.filter(content_type=ContentType.objects.get_for_model(record),
                                    object_id=str(record.pk)).count()


def test_officer_list_masks_personal_data_and_detail_shows_it_logged(client_for, officer):
    client = client_for("unit_staff")
    item = next(i for i in client.get("/api/enforcement/officers").json()["items"] if i["id"] == officer.pk)
    assert item["id_number"] == mask_id_number(officer.id_number) != officer.id_number
    assert item["phone"] == mask_phone(officer.phone)
    assert _log_count(officer) == 0

    detail = client.get(f"/api/enforcement/officers/{officer.pk}").json()
    assert (detail["id_number"], detail["phone"]) == (officer.id_number, officer.phone)
    assert detail["may_act_today"] is False
    assert detail["certificate_problem"] == str(selectors.OFFICER_NO_CERTIFICATE) % {"officer": officer.full_name}
    assert _log_count(officer) == 1


@pytest.mark.parametrize("role", ["officer", "leader"])
def test_an_officers_detail_is_masked_for_colleagues_and_leaders(client_for, officer, role):
    client = client_for(role)
    detail = client.get(f"/api/enforcement/officers/{officer.pk}").json()
    assert (detail["id_number"], detail["phone"]) == (mask_id_number(officer.id_number), mask_phone(officer.phone))
    history = client.get(f"/api/enforcement/officers/{officer.pk}/history").content.decode()
    assert officer.id_number not in history and officer.phone not in history
    assert mask_id_number(officer.id_number) in history


def test_creating_an_officer_with_a_bad_id_number_names_the_field(client_for, units):
    response = client_for("unit_staff").post_json("/api/enforcement/officers", {
        "org_unit": units["street_a"].pk, "full_name": "错号", "id_number": "210281198001010015"})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["field"], error["label"]) == ("id_number", "身份证号码")
    assert re.match(message_pattern(ID_CHECK_CHARACTER, actual="5"), error["message"])
    assert not Officer.objects.filter(full_name="错号").exists()


def test_unit_staff_cannot_create_an_officer_in_another_unit(client_for, units):
    response = client_for("unit_staff").post_json("/api/enforcement/officers", {
        "org_unit": units["street_b"].pk, "full_name": "越权", "id_number": fake_id_number(3131)})
    assert response.status_code == 403
    assert not Officer.objects.filter(full_name="越权").exists()


def test_certificate_shows_its_status_today(client_for, officer):
    valid = CertificateFactory(officer=officer, valid_from=TODAY - dt.timedelta(days=10),
                               valid_until=TODAY + dt.timedelta(days=45))
    lapsed = CertificateFactory(officer=officer, valid_from=dt.date(2015, 1, 1), valid_until=dt.date(2020, 1, 1))
    client = client_for("leader")
    body = client.get(f"/api/enforcement/certificates/{valid.pk}").json()
    assert (body["status_today"], body["status_today_label"], body["days_to_expiry"]) == ("valid", "有效", 45)
    body = client.get(f"/api/enforcement/certificates/{lapsed.pk}").json()
    assert (body["status"], body["status_today"], body["days_to_expiry"]) == ("valid", "expired", None)


def test_training_statistics_need_a_year_and_count_the_year(client_for, units, officer):
    training = TrainingFactory(organiser=units["street_a"], held_on=dt.date(2022, 5, 1))
    services.attendance_add(user=None, training=training, officer=officer)
    client = client_for("leader")
    assert client.get("/api/enforcement/training-statistics").status_code == 422
    stats = client.get("/api/enforcement/training-statistics", {"year": 2022}).json()
    assert (stats["year"], stats["sessions"], stats["attendances"], stats["trainees"]) == (2022, 1, 1, 1)
    empty = client.get("/api/enforcement/training-statistics", {"year": 2021}).json()
    assert (empty["sessions"], empty["pass_rate"]["percent_text"]) == (0, "—")


def test_certificate_actions_follow_the_service(client_for, officer):
    certificate = CertificateFactory(officer=officer)
    legal = client_for("legal_office")
    url = f"/api/enforcement/certificates/{certificate.pk}"
    assert legal.post_json(f"{url}/reinstate", {"reason": "恢复"}).json() == {
        "detail": str(services.CERTIFICATE_NOT_SUSPENDED) % {"number": certificate.number}}
    suspended = legal.post_json(f"{url}/suspend", {"reason": "调查期间", "version": certificate.version})
    assert suspended.status_code == 200
    assert suspended.json()["status_today"] == "suspended"
    # Unit staff read their officers' certificates but do not manage them.
    assert client_for("unit_staff").post_json(f"{url}/revoke", {"reason": "注销"}).status_code == 403
