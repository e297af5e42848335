"""Reads of administrative enforcement: the three systems' checks, statistics, the portal's disclosure.

Other apps (random inspections, the annual report, the portal) read enforcement only through
these functions (officers and their certificates: fazhi.officers.selectors). One module a sub-domain
(cases, statistics, portal); `from fazhi.enforcement.selectors import <name>` reaches them all.
"""

from fazhi.enforcement.selectors.cases import *  # noqa: F403
from fazhi.enforcement.selectors.portal import *  # noqa: F403
from fazhi.enforcement.selectors.statistics import *  # noqa: F403
