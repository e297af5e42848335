"""Writes of administrative enforcement: every one checks who may do it and why it is allowed.

Each function is keyword-only, takes the acting `user` (None: the system, e.g. the demo loader)
and raises FazhiError with a message from this package when it refuses; each runs in one
transaction, so a refusal leaves the data as it was. Field-level mistakes (a bad ID number, a
duplicate certificate number) come from the models' validation as ValidationError.

One module a sub-domain (bodies, cases, decisions, inspections; the refusal messages in messages);
`from fazhi.enforcement import services` and `services.<name>` reach them all. Officers, certificates,
training and exams are fazhi.officers.services'.
"""

# Every public name of the sub-modules, as `services.<name>` (and the imported names the old module offered).
from fazhi.enforcement.services.bodies import *  # noqa: F403
from fazhi.enforcement.services.cases import *  # noqa: F403
from fazhi.enforcement.services.common import *  # noqa: F403
from fazhi.enforcement.services.decisions import *  # noqa: F403
from fazhi.enforcement.services.inspections import *  # noqa: F403
from fazhi.enforcement.services.messages import *  # noqa: F403
