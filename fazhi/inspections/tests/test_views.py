"""The pages: a plan from the form to the published results, the inspector's list, files and statistics."""

import csv
import datetime as dt
import io
import json
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from fazhi.core import clock
from fazhi.core.tests.messages import message_pattern
from fazhi.inspections import engine, selectors, services
from fazhi.inspections.constants import PlanStatus, TaskResult, TaskStatus
from fazhi.inspections.models import InspectionPlan
from fazhi.inspections.tests.scenario import (
    LABELS,
    SOURCES,
    WITNESS,
    WITNESS_SECRET,
    drawn_plan,
    make_plan,
    published_plan,
)
from fazhi.records.pages import FIXED_NOW
from fazhi.web.tests.workbooks import workbook_sheets

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_staff_create_a_joint_plan_from_the_form(client, setting):
    login(client, setting["staff_a"])
    response = client.post(reverse("inspections:plans:create"), {
        "title": "食品经营联合抽查", "lead_unit": setting["dept_a"].pk, "departments": [setting["dept_b"].pk],
        "items": [i.pk for i in setting["items"]], "starts_on": "2026-06-01", "ends_on": "2026-06-30",
        "inspection_date": "2026-06-15", "industries": ["H", "F"],
    })
    plan = InspectionPlan.objects.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert plan.industries == ["H", "F"] and plan.is_joint and plan.ratio_d == setting["rules"].ratio_d


def test_the_plan_page_walks_through_approval_publication_commit_and_reveal(client, setting):
    plan = make_plan(setting)
    login(client, setting["leader"])
    assert client.post(reverse("inspections:plans:approve", args=[plan.pk])).status_code == 302
    login(client, setting["staff_a"])
    client.post(reverse("inspections:plans:publish", args=[plan.pk]))
    client.post(reverse("inspections:plans:commit", args=[plan.pk]),
                {"commit-method": "hashrank", "commit-source_labels": "\n".join(LABELS)})
    page = client.get(reverse("inspections:plans:detail", args=[plan.pk])).content.decode()
    plan.refresh_from_db()
    draw = plan.draws.get()
    assert plan.status == PlanStatus.COMMITTED and draw.commit_sha256 in page and LABELS[0] in page
    assert "A类：10" in page
    response = client.post(reverse("inspections:plans:reveal", args=[plan.pk]), {"reveal-sources": SOURCES})
    assert response.status_code == 302
    page = client.get(reverse("inspections:plans:detail", args=[plan.pk])).content.decode()
    assert "共11项" in page and "D类：5" in page
    record = json.loads(b"".join(client.get(reverse("inspections:draw_file", args=[draw.pk, "record"]))
                                 .streaming_content))
    assert engine.verify(record, draw.commit_sha256).match


def test_a_seal_at_the_end_of_a_source_line_is_committed_and_published(client, setting):
    plan = published_plan(setting)
    seal = engine.seal_of([int(WITNESS_SECRET)])
    login(client, setting["staff_a"])
    client.post(reverse("inspections:plans:commit", args=[plan.pk]),
                {"commit-method": "hashrank", "commit-source_labels": f"{LABELS[0]}\n{WITNESS}   {seal.upper()}\n"})
    draw = plan.draws.get()
    assert (draw.source_labels, draw.source_seals) == ([LABELS[0], WITNESS], ["", seal])
    assert seal in client.get(reverse("inspections:plans:detail", args=[plan.pk])).content.decode()
    client.logout()
    assert seal in client.get(reverse("portal:inspection_plan", args=[plan.number])).content.decode()


SEAL = "fe7f4588b000a41aa7f7b2ebf10c628746f54e9865c3724706801a2d111739f5"  # of 271828./


