"""What /api/enforcement answers: masked personal data in lists, the workflow through the
services with their refusals, records with their SHA-256 and the tamper check, statistics (the officers' part:
fazhi.officers.tests.test_api)."""

import datetime as dt
import hashlib
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import clock
from fazhi.core.models import AccessLog
from fazhi.core.tests.messages import message_pattern
from fazhi.core.tests.samples import MP4
from fazhi.core.validators import mask_id_number
from fazhi.enforcement import services
from fazhi.enforcement.constants import MajorCriterionKind, RecordKind, StepKind
from fazhi.enforcement.models import CaseOfficer, EnforcementCase, ProcessRecord
from fazhi.enforcement.selectors.cases import GAP_RECORD_MISSING
from fazhi.enforcement.tests.factories import EnforcementBodyFactory, MajorCriterionFactory, SpecialInspectionFactory
from fazhi.officers.selectors import CERTIFICATE_EXPIRED
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory, fake_id_number, far_future
from fazhi.officers.tests.test_api_permissions import ApiClient

PARTY_ID = fake_id_number(4040)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def client_for(users):
    def make(role: str) -> ApiClient:
        client = ApiClient()
        client.force_login(users[role])
        return client

    return make


@pytest.fixture
def case(units):
    body = EnforcementBodyFactory(org_unit=units["street_a"])
    MajorCriterionFactory(kind="licence_revocation")
    return services.case_open(user=None, body=body, kind="penalty", summary="无证经营", opened_on=dt.date(2022, 3, 1),
                              party_name="张三丰", party_id_number=PARTY_ID)


@pytest.fixture
def able(units):
    officers = [OfficerFactory(org_unit=units["street_a"]) for _ in range(2)]
    for o in officers:
        CertificateFactory(officer=o, valid_from=dt.date(2020, 1, 1), valid_until=far_future())
    return officers


def _log_count(record) -> int:
    return AccessLog.objects.filter(content_type=ContentType.objects.get_for_model(record),
                                    object_id=str(record.pk)).count()


def test_case_list_hides_the_party_and_detail_shows_it_logged(client_for, case):
    client = client_for("officer")
    item = next(i for i in client.get("/api/enforcement/cases").json()["items"] if i["id"] == case.pk)
    assert item["party_id_number"] == mask_id_number(PARTY_ID)
    assert item["party_name"] == "张某"
    assert "decision_text" not in item  # it names the party in full: only in the logged detail
    assert _log_count(case) == 0
    detail = client.get(f"/api/enforcement/cases/{case.pk}").json()
    assert (detail["party_name"], detail["party_id_number"]) == ("张三丰", PARTY_ID)
    assert detail["publication_status"] == "not_decided"
    assert "decision_text" in detail
    assert _log_count(case) == 1


def test_assigning_an_officer_with_an_expired_certificate_is_refused(client_for, case, units):
    lapsed = OfficerFactory(org_unit=units["street_a"], full_name="钱过期")
    CertificateFactory(officer=lapsed, number="辽OLD999", valid_from=dt.date(2016, 1, 1),
                       valid_until=dt.date(2021, 12, 31))
    response = client_for("officer").post_json(f"/api/enforcement/cases/{case.pk}/officers",
                                               {"officer": lapsed.pk, "on": "2022-03-05"})
    assert response.status_code == 400
    expired = str(CERTIFICATE_EXPIRED) % {"officer": "钱过期", "number": "辽OLD999", "date": "2021年12月31日"}
    assert re.fullmatch(message_pattern(services.ASSIGN_REFUSED, officer="钱过期", case=case.number,
                                        reason=re.compile(re.escape(expired))), response.json()["detail"])
    assert not CaseOfficer.objects.filter(case=case).exists()


def test_the_workflow_through_the_api(client_for, case, able):
    officer_client, legal = client_for("officer"), client_for("legal_office")
    base = f"/api/enforcement/cases/{case.pk}"
    for o in able:
        assert officer_client.post_json(f"{base}/officers", {"officer": o.pk, "on": "2022-03-02"}).status_code == 201
    assert len(officer_client.get(f"{base}/officers").json()) == 2

    refused = officer_client.post_json(f"{base}/decision", {
        "decision_kind": "licence_revocation", "decided_on": "2022-04-10", "text": "吊销许可证件"})
    assert refused.status_code == 400
    assert re.fullmatch(message_pattern(services.DECISION_MAJOR_NOT_REVIEWED, state=str(services.DECISION_REVIEW_NONE)),
                        refused.json()["detail"])
    assert EnforcementCase.objects.get(pk=case.pk).decided_on is None

    review = legal.post_json(f"{base}/reviews", {"reviewed_on": "2022-04-08", "approved": True, "opinion": "同意",
                                                 "decision_kind": "licence_revocation"})
    assert review.status_code == 201, review.content
    decided = officer_client.post_json(f"{base}/decision", {
        "decision_kind": "licence_revocation", "decided_on": "2022-04-10", "text": "吊销许可证件"})
    assert decided.status_code == 200, decided.content
    assert decided.json()["decided_on"] == "2022-04-10"
    assert decided.json()["major_reasons"] == [MajorCriterionKind.LICENCE_REVOCATION.label]

    published = client_for("unit_staff").post_json(f"{base}/publication", {})
    assert published.status_code == 201, published.content
    assert "张三丰" not in published.json()["title"] + published.json()["text"]
    # Published today (the server sets the date) for a 2022 decision: late, and shown as such.
    assert published.json()["published_on"] == clock.today().isoformat()
    assert officer_client.get(base).json()["publication_status"] == "late"

    # Revoked on 行政复议: recorded, then withdrawn with its reason made public (行政处罚法 第四十八条第二款).
    staff = client_for("unit_staff")
    nothing_overturned = staff.post_json(f"{base}/publication/withdrawal", {"reason": "已撤销"})
    assert nothing_overturned.status_code == 400
    overturn = staff.post_json(f"{base}/overturns", {"kind": "revoked", "overturned_on": clock.today().isoformat(),
                                                      "document": "大开复决字〔2022〕3号行政复议决定书"})
    assert overturn.status_code == 201, overturn.content
    assert overturn.json()["kind"] == "revoked"
    withdrawn = staff.post_json(f"{base}/publication/withdrawal", {"reason": "对张三丰的决定经行政复议被撤销。"})
    assert withdrawn.status_code == 200, withdrawn.content
    assert withdrawn.json()["withdrawn_on"] == clock.today().isoformat()
    assert "张三丰" not in withdrawn.json()["withdrawal_reason"]


