"""Pages of the enforcement catalogues: bodies, matters and the major-decision criteria."""


from django.urls import reverse

from fazhi.enforcement import forms as action_forms
from fazhi.enforcement import services
from fazhi.enforcement.models import EnforcementBody, EnforcementMatter, MajorCriterion
from fazhi.records.workflow import WorkflowPages

# ----- bodies and matters -----


class BodyPages(WorkflowPages):
    model = EnforcementBody
    namespace = "enforcement:bodies"
    register_name = "enforcement_bodies"
    list_fields = ("name", "org_unit", "kind", "fields")
    secondary_fields = ("fields",)
    search_fields = ("name", "fields")
    filter_fields = ("kind", "org_unit")
    form_fields = ("org_unit", "name", "kind", "legal_basis", "fields", "legal_reviewer")
    detail_template = "enforcement/body_detail.html"

    def create(self, request, data):
        return services.body_create(user=request.user, **self.fields_of(data))

    def detail_context(self, record, request):
        return {
            "matters": record.matters.visible_to(request.user).active(),
            "matters_url": reverse("enforcement:matters:list") + f"?body={record.pk}",
        }


class MatterPages(WorkflowPages):
    model = EnforcementMatter
    namespace = "enforcement:matters"
    register_name = "enforcement_matters"
    list_fields = ("code", "name", "kind", "body")
    search_fields = ("code", "name", "legal_basis")
    filter_fields = ("body", "kind")
    form_fields = ("body", "code", "name", "kind", "legal_basis")

    def create(self, request, data):
        return services.matter_create(user=request.user, **self.fields_of(data))


# ----- major-decision criteria -----


class CriterionPages(WorkflowPages):
    """The catalogue of what counts as a major decision; only the legal-affairs office changes it."""

    model = MajorCriterion
    namespace = "enforcement:criteria"
    list_fields = ("kind", "fine_threshold", "legal_source", "enabled")
    filter_fields = ("enabled",)
    form_fields = ("kind", "fine_threshold", "legal_source", "enabled")
    # A short catalogue without a register: no export.
    actions = ("list", "detail", "create", "edit", "archive")

    form_base = action_forms.CriterionForm

    def create(self, request, data):
        return services.major_criterion_set(user=request.user, **self.fields_of(data))

    def update(self, request, record, changes, reason=""):
        # Through the service, so the catalogue's rules (a threshold for fines only) hold on every change.
        changes.pop("kind")
        return services.major_criterion_set(user=request.user, kind=record.kind, **changes)


bodies = BodyPages()
matters = MatterPages()
criteria = CriterionPages()