@pytest.mark.parametrize(("line", "parsed"), [
    (f"见证人甲 {SEAL.upper()}", ("见证人甲", SEAL)),
    (f"见证人甲：{SEAL}", ("见证人甲", SEAL)),  # a full-width colon
    (f"见证人甲 {SEAL}  -", ("见证人甲", SEAL)),  # pasted sha256sum output
    ("见证人甲 00000000000000000000abc", ("见证人甲 00000000000000000000abc", "")),  # too short to be a seal
    (f"见证人甲 {SEAL[:-1]}", "第2行末尾的封存值有63位，应为64位十六进制数"),
    (f"见证人甲 {SEAL}0", "第2行末尾的封存值有65位"),
    (SEAL, "第2行只有封存值：请把它写在所封存的随机源说明的同一行末尾"),
])
def test_the_commit_form_reads_a_seal_at_the_end_of_a_line_and_refuses_a_mistyped_one(line, parsed):
    from fazhi.inspections.forms import CommitForm

    form = CommitForm(data={"method": "hashrank", "source_labels": f"彩票开奖号码\n{line}\n"}, record=None, user=None)
    if isinstance(parsed, tuple):
        assert form.is_valid(), form.errors
        assert form.cleaned_data["source_labels"] == [("彩票开奖号码", ""), parsed]
    else:
        assert not form.is_valid() and parsed in str(form.errors["source_labels"])


def test_the_commit_page_names_an_unsealed_witness_secret_and_commits_nothing(client, setting):
    plan = published_plan(setting)
    login(client, setting["staff_a"])
    response = client.post(reverse("inspections:plans:commit", args=[plan.pk]),
                           {"commit-method": "hashrank", "commit-source_labels": f"{LABELS[0]}\n{WITNESS}\n"})
    unsealed = message_pattern(services.DRAW_SOURCE_PRIVATE_UNSEALED, anchored=False, n=2, label=WITNESS)
    assert re.search(unsealed, response.content.decode())
    assert not plan.draws.exists()


def test_a_refused_reveal_shows_the_reason_and_changes_nothing(client, setting):
    plan = published_plan(setting)
    services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    login(client, setting["staff_a"])
    response = client.post(reverse("inspections:plans:reveal", args=[plan.pk]), {"reveal-sources": "1 2\n"})
    count = message_pattern(services.DRAW_SOURCE_COUNT, anchored=False, expected=2, given=1)
    assert re.search(count, response.content.decode())
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COMMITTED and not plan.tasks.exists()


