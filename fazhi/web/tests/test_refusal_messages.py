"""A refused action's banner says "“X”未完成，未作任何修改：" and then the service's reason: no reason may say it
again (issue 16 item 22: duplicated error prefixes)."""

import importlib

from django.utils.functional import Promise

APPS = ("core", "deadlines", "enforcement", "inspections", "legal_advisors", "major_decisions", "normative_documents")


def _service_messages():
    for app in APPS:
        module = importlib.import_module(f"fazhi.{app}.services")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str | Promise):
                yield f"{app}.{name}", str(value)


def test_every_services_module_is_read():
    assert len(list(_service_messages())) > 50


def test_no_service_reason_repeats_what_the_banner_says():
    said = ("未作任何修改", "未冻结：", "未完成，")
    assert [name for name, text in _service_messages() if any(words in text for words in said)] == []
