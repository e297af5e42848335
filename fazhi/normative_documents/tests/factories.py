import datetime as dt

import factory

from fazhi.normative_documents import services
from fazhi.normative_documents.constants import DeliberationOutcome, ReviewOpinion
from fazhi.normative_documents.models import NormativeDocument
from fazhi.organisation.tests.factories import OrgUnitFactory

D = dt.date
SUBMITTED, REVIEWED, PUBLISHED = D(2022, 3, 1), D(2022, 3, 8), D(2022, 3, 20)
DRAFT_TEXT = ("第一条 为规范本区企业扶持资金管理，制定本办法。\n"
              "第二条 本办法适用于区财政安排的企业扶持资金。\n"
              "第三条 本办法自公布之日起施行，有效期至2027年3月31日。")


class NormativeDocumentFactory(factory.django.DjangoModelFactory):
    """A draft written directly (status drafting); use the services to move it on."""

    class Meta:
        model = NormativeDocument

    title = factory.Sequence(lambda n: f"企业扶持资金管理办法{n}")
    drafting_unit = factory.SubFactory(OrgUnitFactory)
    issuer = factory.SelfAttribute("drafting_unit")
    drafter = "张起草"
    text = DRAFT_TEXT


def to_review(document, *, user=None, on=SUBMITTED):
    return services.document_submit_review(user=user, document=document, submitted_on=on,
                                           no_comment_reason="不涉及群众切身利益")


def to_deliberation(document, *, reviewer=None, on=REVIEWED):
    to_review(document)
    services.document_review(user=reviewer, document=document, opinion=ReviewOpinion.LAWFUL, reasons="符合法律规定",
                             reviewed_on=on)
    document.refresh_from_db()
    return document


def to_in_force(document, *, published_on=PUBLISHED, effective_on=None, reviewer=None):
    to_deliberation(document, reviewer=reviewer)
    services.document_deliberate(user=None, document=document, meeting="管委会第3次主任办公会议",
                                 held_on=D(2022, 3, 15), outcome=DeliberationOutcome.ADOPTED)
    document.refresh_from_db()
    return services.document_publish(user=None, document=document, signed_by="王主任", signed_on=published_on,
                                     published_on=published_on, effective_on=effective_on or published_on,
                                     channel="区政府网站")
