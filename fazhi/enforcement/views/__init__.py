"""Pages of administrative enforcement, on the generic record pages (fazhi.records.pages).

One module a sub-domain (bodies, cases, inspections, statistics); each defines its pages and their
instance (`views.cases` is the cases' CasePages, which urls.py mounts). Officers, certificates, training
and exams are fazhi.officers' pages.

What this module adds to the generic pages, once for every enforcement register:
- new records are created by the module's services (fazhi.enforcement.services), which start
  deadlines, number cases and apply the rules, instead of a plain `record_create`;
- a record's page may carry workflow actions (assign an officer, decide, publish...): each is a
  POST to `<pk>/<action>/` handled by one service. The record must be visible (else 404) and the
  action allowed to the user (else 403) before the form is read. A refused or invalid action
  re-renders the page with the user's input and the service's message, and changes nothing.
"""

# Every public name of the sub-modules: the pages' instances (bodies, cases...), their classes, the views.
from fazhi.enforcement.views.bodies import *  # noqa: F403
from fazhi.enforcement.views.bodies import bodies, criteria, matters
from fazhi.enforcement.views.cases import *  # noqa: F403
from fazhi.enforcement.views.cases import cases
from fazhi.enforcement.views.inspections import *  # noqa: F403
from fazhi.enforcement.views.inspections import inspections, rectifications, unit_inspections
from fazhi.enforcement.views.statistics import *  # noqa: F403

ALL_PAGES = (bodies, matters, criteria, cases, inspections, unit_inspections, rectifications)
