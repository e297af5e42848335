"""`fazhi startmodule <name> --title 标题`: a new module in the one shape every module has (ADR 0013).

Django's startapp with the template in scaffold/module: models, lifecycle, permissions, services,
selectors, pages, API, report section, menu entry, IDOR records and tests, registered through its
AppConfig (fazhi.core.modules). The result passes the IDOR walk and its API matrix as generated
(tests/test_module_template.py); docs/how-to/add-a-module.md says what to change next.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.templates import TemplateCommand

TEMPLATE = Path(settings.BASE_DIR) / "scaffold" / "module"


class Command(TemplateCommand):
    help = "Creates a fazhi module (fazhi/<name>/) from scaffold/module."
    missing_args_message = "You must provide a module name."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--title", required=True, help="the module's name as users see it, e.g. 行政复议")
        parser.add_argument("--package", help="its import path (default fazhi.<name>)")
        parser.add_argument("--url-prefix", help="its pages' and API's path (default: the name with - for _)")

    def handle(self, **options):
        name, target = options.pop("name"), options.pop("directory")
        if target is None:
            target = Path(settings.BASE_DIR) / "fazhi" / name
            if target.exists():
                raise CommandError(f"{target} already exists.")
            target.mkdir()
        options["template"] = options.get("template") or str(TEMPLATE)
        options["package"] = options.get("package") or f"fazhi.{name}"
        options["url_prefix"] = options.get("url_prefix") or name.replace("_", "-")
        super().handle("app", name, str(target), **options)
