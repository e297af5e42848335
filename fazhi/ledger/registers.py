"""Import/export of the tracking ledger, keyed by the number the platform gives each item (a new row leaves 编号
empty): a unit's items from before the platform, or a spreadsheet kept elsewhere, arrive with their answers."""

from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.core.exceptions import FazhiError, cn_date
from fazhi.ledger import services
from fazhi.ledger.constants import PROPOSAL_KINDS
from fazhi.ledger.models import TrackedItem
from fazhi.registers.base import ChoiceColumn, Column, ForeignKeyColumn, NumberedRegister, register


@register
class TrackedItemRegister(NumberedRegister):
    name = "ledger_items"
    title = "跟踪事项台账"
    model = TrackedItem
    derived_fields = ("due_on", "due_basis", "days_taken", "on_time")
    columns = [
        NumberedRegister.number_column(),
        ChoiceColumn("类别", "kind"),
        ChoiceColumn("整改类型", "rectification", required=False, help_text="审计发现问题必填"),
        Column("来源", "source", help_text="提出诉求的企业、发出建议的机关等"),
        ForeignKeyColumn("来源市场主体统一社会信用代码", "source_entity", lookup="uscc", required=False),
        Column("来源文号", "source_reference", required=False),
        ForeignKeyColumn("承办单位编码", "owner_unit", lookup="code"),
        Column("承办人", "handler", required=False),
        Column("事项", "subject"),
        Column("内容", "content", required=False),
        Column("收到日期", "received_on", help_text="日期，不晚于今天"),
        Column("办理期限", "due_on", required=False, help_text="留空则按该类事项的默认期限计算"),
        Column("期限依据", "due_basis", required=False, help_text="填写办理期限的须填写"),
        Column("延期至", "extended_to", required=False),
        Column("延期理由", "extension_reason", required=False, help_text="填写延期至的须填写"),
        Column("答复日期", "answered_on", required=False, help_text="不早于收到日期，不晚于今天"),
        Column("答复内容", "answer", required=False, help_text="填写答复日期的须填写"),
        ChoiceColumn("答复类别", "grade", required=False, help_text="人大代表建议、政协提案已答复的须填写A、B、C或D"),
        ChoiceColumn("满意度", "satisfaction", required=False, help_text="已答复的事项才能填写"),
    ]

    def complete(self, item) -> None:
        """The rules of the ledger's pages (fazhi.ledger.services), on a whole row at once."""
        today, problems = clock.today(), {}
        if item.received_on > today:
            problems["received_on"] = services.RECEIVED_IN_FUTURE % {"date": cn_date(item.received_on)}
        if not item.due_on:  # an empty cell ("", the field being blank=True)
            item.due_on = None
            default = services.default_due(item.kind, item.received_on)
            if default is None:
                problems["due_on"] = str(services.DUE_REQUIRED)
            else:
                item.due_on, item.due_basis = default
        elif not item.due_basis:
            problems["due_basis"] = str(services.DUE_REQUIRED)
        if item.extended_to is not None and item.due_on is not None:
            if problem := services.extension_problem(item, item.extended_to):
                problems["extended_to"] = problem
            elif not item.extension_reason:
                problems["extension_reason"] = str(services.REASON_REQUIRED)
        item.days_taken = item.on_time = None
        if item.answered_on is not None:
            if item.answered_on < item.received_on:
                problems["answered_on"] = services.ANSWER_BEFORE_RECEIVED % {"date": cn_date(item.received_on)}
            elif item.answered_on > today:
                problems["answered_on"] = services.ANSWER_IN_FUTURE % {"date": cn_date(item.answered_on)}
            elif not item.answer:
                problems["answer"] = str(services.ANSWER_REQUIRED)
            elif item.due_on is not None:
                item.days_taken = (item.answered_on - item.received_on).days
                item.on_time = item.answered_on <= item.effective_due_on
        elif item.answer or item.satisfaction:
            problems["answered_on"] = str(services.ANSWERED_ON_REQUIRED)
        try:
            services.checked_rectification(item.kind, item.rectification)
        except FazhiError as refused:
            problems["rectification"] = refused.message
        if item.grade and item.kind not in PROPOSAL_KINDS:
            problems["grade"] = str(services.GRADE_NOT_USED)
        elif item.answered_on is not None and item.kind in PROPOSAL_KINDS and not item.grade:
            problems["grade"] = str(services.GRADE_REQUIRED)
        if problems:
            raise ValidationError(problems)
