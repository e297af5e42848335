"""The pure draw of 双随机、一公开: verifiable randomness, stratified sampling, inspector assignment.

No Django import anywhere in this package; docs/draw-algorithm.md specifies every step. The draw record:
`canonical` (the strict input and its canonical texts), `commit` (the commitment and the seals), `compute`
(running a draw) and `verification` (re-running and comparing one).
"""

from . import canonical  # noqa: F401  (engine.canonical.X: the services read the record's format with it)
from .assignment import Inspector, assign, assign_complete, loads
from .commit import SECRET_MIN_DIGITS, commitment, seal_of, secret_too_short
from .compute import compute_result, run
from .errors import DrawError
from .hashrank import EntityDraw, draw_entities, quotas
from .rfc3797 import Selection, make_key, parse_sources, select
from .verification import VerifyResult, verify

__all__ = ["SECRET_MIN_DIGITS", "DrawError", "EntityDraw", "Inspector", "Selection", "VerifyResult", "assign",
           "assign_complete", "commitment", "compute_result", "draw_entities", "loads", "make_key", "parse_sources",
           "quotas", "run", "seal_of", "secret_too_short", "select", "verify"]
