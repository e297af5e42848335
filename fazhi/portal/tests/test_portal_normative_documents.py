"""The portal lists published normative documents with their status; drafts never appear."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.normative_documents import services
from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_in_force

D = dt.date


@pytest.fixture
def published(units, users):
    # Published a month ago: in force whatever the date (a 2022 one would have run out of its 5 years).
    in_force = to_in_force(NormativeDocumentFactory(drafting_unit=units["dept_a"], title="现行的办法"),
                           reviewer=users["legal_office"], published_on=clock.today() - dt.timedelta(days=30))
    repealed = to_in_force(NormativeDocumentFactory(drafting_unit=units["dept_a"], title="废止的办法"),
                           reviewer=users["legal_office"])
    services.document_repeal(user=users["legal_office"], document=repealed, repealed_on=D(2022, 9, 30),
                             reason="上位法已修改")
    expired = to_in_force(NormativeDocumentFactory(drafting_unit=units["dept_a"], title="到期的暂行办法",
                                                   provisional=True), reviewer=users["legal_office"])
    draft = NormativeDocumentFactory(drafting_unit=units["dept_a"], title="尚在起草的办法")
    return {"in_force": in_force, "repealed": repealed, "expired": expired, "draft": draft}


def test_list_marks_ended_documents_and_hides_drafts(client, published):
    page = client.get(reverse("portal:normative_documents")).content.decode()
    in_force, ended = page.split('id="ended"')
    assert "现行的办法" in in_force and published["in_force"].number in in_force
    assert "废止的办法" in ended and "已废止" in ended and "上位法已修改" in ended
    assert "到期的暂行办法" in ended and "已失效" in ended  # past valid_until, even before the expiry command ran
    assert "尚在起草的办法" not in page


def test_document_page_shows_the_text_and_drafts_are_404(client, published):
    page = client.get(reverse("portal:normative_document", args=[published["repealed"].pk])).content.decode()
    assert 'id="ended-notice"' in page and published["repealed"].text.splitlines()[0] in page
    assert client.get(reverse("portal:normative_document", args=[published["draft"].pk])).status_code == 404
