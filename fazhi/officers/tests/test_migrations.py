"""The move of officers, certificates, training and exams from enforcement to this app, on an existing database:
the same tables, rows, ids, history and content types, both ways."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.officers.models import EnforcementCertificate, Officer
from fazhi.officers.tests.factories import fake_id_number

# The database as it was before the move: enforcement kept the models, no officers app, inspections before its
# foreign keys were re-pointed.
BEFORE = [("enforcement", "0004_review_unit_overturn_withdrawal"), ("inspections", "0011_commitment_log"),
          ("officers", None)]


def migrate(targets=None):
    """Migrate the test database to `targets`, or back to the latest migrations (None), which a test that went
    back must leave as every other test expects it."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    # (app, None) is "none of the app's migrations": not a node of the graph, nothing in the state.
    return executor.loader.project_state([target for target in targets if target[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_officers_and_certificates_made_before_the_move_are_found_through_the_new_models(units, users):
    try:
        old = migrate(BEFORE)
        with pytest.raises(LookupError):
            old.get_model("officers", "Officer")
        OldOfficer = old.get_model("enforcement", "Officer")
        officer = OldOfficer.objects.create(org_unit_id=units["street_a"].pk, full_name="迁移前", phone="",
                                            id_number=fake_id_number(7070), position="队长")
        certificate = old.get_model("enforcement", "EnforcementCertificate").objects.create(
            officer=officer, number="辽MIGRATE01", issuer="大连市人民政府", area="开发区", field="市场监管",
            valid_from=dt.date(2020, 1, 1), valid_until=dt.date(2030, 1, 1), status="valid")
        old.get_model("enforcement", "HistoricalOfficer").objects.create(
            id=officer.pk, org_unit_id=units["street_a"].pk, full_name="迁移前", id_number=officer.id_number,
            phone="", position="队长", created_on=officer.created_on, version=1, archived_reason="",
            history_date=officer.created_on, history_type="+", history_change_reason="登记")
        old_types = old.get_model("contenttypes", "ContentType").objects
        content_type = old_types.get(app_label="enforcement", model="officer")
        permission = Permission.objects.get(content_type_id=content_type.pk, codename="view_all_officer")
    finally:
        migrate()

    ContentType.objects.clear_cache()
    moved = Officer.objects.get(pk=officer.pk)
    assert (moved.full_name, moved.id_number, moved.org_unit) == ("迁移前", officer.id_number, units["street_a"])
    assert EnforcementCertificate.objects.get(pk=certificate.pk).officer == moved
    assert [(row.full_name, row.history_change_reason) for row in moved.history.all()] == [("迁移前", "登记")]
    # The same content type (and so the same permissions, access log and deadlines), under the new app.
    assert ContentType.objects.get_for_model(Officer).pk == content_type.pk
    assert Permission.objects.get(pk=permission.pk).content_type.app_label == "officers"
    assert users["legal_office"].has_perm("officers.view_all_officer")
    assert Officer._meta.db_table == "enforcement_officer"
    assert Officer.history.model._meta.db_table == "enforcement_historicalofficer"
