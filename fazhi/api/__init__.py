"""The REST API under /api/: one router per app, the same permissions as the pages."""

from ninja import NinjaAPI
from ninja.security import django_auth

api = NinjaAPI(
    title="法治政府建设平台 API",
    version="1",
    description="与网页相同的权限：只返回当前用户有权查看的记录。",
    auth=django_auth,
)
