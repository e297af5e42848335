"""The content types of the moved models change app (enforcement → officers), keeping their ids: the permissions,
the personal-data access log, the certificates' expiry deadlines and the admin log that point at them stay valid."""

from django.db import migrations

MODELS = ("officer", "enforcementcertificate", "training", "trainingattendance", "exam", "examresult",
          "certificateapplication")
MOVED = (*MODELS, *(f"historical{model}" for model in MODELS))


def _move(apps, old: str, new: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects
    for model in MOVED:
        # A row already under the new label (made by a migrate that stopped in between) is left as it is.
        if not content_types.filter(app_label=new, model=model).exists():
            content_types.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor) -> None:
    _move(apps, "enforcement", "officers")


def backwards(apps, schema_editor) -> None:
    _move(apps, "officers", "enforcement")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("enforcement", "0005_officers_app"),
        ("officers", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
