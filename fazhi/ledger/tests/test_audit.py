"""Audit findings in the ledger: how each is to be put right (立行立改 / 分阶段整改 / 持续整改), and 对账销号 by the
legal-affairs office against evidence kept with its SHA-256; a refused file leaves the item as it was."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.api.tests.clients import client as api_client
from fazhi.core.exceptions import FazhiError
from fazhi.core.files import RecordFileRefused
from fazhi.core.tests.samples import EXE, sample
from fazhi.ledger import selectors, services
from fazhi.ledger.constants import ItemKind, ItemState, Rectification
from fazhi.ledger.models import TrackedItem

TODAY = dt.date(2022, 9, 30)
EVIDENCE = sample("written", "整改完成报告")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _finding(unit, rectification=Rectification.STAGED, **values) -> TrackedItem:
    return services.item_create(user=None, kind=ItemKind.AUDIT, source="区审计局", owner_unit=unit,
                                subject="专项资金未按规定用途使用", received_on=dt.date(2022, 3, 1),
                                due_on=dt.date(2022, 6, 30), due_basis="审计决定书：90日内整改",
                                rectification=rectification, **values)


@pytest.fixture
def reported(units, set_today):
    """A finding of street A whose rectification was reported on 20 June."""
    set_today(TODAY)
    return services.item_answer(user=None, item=_finding(units["street_a"]), answer="已收回资金并完善制度",
                                answered_on=dt.date(2022, 6, 20))


def _refused(call, **kwargs) -> str:
    with pytest.raises(FazhiError) as refused:
        call(**kwargs)
    return refused.value.message


def test_a_finding_says_how_it_is_put_right_and_only_a_finding_does(units, set_today):
    set_today(TODAY)
    assert _refused(_finding, unit=units["street_a"], rectification="") == str(services.RECTIFICATION_REQUIRED)
    message = _refused(services.item_create, user=None, kind=ItemKind.JUDICIAL, source="法院",
                       owner_unit=units["street_a"], subject="建议", received_on=dt.date(2022, 3, 1),
                       rectification=Rectification.IMMEDIATE)
    assert message == str(services.RECTIFICATION_NOT_USED)
    assert _finding(units["street_a"], Rectification.CONTINUING).rectification == "continuing"


def test_a_reported_finding_waits_for_its_closing_and_the_desk_shows_it(reported, users):
    assert reported.state_on(TODAY) == ItemState.AWAITING_CLOSE
    assert selectors.in_state(TrackedItem.objects.all(), ItemState.AWAITING_CLOSE, TODAY).get() == reported
    tallies = {str(t.title): t.count for t in selectors.work_queue(users["legal_office"], TODAY)}
    assert tallies["待对账销号的审计整改事项"] == 1


def test_the_legal_office_closes_a_finding_against_evidence(reported, users, client):
    staff, legal = users["unit_staff"], users["legal_office"]
    upload = SimpleUploadedFile("整改完成报告.txt", EVIDENCE)
    assert _refused(services.item_close, user=staff, item=reported, note="x", upload=upload) == str(services.NOT_NOW)
    assert _refused(services.item_close, user=legal, item=reported, note="已核对", upload=None) == str(
        services.CLOSING_FILE_REQUIRED)
    assert _refused(services.item_close, user=legal, item=reported, note="已核对", upload=upload,
                    closed_on=dt.date(2022, 6, 19)).startswith("销号日期须在整改情况报告日期")
    item = services.item_close(user=legal, item=reported, note="资金已收回，制度已印发", upload=upload)
    assert (item.closed_on, item.closing_file_sha256) == (TODAY, hashlib.sha256(EVIDENCE).hexdigest())
    assert item.state_on(TODAY) == ItemState.ON_TIME
    assert _refused(services.item_close, user=legal, item=item, note="x", upload=upload) == str(services.NOT_NOW)
    # The owner unit downloads the evidence; another unit cannot reach it.
    client.force_login(staff)
    response = client.get(reverse("ledger:closing_file", args=[item.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == EVIDENCE
    assert "整改完成报告.txt" in client.get(reverse("ledger:items:detail", args=[item.pk])).content.decode()
    client.force_login(users["unit_staff_b"])
    assert client.get(reverse("ledger:closing_file", args=[item.pk])).status_code == 404


def test_a_refused_file_leaves_the_finding_open(reported, users, settings):
    with pytest.raises(RecordFileRefused):
        services.item_close(user=users["legal_office"], item=reported, note="已核对",
                            upload=SimpleUploadedFile("整改报告.pdf", EXE))
    reported.refresh_from_db()
    assert reported.closed_on is None and not reported.closing_file
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_the_api_closes_with_a_multipart_upload(reported, users):
    url = f"/api/ledger/items/{reported.pk}/close"
    upload = {"file": SimpleUploadedFile("整改完成报告.txt", EVIDENCE), "note": "已核对"}
    assert api_client(users["unit_staff"]).post(url, upload).status_code == 403
    assert api_client(users["unit_staff_b"]).post(url, upload).status_code == 404
    response = api_client(users["legal_office"]).post(
        url, {"file": SimpleUploadedFile("整改完成报告.txt", EVIDENCE), "note": "已核对",
              "version": reported.version})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["closed_on"] == TODAY.isoformat() and body["rectification"] == "staged"
    assert body["closing_file_sha256"] == hashlib.sha256(EVIDENCE).hexdigest()
