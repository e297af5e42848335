"""The login audit: successful and failed logins (django-axes' logs) are kept like the history.

等保 (GB/T 22239-2019 8.1.4.3 安全审计) asks that audit records be protected from deletion and
change. axes keeps a row per login (AccessLog) and, with AXES_ENABLE_ACCESS_FAILURE_LOG, per failed
login (AccessFailureLog); both refuse deletes here, and a failure row refuses changes. A login row
may only get its logout time, which axes sets with a queryset update (no signal). The lock-out
counter (AccessAttempt) is not a log: an administrator may still clear it to unlock an account.
"""

from axes.models import AccessFailureLog, AccessLog
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from fazhi.core.exceptions import AuditImmutableError

LOGIN_LOGS = (AccessLog, AccessFailureLog)

# axes ships no Chinese: its admin names, as the system administrator reads them.
AXES_NAMES = {
    "app": _("登录审计"),
    "AccessAttempt": (_("登录失败计数（锁定）"), _("登录失败计数（锁定）")),
    "AccessLog": (_("登录记录"), _("登录记录")),
    "AccessFailureLog": (_("登录失败记录"), _("登录失败记录")),
    "AccessAttemptExpiration": (_("锁定到期时间"), _("锁定到期时间")),
}
AXES_FIELD_NAMES = {
    "attempt_time": _("时间"), "ip_address": _("IP地址"), "username": _("用户名"), "user_agent": _("浏览器"),
    "path_info": _("访问路径"), "http_accept": _("HTTP Accept"), "get_data": _("GET数据"), "post_data": _("POST数据"),
    "failures_since_start": _("连续失败次数"), "logout_time": _("退出时间"), "locked_out": _("是否已锁定"),
    "expires_at": _("到期时间"), "access_attempt": _("登录失败计数"), "session_hash": _("会话摘要"),
}


@receiver(pre_delete)
def _login_logs_are_never_deleted(sender, instance, **kwargs) -> None:
    if sender in LOGIN_LOGS:
        raise AuditImmutableError()


@receiver(pre_save, sender=AccessFailureLog)
def _failures_are_never_changed(sender, instance, **kwargs) -> None:
    if not instance._state.adding:
        raise AuditImmutableError()


def name_axes_in_chinese() -> None:
    """Give axes' app, models and fields the Chinese names above (its own catalogue has no zh-hans)."""
    from django.apps import apps

    config = apps.get_app_config("axes")
    config.verbose_name = AXES_NAMES["app"]
    for model in config.get_models():
        names = AXES_NAMES.get(model.__name__)
        if names:
            model._meta.verbose_name, model._meta.verbose_name_plural = names
        for field in model._meta.fields:
            if field.name in AXES_FIELD_NAMES:
                field.verbose_name = AXES_FIELD_NAMES[field.name]
