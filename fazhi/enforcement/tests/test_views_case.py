"""The case page runs the three systems through the services: assignment, steps, records with
their SHA-256 and the tamper check, completeness, legal review, decision, publication.

A refused action shows the service's message with the user's input still in the form, and
changes nothing; an action the role may not take is 403 (404 when the case is out of sight).
"""

import datetime as dt
import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.exceptions import cn_date
from fazhi.core.tests.messages import message_pattern
from fazhi.enforcement import services
from fazhi.enforcement.constants import DecisionKind, OverturnKind, RecordKind, StepKind
from fazhi.enforcement.models import (
    CaseOfficer,
    CaseStep,
    DecisionPublication,
    EnforcementCase,
    MajorDecisionReview,
    ProcessRecord,
)
from fazhi.enforcement.selectors.cases import GAP_RECORD_MISSING
from fazhi.enforcement.tests.factories import EnforcementBodyFactory, MajorCriterionFactory
from fazhi.enforcement.views.cases import OVERTURN_RECORDED, OVERTURN_WITHDRAWAL_DUE
from fazhi.officers.selectors import CERTIFICATE_EXPIRED
from fazhi.officers.tests.factories import CertificateFactory, OfficerFactory, fake_id_number, far_future

PARTY_ID = fake_id_number(777)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def body_a(units):
    return EnforcementBodyFactory(org_unit=units["street_a"], name="甲街道综合行政执法队")


@pytest.fixture
def officers(units):
    """Two officers able to act in 2022 and one whose certificate ran out at the end of 2021."""
    able = [OfficerFactory(org_unit=units["street_a"], full_name=name) for name in ("刘一", "陈二")]
    for officer in able:
        CertificateFactory(officer=officer, valid_from=dt.date(2020, 1, 1), valid_until=far_future())
    lapsed = OfficerFactory(org_unit=units["street_a"], full_name="过期者")
    CertificateFactory(officer=lapsed, number="辽EXPIRED01", valid_from=dt.date(2017, 1, 1),
                       valid_until=dt.date(2021, 12, 31))
    return {"able": able, "lapsed": lapsed}


@pytest.fixture
def case(body_a):
    MajorCriterionFactory(kind="licence_revocation")
    return services.case_open(user=None, body=body_a, kind="penalty", summary="无证经营", opened_on=dt.date(2022, 3, 1),
                              party_name="张三丰", party_id_number=PARTY_ID)


def url(name: str, case) -> str:
    return reverse(f"enforcement:cases:{name}", args=[case.pk])


def snapshot(case) -> tuple:
    fresh = EnforcementCase.objects.get(pk=case.pk)
    return (fresh.version, fresh.decided_on, CaseOfficer.objects.filter(case=case).count(),
            CaseStep.objects.filter(case=case).count(), ProcessRecord.objects.filter(step__case=case).count(),
            MajorDecisionReview.objects.filter(case=case).count(),
            DecisionPublication.objects.filter(case=case).count())


def assign(client, case, officer, on="2022-03-05"):
    return client.post(url("assign", case), {"assign-officer": officer.pk, "assign-on": on})


# ----- who may act -----

