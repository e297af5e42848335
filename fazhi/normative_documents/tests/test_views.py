"""The document pages drive the lifecycle through the services; the review page shows the checker's findings."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.legality_checker.engine import RULES
from fazhi.normative_documents import services
from fazhi.normative_documents.constants import DocumentStatus
from fazhi.normative_documents.models import LegalityReview, NormativeDocument
from fazhi.normative_documents.registers import DOCUMENTS_EXPORT_ONLY
from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_in_force, to_review
from fazhi.normative_documents.views import PUBLISHED
from fazhi.web.tests.workbooks import workbook_sheets

D = dt.date
UNLAWFUL_DRAFT = ("第一条 从事本区餐饮经营的，应当向街道办事处申请取得经营许可证。\n"
                  "第二条 违反本办法的，处以五千元罚款。\n第三条 本办法自公布之日起施行，有效期3年。")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, document, **kwargs):
    return reverse(f"normative_documents:documents:{name}", args=[document.pk], **kwargs)


def test_unit_staff_drafts_with_an_upload(client, users, units):
    client.force_login(users["unit_staff"])
    upload = SimpleUploadedFile("草案.txt", "第一条 为了规范管理，制定本办法。".encode())
    response = client.post(reverse("normative_documents:documents:create"), {
        "title": "甲街道物业管理暂行办法", "drafting_unit": units["street_a"].pk, "issuer": units["street_a"].pk,
        "drafter": "李四", "text": "", "draft_upload": upload,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    document = NormativeDocument.objects.get(title="甲街道物业管理暂行办法")
    assert document.text == "第一条 为了规范管理，制定本办法。" and document.provisional
    assert document.draft_file_name == "草案.txt"


def test_other_units_staff_gets_404(client, users, units):
    document = NormativeDocumentFactory(drafting_unit=units["street_b"])
    client.force_login(users["unit_staff"])
    assert client.get(url("detail", document)).status_code == 404
    assert client.get(url("check", document)).status_code == 404
    response = client.post(url("submit_review", document), {"submit_review-submitted_on": "2022-03-01",
                                                             "submit_review-no_comment_reason": "内部"})
    assert response.status_code == 404
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFTING


def test_refused_action_keeps_the_input_and_changes_nothing(client, users, units):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])
    client.force_login(users["unit_staff"])
    response = client.post(url("submit_review", document), {"submit_review-submitted_on": "2022-03-01"})
    assert response.status_code == 200
    assert str(services.NO_COMMENT_REASON) in response.content.decode()
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFTING and document.version == 1


def test_the_review_page_shows_findings_beside_the_text_and_stores_them(client, users, units):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"], text=UNLAWFUL_DRAFT)
    to_review(document)
    client.force_login(users["legal_office"])
    page = client.get(url("check", document)).content.decode()
    assert '<mark id="clause-' in page
    assert RULES["license"].name in page and RULES["penalty"].name in page
    assert "申请取得经营许可证" in page
    response = client.post(url("review", document), {
        "review-opinion": "unlawful", "review-reasons": "第一条设定许可，第二条设定罚款",
        "review-reviewed_on": "2022-03-08",
    })
    assert response.status_code == 302
    review = LegalityReview.objects.get(document=document)
    assert review.checker_ran and {f["rule"] for f in review.findings} >= {"license", "penalty"}
    assert all(UNLAWFUL_DRAFT[f["start"]:f["end"]] for f in review.findings)
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFTING


def test_unit_staff_may_read_the_review_page_but_not_review(client, users, units):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"], text=UNLAWFUL_DRAFT)
    to_review(document)
    client.force_login(users["unit_staff"])
    page = client.get(url("check", document)).content.decode()
    assert RULES["license"].name in page and 'id="review"' not in page  # no review form
    response = client.post(url("review", document), {"review-opinion": "lawful", "review-reasons": "合法",
                                                     "review-reviewed_on": "2022-03-08"})
    assert response.status_code == 403
    assert not LegalityReview.objects.exists()


def test_leader_reads_everything_and_changes_nothing(client, users, units):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_b"]), reviewer=users["legal_office"])
    client.force_login(users["leader"])
    assert client.get(url("detail", document)).status_code == 200
    response = client.post(url("file", document), {"file-filed_on": "2022-04-01", "file-authority": "市政府"})
    assert response.status_code == 403


def test_publish_on_the_page_gives_the_number(client, users, units):
    from fazhi.normative_documents import services
    from fazhi.normative_documents.tests.factories import to_deliberation

    document = to_deliberation(NormativeDocumentFactory(drafting_unit=units["street_a"]),
                               reviewer=users["legal_office"])
    services.document_deliberate(user=users["unit_staff"], document=document, meeting="主任办公会",
                                 held_on=D(2022, 3, 15), outcome="adopted")
    client.force_login(users["legal_office"])
    response = client.post(url("publish", document), {
        "publish-signed_by": "王主任", "publish-signed_on": "2022-03-20", "publish-published_on": "2022-03-20",
        "publish-effective_on": "2022-04-20", "publish-channel": "区政府网站",
    }, follow=True)
    document.refresh_from_db()
    assert str(PUBLISHED) % {"number": document.number} in response.content.decode()
    assert document.number == "〔2022〕1号"


def test_list_and_statistics_pages(client, users, units):
    to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"], title="可见的文件"),
                reviewer=users["legal_office"])
    client.force_login(users["unit_staff"])
    assert "可见的文件" in client.get(reverse("normative_documents:documents:list")).content.decode()
    page = client.get(reverse("normative_documents:statistics") + "?year=2022")
    assert page.status_code == 200 and "规范性文件统计" in page.content.decode()
    # The Excel file has the page's table, year by year, for the user's unit.
    table = workbook_sheets(client.get(reverse("normative_documents:statistics"), {"year": "2022", "format": "xlsx"}))
    headers, *rows = table["各年度"]
    by_year = {row[0]: dict(zip(headers, row, strict=True)) for row in rows}
    assert by_year[2022]["公布"] == page.context["stats"].published >= 1
    client.force_login(users["unit_staff_b"])
    assert "可见的文件" not in client.get(reverse("normative_documents:documents:list")).content.decode()


def test_export_works_and_import_is_refused(client, users, units):
    to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"], title="导出的文件"),
                reviewer=users["legal_office"])
    client.force_login(users["legal_office"])
    response = client.get(reverse("normative_documents:documents:export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    from fazhi.registers.base import get_register

    result = get_register("normative_documents").import_file(b"a,b\n1,2\n", "csv", user=users["legal_office"])
    assert not result.ok and result.errors[0].message == DOCUMENTS_EXPORT_ONLY


def test_edit_page_saves_a_draft_and_refuses_once_submitted(client, users, units):
    document = NormativeDocumentFactory(drafting_unit=units["street_a"])
    client.force_login(users["unit_staff"])
    form = {"title": document.title, "issuer": units["street_a"].pk, "drafter": "张起草", "text": "第一条 修改后。",
            "version": 1, "change_reason": "完善条文"}
    response = client.post(url("edit", document), form)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.text == "第一条 修改后。" and document.version == 2
    to_review(document)
    document.refresh_from_db()
    response = client.post(url("edit", document), {**form, "text": "报送后偷改", "version": document.version})
    assert response.status_code == 200
    assert str(services.TEXT_LOCKED) % {"status": DocumentStatus.REVIEW.label} in response.content.decode()
    document.refresh_from_db()
    assert document.text == "第一条 修改后。"


def test_a_filed_document_no_longer_offers_the_filing_action(client, users, units):
    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]), reviewer=users["legal_office"])
    client.force_login(users["unit_staff"])
    detail = reverse("normative_documents:documents:detail", args=[document.pk])
    filing = reverse("normative_documents:documents:file", args=[document.pk])
    assert f'action="{filing}"' in client.get(detail).content.decode()
    services.document_file(user=users["unit_staff"], document=document, filed_on=D(2022, 3, 25), authority="管委会")
    assert f'action="{filing}"' not in client.get(detail).content.decode()


def test_statistics_open_on_the_latest_year_with_records(client, users, units, set_today):
    to_in_force(NormativeDocumentFactory(drafting_unit=units["street_a"]), reviewer=users["legal_office"])  # 2022
    set_today(D(2024, 1, 8))  # early in a year with nothing yet
    client.force_login(users["legal_office"])
    assert client.get(reverse("normative_documents:statistics")).context["year"] == 2022
    assert client.get(reverse("normative_documents:statistics"), {"year": "2024"}).context["year"] == 2024
    assert client.get(reverse("normative_documents:statistics"), {"year": "二〇二二"}).context["year"] == 2022
