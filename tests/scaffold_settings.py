"""Settings for the run of a module generated from scaffold/module (tests/test_module_template.py)."""

from fazhi.settings import *  # noqa: F403
from fazhi.settings import INSTALLED_APPS

SCAFFOLD_APP = "scaffold_sample"
INSTALLED_APPS = [*INSTALLED_APPS, SCAFFOLD_APP]
