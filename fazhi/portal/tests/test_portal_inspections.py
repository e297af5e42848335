"""一公开: published plans with their draw, and results searchable by USCC or name, without a login."""

import json

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.inspections import engine, services
from fazhi.inspections.constants import TaskResult
from fazhi.inspections.tests.scenario import LABELS, drawn_plan, make_plan, published_plan

pytestmark = pytest.mark.django_db


def test_a_published_plan_shows_its_commitment_before_the_draw(client, setting):
    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    page = client.get(reverse("portal:inspection_plan", args=[plan.number])).content.decode()
    assert draw.commit_sha256 in page and LABELS[1] in page and "record-link" not in page
    # anchored in the commitment log, whose entry the plan's page names
    assert f"第{draw.log_entry.position}条" in page and draw.log_entry.entry_sha256 in page
    assert reverse("portal:inspection_commitments") in page
    # the version the outsider's verifier must implement, as the frozen input names it
    stored = json.loads(b"".join(client.get(reverse("portal:draw_file", args=[draw.pk, "input"])).streaming_content))
    assert stored["method"] == {"name": "hashrank", "version": draw.method_version}
    assert draw.method_version == engine.canonical.METHODS["hashrank"]
    assert f"分层哈希排序法（hashrank） 第{draw.method_version}版" in page


def test_a_draft_plan_is_not_public(client, setting):
    plan = make_plan(setting)
    assert client.get(reverse("portal:inspection_plan", args=[plan.number])).status_code == 404


def test_the_public_downloads_the_record_and_it_verifies(client, setting):
    _plan, draw = drawn_plan(setting)
    response = client.get(reverse("portal:draw_file", args=[draw.pk, "record"]))
    record = json.loads(b"".join(response.streaming_content))
    assert str(engine.verify(record, draw.commit_sha256)) == "MATCH"


def test_published_results_are_searchable_by_uscc_or_name_and_unpublished_ones_are_not_shown(client, setting):
    plan, _draw = drawn_plan(setting)
    first, second = list(plan.tasks.select_related("entity"))[:2]
    for task in (first, second):
        services.task_record_result(user=setting["staff_a"], task=task, result=TaskResult.NO_PROBLEM,
                                    inspected_on=clock.today())
    page = client.get(reverse("portal:inspections")).content.decode()
    assert first.entity.uscc not in page
    services.results_publish(user=setting["staff_a"], plan=plan)
    page = client.get(reverse("portal:inspections") + f"?q={first.entity.uscc}").content.decode()
    assert first.entity.name in page and second.entity.name not in page
    page = client.get(reverse("portal:inspections") + f"?q={second.entity.name}").content.decode()
    assert second.entity.uscc in page and "未发现问题" in page
