"""Django admin, for system administrators: no silent overwrite, no revert, no delete of kept records."""

import pytest
from django.contrib import admin
from django.urls import reverse

from fazhi.core.exceptions import STALE_RECORD
from fazhi.market_entities.models import MarketEntity
from fazhi.market_entities.tests.factories import MarketEntityFactory


@pytest.fixture
def entity(units):
    return MarketEntityFactory(street=units["street_a"], address="原地址1号")


def _form(entity, **changes):
    data = {f: getattr(entity, f) for f in ("uscc", "name", "entity_type", "legal_representative", "address",
                                          "industry", "registration_status", "risk_class")}
    data.update(street=entity.street_id, expected_version=entity.version, **changes)
    return data


def test_admin_edit_of_a_record_changed_meanwhile_is_refused(client, users, entity):
    client.force_login(users["admin"])
    url = reverse("admin:market_entities_marketentity_change", args=[entity.pk])
    stale = _form(entity, address="管理员改的地址")
    fresh = MarketEntity.objects.get(pk=entity.pk)
    fresh.address = "办事员改的地址"
    fresh.version += 1
    fresh.save()
    response = client.post(url, stale)
    assert response.status_code == 200  # the form again, with the message
    assert str(STALE_RECORD) in response.content.decode()
    assert MarketEntity.objects.get(pk=entity.pk).address == "办事员改的地址"


def test_admin_edit_with_the_current_version_saves_and_is_audited(client, users, entity):
    client.force_login(users["admin"])
    url = reverse("admin:market_entities_marketentity_change", args=[entity.pk])
    response = client.post(url, _form(entity, address="新地址2号"))
    assert response.status_code == 302
    saved = MarketEntity.objects.get(pk=entity.pk)
    assert (saved.address, saved.version, saved.modified_by) == ("新地址2号", 2, users["admin"])
    assert saved.history.first().history_user == users["admin"]


def test_history_cannot_be_reverted_from_the_admin(client, users, entity):
    client.force_login(users["admin"])
    row = entity.history.first()
    url = reverse("admin:market_entities_marketentity_simple_history", args=[entity.pk, row.history_id])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(entity, name="HACKED"))
    assert response.status_code == 403
    assert MarketEntity.objects.get(pk=entity.pk).name != "HACKED"


def test_retained_records_have_no_delete_in_the_admin(client, users, entity):
    client.force_login(users["admin"])
    response = client.post(reverse("admin:market_entities_marketentity_delete", args=[entity.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert MarketEntity.objects.filter(pk=entity.pk).exists()


# ----- the admin cannot bypass a workflow (BaseModel.ADMIN_MAINTAINED, system check fazhi.E003) -----

WORKFLOW_ADMINS = sorted((model for model in admin.site._registry
                          if model.__module__.startswith("fazhi.") and not getattr(model, "ADMIN_MAINTAINED", True)),
                         key=lambda model: model._meta.label)


def test_the_workflow_records_are_known():
    labels = {model._meta.label for model in WORKFLOW_ADMINS}
    assert {"normative_documents.NormativeDocument", "normative_documents.LegalityReview",
            "normative_documents.CollectiveDeliberation", "enforcement.EnforcementCase",
            "enforcement.MajorDecisionReview", "major_decisions.MajorDecision", "deadlines.Deadline"} <= labels
    assert "market_entities.MarketEntity" not in labels  # reference data stays editable (tests above)


@pytest.mark.parametrize("model", WORKFLOW_ADMINS, ids=lambda model: model._meta.label)
def test_the_admin_neither_adds_nor_changes_workflow_records(client, users, model):
    client.force_login(users["admin"])
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert client.get(reverse(f"{name}_add")).status_code == 403
    assert client.post(reverse(f"{name}_add"), {}).status_code == 403
    changelist = client.get(reverse(f"{name}_changelist"))
    assert changelist.status_code == 200  # shown: the records and their history stay in view


def test_a_published_documents_text_cannot_be_rewritten_in_the_admin(client, users, units):
    from fazhi.normative_documents.tests.factories import NormativeDocumentFactory, to_in_force

    document = to_in_force(NormativeDocumentFactory(drafting_unit=units["dept_a"]), reviewer=users["legal_office"])
    original = document.text
    client.force_login(users["admin"])
    url = reverse("admin:normative_documents_normativedocument_change", args=[document.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="text"' not in page.content.decode()  # a read-only view
    response = client.post(url, {"title": document.title, "text": "篡改后的正文", "expected_version": document.version})
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.text == original
    portal = client.get(reverse("portal:normative_document", args=[document.pk])).content.decode()
    assert "篡改后的正文" not in portal


def test_the_system_check_finds_an_admin_that_is_not_a_record_admin():
    from fazhi.core.checks import every_admin_applies_the_record_rules
    from fazhi.normative_documents.models import NormativeDocument

    assert every_admin_applies_the_record_rules() == []
    kept = admin.site._registry.pop(NormativeDocument)
    try:
        admin.site.register(NormativeDocument, admin.ModelAdmin)
        assert [error.id for error in every_admin_applies_the_record_rules()] == ["fazhi.E003"]
    finally:
        admin.site._registry[NormativeDocument] = kept