ACTIONS = ("assign", "step", "upload", "review", "decide", "publish", "close")
# Expected gate per role for a case of street A: "ok" (the form is read), 403 or 404.
GATE = {
    # The legal review is entered by the body's designated reviewers (the legal office for street A's body),
    # not by the system administrator (国办发〔2018〕118号 四(十一)).
    "admin": {**{a: "ok" for a in ACTIONS}, "review": 403},
    "legal_office": {a: "ok" for a in ACTIONS},
    # Unit staff and officers of street A work on its cases, but the legal review is the legal office's,
    # and publishing is the unit's (officers investigate and decide; they do not publish).
    "unit_staff": {**{a: "ok" for a in ACTIONS}, "review": 403},
    "officer": {**{a: "ok" for a in ACTIONS}, "review": 403, "publish": 403},
    # A leader reads every case and acts on none.
    "leader": {a: 403 for a in ACTIONS},
    # Street B does not see street A's cases at all.
    "unit_staff_b": {a: 404 for a in ACTIONS},
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", list(GATE))
def test_actions_are_allowed_only_to_roles_that_may_take_them(client, users, case, role, action):
    client.force_login(users[role])
    before = snapshot(case)
    response = client.post(url(action, case), {})  # an empty form: refused by the form, if the gate lets it in
    expected = GATE[role][action]
    if expected == "ok":
        assert response.status_code == 200
        assert f'id="{action}"' in response.content.decode()  # the page again, with this action's form
    else:
        assert response.status_code == expected
    assert snapshot(case) == before
    assert client.get(url(action, case)).status_code == 405  # actions are POST only, for every id alike


@pytest.mark.parametrize(("role", "forms_shown"), [
    ("officer", {"assign", "step", "upload", "decide"}),
    ("legal_office", {"assign", "step", "upload", "review", "decide"}),
    ("leader", set()),
])
def test_the_page_offers_only_the_actions_the_user_may_take(client, users, case, role, forms_shown):
    client.force_login(users[role])
    response = client.get(reverse("enforcement:cases:detail", args=[case.pk]))
    assert set(response.context["actions"]) >= forms_shown
    body = response.content.decode()
    for action in ACTIONS:
        shown = f'action="{url(action, case)}"' in body
        assert shown is (action in forms_shown), action


# ----- assignment -----


def test_assigning_an_officer_with_an_expired_certificate_is_refused_and_says_why(client, users, case, officers):
    client.force_login(users["officer"])
    before = snapshot(case)
    response = assign(client, case, officers["lapsed"])
    body = response.content.decode()
    assert response.status_code == 200
    expired = message_pattern(CERTIFICATE_EXPIRED, anchored=False, officer="过期者", number="辽EXPIRED01",
                              date="2021年12月31日")
    assert re.search(message_pattern(services.ASSIGN_REFUSED, anchored=False, officer="过期者", case=case.number,
                                     reason=re.compile(expired)), body)
    assert snapshot(case) == before
    # The user's choice and date are still in the form.
    assert re.search(rf'<option value="{officers["lapsed"].pk}" selected>', body)
    assert 'value="2022-03-05"' in body


def test_assigning_officers_with_valid_certificates(client, users, case, officers):
    client.force_login(users["officer"])
    for officer in officers["able"]:
        response = assign(client, case, officer)
        assert response.status_code == 302
        assert response["Location"].endswith("#assign")
    assigned = CaseOfficer.objects.filter(case=case)
    assert {a.officer.full_name for a in assigned} == {"刘一", "陈二"}
    page = client.get(reverse("enforcement:cases:detail", args=[case.pk])).content.decode()
    assert "刘一" in page and "陈二" in page


# ----- full-process records -----


RECORD_CONTENT = "现场检查笔录原件".encode()


def upload(client, case, step, content=RECORD_CONTENT, name="笔录.pdf", kind="written"):
    return client.post(url("upload", case), {
        "upload-step": step.pk, "upload-kind": kind, "upload-file": SimpleUploadedFile(name, content),
    })


def test_uploaded_record_shows_its_sha256_and_the_check_detects_tampering(client, users, case):
    client.force_login(users["officer"])
    response = client.post(url("step", case), {"step-kind": "investigation", "step-happened_on": "2022-03-06",
                                               "step-note": "现场检查"})
    assert response.status_code == 302
    step = case.steps.get(kind="investigation")
    content = b"%PDF-1.4 investigation record"
    digest = hashlib.sha256(content).hexdigest()
    response = upload(client, case, step, content)
    assert response.status_code == 302
    record = ProcessRecord.objects.get(step=step)
    assert record.sha256 == digest and record.size == len(content)

    detail = reverse("enforcement:cases:detail", args=[case.pk])
    page = client.get(detail).content.decode()
    assert digest in page
    checked = client.get(detail, {"verify": "1"}).content.decode()
    assert "均与保存时一致" in checked

    with open(record.file.path, "wb") as stored:  # someone edits the stored file behind the platform's back
        stored.write(b"%PDF-1.4 altered record")
    checked = client.get(detail, {"verify": "1"}).content.decode()
    assert "“笔录.pdf”的内容与保存时不一致，可能已被篡改。" in checked
    assert "均与保存时一致" not in checked


def test_record_file_is_downloadable_only_within_scope(client, users, case):
    step = case.steps.get(kind="filing")
    record = services.process_record_attach(user=None, step=step, kind="written",
                                            file=SimpleUploadedFile("立案审批表.pdf", b"filing form"))
    file_url = reverse("enforcement:record_file", args=[record.pk])
    client.force_login(users["officer"])
    response = client.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"filing form"
    client.force_login(users["unit_staff_b"])
    assert client.get(file_url).status_code == 404


def test_completeness_lists_what_the_case_lacks(client, users, case):
    client.force_login(users["officer"])
    services.case_add_step(user=None, case=case, kind="investigation", happened_on=dt.date(2022, 3, 6))
    response = client.get(reverse("enforcement:cases:detail", args=[case.pk]))
    gaps = [gap.text for gap in response.context["completeness"]]
    assert str(GAP_RECORD_MISSING) % {"step": StepKind.FILING.label, "kind": RecordKind.WRITTEN.label} in gaps
    assert str(GAP_RECORD_MISSING) % {"step": StepKind.INVESTIGATION.label,
                                      "kind": RecordKind.AUDIO_VISUAL.label} in gaps
    body = response.content.decode()
    for gap in gaps:
        assert gap in body


# ----- legal review, decision, publication -----


def decide(client, case, kind="licence_revocation", text="吊销其食品经营许可证。", fine=""):
    return client.post(url("decide", case), {
        "decide-decision_kind": kind, "decide-decided_on": "2022-04-10", "decide-fine_amount": fine,
        "decide-text": text,
    })


def test_a_major_decision_without_review_is_refused_with_the_input_kept(client, users, case, officers):
    for officer in officers["able"]:
        services.case_assign_officer(user=None, case=case, officer=officer, on=dt.date(2022, 3, 5))
    client.force_login(users["officer"])
    before = snapshot(case)
    response = decide(client, case, text="拟吊销当事人许可证件的决定书正文")
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(message_pattern(services.DECISION_MAJOR_NOT_REVIEWED, anchored=False,
                                     state=str(services.DECISION_REVIEW_NONE)), body)
    assert "拟吊销当事人许可证件的决定书正文" in body  # what the user typed is still there
    assert snapshot(case) == before


def test_review_by_the_legal_office_then_decide_and_publish(client, users, case, officers):
    for officer in officers["able"]:
        services.case_assign_officer(user=None, case=case, officer=officer, on=dt.date(2022, 3, 5))
    client.force_login(users["legal_office"])
    response = client.post(url("review", case), {"review-reviewed_on": "2022-04-08", "review-approved": "1",
                                                 "review-decision_kind": "licence_revocation",
                                                 "review-opinion": "事实清楚，证据确凿，同意。"})
    assert response.status_code == 302
    assert MajorDecisionReview.objects.get(case=case).reviewer == users["legal_office"]

    client.force_login(users["officer"])
    assert decide(client, case).status_code == 302
    case.refresh_from_db()
    assert case.decided_on == dt.date(2022, 4, 10) and case.decision_kind == "licence_revocation"
    page = client.get(reverse("enforcement:cases:detail", args=[case.pk]))
    assert page.context["publication_status"].status in ("pending", "overdue")

    client.force_login(users["unit_staff"])
    # The form asks no date: a decision is published on the day it is made public.
    response = client.post(url("publish", case), {"publish-published_on": "2022-04-12", "publish-title": ""})
    assert response.status_code == 302
    publication = DecisionPublication.objects.get(case=case)
    assert "张三丰" not in publication.title + publication.text
    assert publication.published_on == clock.today()
    page = client.get(reverse("enforcement:cases:detail", args=[case.pk]))
    assert page.context["publication_status"].status == "late"
    assert publication.title in page.content.decode()


def test_a_decision_with_too_few_officers_is_refused(client, users, case, officers):
    services.case_assign_officer(user=None, case=case, officer=officers["able"][0], on=dt.date(2022, 3, 5))
    client.force_login(users["officer"])
    response = decide(client, case, kind="warning", text="警告")
    assert response.status_code == 200
    assert re.search(message_pattern(services.DECISION_TOO_FEW_OFFICERS, anchored=False, case=case.number, min=2,
                                     n=1), response.content.decode())
    case.refresh_from_db()
    assert case.decided_on is None


def test_publishing_before_a_decision_is_refused(client, users, case):
    client.force_login(users["unit_staff"])
    response = client.post(url("publish", case), {"publish-published_on": "2022-04-12", "publish-title": "公示"})
    assert response.status_code == 200
    assert str(services.PUBLISH_NOT_DECIDED) % {"case": case.number} in response.content.decode()
    assert not DecisionPublication.objects.filter(case=case).exists()


def test_the_case_page_logs_the_view_and_shows_the_party(client, users, case):
    from fazhi.core.models import AccessLog

    client.force_login(users["officer"])
    body = client.get(reverse("enforcement:cases:detail", args=[case.pk])).content.decode()
    assert PARTY_ID in body and "张三丰" in body
    assert AccessLog.objects.filter(object_id=str(case.pk), user=users["officer"]).exists()
    listed = client.get(reverse("enforcement:cases:list")).content.decode()
    assert case.number in listed and PARTY_ID not in listed


def test_the_step_form_offers_exactly_the_steps_the_service_accepts(case):
    from fazhi.core.exceptions import FazhiError
    from fazhi.enforcement.constants import StepKind
    from fazhi.enforcement.forms import AddStepForm

    offered = {value for value, _label in AddStepForm(record=case, user=None).fields["kind"].choices}
    for kind in StepKind.values:
        if kind in offered:
            services.case_add_step(user=None, case=case, kind=kind, happened_on=dt.date(2022, 3, 10))
        else:
            with pytest.raises(FazhiError):
                services.case_add_step(user=None, case=case, kind=kind, happened_on=dt.date(2022, 3, 10))


def test_a_closed_case_offers_no_more_actions(client, users, case):
    # Written directly: closing through the service needs a decision first, which is not the point here.
    EnforcementCase.objects.filter(pk=case.pk).update(closed_on=dt.date(2022, 3, 20))
    client.force_login(users["legal_office"])
    body = client.get(reverse("enforcement:cases:detail", args=[case.pk])).content.decode()
    assert "本案已于2022-03-20结案" in body
    for action in ACTIONS:
        assert f'action="{url(action, case)}"' not in body, action
    assert f'href="{url("edit", case)}"' not in body  # no 修改 either: a closed case is frozen
    # Trying anyway is refused by the service, on the page, with nothing changed.
    response = client.post(url("step", case), {"step-kind": "service", "step-happened_on": "2022-03-21"})
    assert str(services.CASE_CLOSED) % {"case": case.number, "date": "2022年3月20日"} in response.content.decode()
    assert not case.steps.filter(kind="service").exists()


def test_the_edit_page_refuses_a_closed_case_and_keeps_the_input(client, users, case):
    EnforcementCase.objects.filter(pk=case.pk).update(closed_on=dt.date(2022, 6, 1))
    case.refresh_from_db()
    before = snapshot(case)
    client.force_login(users["unit_staff"])
    response = client.post(url("edit", case), {
        "party_name": "张三丰", "party_id_number": PARTY_ID, "summary": "改过的案由", "version": case.version})
    assert response.status_code == 200
    assert str(services.CASE_CLOSED) % {"case": case.number, "date": "2022年6月1日"} in response.content.decode()
    assert "改过的案由" in response.content.decode()
    assert snapshot(case) == before
    assert EnforcementCase.objects.get(pk=case.pk).summary == "无证经营"


def test_a_future_step_date_is_refused_and_the_input_kept(client, users, case):
    client.force_login(users["officer"])
    before = snapshot(case)
    tomorrow = clock.today() + dt.timedelta(days=1)
    response = client.post(url("step", case), {"step-kind": "investigation", "step-happened_on": tomorrow.isoformat(),
                                               "step-note": "预填的调查"})
    assert response.status_code == 200
    assert re.search(message_pattern(services.DATE_IN_FUTURE, anchored=False, date=cn_date(tomorrow)),
                     response.content.decode())
    assert "预填的调查" in response.content.decode()
    assert snapshot(case) == before


def test_a_decision_other_than_the_reviewed_one_is_refused_on_the_page(client, users, case, officers):
    for officer in officers["able"]:
        services.case_assign_officer(user=None, case=case, officer=officer, on=dt.date(2022, 3, 5))
    services.major_review_record(user=users["legal_office"], case=case, reviewed_on=dt.date(2022, 4, 8),
                                 approved=True, opinion="同意", decision_kind="licence_revocation")
    client.force_login(users["officer"])
    before = snapshot(case)
    response = decide(client, case, kind="closure", text="责令停产停业。")
    assert response.status_code == 200
    assert re.search(message_pattern(services.DECISION_KIND_NOT_REVIEWED, anchored=False, date="2022年4月8日",
                                     approved=DecisionKind.LICENCE_REVOCATION.label,
                                     kind=DecisionKind.CLOSURE.label), response.content.decode())
    assert "责令停产停业。" in response.content.decode()
    assert snapshot(case) == before


def test_unit_staff_declare_a_major_decision_on_the_case_page(client, users, case):
    client.force_login(users["unit_staff"])
    page = client.get(reverse("enforcement:cases:detail", args=[case.pk]))
    assert f'action="{url("declare_major", case)}"' in page.content.decode()
    response = client.post(url("declare_major", case), {"declare_major-declared": "1",
                                                         "declare_major-reason": "社会影响较大"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.declared_major and case.declared_major_reason == "社会影响较大"
    # Said once, in the 三项制度 section, with the reason; never a bare 是/否 flag beside it.
    body = client.get(reverse("enforcement:cases:detail", args=[case.pk])).content.decode()
    assert "社会影响较大" in body.split('id="systems-title"')[1].split("</section>")[0]
    assert "<dt>认定为重大执法决定</dt>" not in body
    # Declaring it again is refused with the reason kept in the form.
    response = client.post(url("declare_major", case), {"declare_major-declared": "1",
                                                         "declare_major-reason": "再次认定"})
    assert response.status_code == 200
    assert re.search(message_pattern(services.DECLARE_MAJOR_UNCHANGED, anchored=False, case=case.number,
                                     state=services.MAJOR_DECLARED),
                     response.content.decode())
    assert "再次认定" in response.content.decode()
    client.force_login(users["officer"])
    assert client.post(url("declare_major", case), {}).status_code == 403


def test_a_revoked_decision_is_withdrawn_from_the_page_and_the_portal_shows_only_why(client, users, case, officers,
                                                                                   set_today):
    set_today(dt.date(2022, 5, 6))
    for officer in officers["able"]:
        services.case_assign_officer(user=None, case=case, officer=officer, on=dt.date(2022, 3, 5))
    services.case_decide(user=users["legal_office"], case=case, decision_kind="warning",
                         decided_on=dt.date(2022, 4, 10), text="对张三丰给予警告。", back_entry=True)
    services.decision_publish(user=users["legal_office"], case=case, published_on=dt.date(2022, 4, 12),
                              back_entry=True)
    client.force_login(users["unit_staff"])
    page = client.get(reverse("enforcement:cases:detail", args=[case.pk])).content.decode()
    assert f'action="{url("overturn", case)}"' in page
    assert f'action="{url("withdraw", case)}"' not in page  # nothing overturned yet: nothing to withdraw

    response = client.post(url("overturn", case), {"overturn-kind": "revoked", "overturn-overturned_on": "2022-05-06",
                                                   "overturn-document": "大开复决字〔2022〕3号行政复议决定书"})
    assert response.status_code == 302
    page = client.get(reverse("enforcement:cases:detail", args=[case.pk]))
    done = OVERTURN_RECORDED % {"kind": OverturnKind.REVOKED.label}
    assert done + OVERTURN_WITHDRAWAL_DUE % {"date": "2022年5月10日"} in page.content.decode()
    # 3 working days after Friday 6 May 2022: Saturday 7 May (a 调休 working day), 9 and 10 May.
    assert page.context["withdrawal_due"].due_on == dt.date(2022, 5, 10)
    assert f'action="{url("withdraw", case)}"' in page.content.decode()

    response = client.post(url("withdraw", case), {"withdraw-reason": "该决定经行政复议被撤销。"})
    assert response.status_code == 302
    assert DecisionPublication.objects.get(case=case).withdrawn_on == dt.date(2022, 5, 6)
    portal = client.get(reverse("portal:enforcement"), {"year": "2022"}).content.decode()
    assert "该决定经行政复议被撤销。" in portal
    assert "给予警告" not in portal  # the withdrawn text is no longer public


def test_a_body_designates_its_legal_review_unit_on_its_form(client, users, body_a):
    client.force_login(users["legal_office"])
    form = client.get(reverse("enforcement:bodies:edit", args=[body_a.pk])).content.decode()
    assert 'name="legal_reviewer"' in form
    detail = client.get(f"/api/enforcement/bodies/{body_a.pk}").json()
    assert detail["legal_reviewer"] == "legal_office"