def test_upload_returns_the_sha256_and_verification_detects_tampering(client_for, case):
    client = client_for("officer")
    step = client.post_json(f"/api/enforcement/cases/{case.pk}/steps",
                            {"kind": "investigation", "happened_on": "2022-03-06", "note": "现场检查"})
    assert step.status_code == 201, step.content
    content = MP4 + b"audio-visual record bytes"
    response = client.post(f"/api/enforcement/cases/{case.pk}/steps/{step.json()['id']}/records",
                           {"kind": "audio_visual", "file": SimpleUploadedFile("执法记录仪.mp4", content)})
    assert response.status_code == 201, response.content
    assert response.json()["sha256"] == hashlib.sha256(content).hexdigest()
    steps = client.get(f"/api/enforcement/cases/{case.pk}/steps").json()
    assert [r["original_name"] for s in steps for r in s["records"]] == ["执法记录仪.mp4"]

    assert client.get(f"/api/enforcement/cases/{case.pk}/verification").json()["ok"] is True
    record = ProcessRecord.objects.get(pk=response.json()["id"])
    with open(record.file.path, "ab") as stored:
        stored.write(b"!")
    result = client.get(f"/api/enforcement/cases/{case.pk}/verification").json()
    assert result["ok"] is False
    assert [c["status"] for c in result["checks"]] == ["tampered"]


def test_upload_to_a_step_of_another_case_is_refused(client_for, case, units):
    other = services.case_open(user=None, body=case.body, kind="penalty", summary="另案",
                               opened_on=dt.date(2022, 3, 1), party_name="李四")
    foreign_step = other.steps.first()
    response = client_for("officer").post(
        f"/api/enforcement/cases/{case.pk}/steps/{foreign_step.pk}/records",
        {"kind": "written", "file": SimpleUploadedFile("a.pdf", b"x")})
    assert response.status_code == 422
    assert not ProcessRecord.objects.exists()


def test_completeness_lists_the_gaps(client_for, case):
    gaps = client_for("officer").get(f"/api/enforcement/cases/{case.pk}/completeness").json()
    text = str(GAP_RECORD_MISSING) % {"step": StepKind.FILING.label, "kind": RecordKind.WRITTEN.label}
    assert {"step": "filing", "record_kind": "written", "text": text} in gaps


def test_indicators_of_a_campaign_are_scoped(client_for, units):
    inspection = SpecialInspectionFactory()
    for street in ("street_a", "street_b"):
        services.unit_inspection_add(user=None, inspection=inspection, org_unit=units[street])
    rows = client_for("unit_staff").get(f"/api/enforcement/special-inspections/{inspection.pk}/indicators").json()
    assert [r["org_unit"]["id"] for r in rows] == [units["street_a"].pk]
    assert rows[0]["records_complete"]["percent_text"] == rows[0]["overturned"]["percent_text"] == "—"
    all_rows = client_for("legal_office").get(f"/api/enforcement/special-inspections/{inspection.pk}/indicators")
    assert len(all_rows.json()) == 2


def test_a_case_patch_corrects_party_and_summary_only(client_for, case, units):
    client = client_for("officer")
    url = f"/api/enforcement/cases/{case.pk}"
    refused = client.patch_json(url, {"version": case.version, "opened_on": "2021-01-01"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "opened_on"
    ok = client.patch_json(url, {"version": case.version, "summary": "无证经营（更正）"})
    assert ok.status_code == 200
    assert EnforcementCase.objects.get(pk=case.pk).opened_on == dt.date(2022, 3, 1)


def test_a_closed_case_patch_is_refused(client_for, case):
    EnforcementCase.objects.filter(pk=case.pk).update(closed_on=dt.date(2022, 6, 1))
    case.refresh_from_db()
    response = client_for("officer").patch_json(f"/api/enforcement/cases/{case.pk}",
                                                {"version": case.version, "summary": "改"})
    assert response.status_code == 400
    assert response.json()["detail"] == str(services.CASE_CLOSED) % {"case": case.number, "date": "2022年6月1日"}
    assert EnforcementCase.objects.get(pk=case.pk).summary == "无证经营"


def test_declaring_a_major_decision_through_the_api(client_for, case):
    url = f"/api/enforcement/cases/{case.pk}/major-declaration"
    assert client_for("officer").post_json(url, {"declared": True, "reason": "案情复杂"}).status_code == 403
    response = client_for("legal_office").post_json(url, {"declared": True, "reason": "案情复杂"})
    assert response.status_code == 200, response.content
    assert response.json()["declared_major"] is True
    assert response.json()["major_reasons"] == [f"{MajorCriterionKind.OTHER.label}（案情复杂）"]
