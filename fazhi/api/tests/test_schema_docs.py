"""The OpenAPI schema is complete and honest; the docs page loads nothing from the internet."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

EXPECTED_OPERATIONS = {
    ("get", "/api/org-units"), ("get", "/api/org-units/{id}"), ("get", "/api/org-units/{id}/history"),
    ("get", "/api/users"), ("get", "/api/users/me"), ("get", "/api/users/{id}"), ("get", "/api/users/{id}/history"),
    ("get", "/api/market-entities"), ("post", "/api/market-entities"), ("get", "/api/market-entities/{id}"),
    ("patch", "/api/market-entities/{id}"), ("post", "/api/market-entities/{id}/archive"),
    ("get", "/api/market-entities/{id}/history"),
    ("get", "/api/deadlines"), ("get", "/api/deadlines/{id}"), ("get", "/api/deadlines/{id}/history"),
}


@pytest.fixture
def schema(client_for):
    response = client_for("officer").get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_no_two_api_schemas_share_a_name(schema):
    """OpenAPI names a body or answer by its class name: two classes of one name would document one
    app's operation with another's body (an audit found 15). Every fazhi schema class has its own."""
    import collections

    import pydantic

    seen = collections.defaultdict(set)
    stack = [pydantic.BaseModel]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("fazhi."):
                seen[sub.__name__].add(sub.__module__)
    assert {name: sorted(modules) for name, modules in seen.items() if len(modules) > 1} == {}
    assert len(schema["components"]["schemas"]) > 100


def operations(schema):
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield method, path, op


def test_schema_lists_every_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    # The domain modules list and test their operations in their own apps (test_api*.py).
    own = ("/api/enforcement/", "/api/inspections/", "/api/normative-documents",
           "/api/major-decisions", "/api/legal-advisors", "/api/permits/", "/api/ledger/", "/api/litigation/",
           "/api/reconsideration/")
    found = {(m, p) for m, p, _op in operations(schema) if not p.startswith(own)}
    assert found == EXPECTED_OPERATIONS


def test_every_operation_declares_its_errors(schema):
    """401 everywhere, 404 wherever an id is looked up, 403/422 on writes, 409 where a version is checked."""
    for method, path, op in operations(schema):
        declared = set(op["responses"])
        expected = {"401"}
        if "{id}" in path:
            expected |= {"404", "422"}
        if method != "get":
            expected |= {"400", "403", "422"}
        if method == "patch" or path.endswith("/archive"):
            expected |= {"409"}
        assert expected <= declared, (method, path, declared)
        assert op["security"] == [{"SessionAuth": []}], (method, path)
        for code in declared - {"200", "201"}:
            ref = op["responses"][code]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("ValidationErrorOut" if code == "422" else "ErrorOut"), (method, path, code)


def test_write_bodies_are_described_in_chinese(schema):
    fields = schema["components"]["schemas"]["MarketEntityIn"]["properties"]
    assert fields["uscc"]["title"] == "统一社会信用代码"
    assert "B=B类（信用风险一般）" in fields["risk_class"]["description"]
    patch = schema["components"]["schemas"]["MarketEntityPatch"]
    assert "version" in patch["required"]
    assert patch["additionalProperties"] is False


def test_model_schema_keeps_fazhi_wire_format(schema):
    """model_schema() derives a field from the model, but a ForeignKey keeps its own name and is the id in a body,
    a nested reference in an answer; a required text has min_length=1; a choice is its Choices class."""
    components = schema["components"]["schemas"]
    body = components["ContractIn"]
    assert "org_unit" in body["properties"] and "org_unit_id" not in body["properties"]
    unit = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1, "title": "服务单位"}
    assert body["properties"]["org_unit"] == unit
    assert body["properties"]["number"]["minLength"] == 1 and body["properties"]["number"]["maxLength"] == 50
    assert set(body["required"]) == {"advisor", "org_unit", "number", "starts_on", "ends_on"}
    answer = components["ContractOut"]["properties"]
    assert answer["org_unit"]["$ref"].endswith("/OrgUnitRef") and answer["org_unit"]["title"] == "服务单位"
    assert answer["advisor"]["$ref"].endswith("/AdvisorRef")
    work = components["WorkIn"]["properties"]
    assert work["kind"]["$ref"].endswith("/WorkKind") and work["kind"]["description"].startswith("opinion=")
    assert work["description"] == {"default": "", "title": "情况说明", "type": "string"}


def test_model_schema_bodies_strip_forbid_extras_and_refuse_nul():
    import pydantic

    from fazhi.core.api_support import InputSchema, model_schema
    from fazhi.legal_advisors.models import LegalAdvisor

    body = model_schema("AdvisorTestIn", LegalAdvisor, ("full_name", "specialties"), base=InputSchema)
    assert body.__module__ == __name__
    assert body(full_name="  张三 ").model_dump() == {"full_name": "张三", "specialties": ""}
    for bad in ({"full_name": ""}, {"full_name": "张\x00三"}, {"full_name": "张三", "fulname": "x"},
                {"full_name": "张" * 51}):
        with pytest.raises(pydantic.ValidationError):
            body(**bad)


def test_model_schema_refuses_names_it_does_not_build():
    from fazhi.core.api_support import model_schema
    from fazhi.legal_advisors.models import AdvisorContract

    with pytest.raises(TypeError, match="not in fields"):
        model_schema("BrokenOut", AdvisorContract, ("id",), options={"number": {}})
    with pytest.raises(TypeError, match="types="):
        model_schema("BrokenOut", AdvisorContract, ("advisor",))


def test_schema_and_docs_need_a_login(anonymous):
    schema = anonymous.get("/api/openapi.json")
    assert schema.status_code == 401
    docs = anonymous.get("/api/docs")
    assert docs.status_code in (302, 401)
    assert b"swagger" not in docs.content


class _Links(HTMLParser):
    """Collects every URL the page would fetch: src/href attributes and url(...) in inline styles."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "data-src", "srcset") and value:
                self.urls.append(value)
            if name == "style" and value:
                self.urls += re.findall(r"url\(['\"]?([^'\")]+)", value)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_docs_page_loads_only_local_files(client_for):
    response = client_for("leader").get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    page = _Links()
    page.feed(html)

    assert page.urls, "the page should reference its script and style sheet"
    for url in page.urls:
        assert not re.match(r"^(https?:)?//", url), f"external URL in /api/docs: {url}"
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), f"{url} is not among our static files"
    assert {u.rsplit("/", 1)[-1] for u in page.urls} >= {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js"}
    assert not re.search(r"https?://", html), "no absolute URL anywhere in the page"

    # Swagger UI posts the schema to validator.swagger.io unless told not to.
    [settings_json] = [s for s in page.scripts if "validatorUrl" in s]
    settings = json.loads(settings_json)
    assert settings["validatorUrl"] is None
    assert settings["url"] == "/api/openapi.json"


def test_swagger_init_script_fetches_nothing_external():
    with open(finders.find("ninja/swagger-ui-init.js"), encoding="utf-8") as script:
        code = script.read()
    assert not re.search(r"https?://", code)
