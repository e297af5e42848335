"""Home to-dos: review requests for the legal office; filing due and validity expiring for the drafting unit."""

import datetime as dt

from django.urls import reverse

from fazhi.core import clock
from fazhi.normative_documents.services import REVIEW_DEADLINE
from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_review


def test_review_request_on_the_legal_offices_home(client, users, units):
    today = clock.today()
    document = NormativeDocumentFactory(drafting_unit=units["street_a"], title="待审核的办法")
    to_review(document, on=today - dt.timedelta(days=1))
    client.force_login(users["legal_office"])
    page = client.get(reverse("web:home")).content.decode()
    assert 'id="review-requests"' in page and "待审核的办法" in page
    assert REVIEW_DEADLINE.format(title="待审核的办法") in page  # the review deadline is in the to-do list at once
    client.force_login(users["unit_staff"])
    page = client.get(reverse("web:home")).content.decode()
    assert 'id="review-requests"' not in page
    assert REVIEW_DEADLINE.format(title="待审核的办法") in page  # the drafting unit sees it is pending
    client.force_login(users["unit_staff_b"])
    assert "待审核的办法" not in client.get(reverse("web:home")).content.decode()
