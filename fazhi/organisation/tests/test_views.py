"""The org-unit pages: the chart as a tree, written only by the legal office and administrators."""

import pytest
from django.urls import reverse

from fazhi.organisation.models import PARENT_LOOP, OrgUnit
from fazhi.organisation.tests.factories import OrgUnitFactory


@pytest.fixture
def chart(zone):
    top = OrgUnitFactory(zone=zone, name="管委会", code="A-TOP", kind="leadership", sort_order=1)
    office = OrgUnitFactory(zone=zone, name="党政办公室", code="B-DZB", parent=top, sort_order=5)
    OrgUnitFactory(zone=zone, name="独立派出所", code="C-PS", kind="police_station", sort_order=2)
    return top, office


def test_list_shows_children_right_under_their_parent(client, users, chart):
    client.force_login(users["unit_staff"])
    body = client.get(reverse("organisation:list")).content.decode()
    top, child, other = body.index("管委会"), body.index("党政办公室"), body.index("独立派出所")
    # sort order alone would put the police station (2) before the office (5)
    assert top < child < other
    assert "fz-tree-indent" in body


def test_unit_staff_may_read_the_chart_but_not_change_it(client, users, chart):
    _top, office = chart
    client.force_login(users["unit_staff"])
    assert client.get(reverse("organisation:detail", args=[office.pk])).status_code == 200
    assert client.get(reverse("organisation:edit", args=[office.pk])).status_code == 404
    assert client.get(reverse("organisation:create")).status_code == 403


def test_detail_shows_the_parent_chain_and_children(client, users, chart):
    top, office = chart
    client.force_login(users["legal_office"])
    body = client.get(reverse("organisation:detail", args=[top.pk])).content.decode()
    assert "下级机构" in body and "党政办公室" in body
    context = client.get(reverse("organisation:detail", args=[office.pk])).context
    assert ("上级机构路径", "管委会") in context["fields"]


def test_create_puts_the_unit_in_the_current_zone(client, users, zone, chart):
    top, _office = chart
    client.force_login(users["legal_office"])
    response = client.post(reverse("organisation:create"), {
        "code": "DEPT-NEW", "name": "新设局", "short_name": "", "kind": "department",
        "parent": top.pk, "sort_order": 50,
    })
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="DEPT-NEW")
    assert unit.zone == zone and unit.parent == top


def test_a_unit_cannot_become_its_own_ancestor(client, users, chart):
    top, office = chart
    client.force_login(users["legal_office"])
    response = client.post(reverse("organisation:edit", args=[top.pk]), {
        "code": top.code, "name": top.name, "short_name": "", "kind": top.kind,
        "parent": office.pk, "sort_order": top.sort_order, "version": top.version,
    })
    assert response.status_code == 200
    assert str(PARENT_LOOP) in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None and top.version == 1
