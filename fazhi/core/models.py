"""The base every record in fazhi stands on: who/when, version, archive, audit, scoping."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Permission actions every record model gets, in pairs: zone-wide (all) vs own org unit.
PERMISSION_ACTIONS = ("add", "view_all", "view_own_unit", "change_all", "change_own_unit", "archive")


def perm_name(model, action: str) -> str:
    """The permission string for an action on a model, e.g. "market_entities.change_all_marketentity"."""
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class RecordHistory(HistoricalRecords):
    """HistoricalRecords for a base class: each excluded field applies to the models that have it."""

    def create_history_model(self, model, inherited):
        wanted = self.excluded_fields
        present = {field.name for field in model._meta.fields}
        self.excluded_fields = [name for name in wanted if name in present]
        try:
            return super().create_history_model(model, inherited)
        finally:
            self.excluded_fields = wanted

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        # A model moved from another app keeps its tables: its Meta.db_table, and its history's HISTORY_TABLE.
        if getattr(model, "HISTORY_TABLE", None):
            options["db_table"] = model.HISTORY_TABLE
        return options

    def post_save(self, instance, created, using=None, **kwargs):
        # A save of excluded fields only (a login stamping last_login) changes nothing we keep.
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


def history_user(instance, request=None, **kwargs):
    """Who made a change: the web request's user, else the user a service stamped on the record."""
    if request is not None:
        return request.user
    return instance.modified_by if instance.modified_by_id else None


class ScopedQuerySet(models.QuerySet):
    """Querysets that know which rows a user may see or change (no IDOR by construction)."""

    def active(self) -> "ScopedQuerySet":
        return self.filter(archived_on__isnull=True)

    def _scoped(self, user, action: str) -> "ScopedQuerySet":
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.has_perm(perm_name(self.model, f"{action}_all")):
            return self
        unit_field = self.model.UNIT_FIELD
        if unit_field and user.org_unit_id and user.has_perm(perm_name(self.model, f"{action}_own_unit")):
            return self.filter(**{unit_field: user.org_unit_id})
        return self.none()

    def visible_to(self, user) -> "ScopedQuerySet":
        return self._scoped(user, "view")

    def changeable_by(self, user) -> "ScopedQuerySet":
        return self._scoped(user, "change")


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass


class BaseModel(models.Model):
    """Abstract base: created/modified by/on, optimistic-lock version, archive, full history.

    Every concrete model in fazhi inherits from it (a system check enforces that), so
    every create, change and delete is kept in its history table by default.
    """

    # Lookup path from this model to the OrgUnit id that "own unit" means; None: zone-wide only.
    UNIT_FIELD: str | None = None
    # Viewing a record of this model is logged (个人信息保护法 第五十一条: security measures).
    HOLDS_PERSONAL_DATA = False
    # Records the law requires to be kept are archived, never deleted (档案法 第二十一条: 禁止擅自销毁档案).
    RETAIN_RECORDS = True
    # Many-to-many field -> a text field of this model that record_create/record_update fill with the
    # linked records' names: the history keeps no links, so it keeps (and compares) that text instead.
    MANY_TO_MANY_TEXT: dict[str, str] = {}
    # True: reference data a system administrator maintains in the Django admin (units, users, the
    # entity register, bodies and matters, the calendar). False, the default: records the module's
    # services create and move through their steps (cases, reviews, documents, deadlines): the admin
    # only shows them, so nobody changes a published document or adds a review past its rules.
    # RecordAdmin applies it; the system check fazhi.E003 makes every admin a RecordAdmin.
    ADMIN_MAINTAINED = False

    created_on = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )
    modified_on = models.DateTimeField(_("修改时间"), auto_now=True, editable=False)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    archived_on = models.DateTimeField(_("归档时间"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("归档人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )
    archived_reason = models.CharField(_("归档原因"), max_length=200, blank=True, editable=False)

    # Password hashes and login times are not record content: keeping them forever in history
    # would only widen what a leak exposes.
    history = RecordHistory(
        inherit=True, excluded_fields=["modified_on", "password", "last_login"], get_user=history_user
    )
    objects = ScopedManager()

    class Meta:
        abstract = True
        default_permissions = PERMISSION_ACTIONS

    @property
    def is_archived(self) -> bool:
        return self.archived_on is not None

    def delete(self, *args, **kwargs):
        if self.RETAIN_RECORDS:
            from fazhi.core.exceptions import RetentionError

            raise RetentionError(self)
        return super().delete(*args, **kwargs)


class AppendOnlyQuerySet(models.QuerySet):
    """No bulk change or removal."""

    def update(self, **kwargs):
        from fazhi.core.exceptions import AuditImmutableError

        raise AuditImmutableError()

    def delete(self):
        from fazhi.core.exceptions import AuditImmutableError

        raise AuditImmutableError()


class AppendOnlyModel(models.Model):
    """A log written once and never changed or removed, one row or in bulk (like the audit history)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            from fazhi.core.exceptions import AuditImmutableError

            raise AuditImmutableError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from fazhi.core.exceptions import AuditImmutableError

        raise AuditImmutableError()


class AccessLog(AppendOnlyModel):
    """Who viewed a record that holds personal data. Append-only."""

    viewed_on = models.DateTimeField(_("查看时间"), default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("查看人"), on_delete=models.PROTECT)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("记录"), max_length=200)
    path = models.CharField(_("访问路径"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("个人信息查看记录")
        verbose_name_plural = verbose_name
        ordering = ["-viewed_on"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user} {self.viewed_on:%Y-%m-%d %H:%M} {self.object_repr}"
