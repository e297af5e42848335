"""Response headers every page carries: what the browser may run and use, and what it may keep."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy, and no-store for anything a logged-in user sees.

    The policy allows scripts and styles from our own static files only (no inline script, no
    inline style attribute, nothing from another host), so an injected `<script>` or `onclick`
    does not run. What a logged-in user sees is internal and may hold personal data
    (个人信息保护法 第五十一条: 安全技术措施): the browser and any proxy must not store it. Static
    files are answered by WhiteNoise before this runs and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.FAZHI_CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.FAZHI_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        return response
