"""The reply letter drafted from a tracked item: what it takes from the item, the category mark of a proposal's
answer, the gap before an answer, and who may have it."""

import datetime as dt
import io

from django.urls import reverse
from docx import Document

from fazhi.ledger import services
from fazhi.ledger.constants import ItemKind


def _text(response) -> str:
    assert response.status_code == 200
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)


def test_a_proposals_reply_letter_quotes_the_item_and_its_answer(users, units, client):
    item = services.item_create(user=None, kind=ItemKind.DEPUTY, source="王代表", source_reference="第12号建议",
                                owner_unit=units["street_a"], subject="关于增设公交站点的建议", handler="李科员",
                                received_on=dt.date(2022, 3, 1))
    url = reverse("ledger:reply_letter", args=[item.pk])
    client.force_login(users["unit_staff"])
    draft = _text(client.get(url))
    assert "关于《关于增设公交站点的建议》的答复" in draft and "（请写明办理情况和结果。）" in draft
    services.item_answer(user=None, item=item, answer="已协调交通部门。\n拟于年内增设两处站点。",
                         answered_on=dt.date(2022, 5, 20), grade="A")
    letter = _text(client.get(url))
    for expected in ("答复类别：A", "王代表：", "（第12号建议）于2022年3月1日收悉", "已协调交通部门。",
                     "拟于年内增设两处站点。", "特此函复。", "联系人：李科员", "甲街道", "2022年5月20日"):
        assert expected in letter, expected
    client.force_login(users["unit_staff_b"])
    assert client.get(url).status_code == 404
