"""The commitment log (issue 16, audit item 12): every commit hash in an append-only hash chain, published."""

import hashlib
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from fazhi.core.exceptions import AuditImmutableError, FazhiError
from fazhi.core.tests.messages import message_pattern
from fazhi.inspections import selectors, services
from fazhi.inspections.engine import commitlog
from fazhi.inspections.models import CommitmentLogEntry, Draw
from fazhi.inspections.tests.scenario import LABELS, SOURCES, published_plan

pytestmark = pytest.mark.django_db


def ref_entry_hash(position, committed_at, plan, commit, previous) -> str:
    """Written from docs/draw-algorithm.md 11: SHA-256 of the first five fields joined by tabs."""
    return hashlib.sha256(f"{position}\t{committed_at}\t{plan}\t{commit}\t{previous}".encode()).hexdigest()


def two_commits(setting) -> list[Draw]:
    first = services.draw_commit(user=setting["staff_a"], plan=published_plan(setting, title="甲"),
                                 source_labels=LABELS)
    services.draw_reveal(user=setting["staff_a"], draw=first, sources=SOURCES)
    second = services.draw_commit(user=setting["staff_a"], plan=published_plan(setting, title="乙"),
                                  source_labels=LABELS)
    return [first, second]


def test_each_commit_appends_an_entry_chained_to_the_one_before(setting):
    first, second = two_commits(setting)
    lines = [line.split("\t") for line in selectors.commitment_log_text().splitlines()]
    assert [(fields[0], fields[2], fields[3]) for fields in lines] == [
        ("1", first.plan.number, first.commit_sha256), ("2", second.plan.number, second.commit_sha256)]
    previous = "0" * 64
    for fields in lines:
        assert fields[4] == previous and fields[5] == ref_entry_hash(*fields[:5])
        previous = fields[5]
    assert selectors.commitment_log_problems(head=previous) == []


def test_the_log_is_append_only(setting):
    first, _second = two_commits(setting)
    entry = CommitmentLogEntry.objects.get(draw=first)
    entry.commit_sha256 = "f" * 64
    with pytest.raises(AuditImmutableError):
        entry.save()
    with pytest.raises(AuditImmutableError):
        entry.delete()
    with pytest.raises(AuditImmutableError):
        CommitmentLogEntry.objects.filter(pk=entry.pk).update(commit_sha256="f" * 64)
    with pytest.raises(AuditImmutableError):
        CommitmentLogEntry.objects.all().delete()
    assert CommitmentLogEntry.objects.count() == 2


def test_a_draw_recomputed_after_its_commit_is_detected_and_not_drawn(setting):
    plan = published_plan(setting)
    draw = services.draw_commit(user=setting["staff_a"], plan=plan, source_labels=LABELS)
    head = CommitmentLogEntry.objects.get(draw=draw).entry_sha256
    forged = "e" * 64  # the commit hash of a pool or parameters changed afterwards
    Draw.objects.filter(pk=draw.pk).update(commit_sha256=forged)
    draw.refresh_from_db()
    assert any(re.fullmatch(message_pattern(selectors.DRAW_CHANGED_SINCE_LOGGED, now=forged), p)
               for p in selectors.commitment_log_problems())
    with pytest.raises(FazhiError, match=message_pattern(services.DRAW_LOG_MISMATCH)):
        services.draw_reveal(user=setting["staff_a"], draw=draw, sources=SOURCES)
    # Rewriting the entry too, past the model's guards, breaks its hash; recomputing the hash as well
    # loses the head that readers kept.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE inspections_commitmentlogentry SET commit_sha256 = %s", [forged])
    assert any(re.search(message_pattern(commitlog.ENTRY_HASH_WRONG, anchored=False), p)
               for p in selectors.commitment_log_problems())
    entry = CommitmentLogEntry.objects.get()
    rehashed = commitlog.entry_sha256(1, entry.committed_at, entry.plan_number, forged, commitlog.GENESIS)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE inspections_commitmentlogentry SET entry_sha256 = %s", [rehashed])
    assert selectors.commitment_log_problems() == []
    assert commitlog.HEAD_MISSING.format(head=head) in selectors.commitment_log_problems(head=head)


def test_verify_names_a_removed_or_changed_line():
    entries, previous = [], None
    for n in range(3):
        previous = commitlog.next_entry(previous, f"2026-06-0{n + 1}T10:00:00+08:00", f"P-{n}", f"{n}" * 64)
        entries.append(previous)
    text = commitlog.dumps(entries)
    assert commitlog.verify(text, entries[1].entry_sha256) == (entries, [])
    assert entries[0].entry_sha256 == ref_entry_hash(1, "2026-06-01T10:00:00+08:00", "P-0", "0" * 64, "0" * 64)
    # The worked example of docs/draw-algorithm.md 11.
    assert entries[0].entry_sha256 == "8e043af15338e172f80e6c58050329d457cf0eeb1819a0b3f118ab0077f00271"
    lines = text.splitlines()
    _e, problems = commitlog.verify("\n".join([lines[0], lines[2]]))
    assert commitlog.WRONG_POSITION.format(line=2, expected=2, actual=3) in problems
    assert commitlog.CHAIN_BROKEN.format(line=2) in problems
    _e, problems = commitlog.verify(text.replace("P-1", "P-9"))
    expected = ref_entry_hash(2, entries[1].committed_at, "P-9", "1" * 64, entries[0].entry_sha256)
    assert problems == [commitlog.ENTRY_HASH_WRONG.format(line=2, expected=expected)]


def test_the_portal_offers_the_log_and_the_command_checks_it(client, setting, tmp_path):
    _first, second = two_commits(setting)
    head = CommitmentLogEntry.objects.get(draw=second).entry_sha256
    page = client.get(reverse("portal:inspection_commitments")).content.decode()
    assert head in page and second.commit_sha256 in page
    response = client.get(reverse("portal:inspection_commitments_file"))
    assert response["Content-Type"].startswith("text/plain")
    log = tmp_path / "log.txt"
    log.write_bytes(response.content)
    out = StringIO()
    call_command("draw", "log-verify", str(log), "--head", head, stdout=out)
    assert out.getvalue().startswith("MATCH：2条") and head in out.getvalue()
    log.write_text(response.content.decode().replace(second.commit_sha256, "0" * 64), encoding="utf-8")
    with pytest.raises(CommandError, match="承诺值登记簿核对不通过"):
        call_command("draw", "log-verify", str(log), "--head", head, stdout=StringIO())
