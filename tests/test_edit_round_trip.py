"""Every record's edit page saves what it shows: posting the form back unchanged works, for every module.

Walks the same record pages as test_idor_pages (from the URL configuration), as the admin, so a form
whose fields the save cannot take (a many-to-many field, a field the model lacks) fails here.
"""

import datetime as dt
import decimal

import pytest
from django.urls import reverse

from tests.test_idor_pages import RECORD_URLS, other_units_records  # noqa: F401 (a fixture)

EDIT_URLS = [(name, model) for name, model, action in RECORD_URLS if action == "edit"]
# Records of the walk that no form could have made, with why.
NOT_FROM_A_FORM = {"inspections:plans:edit": "the walk's plan is led by a street; the plan form offers departments"}


def _posted(form) -> dict:
    """The form's values as a browser would post them."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, "") or hasattr(value, "url"):  # nothing, or a stored file (not re-sent)
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(value, dt.date | dt.datetime):
            data[name] = value.isoformat()
        elif isinstance(value, decimal.Decimal | int):
            data[name] = str(value)
        else:
            data[name] = str(getattr(value, "pk", value))
    return data


def test_the_walk_finds_edit_pages():
    assert {"inspections:meetings:edit", "inspections:meeting_records:edit", "market_entities:edit"} <= {
        name for name, _ in EDIT_URLS}


@pytest.mark.parametrize(("url_name", "model"), EDIT_URLS, ids=[u[0] for u in EDIT_URLS])
def test_an_edit_form_posted_back_unchanged_saves(client, users, other_units_records, url_name, model):  # noqa: F811
    if url_name in NOT_FROM_A_FORM:
        pytest.skip(NOT_FROM_A_FORM[url_name])
    record = other_units_records[model]
    client.force_login(users["admin"])
    url = reverse(url_name, kwargs={"pk": record.pk})
    response = client.get(url)
    if response.status_code != 200:  # e.g. a plan past its draft stage is fixed
        pytest.skip(f"{url_name}: {response.status_code}")
    data = _posted(response.context["form"]) | {"change_reason": "原样保存"}
    response = client.post(url, data)
    assert response.status_code == 302, (data, response.context["form"].errors if response.context else "")
    assert model.objects.get(pk=record.pk).version == record.version + 1
