"""The draw record's public names in one place, for callers outside the engine (services.py, the `fazhi draw`
command, their tests). The code lives in `canonical` (the strict input, canonical texts and JSON), `commit` (the
commitment and the seals), `compute` (running a draw) and `verification` (re-running and comparing one).

Pure Python, no Django import.
"""

from . import rfc3797
from .canonical import (
           FORMAT,
           FORMAT_VERSION,
           METHODS,
           canonical_json,
           check_input,
           compact_json,
           dumps,
           loads,
           sha256_hex,
)
from .commit import SEAL, SECRET_MIN_DIGITS, broken_seals, commitment, seal_of, secret_too_short
from .compute import compute_result, run
from .verification import VerifyResult, verify

__all__ = ["FORMAT", "FORMAT_VERSION", "METHODS", "SEAL", "SECRET_MIN_DIGITS", "VerifyResult", "broken_seals",
           "canonical_json", "check_input", "commitment", "compact_json", "compute_result", "dumps", "loads",
           "rfc3797", "run", "seal_of", "secret_too_short", "sha256_hex", "verify"]
