"""Fixtures of the inspection tests (the scenario lives in scenario.py, importable by other tests)."""

from fazhi.inspections.tests.scenario import setting  # noqa: F401
