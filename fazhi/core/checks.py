"""System checks that keep the platform's promises true as new apps are added."""

from django.apps import apps
from django.core import checks

from fazhi.core.models import AccessLog, BaseModel

# Models that are deliberately not BaseModel records: the audit log itself.
NOT_RECORDS = {AccessLog}


@checks.register()
def every_record_is_audited(app_configs=None, **kwargs):
    """Every concrete model in a fazhi app must derive from BaseModel, so it has history."""
    errors = []
    for model in apps.get_models():
        if not model.__module__.startswith("fazhi.") or model in NOT_RECORDS:
            continue
        if model.__name__.startswith("Historical") or getattr(model, "NOT_A_RECORD", False):
            continue
        if not issubclass(model, BaseModel):
            errors.append(checks.Error(
                f"{model._meta.label} does not derive from fazhi.core.models.BaseModel",
                hint="Derive from BaseModel so its changes are audited, or set NOT_A_RECORD = True with a reason.",
                obj=model, id="fazhi.E001",
            ))
    return errors


@checks.register(checks.Tags.security, deploy=True)
def no_simulated_clock_in_production(app_configs=None, **kwargs):
    """FAZHI_CLOCK moves the platform's date: fine for a demo, never for real deadlines."""
    from django.conf import settings

    if not settings.FAZHI_CLOCK:
        return []
    return [checks.Error(
        f"FAZHI_CLOCK={settings.FAZHI_CLOCK} sets the platform's date; deadlines would be counted from it",
        hint="Unset FAZHI_CLOCK on a production server: it is for demo, training and test installations.",
        id="fazhi.E002",
    )]


@checks.register(checks.Tags.admin)
def every_admin_applies_the_record_rules(app_configs=None, **kwargs):
    """Every admin page of a fazhi model is a RecordAdmin: it keeps workflow records read-only
    (BaseModel.ADMIN_MAINTAINED), stamps edits, and deletes nothing the law keeps."""
    from django.contrib import admin

    from fazhi.core.admin import RecordAdmin

    errors = []
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("fazhi.") or model in NOT_RECORDS:
            continue
        if not isinstance(model_admin, RecordAdmin):
            errors.append(checks.Error(
                f"the admin of {model._meta.label} ({type(model_admin).__name__}) is not a RecordAdmin",
                hint="Derive it from fazhi.core.admin.RecordAdmin so the admin cannot bypass the workflow.",
                obj=model_admin, id="fazhi.E003",
            ))
    return errors
