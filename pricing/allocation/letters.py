"""The panel's decision letter: a PDF in plain English, kept privately and emailed to the
family once the decision commits (`pricing.allocation.panel_tasks`).

It says what was agreed for each stream and how the money is held, why any amount differs
from the indicative one, how the indicative amount was worked out, how to ask for it to be
looked at again, how to ask for a review or complain, and when the budget is reviewed. The
PDF is tagged (PDF/UA-1) and rendered with nothing fetched (`pricing.invoices.pdf`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from localoffer.core.mail import render_email, site_url
from localoffer.core.money import format_pounds
from pricing.allocation.models import DecisionLetter, DomainScore, StreamResult
from pricing.budgets.enums import HeldAs, Stream

TEMPLATE = "pricing/allocation/panel/letter_pdf.html"
EMAIL_TEMPLATE = "allocation/email/decision"


def long_date(day: dt.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def family_link(assessment: Any) -> str:
    """Where the family reads the working and asks for it to be looked at again."""
    return site_url() + reverse("assessments:detail", args=[assessment.reference])


def _held(held_as: str, third_party: str) -> str:
    if not held_as:
        return "No money agreed"
    if held_as == HeldAs.THIRD_PARTY and third_party:
        return f"Held for you by {third_party}"
    words: dict[str, str] = {
        HeldAs.DIRECT_PAYMENT: "A direct payment: you hold the money",
        HeldAs.COUNCIL_MANAGED: "Managed by the council for you",
        HeldAs.THIRD_PARTY: "Held for you by a third party",
    }
    return words.get(held_as, held_as)


def letter_context(letter: DecisionLetter) -> dict[str, Any]:
    assessment = letter.assessment
    child = assessment.child
    results = {r.stream: r for r in StreamResult.objects.filter(assessment=assessment)}
    rows = []
    for decision in assessment.decisions.all():
        result = results.get(decision.stream)
        rows.append(
            {
                "stream": Stream(decision.stream).label,
                "final": format_pounds(decision.final_amount),
                "indicative": format_pounds(decision.indicative_amount),
                "costed": format_pounds(decision.costed_amount),
                "band": result.band_name if result else "",
                "held": _held(decision.held_as, decision.third_party_name),
                "reason": decision.reason,
                "differs": decision.final_amount != decision.indicative_amount,
            }
        )
    total = sum((d.final_amount for d in assessment.decisions.all()), Decimal(0))
    budget = assessment.budget
    council = apps.get_model("localoffer.SiteSettings").for_site(assessment.council)
    title = f"Decision on {child.first_name}'s personal budget, assessment {assessment.reference}"
    return {
        "title": title,
        "assessment": assessment,
        "child": child,
        "family": child.family,
        "council": council,
        "rows": rows,
        "total": format_pounds(total),
        "nothing_agreed": total == 0,
        "budget": budget,
        "is_review": budget is not None and budget.versions.count() > 1,
        "starts_on": long_date(assessment.budget_starts_on),
        "decided_on": long_date(timezone.localdate(letter.sent_at)),
        "domains": list(DomainScore.objects.filter(assessment=assessment).select_related("domain")),
        "results": list(results.values()),
        "age": assessment.age_at_completion,
        "link": family_link(assessment),
    }


def render_letter(letter: DecisionLetter) -> bytes:
    from pricing.invoices.pdf import html_to_pdf  # noqa: PLC0415 (WeasyPrint: load when needed)

    return html_to_pdf(render_to_string(TEMPLATE, letter_context(letter)))


def file_name(letter: DecisionLetter) -> str:
    return f"decision-{letter.assessment.reference}.pdf"


def make_letter_and_send(letter_id: int) -> bool:
    """Print the letter to its private name and email it to the family with the PDF.

    The letter row is written once with the file's name; the stored file is the record
    that this was done, so a retried task does not print or send it twice. Returns
    whether it printed and sent now."""
    letter = DecisionLetter.objects.select_related(
        "assessment__child__family", "assessment__budget"
    ).get(pk=letter_id)
    storage = storages["private"]
    if storage.exists(letter.pdf):
        return False
    pdf = render_letter(letter)
    saved = storage.save(letter.pdf, ContentFile(pdf))
    if saved != letter.pdf:  # another worker printed it at the same moment
        storage.delete(saved)
        return False
    send_letter(letter, pdf)
    return True


def send_letter(letter: DecisionLetter, pdf: bytes) -> None:
    family = letter.assessment.child.family
    if not family.email:
        return
    context = letter_context(letter)
    subject, body = render_email(EMAIL_TEMPLATE, context)
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[family.email]
    )
    message.attach(file_name(letter), pdf, "application/pdf")
    message.send()
