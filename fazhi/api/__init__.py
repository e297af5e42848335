"""The REST API under /api/: one router per app (its AppConfig's `fazhi_module`), the pages' permissions.

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

from fazhi.core.api_support import NOT_AUTHENTICATED, FazhiNinjaAPI, install_error_handlers
from fazhi.core.modules import in_order, resolve


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

for module in in_order():
    if module.api_router:
        api.add_router(module.api_prefix, resolve(module.api_router))
