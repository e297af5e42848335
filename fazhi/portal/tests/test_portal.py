"""The public portal: open without a login, read-only, and without any personal data."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.enforcement import services
from fazhi.enforcement.tests.factories import EnforcementBodyFactory, EnforcementMatterFactory
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory, fake_id_number

PARTY_NAME = "欧阳明轩"
PARTY_ID = fake_id_number(9001)
PARTY_PHONE = "13612345678"
OFFICER_PHONES = ("13700000001", "13700000002", "13700000003")
# What an ID number or a mobile number looks like anywhere in a page.
ID_LIKE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_LIKE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.fixture
def disclosed(units):
    """A body with a matter, two officers in office, one whose certificate lapsed, a published decision."""
    body = EnforcementBodyFactory(org_unit=units["dept_a"], name="市场监督管理局（执法）",
                                  legal_basis="《中华人民共和国食品安全法》第六条")
    matter = EnforcementMatterFactory(body=body, code="SJ-CF-001", name="对无证经营食品的处罚",
                                      legal_basis="《中华人民共和国食品安全法》第一百二十二条")
    officers, valid_until = [], clock.today() + dt.timedelta(days=3 * 365)
    for index, name in enumerate(("孙公开", "周公开")):
        officer = OfficerFactory(org_unit=units["dept_a"], full_name=name, id_number=fake_id_number(8000 + index),
                                 phone=OFFICER_PHONES[index])
        CertificateFactory(officer=officer, number=f"辽PUB00{index}", valid_from=dt.date(2020, 1, 1),
                           valid_until=valid_until)
        officers.append(officer)
    lapsed = OfficerFactory(org_unit=units["dept_a"], full_name="吴过期", id_number=fake_id_number(8100),
                            phone=OFFICER_PHONES[2])
    CertificateFactory(officer=lapsed, number="辽OLD001", valid_from=dt.date(2015, 1, 1),
                       valid_until=dt.date(2020, 12, 31))

    case = services.case_open(user=None, body=body, matter=matter, summary=f"{PARTY_NAME}无证经营食品",
                              opened_on=dt.date(2022, 3, 1), party_name=PARTY_NAME, party_id_number=PARTY_ID)
    for officer in officers:
        services.case_assign_officer(user=None, case=case, officer=officer, on=dt.date(2022, 3, 2))
    services.case_decide(
        user=None, case=case, decision_kind="warning", decided_on=dt.date(2022, 3, 20),
        text=f"当事人{PARTY_NAME}（公民身份号码{PARTY_ID}，联系电话{PARTY_PHONE}）无证经营食品，予以警告。",
    )
    publication = services.decision_publish(user=None, case=case, published_on=dt.date(2022, 3, 25), back_entry=True)
    return {"body": body, "matter": matter, "officers": officers, "lapsed": lapsed, "case": case,
            "publication": publication, "valid_until": valid_until}


def test_home_is_open_without_login_and_links_to_the_disclosure(client, zone):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("portal:enforcement") in body and zone.name in body


def test_login_page_links_to_the_portal(client, db):
    body = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("portal:home")}"' in body


def test_disclosure_shows_bodies_matters_officers_procedures_and_decisions(client, disclosed):
    response = client.get(reverse("portal:enforcement"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "市场监督管理局（执法）" in body and "《中华人民共和国食品安全法》第六条" in body
    assert "对无证经营食品的处罚" in body and "《中华人民共和国食品安全法》第一百二十二条" in body
    for name, number in (("孙公开", "辽PUB000"), ("周公开", "辽PUB001")):
        assert name in body and number in body
    assert disclosed["valid_until"].isoformat() in body
    # Only certificates in force are disclosed as officers who may act.
    assert "吴过期" not in body and "辽OLD001" not in body
    assert "行政处罚一般程序" in body and "法制审核" in body
    publication = disclosed["publication"]
    assert publication.title in body and "2022-03-20" in body and "2022-03-25" in body


def test_disclosure_holds_no_personal_data(client, disclosed):
    body = client.get(reverse("portal:enforcement")).content.decode()
    assert PARTY_NAME not in body
    assert "欧阳某" in body  # the party as published: surname + 某
    assert PARTY_ID not in body and PARTY_PHONE not in body
    for officer in (*disclosed["officers"], disclosed["lapsed"]):
        assert officer.id_number not in body and officer.phone not in body
    assert not ID_LIKE.search(body)
    assert not MOBILE_LIKE.search(body)


def test_decisions_filter_by_year(client, disclosed):
    in_2022 = client.get(reverse("portal:enforcement"), {"year": "2022"})
    assert in_2022.context["year"] == 2022
    assert disclosed["publication"].title in in_2022.content.decode()
    other = client.get(reverse("portal:enforcement"), {"year": "1999"})
    assert other.context["year"] is None  # an unknown year shows every year, not an error
    bad = client.get(reverse("portal:enforcement"), {"year": "abc", "page": "x"})
    assert bad.status_code == 200


def test_archived_publications_and_bodies_are_not_shown(client, disclosed):
    from fazhi.core.services import record_archive

    record_archive(record=disclosed["publication"], user=None, reason="撤回")
    record_archive(record=disclosed["matter"], user=None, reason="清单调整")
    body = client.get(reverse("portal:enforcement")).content.decode()
    assert disclosed["publication"].title not in body
    assert "对无证经营食品的处罚" not in body


@pytest.mark.parametrize("name", ["portal:home", "portal:enforcement"])
def test_the_portal_is_read_only(client, disclosed, name):
    assert client.post(reverse(name), {"year": "2022"}).status_code == 405


def test_a_logged_in_user_sees_the_same_public_page(client, users, disclosed):
    client.force_login(users["admin"])
    body = client.get(reverse("portal:enforcement")).content.decode()
    assert PARTY_NAME not in body and PARTY_ID not in body
    assert disclosed["officers"][0].phone not in body


def test_today_decides_which_officers_are_listed(client, disclosed, set_today):
    body = client.get(reverse("portal:enforcement")).content.decode()
    assert "孙公开" in body
    set_today(disclosed["valid_until"] + dt.timedelta(days=1))
    body = client.get(reverse("portal:enforcement")).content.decode()
    assert "孙公开" not in body  # their certificates ran out the day before
