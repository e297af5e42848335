"""The REST API under /api/: one router per app, the same permissions as the pages.

Authentication is the Django session of the pages (CSRF token required on POST/PATCH).
The schema is at /api/openapi.json and the browsable docs at /api/docs, both for logged-in
users only; the docs load Swagger UI from our own static files (no CDN on the intranet).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.urls import NoReverseMatch
from ninja.openapi.docs import Swagger
from ninja.security import django_auth

from fazhi.accounts.api import router as users_router
from fazhi.core.api_support import NOT_AUTHENTICATED, FazhiNinjaAPI, install_error_handlers
from fazhi.deadlines.api import router as deadlines_router
from fazhi.enforcement.api import router as enforcement_router
from fazhi.inspections.api import router as inspections_router
from fazhi.legal_advisors.api import router as legal_advisors_router
from fazhi.major_decisions.api import router as major_decisions_router
from fazhi.market_entities.api import router as market_entities_router
from fazhi.normative_documents.api import router as normative_documents_router
from fazhi.organisation.api import router as org_units_router


def _docs_login_required(view):
    """Schema and docs for logged-in users: the page goes to the login form, the JSON answers 401."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if not request.path.endswith(".json"):
            try:
                return redirect_to_login(request.get_full_path())
            except NoReverseMatch:  # no login page configured: fall through to the JSON answer
                pass
        return JsonResponse({"detail": str(NOT_AUTHENTICATED)}, status=401)

    return wrapped


api = FazhiNinjaAPI(
    title="法治政府建设平台 API",
    version="1",
    description=(
        "与网页相同的权限：只返回当前用户有权查看的记录；无权查看的记录与不存在的记录同样答 404。"
        "使用网页登录后的会话；POST、PATCH 须在请求头 X-CSRFToken 中携带 csrftoken Cookie 的值。"
        "修改和归档须发回读取时的 version，记录已被他人修改时答 409。"
    ),
    auth=django_auth,
    urls_namespace="api",
    # validatorUrl=None: Swagger UI would otherwise send the schema to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_decorator=_docs_login_required,
)
install_error_handlers(api)

api.add_router("/org-units", org_units_router)
api.add_router("/users", users_router)
api.add_router("/market-entities", market_entities_router)
api.add_router("/deadlines", deadlines_router)
api.add_router("/enforcement", enforcement_router)
api.add_router("/normative-documents", normative_documents_router)
api.add_router("/major-decisions", major_decisions_router)
api.add_router("/legal-advisors", legal_advisors_router)
api.add_router("/inspections", inspections_router)
