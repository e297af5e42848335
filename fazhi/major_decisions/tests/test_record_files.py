"""A major decision's evidence passes the shared file check before anything is stored (audit, issue 16)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.files import EVIDENCE, EXECUTABLE_ADVICE, FORBIDDEN, KIND_LABELS, RecordFileRefused, detect
from fazhi.core.tests.messages import message_pattern
from fazhi.core.tests.samples import EXE, sample
from fazhi.major_decisions import services
from fazhi.major_decisions.constants import StepKind
from fazhi.major_decisions.models import DecisionStep, StepEvidence

D = dt.date


def refused_executable(name: str) -> str:
    """The refusal of an executable named `name` uploaded as evidence."""
    return message_pattern(FORBIDDEN, name=name, detected=detect(io.BytesIO(EXE), name).label,
                           kind=KIND_LABELS[EVIDENCE], advice=EXECUTABLE_ADVICE)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def decision(units, users):
    catalogue = services.catalogue_create(user=users["legal_office"], year=2022, decision_organ=units["legal"])
    return services.decision_add(user=users["unit_staff"], catalogue=catalogue, title="甲街道老旧小区改造方案",
                                 undertaking_unit=units["street_a"])


def stored(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


def test_an_executable_added_to_a_steps_evidence_is_refused(decision, users, settings):
    step = services.step_record(user=users["unit_staff"], decision=decision, kind=StepKind.RISK_ASSESSMENT,
                                completed_on=D(2022, 4, 10), people="第三方评估机构", summary="风险可控")
    with pytest.raises(RecordFileRefused, match=refused_executable("评估报告.pdf")):
        services.evidence_attach(user=users["unit_staff"], step=step, upload=SimpleUploadedFile("评估报告.pdf", EXE))
    assert not StepEvidence.objects.exists() and stored(settings) == []


def test_one_bad_file_among_a_steps_files_stores_none_of_them(decision, users, settings):
    files = [SimpleUploadedFile("征求意见公告.txt", sample("written", "公告")),
             SimpleUploadedFile("听证会录像.mp4", EXE)]
    with pytest.raises(RecordFileRefused, match=refused_executable("听证会录像.mp4")):
        services.step_record(user=users["unit_staff"], decision=decision, kind=StepKind.PUBLIC_PARTICIPATION,
                             started_on=D(2022, 3, 1), completed_on=D(2022, 3, 31), people="公众", summary="意见12条",
                             files=files)
    assert not DecisionStep.objects.exists() and not StepEvidence.objects.exists() and stored(settings) == []


def test_a_hearing_recording_is_evidence(decision, users, settings):
    step = services.step_record(user=users["unit_staff"], decision=decision, kind=StepKind.PUBLIC_PARTICIPATION,
                                started_on=D(2022, 3, 1), completed_on=D(2022, 3, 31), people="公众", summary="听证",
                                files=[SimpleUploadedFile("听证会录音.wav", sample("audio_visual", "听证"))])
    assert step.evidence.count() == 1 and len(stored(settings)) == 1
