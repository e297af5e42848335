"""Writes of enforcement trainings and qualification exams."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from fazhi.core.exceptions import refuse
from fazhi.core.services import record_create
from fazhi.enforcement import permissions
from fazhi.enforcement.models import Exam, ExamResult, Officer, Training, TrainingAttendance
from fazhi.enforcement.services.common import require_permission, to_decimal
from fazhi.enforcement.services.messages import ATTENDANCE_DUPLICATE, EXAM_RESULT_DUPLICATE, EXAM_SCORE_INVALID

# --- training, exams, certificate applications ----------------------------------------------


@transaction.atomic
def training_record(*, user, organiser, topic: str, held_on: dt.date, hours: Decimal | int | str,
                    trainer: str) -> Training:
    """Record a training session."""
    return record_create(model=Training, user=user, organiser=organiser, topic=topic.strip(), held_on=held_on,
                         hours=to_decimal(hours), trainer=trainer.strip())


@transaction.atomic
def attendance_add(*, user, training: Training, officer: Officer) -> TrainingAttendance:
    """Record that an officer attended a training session."""
    require_permission(permissions.may_add_attendance, user, training)
    if TrainingAttendance.objects.filter(training=training, officer=officer).exists():
        raise refuse(ATTENDANCE_DUPLICATE, officer=officer.full_name)
    return record_create(model=TrainingAttendance, user=user, training=training, officer=officer)


@transaction.atomic
def exam_record(*, user, organiser, held_on: dt.date, kind: str, pass_mark: Decimal | int | str = 60,
                training: Training | None = None) -> Exam:
    """Record an exam sitting (new-officer or renewal)."""
    mark = to_decimal(pass_mark)
    if mark is None or not Decimal(0) <= mark <= Decimal(100):
        raise refuse(EXAM_SCORE_INVALID)
    return record_create(model=Exam, user=user, organiser=organiser, held_on=held_on, kind=kind, pass_mark=mark,
                         training=training)


@transaction.atomic
def exam_result_record(*, user, exam: Exam, officer: Officer, score: Decimal | int | str) -> ExamResult:
    """Record one officer's score in an exam."""
    require_permission(permissions.may_record_result, user, exam)
    value = to_decimal(score)
    if value is None or not Decimal(0) <= value <= Decimal(100):
        raise refuse(EXAM_SCORE_INVALID)
    if ExamResult.objects.filter(exam=exam, officer=officer).exists():
        raise refuse(EXAM_RESULT_DUPLICATE, officer=officer.full_name)
    return record_create(model=ExamResult, user=user, exam=exam, officer=officer, score=value)


