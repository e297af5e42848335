"""Market entities through the API: filters, validation in Chinese, optimistic locking, archive, history."""

import pytest

from fazhi.api.tests.test_permissions import create_body, new_uscc
from fazhi.core.api_support import ARCHIVED, BAD_BODY
from fazhi.core.exceptions import StaleRecordError
from fazhi.market_entities.api import STREET_UNAVAILABLE
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.organisation.tests.factories import OrgUnitFactory

URL = "/api/market-entities"


@pytest.fixture
def admin(client_for):
    return client_for("admin")


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["items"]}


# ----- list: filters, search, pagination -----

def test_filters(admin, entities, units):
    both = {"甲街道测试有限公司", "乙街道测试有限公司"}
    assert names(admin.get(URL)) == both
    assert names(admin.get(URL, {"street": units["street_b"].pk})) == {"乙街道测试有限公司"}
    assert names(admin.get(URL, {"risk_class": "A"})) == {"甲街道测试有限公司"}
    assert names(admin.get(URL, {"industry": "F"})) == {"乙街道测试有限公司"}
    assert names(admin.get(URL, {"registration_status": "revoked"})) == set()
    assert names(admin.get(URL, {"registration_status": "active", "risk_class": "D"})) == {"乙街道测试有限公司"}


def test_search_by_name_or_uscc(admin, entities):
    assert names(admin.get(URL, {"q": "甲街道"})) == {"甲街道测试有限公司"}
    uscc_part = entities["b"].uscc[-8:].lower()  # case does not matter for the code
    assert names(admin.get(URL, {"q": uscc_part})) == {"乙街道测试有限公司"}


def test_pagination(admin, units):
    MarketEntityFactory.create_batch(7, street=units["street_a"])
    first = admin.get(URL, {"page_size": 5}).json()
    second = admin.get(URL, {"page_size": 5, "page": 2}).json()
    assert first["count"] == second["count"] == 7
    assert len(first["items"]) == 5
    assert len(second["items"]) == 2
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_list_labels_choices_in_chinese(admin, entities):
    item = next(i for i in admin.get(URL).json()["items"] if i["id"] == entities["a"].pk)
    assert item["risk_class_label"] == "A类（信用风险低）"
    assert item["industry_label"] == "制造业"
    assert item["street"]["name"] == "甲街道"


@pytest.mark.parametrize(
    ("params", "field", "label", "fragment"),
    [
        ({"risk_class": "Z"}, "risk_class", "信用风险分类", "“Z”不是有效的选项"),
        ({"page": 0}, "page", "页码", "不能小于 1"),
        ({"page_size": 1000}, "page_size", "每页条数", "不能大于 100"),
        ({"street": "甲"}, "street", "所属街道", "应为整数"),
        ({"street": 10**20}, "street", "所属街道", "不能大于"),  # would overflow the database driver
        ({"q": "有限\x00公司"}, "q", "关键词", "不能包含空字符"),  # PostgreSQL refuses NUL in text
    ],
)
def test_bad_query_answers_422_naming_the_field(admin, params, field, label, fragment):
    response = admin.get(URL, params)
    assert response.status_code == 422
    body = response.json()
    error = next(e for e in body["errors"] if e["field"] == field)
    assert error["label"] == label
    assert fragment in error["message"]
    assert label in body["detail"]


def test_archived_records_are_listed_only_on_request(admin, entities):
    entities["b"].archived_on = entities["b"].created_on
    entities["b"].save()
    assert names(admin.get(URL)) == {"甲街道测试有限公司"}
    assert names(admin.get(URL, {"include_archived": True})) == {"甲街道测试有限公司", "乙街道测试有限公司"}


# ----- create -----

def test_create_stamps_the_creator(client_for, users, units):
    response = client_for("unit_staff").post_json(URL, create_body(units["street_a"].pk))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1
    assert body["registration_status"] == "active"  # the default
    record = MarketEntity.objects.get(pk=body["id"])
    assert record.created_by == record.modified_by == users["unit_staff"]
    assert record.history.count() == 1


def test_create_missing_fields_names_each_in_chinese(admin):
    response = admin.post_json(URL, {"name": "缺字段有限公司"})
    assert response.status_code == 422
    body = response.json()
    by_field = {e["field"]: e for e in body["errors"]}
    assert set(by_field) == {"uscc", "entity_type", "legal_representative", "address", "street", "industry",
                             "risk_class"}
    assert by_field["uscc"]["label"] == "统一社会信用代码"
    assert by_field["uscc"]["message"] == "此字段为必填项。"
    assert "法定代表人：此字段为必填项" in body["detail"]


@pytest.mark.parametrize(
    ("change", "field", "label", "fragment"),
    [
        ({"uscc": "91210281MA0IIIII00"}, "uscc", "统一社会信用代码", "不允许的字符“I”"),
        ({"uscc": new_uscc(5)[:17] + ("0" if new_uscc(5)[17] != "0" else "1")}, "uscc", "统一社会信用代码",
         "校验位错误"),
        ({"name": ""}, "name", "名称", "不能为空"),
        ({"name": "名" * 201}, "name", "名称", "最多 200 个字符"),
        ({"entity_type": "llc"}, "entity_type", "类型", "不是有效的选项"),
        ({"verison": 1}, "verison", "verison", "不允许的字段"),
        ({"address": "滨海路\x00号"}, "address", "住所", "不能包含空字符"),
        ({"street": 2**63}, "street", "所属街道", "不能大于"),
    ],
)
def test_create_invalid_field_answers_422_in_chinese(admin, units, change, field, label, fragment):
    before = MarketEntity.objects.count()
    response = admin.post_json(URL, {**create_body(units["street_a"].pk), **change})
    assert response.status_code == 422, response.content
    body = response.json()
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["errors"][0]["label"] == label
    assert fragment in body["errors"][0]["message"]
    assert MarketEntity.objects.count() == before


