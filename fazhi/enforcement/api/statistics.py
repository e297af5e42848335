"""API of the enforcement statistics."""


from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from fazhi.core.api_support import YearQuery, responses
from fazhi.core.exceptions import PermissionDeniedError
from fazhi.enforcement import selectors
from fazhi.enforcement.api.common import RateOut, rate_out
from fazhi.enforcement.models import Officer

# ===== statistics =====

statistics = Router()


class OfficerNameOut(Schema):
    id: int
    full_name: str


class TrainingStatisticsOut(Schema):
    year: int
    sessions: int = Field(..., title="培训期数")
    attendances: int = Field(..., title="参训人次")
    trainees: int = Field(..., title="参训人数")
    exams: int = Field(..., title="考试场次")
    exam_sittings: int = Field(..., title="参考人次")
    passed: int = Field(..., title="合格人次")
    pass_rate: RateOut = Field(..., title="考试合格率")
    lapsed_count: int = Field(..., title="证件过期人数")
    renewed_count: int = Field(..., title="过期后已换证人数")
    lapsed_officers: list[OfficerNameOut] = Field(..., description="您可查看的证件过期人员")
    renewed_officers: list[OfficerNameOut] = Field(..., description="您可查看的过期后已换证人员")


@statistics.get("/training-statistics", response=responses(401, 403, 422, s200=TrainingStatisticsOut),
            operation_id="enforcement_training_statistics", summary="执法培训考试统计（年度）")
def training_statistics(request: HttpRequest, query: Query[YearQuery]):
    user = request.user
    if not (user.has_perm("enforcement.view_all_training") or user.has_perm("enforcement.view_own_unit_training")):
        raise PermissionDeniedError()
    stats = selectors.training_statistics(query.year)
    visible = set(Officer.objects.visible_to(user).values_list("pk", flat=True))
    return {
        "year": stats.year, "sessions": stats.sessions, "attendances": stats.attendances,
        "trainees": stats.trainees, "exams": stats.exams, "exam_sittings": stats.exam_sittings,
        "passed": stats.passed, "pass_rate": rate_out(stats.pass_rate),
        "lapsed_count": len(stats.lapsed_officers), "renewed_count": len(stats.renewed_officers),
        "lapsed_officers": [o for o in stats.lapsed_officers if o.pk in visible],
        "renewed_officers": [o for o in stats.renewed_officers if o.pk in visible],
    }


