"""The IDOR walk's records of this app (tests/test_idor_pages.py): one of each model, owned by street B."""

from fazhi.inspections.models import (
    InspectionItem,
    InspectionPlan,
    InspectionRules,
    InspectionTask,
    JointMeeting,
    JointMeetingRecord,
    Recusal,
)
from fazhi.inspections.tests.factories import make_task
from fazhi.officers.tests.factories import OfficerFactory

# The items list, the rules and the joint meetings are published for every unit to read.
READ_BY_EVERY_UNIT = frozenset({InspectionItem, InspectionRules, JointMeeting, JointMeetingRecord})


def other_units_records(units, users) -> dict:
    street_b = units["street_b"]
    officer = OfficerFactory(org_unit=street_b)
    task = make_task(lead_unit=street_b, officer=officer)
    return {
        InspectionItem: task.plan.items.get(),
        InspectionRules: InspectionRules.objects.get(org_unit=street_b),
        JointMeeting: task.joint_meeting,
        JointMeetingRecord: task.joint_meeting.records.get(),
        Recusal: Recusal.objects.get(officer=officer),
        InspectionPlan: task.plan,
        InspectionTask: task,
    }
