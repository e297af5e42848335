"""The defence drafted from the record: what it takes from the lawsuit and the enforcement case, the official
layout, who may have it, and the logged view."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from fazhi.core.models import AccessLog
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.constants import DecisionKind, StepKind
from fazhi.enforcement.tests.cases_setup import attach, staffed_case
from fazhi.enforcement.tests.conftest import body, officers  # noqa: F401  (fixtures)
from fazhi.litigation import documents
from fazhi.litigation.tests.factories import lawsuit

D = dt.date


@pytest.fixture
def litigation(users, units, body, officers):  # noqa: F811
    case = staffed_case(users, body, officers)
    attach(users["unit_staff"], case, StepKind.INVESTIGATION, on=D(2022, 3, 5))
    case = enforcement.case_decide(user=users["unit_staff"], case=case, decision_kind=DecisionKind.WARNING,
                                   decided_on=D(2022, 4, 1), text="依据《食品安全法》第一百二十四条，决定给予警告。")
    return lawsuit(units["street_a"], received_on=D(2022, 4, 20), enforcement_case=case, plaintiff="张三丰")


def _draft(client, litigation):
    return client.get(reverse("litigation:defence", args=[litigation.pk]))


def test_the_defence_is_drafted_from_the_lawsuit_and_the_enforcement_case(users, client, litigation):
    client.force_login(users["unit_staff"])
    response = _draft(client, litigation)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    case = litigation.enforcement_case
    for expected in ("行政答辩状", "答辩人：甲街道", "原告：张三丰", litigation.case_number,
                     "2022年4月20日收到起诉状副本", case.number, "2022年4月1日作出警告、通报批评决定", "第一百二十四条",
                     "调查取证", "附：证据清单", litigation.court):
        assert expected in text, expected
    record = case.steps.get(kind=StepKind.INVESTIGATION).records.first()
    assert record.original_name in text and record.sha256[:16] in text
    section = document.sections[0]
    measures = (section.page_width, section.top_margin, section.left_margin, section.right_margin)
    assert [round(length.mm) for length in measures] == [210, 37, 28, 26]  # Word stores twips: whole millimetres
    title = document.paragraphs[0].runs[0]
    assert title.font.size.pt == 22 and title._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert AccessLog.objects.filter(user=users["unit_staff"]).count() == 2  # the lawsuit and the case


def test_another_unit_gets_nothing_and_without_the_case_the_draft_leaves_gaps(users, client, litigation):
    client.force_login(users["unit_staff_b"])
    assert _draft(client, litigation).status_code == 404
    assert not AccessLog.objects.filter(user=users["unit_staff_b"]).exists()
    draft = documents.defence_draft(litigation, None)  # a reader who may not see the enforcement case
    text = "\n".join(paragraph.text for paragraph in draft.document.paragraphs)
    assert litigation.enforcement_case.number not in text and "证据清单" not in text
    assert "（请写明被诉行政行为的作出时间、内容和依据。）" in text and "原告：张三丰" in text