def test_staff_of_an_uninvolved_unit_get_404_for_the_plan_and_its_files(client, setting, users):
    plan, draw = drawn_plan(setting)
    login(client, users["unit_staff"])
    assert client.get(reverse("inspections:plans:detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("inspections:draw_file", args=[draw.pk, "record"])).status_code == 404
    task = plan.tasks.first()
    assert client.get(reverse("inspections:tasks:detail", args=[task.pk])).status_code == 404


def test_an_inspector_sees_their_tasks_and_records_a_result_on_the_task_page(client, setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    member = task.team.first().officer.user
    login(client, member)
    page = client.get(reverse("inspections:my_tasks")).content.decode()
    assert task.entity.name in page
    pending = selectors.tasks_of_officer(member).filter(status=TaskStatus.PENDING).count()
    assert 'id="pending-inspections"' in client.get(reverse("web:home")).content.decode()
    assert pending > 0
    detail = client.get(reverse("inspections:tasks:detail", args=[task.pk])).content.decode()
    assert "录入检查结果" in detail
    response = client.post(reverse("inspections:tasks:result", args=[task.pk]), {
        "result-result": TaskResult.NOT_DISCLOSED, "result-inspected_on": clock.today().isoformat(),
        "result-findings": "未按规定公示2025年度报告"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.COMPLETED and task.result == TaskResult.NOT_DISCLOSED


def test_an_officer_not_in_the_team_is_not_offered_the_result_form(client, setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    members = {s.officer_id for s in task.team.all()}
    outsider = next(o for o in setting["officers"] if o.pk not in members and o.org_unit == plan.lead_unit)
    login(client, outsider.user)
    assert "录入检查结果" not in client.get(reverse("inspections:tasks:detail", args=[task.pk])).content.decode()
    response = client.post(reverse("inspections:tasks:result", args=[task.pk]), {
        "result-result": TaskResult.NO_PROBLEM, "result-inspected_on": clock.today().isoformat()})
    assert response.status_code == 403


def test_statistics_and_the_credit_publicity_export(client, setting):
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    services.task_record_result(user=setting["staff_a"], task=task, result=TaskResult.RECTIFY_ORDERED,
                                findings="未亮照经营", inspected_on=clock.today())
    services.results_publish(user=setting["staff_a"], plan=plan)
    login(client, setting["leader"])
    page = client.get(reverse("inspections:statistics") + f"?year={plan.starts_on.year}").content.decode()
    assert 'id="stat-joint">1<' in page and 'id="stat-problems">1<' in page
    # As Excel, the same figures; and the page opens on the latest year with plans, not an empty new year.
    sheets = workbook_sheets(client.get(reverse("inspections:statistics"),
                                        {"year": plan.starts_on.year, "format": "xlsx"}))
    figures = dict(row for row in sheets["指标"][1:])
    assert figures["部门联合抽查计划"] == 1 and figures["发现问题"] == 1 and figures["已公示结果"] == 1
    later = clock.today().replace(year=plan.starts_on.year + 2, month=1, day=5)
    with time_machine.travel(later, tick=False):
        login(client, setting["leader"])  # the session would have expired by then
        page = client.get(reverse("inspections:statistics")).content.decode()
    assert f"{plan.starts_on.year}年“双随机、一公开”统计" in page
    response = client.get(reverse("inspections:credit_export") + f"?year={clock.today().year}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["统一社会信用代码", "企业名称", "检查实施机关"]
    assert rows[1][0] == task.entity.uscc and rows[1][3] == "部门联合双随机抽查"
    assert rows[1][5] == "发现问题已责令改正" and len(rows) == 2


def test_the_inspector_pool_lists_certified_officers_on_the_date(client, setting):
    login(client, setting["staff_a"])
    page = client.get(reverse("inspections:inspector_pool") + "?on=2026-06-15").content.decode()
    assert "CERT-A0" in page and "CERT-B2" in page and "共6名" in page
    page = client.get(reverse("inspections:inspector_pool") + "?on=2019-06-15").content.decode()
    assert "共0名" in page


def test_an_approved_plan_offers_no_edit_and_its_edit_page_sends_back(client, setting):
    plan = make_plan(setting)
    login(client, setting["staff_a"])
    edit = reverse("inspections:plans:edit", args=[plan.pk])
    assert edit in client.get(reverse("inspections:plans:detail", args=[plan.pk])).content.decode()
    services.plan_approve(user=setting["leader"], plan=plan)
    page = client.get(reverse("inspections:plans:detail", args=[plan.pk])).content.decode()
    assert edit not in page and "建筑市场行为抽查" in page and "住房和城乡建设局" in page
    response = client.get(edit, follow=True)
    assert escape(FIXED_NOW % {"record": plan}) in response.content.decode()


def test_a_participating_department_downloads_the_draw_files(client, setting):
    _plan, draw = drawn_plan(setting)
    login(client, setting["staff_b"])
    response = client.get(reverse("inspections:draw_file", args=[draw.pk, "record"]))
    assert response.status_code == 200
    assert client.get(reverse("inspections:draw_file", args=[draw.pk, "other"])).status_code == 404


@pytest.mark.parametrize("year", ["0", "99999", "²", "abc"])
def test_a_bad_year_falls_back_to_this_year(client, setting, year):
    login(client, setting["leader"])
    assert client.get(reverse("inspections:statistics") + f"?year={year}").status_code == 200
    assert client.get(reverse("inspections:credit_export") + f"?year={year}").status_code == 200


def test_only_the_legal_office_is_offered_the_void(client, setting):
    plan = published_plan(setting)
    services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    login(client, setting["staff_a"])
    assert 'id="void"' not in client.get(reverse("inspections:plans:detail", args=[plan.pk])).content.decode()
    login(client, setting["legal_office"])
    assert 'id="void"' in client.get(reverse("inspections:plans:detail", args=[plan.pk])).content.decode()


def test_process_records_download_and_verify_on_the_task_page(client, setting, settings, tmp_path, units):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    plan, _draw = drawn_plan(setting)
    task = plan.tasks.first()
    record = services.task_record_attach(user=setting["staff_a"], task=task, kind="written",
                                         file=ContentFile(b"inspection notes", name="notes.txt"))
    login(client, setting["staff_a"])
    download = client.get(reverse("inspections:record_file", args=[record.pk]))
    assert b"".join(download.streaming_content) == b"inspection notes"
    page = client.get(reverse("inspections:tasks:detail", args=[task.pk]) + "?verify=1").content.decode()
    assert "均与保存时一致" in page
    (tmp_path / record.file.name).write_bytes(b"changed notes!!!")
    page = client.get(reverse("inspections:tasks:detail", args=[task.pk]) + "?verify=1").content.decode()
    assert "“notes.txt”的内容与保存时不一致" in page
    from fazhi.accounts.tests.factories import UserFactory

    login(client, UserFactory(role="unit_staff", org_unit=units["street_a"]))  # takes no part in the plan
    assert client.get(reverse("inspections:record_file", args=[record.pk])).status_code == 404


def test_the_joint_meeting_and_its_records_keep_their_member_units_in_the_history(client, setting):
    from fazhi.core.audit import history_entries
    from fazhi.inspections.models import JointMeeting, JointMeetingRecord

    a, b = setting["dept_a"], setting["dept_b"]
    login(client, setting["admin"])
    response = client.post(reverse("inspections:meetings:create"), {
        "name": "双随机联席会议", "convenor": "张三", "convenor_title": "管委会副主任", "lead_unit": a.pk,
        "members": [a.pk, b.pk], "established_on": "2022-02-01", "document": "开发区管委会文件"})
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = JointMeeting.objects.get()
    assert set(meeting.members.all()) == {a, b}
    response = client.post(reverse("inspections:meetings:edit", args=[meeting.pk]), {
        "name": meeting.name, "convenor": "张三", "convenor_title": "管委会副主任", "lead_unit": a.pk,
        "members": [a.pk], "established_on": "2022-02-01", "document": "开发区管委会文件",
        "version": meeting.version, "change_reason": "住建局退出"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(meeting.members.all()) == [a]
    change = history_entries(meeting)[0]
    assert change.reason == "住建局退出"
    assert [(c.field, c.old, c.new) for c in change.changes] == [
        ("成员单位名单", "、".join(sorted([a.name, b.name])), a.name)]
    assert b.name in client.get(reverse("inspections:meetings:detail", args=[meeting.pk])).content.decode()

    response = client.post(reverse("inspections:meeting_records:create"), {
        "meeting": meeting.pk, "held_on": "2022-03-01", "topic": "年度抽查计划", "attendees": [a.pk, b.pk],
        "decisions": "通过2022年度联合抽查计划"})
    assert response.status_code == 302, response.content.decode()[:2000]
    record = JointMeetingRecord.objects.get()
    assert set(record.attendees.all()) == {a, b} and record.attendee_names == "、".join(sorted([a.name, b.name]))


def test_links_without_a_text_field_for_the_history_are_refused(setting):
    from django.core.exceptions import ImproperlyConfigured

    from fazhi.core.services import record_create

    with pytest.raises(ImproperlyConfigured, match="departments"):  # plans keep theirs in `composition` (services)
        record_create(model=InspectionPlan, user=None, title="x", departments=[setting["dept_b"]])
    assert not InspectionPlan.objects.exists()


def test_an_officer_declares_a_recusal_on_its_page_and_its_ground_is_kept(client, setting):
    from fazhi.core.audit import history_entries
    from fazhi.inspections.models import Recusal

    entity = setting["entities"][0]
    login(client, setting["staff_a"])
    response = client.post(reverse("inspections:recusals:create"), {
        "officer": setting["officers"][0].pk, "entity": entity.uscc, "reason": "relative", "note": "配偶任监事",
        "declared_on": "2026-01-05"})
    assert response.status_code == 302, response.content.decode()[:2000]
    recusal = Recusal.objects.get()
    assert recusal.reason == "relative"  # the field 回避事由, not taken for the reason of the change
    response = client.post(reverse("inspections:recusals:edit", args=[recusal.pk]), {
        "officer": setting["officers"][0].pk, "entity": entity.uscc, "reason": "former_employer", "note": "",
        "declared_on": "2026-01-05", "version": recusal.version, "change_reason": "申报有误"})
    assert response.status_code == 302, response.content.decode()[:2000]
    recusal.refresh_from_db()
    assert recusal.reason == "former_employer" and history_entries(recusal)[0].reason == "申报有误"


def test_links_given_by_id_are_named_and_required_links_cannot_be_empty(setting):
    from django.core.exceptions import ValidationError

    from fazhi.core.services import record_create
    from fazhi.inspections.models import JointMeeting

    fields = {"name": "联席会议", "convenor": "甲", "convenor_title": "副主任", "lead_unit": setting["dept_a"],
              "established_on": dt.date(2022, 2, 1)}
    with pytest.raises(ValidationError, match="成员单位"):
        record_create(model=JointMeeting, user=None, members=[], **fields)
    meeting = record_create(model=JointMeeting, user=None, members=[setting["dept_b"].pk], **fields)
    assert list(meeting.members.all()) == [setting["dept_b"]] and meeting.member_names == setting["dept_b"].name


def test_a_stale_edit_of_a_meeting_flags_only_what_the_other_person_changed(client, setting):
    from fazhi.core.services import record_update
    from fazhi.inspections.models import JointMeeting

    a, b = setting["dept_a"], setting["dept_b"]
    meeting = JointMeeting.objects.create(name="联席会议", convenor="甲", convenor_title="副主任", lead_unit=a,
                                          established_on=dt.date(2022, 2, 1), member_names=a.name)
    meeting.members.set([a, b])
    read = meeting.version
    record_update(record=meeting, user=None, expected_version=read, document="新文件")  # someone else, meanwhile
    login(client, setting["admin"])
    response = client.post(reverse("inspections:meetings:edit", args=[meeting.pk]), {
        "name": "联席会议", "convenor": "甲", "convenor_title": "副主任", "lead_unit": a.pk,
        "members": [a.pk, b.pk], "established_on": "2022-02-01", "document": "旧文件",
        "version": read, "change_reason": ""})
    flagged = {name for name, field in response.context["form"].fields.items() if getattr(field, "conflict", None)}
    assert flagged == {"document"}  # the links are the same, though one side is a queryset and the other a manager


def test_the_seal_tool_is_on_a_published_plan_and_on_the_portal_and_in_no_form(client, setting):
    plan = published_plan(setting)
    login(client, setting["staff_a"])
    page = client.get(reverse("inspections:plans:detail", args=[plan.pk])).content.decode()
    assert 'id="seal-tool"' in page and "fazhi-seal.js" in page
    client.logout()
    page = client.get(reverse("portal:inspection_seal")).content.decode()
    tool = page[page.index('id="seal-tool"'):page.index("</section>", page.index('id="seal-tool"'))]
    assert "秘密数须含一个20位以上的数" in tool and "<form" not in tool and " name=" not in tool


def test_the_plan_forms_choice_lists_render_as_checkboxes(client, setting):
    login(client, setting["staff_a"])
    page = client.get(reverse("inspections:plans:create")).content.decode()
    for name in ("registration_statuses", "industries", "entity_types"):
        boxes = re.findall(rf'<input type="checkbox" name="{name}"[^>]*>', page)
        assert boxes and all('class="form-check-input"' in box for box in boxes), name  # not form-control pills
    assert '<label class="form-check-label" for="id_industries_0">农、林、牧、渔业</label>' in page
