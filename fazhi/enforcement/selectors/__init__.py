"""Reads of administrative enforcement: certificates in force, the three systems' checks, statistics.

Other apps (random inspections, the annual report, the portal) read enforcement only through
these functions. One module a sub-domain (officers, cases, statistics, portal); `from
fazhi.enforcement.selectors import <name>` reaches them all.
"""

from fazhi.enforcement.selectors.cases import *  # noqa: F403
from fazhi.enforcement.selectors.common import *  # noqa: F403
from fazhi.enforcement.selectors.officers import *  # noqa: F403
from fazhi.enforcement.selectors.portal import *  # noqa: F403
from fazhi.enforcement.selectors.statistics import *  # noqa: F403
