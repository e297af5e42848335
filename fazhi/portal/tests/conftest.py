from fazhi.inspections.tests.scenario import setting  # noqa: F401  (the inspection scenario)
