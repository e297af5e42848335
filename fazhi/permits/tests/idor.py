"""The IDOR walk's records of this module (tests/test_idor_pages.py): one of each model, owned by street B."""

import datetime as dt

from fazhi.market_entities.tests.factories import MarketEntityFactory
from fazhi.permits import services
from fazhi.permits.constants import CheckMethod, CheckResult, CommitmentKind, DecisionForm, ReformMode, VisitKind
from fazhi.permits.models import (
    CatalogueEdition,
    CatalogueEntry,
    CheckDraw,
    Commendation,
    CommitmentCheck,
    CreditRecord,
    Pairing,
    PermitCase,
    PermitMatter,
    ServiceTeamMember,
    Visit,
)
from fazhi.permits.tests import factories

# The catalogue is zone-wide: every unit reads it.
READ_BY_EVERY_UNIT = frozenset({CatalogueEdition, PermitMatter, CatalogueEntry})

RECEIVED = dt.date(2022, 3, 1)


def _false_commitment(unit, matter) -> CommitmentCheck:
    """A granted commitment case of `unit`, drawn for a check found false (which writes its credit record)."""
    case = factories.case(unit, [matter], entity=MarketEntityFactory(), received_on=RECEIVED)
    services.case_record_commitment(user=None, case=case, commitment_kind=CommitmentKind.MET_NOW,
                                    commitment_text="承诺符合许可条件")
    case.refresh_from_db()
    services.case_decide(user=None, case=case, decision_form=DecisionForm.LICENCE, decided_on=RECEIVED)
    draw = services.check_draw_commit(user=None, org_unit=unit, period_from=RECEIVED, period_to=RECEIVED,
                                      source_labels=["福彩3D开奖号码"])
    draw = services.check_draw_reveal(user=None, draw=draw, sources=[[3, 1, 4]])
    return services.check_record_result(user=None, check=draw.checks.get(), method=CheckMethod.ONSITE,
                                        result=CheckResult.FALSE, finding="实地核查无经营场所")


def other_units_records(units, users) -> dict:
    unit = units["street_b"]
    edition, matters = factories.catalogue(org_unit=unit)
    check = _false_commitment(unit, matters[ReformMode.COMMITMENT])
    firm = MarketEntityFactory()
    pairing = services.pairing_create(user=None, org_unit=unit, year=2022, leader_name="王主任", entity=firm)
    return {
        CatalogueEdition: edition,
        PermitMatter: matters[ReformMode.OPTIMIZED],
        CatalogueEntry: edition.entries.first(),
        PermitCase: factories.case(unit, [matters[ReformMode.OPTIMIZED]]),
        CheckDraw: check.draw,
        CommitmentCheck: check,
        CreditRecord: check.credit_record,
        Commendation: services.commendation_create(user=None, org_unit=unit, name="2022年度优秀企业表彰大会",
                                                   held_on=dt.date(2022, 3, 10), firms=[firm]),
        Pairing: pairing,
        Visit: services.visit_create(user=None, org_unit=unit, kind=VisitKind.PAIRING, visited_on=dt.date(2022, 3, 11),
                                     visitor="王主任", pairing=pairing, issues="用地手续"),
        ServiceTeamMember: services.member_create(user=None, org_unit=unit, name="赵律师", affiliation="某律师事务所",
                                                  joined_on=dt.date(2022, 1, 1), phone="13800000000"),
    }
