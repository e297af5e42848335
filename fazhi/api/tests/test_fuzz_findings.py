"""What the schemathesis run (`make test-api`, docs/decisions/0006) found, kept as ordinary tests."""

import pytest

from fazhi.core.api_support import BAD_FORM, TOO_LARGE

HUGE = 2**70  # beyond a signed 64-bit integer: the database driver overflows on it


@pytest.mark.parametrize(
    ("role", "url", "field"),
    [
        ("legal_office", "/api/normative-documents/cleanups", "documents"),
        ("admin", "/api/enforcement/special-inspections", "org_units"),
        ("admin", "/api/inspections/plans", "departments"),
        ("admin", "/api/inspections/plans", "streets"),
    ],
)
@pytest.mark.parametrize("bad_id", [HUGE, 0, -5])
def test_ids_in_a_list_are_bounded(client_for, role, url, field, bad_id):
    """A list of record ids with one out of range is a 422 naming the field, not a 500 from the database."""
    response = client_for(role).post_json(url, {field: [bad_id]})
    assert response.status_code == 422, response.content
    assert field in {error["field"] for error in response.json()["errors"]}


def test_ids_in_a_list_are_bounded_in_the_schema(client_for):
    schema = client_for("admin").get("/api/openapi.json").json()["components"]["schemas"]
    for name, field in [("CleanupIn", "documents"), ("InspectionIn", "org_units"), ("PlanIn", "departments"),
                        ("PlanIn", "streets")]:
        items = schema[name]["properties"][field]["items"]
        assert (items["minimum"], items["maximum"]) == (1, 2**63 - 1), (name, field)


def test_a_broken_multipart_body_is_a_json_400(client_for):
    """Django reads the form for the CSRF check: a multipart body without a boundary gets our JSON error,
    not Django's HTML "Bad Request" page."""
    client = client_for("admin", enforce_csrf_checks=True)
    token = "t" * 32
    client.cookies["csrftoken"] = token
    response = client.post("/api/market-entities", "x", content_type="multipart/form-data", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": str(BAD_FORM)}


@pytest.mark.parametrize("url", ["/api/users", "/api/enforcement/cases", "/api/deadlines"])
def test_too_many_parameters_is_a_json_400(client_for, url):
    """More query parameters than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS) get our JSON error, not Django's
    HTML "Bad Request" page, and 400 is declared on every operation, GETs included."""
    response = client_for("admin").get(url + "?" + "&".join(["q=x"] * 1001))
    assert response.status_code == 400
    assert response.json() == {"detail": str(TOO_LARGE)}


def test_every_operation_declares_400(client_for):
    schema = client_for("admin").get("/api/openapi.json").json()
    missing = [(method, path) for path, operations in schema["paths"].items()
               for method, operation in operations.items() if "400" not in operation["responses"]]
    assert missing == []
