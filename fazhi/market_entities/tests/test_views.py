"""The market-entity pages: scoped reads and writes, optimistic locking, history, archive, export."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from fazhi.core.exceptions import StaleRecordError
from fazhi.core.services import record_update
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory

STALE_MESSAGE = StaleRecordError().message


@pytest.fixture
def entity_a(units):
    return MarketEntityFactory(street=units["street_a"], name="甲街道海鲜加工有限公司", risk_class="A")


@pytest.fixture
def entity_b(units):
    return MarketEntityFactory(street=units["street_b"], name="乙街道船舶配套有限公司", risk_class="D")


def form_data(entity, **changes) -> dict:
    data = {
        "uscc": entity.uscc, "name": entity.name, "entity_type": entity.entity_type,
        "legal_representative": entity.legal_representative, "address": entity.address,
        "street": entity.street_id, "industry": entity.industry,
        "registration_status": entity.registration_status, "risk_class": entity.risk_class,
        "version": entity.version, "change_reason": "",
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_login(client, entity_a):
    response = client.get(reverse("market_entities:detail", args=[entity_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_list_searches_by_uscc_or_name_and_filters(client, users, entity_a, entity_b):
    client.force_login(users["legal_office"])
    url = reverse("market_entities:list")
    page = client.get(url).content.decode()
    assert entity_a.name in page and entity_b.name in page

    by_code = client.get(url, {"q": entity_b.uscc[:12]}).content.decode()
    assert entity_b.name in by_code and entity_a.name not in by_code

    by_name = client.get(url, {"q": "海鲜"}).content.decode()
    assert entity_a.name in by_name and entity_b.name not in by_name

    by_risk = client.get(url, {"risk_class": "D"}).content.decode()
    assert entity_b.name in by_risk and entity_a.name not in by_risk

    by_street = client.get(url, {"street": entity_a.street_id}).content.decode()
    assert entity_a.name in by_street and entity_b.name not in by_street


def test_htmx_search_returns_only_the_results_table(client, users, entity_a):
    client.force_login(users["legal_office"])
    response = client.get(reverse("market_entities:list"), {"q": "海鲜"},
                          headers={"HX-Request": "true", "HX-Target": "results"})
    body = response.content.decode()
    assert entity_a.name in body
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_list_pages_by_the_configured_size(client, users, units, settings):
    settings.FAZHI_PAGE_SIZE = 2
    for number in range(5):
        MarketEntityFactory(street=units["street_a"], name=f"分页测试{number}号有限公司")
    client.force_login(users["legal_office"])
    pages = [
        [row["record"].name for row in client.get(reverse("market_entities:list"), {"page": n}).context["rows"]]
        for n in (1, 2, 3)
    ]
    assert [len(names) for names in pages] == [2, 2, 1]
    assert sorted(name for names in pages for name in names) == [f"分页测试{number}号有限公司" for number in range(5)]


def test_archived_entities_are_hidden_unless_asked_for(client, users, entity_a, entity_b):
    entity_b.archived_on = entity_b.created_on
    entity_b.save()
    client.force_login(users["legal_office"])
    url = reverse("market_entities:list")
    assert entity_b.name not in client.get(url).content.decode()
    assert entity_b.name in client.get(url, {"archived": "on"}).content.decode()


def test_unit_user_gets_404_on_another_units_edit_page_but_may_edit_their_own(client, users, entity_a, entity_b):
    client.force_login(users["unit_staff"])  # street A
    assert client.get(reverse("market_entities:edit", args=[entity_b.pk])).status_code == 404
    response = client.post(reverse("market_entities:edit", args=[entity_b.pk]), form_data(entity_b, name="篡改"))
    assert response.status_code == 404
    entity_b.refresh_from_db()
    assert entity_b.name == "乙街道船舶配套有限公司"
    assert client.get(reverse("market_entities:edit", args=[entity_a.pk])).status_code == 200


def test_unit_user_cannot_move_their_entity_to_another_street(client, users, units, entity_a):
    client.force_login(users["unit_staff"])
    response = client.post(reverse("market_entities:edit", args=[entity_a.pk]),
                           form_data(entity_a, street=units["street_b"].pk))
    assert response.status_code == 200
    assert "street" in response.context["form"].errors
    entity_a.refresh_from_db()
    assert entity_a.street == units["street_a"]


def test_unit_user_creates_entities_only_in_their_own_street(client, users, units):
    client.force_login(users["unit_staff"])
    template = MarketEntityFactory.build(street=units["street_b"])
    data = form_data(template)
    del data["version"], data["change_reason"]
    response = client.post(reverse("market_entities:create"), data)
    assert response.status_code == 200
    assert not MarketEntity.objects.filter(uscc=template.uscc).exists()

    data["street"] = units["street_a"].pk
    response = client.post(reverse("market_entities:create"), data)
    created = MarketEntity.objects.get(uscc=template.uscc)
    assert response.status_code == 302
    assert response["Location"] == reverse("market_entities:detail", args=[created.pk])
    assert created.created_by == users["unit_staff"]


def test_create_shows_the_uscc_check_error(client, users, units):
    client.force_login(users["legal_office"])
    template = MarketEntityFactory.build(street=units["street_a"])
    wrong = template.uscc[:17] + ("0" if template.uscc[17] != "0" else "1")
    data = form_data(template, uscc=wrong)
    response = client.post(reverse("market_entities:create"), data)
    assert response.status_code == 200
    assert "校验位错误" in response.content.decode()
    assert not MarketEntity.objects.filter(uscc=wrong).exists()


def test_officer_may_not_open_the_create_page(client, users):
    client.force_login(users["officer"])
    assert client.get(reverse("market_entities:create")).status_code == 403


def test_edit_conflict_shows_the_message_and_keeps_the_users_input(client, users, entity_a):
    client.force_login(users["unit_staff"])
    url = reverse("market_entities:edit", args=[entity_a.pk])
    page = client.get(url)
    assert f'name="version" value="{entity_a.version}"' in page.content.decode()

    # Someone else saves first.
    other = MarketEntity.objects.get(pk=entity_a.pk)
    record_update(record=other, user=users["legal_office"], expected_version=other.version, address="他人改的地址")

    response = client.post(url, form_data(entity_a, name="我填写的新名称"))
    body = response.content.decode()
    assert response.status_code == 200
    assert STALE_MESSAGE in body
    assert 'value="我填写的新名称"' in body  # the user's input is still in the form
    assert "他人改的地址" in body  # and the other person's change is shown beside it
    entity_a.refresh_from_db()
    assert entity_a.name == "甲街道海鲜加工有限公司"
    assert entity_a.address == "他人改的地址"

    # Having seen the conflict, saving again is deliberate and succeeds.
    response = client.post(url, response.context["form"].data)
    assert response.status_code == 302
    entity_a.refresh_from_db()
    assert entity_a.name == "我填写的新名称"


def test_edit_appears_in_the_history_on_the_detail_page(client, users, entity_a):
    client.force_login(users["unit_staff"])
    response = client.post(reverse("market_entities:edit", args=[entity_a.pk]),
                           form_data(entity_a, risk_class="C", change_reason="年度信用评价调整"))
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "信用风险分类" in detail
    assert "A类（信用风险低）" in detail and "C类（信用风险较高）" in detail
    assert "年度信用评价调整" in detail
    assert users["unit_staff"].display_name in detail
    entity_a.refresh_from_db()
    assert entity_a.version == 2
    assert entity_a.modified_by == users["unit_staff"]


def test_archive_needs_a_reason_and_keeps_the_record(client, users, entity_a):
    client.force_login(users["unit_staff"])
    url = reverse("market_entities:archive", args=[entity_a.pk])
    client.post(url, {"reason": ""})
    entity_a.refresh_from_db()
    assert not entity_a.is_archived

    response = client.post(url, {"reason": "已注销"}, follow=True)
    entity_a.refresh_from_db()
    assert entity_a.is_archived and entity_a.archived_reason == "已注销"
    assert "已归档" in response.content.decode()
    assert client.get(reverse("market_entities:edit", args=[entity_a.pk])).status_code == 302


def test_archive_refuses_a_record_changed_since_the_page_was_read(client, users, entity_a):
    client.force_login(users["unit_staff"])
    seen = entity_a.version
    assert f'name="version" value="{seen}"' in client.get(
        reverse("market_entities:detail", args=[entity_a.pk])).content.decode()
    record_update(record=MarketEntity.objects.get(pk=entity_a.pk), user=users["legal_office"],
                  expected_version=seen, risk_class="D")
    response = client.post(reverse("market_entities:archive", args=[entity_a.pk]),
                           {"reason": "已注销", "version": seen}, follow=True)
    assert STALE_MESSAGE in response.content.decode()
    entity_a.refresh_from_db()
    assert not entity_a.is_archived


def test_archive_of_another_units_entity_is_404(client, users, entity_b):
    client.force_login(users["unit_staff"])
    assert client.post(reverse("market_entities:archive", args=[entity_b.pk]), {"reason": "x"}).status_code == 404
    entity_b.refresh_from_db()
    assert not entity_b.is_archived


def test_archive_is_post_only(client, users, entity_a):
    client.force_login(users["unit_staff"])
    assert client.get(reverse("market_entities:archive", args=[entity_a.pk])).status_code == 405


def test_export_returns_the_filtered_list_as_xlsx(client, users, entity_a, entity_b):
    client.force_login(users["officer"])
    response = client.get(reverse("market_entities:export"), {"risk_class": "D"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "统一社会信用代码"
    assert [row[0] for row in rows[1:]] == [entity_b.uscc]


def test_detail_of_an_unknown_id_is_404(client, users):
    client.force_login(users["legal_office"])
    assert client.get(reverse("market_entities:detail", args=[999999])).status_code == 404
