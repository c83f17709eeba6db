"""What the demo's budgets share: setting one up, linking it (to the family, or to the
third party holding part of it), drawing a receipt."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw
from wagtail.models import Site

from localoffer.demo.clock import at, on
from pricing.budgets import services as budgets
from pricing.budgets.enums import InvitationRole
from pricing.budgets.models import BudgetInvitation, PersonalBudget, SpendingCategory
from pricing.budgets.services.invitations import mark_accepted
from pricing.families.models import Child
from providers.models import Outcome


def receipt(name: str, amount: str) -> SimpleUploadedFile:
    """A photo of a till receipt, drawn (the demo never reads files from anywhere)."""
    image = Image.new("RGB", (360, 480), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), name[:40], fill="black")
    draw.text((20, 60), f"Total  GBP {amount}", fill="black")
    draw.text((20, 100), "Thank you", fill="black")
    data = io.BytesIO()
    image.save(data, format="PNG")
    return SimpleUploadedFile("receipt.png", data.getvalue(), content_type="image/png")


def outcome(slug: str) -> Outcome:
    return Outcome.objects.get(slug=slug)


def category(council: Site, starts: str) -> SpendingCategory:
    return SpendingCategory.objects.get(council=council, name__startswith=starts)


def set_up(council, officer, child_name, dob, start, end, outcomes, lines, **more):
    with on(at(start - dt.timedelta(days=14), 10)):
        return budgets.set_up_budget(
            council=council,
            officer=officer,
            child_name=child_name,
            child_date_of_birth=dob,
            starts_on=start,
            ends_on=end,
            outcomes=[
                budgets.OutcomeInput(description=text, area=outcome(slug), key=key, stream=stream)
                for key, text, slug, stream in outcomes
            ],
            lines=[budgets.LineInput(stream=s, held_as=h, amount=Decimal(a)) for s, h, a in lines],
            by=officer,
            **more,
        )


def link(budget: PersonalBudget, child: Child, email: str, officer) -> None:
    """The officer invites the family, which links the budget to its child."""
    with on(at(budget.current_version.starts_on - dt.timedelta(days=12), 11)):
        budgets.invite(budget=budget, email=email, by=officer)
        budget.child = child
        budget.save(update_fields=["child"])


def hold(budget: PersonalBudget, holder, officer) -> None:
    """The officer invites the third party, whose account accepts (as `link` does for the
    family, without the emailed link: only its hash is kept)."""
    with on(at(budget.current_version.starts_on - dt.timedelta(days=11), 15)):
        budgets.invite_third_party(
            budget=budget, name=budget.third_party_name, email=holder.email, by=officer
        )
        invitation = BudgetInvitation.objects.get(
            budget=budget, role=InvitationRole.THIRD_PARTY, email=holder.email
        )
        budget.third_party = holder
        budget.save(update_fields=["third_party"])
        mark_accepted(invitation, holder)
