"""The checks every API permission matrix makes of one record: a record out of a role's scope answers as a
missing one (404, the same body), a list holds only what the role may see, a change outside scope changes
nothing. Each app's matrix writes its own expectations and calls these with them."""

from fazhi.core.api_support import NOT_FOUND


def assert_detail_in_scope(client, base: str, record, visible: bool) -> None:
    """`base` is the resource's path (/api/enforcement/cases): its detail and history answer within scope only."""
    response = client.get(f"{base}/{record.pk}")
    if visible:
        assert response.status_code == 200, response.content
        assert response.json()["id"] == record.pk
    else:
        # Out of scope and non-existent look the same: nobody learns which ids other units hold.
        missing = client.get(f"{base}/999999")
        assert response.status_code == missing.status_code == 404
        assert response.json() == missing.json() == {"detail": str(NOT_FOUND)}
    history = client.get(f"{base}/{record.pk}/history")
    assert history.status_code == (200 if visible else 404), history.content


def assert_list_in_scope(client, base: str, records: dict, visible: dict) -> None:
    """`records` and `visible` map an owner ("a", "b") to its record and whether the role sees it."""
    response = client.get(base, {"page_size": 100})
    assert response.status_code == 200, response.content
    listed = {item["id"] for item in response.json()["items"]}
    for owner, record in records.items():
        assert (record.pk in listed) is visible[owner], owner


def assert_update_in_scope(client, base: str, record, patch: dict, *, visible: bool, changeable: bool) -> None:
    """A PATCH within scope changes the record (one version more); one outside changes nothing: 403 when the
    role sees the record, 404 when it does not."""
    response = client.patch_json(f"{base}/{record.pk}", {"version": record.version, **patch})
    fresh = type(record).objects.get(pk=record.pk)
    if changeable:
        assert response.status_code == 200, response.content
        assert fresh.version == record.version + 1
    else:
        assert response.status_code == (403 if visible else 404), response.content
        assert fresh.version == record.version
