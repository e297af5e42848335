"""The pure draw of 双随机、一公开: verifiable randomness, stratified sampling, inspector assignment.

No Django import anywhere in this package; docs/draw-algorithm.md specifies every step.
"""

from .assignment import Inspector, assign, assign_complete, loads
from .errors import DrawError
from .hashrank import EntityDraw, draw_entities, quotas
from .record import SECRET_MIN_DIGITS, VerifyResult, commitment, compute_result, run, seal_of, secret_too_short, verify
from .rfc3797 import Selection, make_key, parse_sources, select

__all__ = ["SECRET_MIN_DIGITS", "DrawError", "EntityDraw", "Inspector", "Selection", "VerifyResult", "assign",
           "assign_complete", "commitment", "compute_result", "draw_entities", "loads", "make_key", "parse_sources",
           "quotas", "run", "seal_of", "secret_too_short", "select", "verify"]