def test_duplicate_uscc_is_refused(admin, entities, units):
    response = admin.post_json(URL, {**create_body(units["street_a"].pk), "uscc": entities["b"].uscc})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["field"], error["label"]) == ("uscc", "统一社会信用代码")
    assert "已存在" in error["message"]


@pytest.mark.parametrize("street", ["missing", "archived", "department"])
def test_street_must_be_an_active_street(admin, zone, units, street):
    if street == "missing":
        street_id = 999999
    elif street == "department":
        street_id = units["dept_a"].pk
    else:
        unit = OrgUnitFactory(zone=zone, kind="street")
        unit.archived_on = unit.created_on
        unit.save()
        street_id = unit.pk
    response = admin.post_json(URL, create_body(street_id))
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "street", "label": "所属街道", "message": str(STREET_UNAVAILABLE), "loc": ["body", "street"]}
    ]


def test_unparsable_body_answers_400(admin):
    response = admin.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": str(BAD_BODY)}


# ----- update: optimistic locking -----

def test_update_changes_only_the_fields_sent(client_for, entities):
    entity = entities["a"]
    response = client_for("unit_staff").patch_json(
        f"{URL}/{entity.pk}", {"version": 1, "risk_class": "C", "reason": "年度分类调整"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["risk_class"] == "C"
    assert response.json()["version"] == 2
    entity.refresh_from_db()
    assert (entity.risk_class, entity.name) == ("C", "甲街道测试有限公司")


def test_stale_version_answers_409_and_keeps_the_other_edit(client_for, entities):
    entity = entities["a"]
    url = f"{URL}/{entity.pk}"
    first, second = client_for("unit_staff"), client_for("admin")
    assert first.get(url).json()["version"] == second.get(url).json()["version"] == 1

    assert first.patch_json(url, {"version": 1, "name": "先保存有限公司"}).status_code == 200
    late = second.patch_json(url, {"version": 1, "name": "后保存有限公司"})

    assert late.status_code == 409
    assert late.json() == {"detail": StaleRecordError().message}
    entity.refresh_from_db()
    assert (entity.name, entity.version) == ("先保存有限公司", 2)


def test_stale_archive_answers_409(admin, entities):
    entity = entities["a"]
    assert admin.patch_json(f"{URL}/{entity.pk}", {"version": 1, "address": "新地址"}).status_code == 200
    response = admin.post_json(f"{URL}/{entity.pk}/archive", {"version": 1, "reason": "注销"})
    assert response.status_code == 409
    assert response.json() == {"detail": StaleRecordError().message}
    entity.refresh_from_db()
    assert not entity.is_archived


def test_update_validation_error_writes_nothing(admin, entities):
    entity = entities["a"]
    response = admin.patch_json(f"{URL}/{entity.pk}", {"version": 1, "uscc": "123", "name": "不应保存有限公司"})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "uscc"
    assert "统一社会信用代码应为18位" in body["detail"]
    entity.refresh_from_db()
    assert (entity.name, entity.version) == ("甲街道测试有限公司", 1)


def test_update_requires_version(admin, entities):
    response = admin.patch_json(f"{URL}/{entities['a'].pk}", {"name": "无版本有限公司"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "version"


def test_update_of_missing_record_is_404(admin):
    assert admin.patch_json(f"{URL}/999999", {"version": 1, "name": "x"}).status_code == 404


@pytest.mark.parametrize("path", ["/999999999999999999999", "/0", "/-1"])
def test_ids_out_of_range_are_refused_not_crashed(admin, path):
    assert admin.get(URL + path).status_code == 422


# ----- archive and history -----

def test_archive_then_no_more_changes(admin, entities):
    entity = entities["a"]
    response = admin.post_json(f"{URL}/{entity.pk}/archive", {"version": 1, "reason": "已注销"})
    assert response.status_code == 200
    assert response.json()["archived_reason"] == "已注销"
    assert response.json()["archived_on"] is not None

    again = admin.patch_json(f"{URL}/{entity.pk}", {"version": 2, "name": "归档后修改有限公司"})
    assert again.status_code == 400
    assert again.json() == {"detail": str(ARCHIVED)}
    assert MarketEntity.objects.get(pk=entity.pk).name == "甲街道测试有限公司"
    # Archived, not deleted: still readable by id.
    assert admin.get(f"{URL}/{entity.pk}").status_code == 200


def test_archive_needs_a_reason(admin, entities):
    response = admin.post_json(f"{URL}/{entities['a'].pk}/archive", {"version": 1, "reason": "  "})
    assert response.status_code == 422
    assert response.json()["errors"][0]["label"] == "归档原因"
    assert not MarketEntity.objects.get(pk=entities["a"].pk).is_archived


def test_history_shows_changes_newest_first(client_for, users, entities):
    entity = entities["a"]
    client = client_for("unit_staff")
    client.patch_json(f"{URL}/{entity.pk}", {"version": 1, "name": "新名称有限公司", "reason": "更名"})
    history = client.get(f"{URL}/{entity.pk}/history").json()
    assert [h["action"] for h in history] == ["修改", "创建"]
    latest = history[0]
    assert latest["who"] == users["unit_staff"].display_name
    assert latest["reason"] == "更名"
    assert {"field": "名称", "old": "甲街道测试有限公司", "new": "新名称有限公司"} in latest["changes"]
