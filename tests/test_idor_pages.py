"""No role can read or change another unit's records by editing a URL or posting a form.

Walks every record page that takes an id — present and future, because it reads them from
the URL configuration — and tries it with every role against a record of another unit.
"""

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fazhi.core.modules import modules, resolve
from fazhi.core.roles import Role

# Pages that only show a record (GET), answered 200 to whoever may see it.
READ_ONLY_PAGES = {"detail", "check"}


def _idor_modules() -> list[str]:
    return [module.idor_records for module in modules() if module.idor_records]


# Registers every unit reads (zone-wide reference data); the walk checks writes on them only. Each
# module's tests/idor.py names its own.
READ_BY_EVERY_UNIT = frozenset().union(*(
    getattr(importlib.import_module(path.partition(":")[0]), "READ_BY_EVERY_UNIT", frozenset())
    for path in _idor_modules()))


def _record_urls(resolver=None, namespace=""):
    """(url name, model, action) for every page whose view is a generic record page with a pk."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _record_urls(entry, inner)
        elif isinstance(entry, URLPattern) and "<int:pk>" in str(entry.pattern):
            pages = getattr(entry.callback, "view_initkwargs", {}).get("pages")
            if pages is not None:
                yield f"{namespace}{entry.name}", pages.model, entry.name


RECORD_URLS = sorted(_record_urls(), key=lambda u: u[0])


def test_the_walk_finds_the_record_pages():
    names = {name for name, _, _ in RECORD_URLS}
    assert {"market_entities:detail", "market_entities:edit", "market_entities:archive",
            "organisation:detail", "accounts:detail"} <= names
    assert {"enforcement:cases:detail", "enforcement:cases:assign", "enforcement:cases:review",
            "enforcement:cases:decide", "enforcement:cases:publish", "officers:officers:detail",
            "officers:certificates:revoke", "enforcement:unit_inspections:on_site"} <= names
    assert {"normative_documents:documents:detail", "normative_documents:documents:check",
            "normative_documents:documents:review", "normative_documents:documents:publish",
            "normative_documents:documents:file", "normative_documents:cleanups:decide",
            "major_decisions:decisions:review", "major_decisions:decisions:discuss",
            "legal_advisors:contracts:terminate", "legal_advisors:advisors:edit", "deadlines:detail"} <= names


@pytest.fixture
def other_units_records(units, users):
    """One record per model that belongs to street B, from each module's IDOR fixtures (its tests/idor.py);
    the acting users are in street A."""
    records: dict = {}
    for path in _idor_modules():
        built = resolve(path)(units, users)
        assert not set(built) & set(records), f"{path}: a model is already built by another module"
        records.update(built)
    return records


def test_every_record_page_has_a_record(other_units_records):
    """A module with id pages declares its records (`idor_records` of its AppConfig's `fazhi_module`)."""
    assert {model for _name, model, _action in RECORD_URLS} <= set(other_units_records)


# Actions a role takes zone-wide by design, on records it may not otherwise change.
ZONE_WIDE_ACTIONS = {("inspections:plans:approve", "leader")}  # 抽查计划由领导审批


@pytest.mark.parametrize("role", ["unit_staff", "officer", "leader", "legal_office"])
@pytest.mark.parametrize(("url_name", "model", "action"), RECORD_URLS, ids=[u[0] for u in RECORD_URLS])
def test_other_units_record_by_url_and_form(client, users, other_units_records, role, url_name, model, action):
    user = users[role]
    record = other_units_records[model]
    visible = model.objects.visible_to(user).filter(pk=record.pk).exists()
    changeable = (model.objects.changeable_by(user).filter(pk=record.pk).exists()
                  or (url_name, role) in ZONE_WIDE_ACTIONS)
    if role in (Role.UNIT_STAFF, Role.OFFICER) and model not in READ_BY_EVERY_UNIT:
        assert not visible  # the matrix below must be about a record out of reach
    client.force_login(user)
    url = reverse(url_name, kwargs={"pk": record.pk})
    version = model.objects.get(pk=record.pk).version

    response = client.get(url)
    post_only = response.status_code == 405  # e.g. archive: answers 405 to GET for every id alike
    if not visible:
        assert response.status_code == 404 or (post_only and action not in READ_ONLY_PAGES)
    elif action in READ_ONLY_PAGES:
        assert response.status_code == 200
    elif not changeable:
        assert response.status_code in (403, 404) or post_only

    response = client.post(url, {"name": "越权修改", "reason": "越权归档", "version": version})
    fresh = model.objects.get(pk=record.pk)
    if not changeable:
        # 405 comes from the URL's method list alone, the same for every id: it reveals nothing.
        assert response.status_code in ((403, 404, 405) if visible else (404, 405))
        assert fresh.version == version
        assert getattr(fresh, "archived_on", None) is None
