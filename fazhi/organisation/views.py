from django.utils.translation import gettext as _

from fazhi.organisation.models import MAX_DEPTH, OrgUnit
from fazhi.organisation.selectors import current_zone
from fazhi.records.pages import RecordPages


def _tree_key(unit: OrgUnit, by_pk: dict[int, OrgUnit]) -> tuple:
    """Sort key that puts every unit right after its parent: the chain of (order, code) from the top."""
    chain, node, depth = [], unit, 0
    while node is not None and depth < MAX_DEPTH:
        chain.append((node.sort_order, node.code))
        node, depth = by_pk.get(node.parent_id), depth + 1
    return tuple(reversed(chain))


class OrgUnitPages(RecordPages):
    model = OrgUnit
    namespace = "organisation"
    register_name = "org_units"
    list_fields = ("name", "code", "kind", "parent", "short_name")
    secondary_fields = ("code", "short_name")
    search_fields = ("name", "short_name", "code")
    filter_fields = ("kind",)
    form_fields = ("code", "name", "short_name", "kind", "parent", "sort_order", "keeps_market_register")
    detail_fields = ("code", "name", "short_name", "kind", "parent", "sort_order", "keeps_market_register", "zone")
    actions = ("list", "detail", "create", "edit", "archive", "export")

    def new_record_fields(self, request) -> dict:
        return {"zone": current_zone()}

    def arrange(self, queryset):
        """The org chart as a tree: each unit under its parent, indented by depth."""
        units = list(queryset)
        by_pk = {u.pk: u for u in OrgUnit.objects.only("pk", "parent_id", "sort_order", "code")}
        for unit in units:
            unit.tree_key = _tree_key(unit, by_pk)
            unit.tree_depth = len(unit.tree_key) - 1
        return sorted(units, key=lambda u: u.tree_key)

    def extra_detail_fields(self, record, request) -> list[tuple[str, str]]:
        chain, node, depth = [], record.parent, 0
        while node is not None and depth < MAX_DEPTH:
            chain.append(node.name)
            node, depth = node.parent, depth + 1
        children = OrgUnit.objects.visible_to(request.user).active().filter(parent=record)
        return [
            (_("上级机构路径"), " › ".join(reversed(chain)) or "—"),
            (_("下级机构"), "、".join(c.name for c in children) or "—"),
        ]


pages = OrgUnitPages()
