"""REST API of administrative enforcement: /api/enforcement/...

The same records and rules as the pages: reads through `visible_to(user)` (404 outside the scope,
the same answer as a missing id); creation and every workflow action through the module's
services; changes through `record_update` with the `version` read (409 when stale). A workflow
action is allowed to exactly the users its rule in fazhi.enforcement.permissions allows (the pages
read the same function, so the two cannot drift apart); others get 403. ID numbers and phones are
masked in lists and shown in full only in a record's detail, which is logged as a view of personal
data.

One module a sub-domain: bodies (bodies, matters, major-decision criteria), cases and case_decisions,
inspections (special and unit inspections, rectifications). The routes of officers, certificates,
applications, trainings, exams and the training statistics are fazhi.officers.api's, mounted here under
the paths they have always had (a module's API prefix is its own: fazhi.core.modules).
"""

from ninja import Router

from fazhi.enforcement.api import case_decisions  # noqa: F401  (adds the decision routes to `cases`)
from fazhi.enforcement.api.bodies import bodies, criteria, matters
from fazhi.enforcement.api.cases import cases
from fazhi.enforcement.api.inspections import inspections, rectifications, unit_inspections
from fazhi.officers import api as officers_api

router = Router(tags=["行政执法"])
router.add_router("", officers_api.statistics)
router.add_router("/bodies", bodies)
router.add_router("/matters", matters)
router.add_router("/officers", officers_api.officers)
router.add_router("/certificates", officers_api.certificates)
router.add_router("/trainings", officers_api.trainings)
router.add_router("/exams", officers_api.exams)
router.add_router("/certificate-applications", officers_api.applications)
router.add_router("/major-criteria", criteria)
router.add_router("/cases", cases)
router.add_router("/special-inspections", inspections)
router.add_router("/unit-inspections", unit_inspections)
router.add_router("/rectifications", rectifications)
