"""Who may do what with deadlines: the one home of its user rules (ADR 0013).

Deadlines are the platform's own bookkeeping: started, completed, cancelled and recounted by the services
as the system, on behalf of the record they belong to (the record's module decides who may do the work).
The one user rule is the calendar's.
"""


def may_enter_calendar(user) -> bool:
    """Each year's holiday arrangement (国务院办公厅 notice) is entered by the system administrator, in
    系统管理: those who may add calendar years. Until then that year's deadlines are counted provisionally."""
    return user.has_perm("deadlines.add_calendaryear")
