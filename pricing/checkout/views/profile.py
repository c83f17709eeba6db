"""The journey's question about the child's one-page profile, asked only when the chosen
child has one and the listing's organisation cannot read it yet: share it with them?

The answer (yes or no, and the child it was given for) stays in the session like every
other answer; the consent is written only when the family confirms the booking, in the
same transaction as the booking (`pricing.checkout.views.journey.check_answers`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from pricing.checkout import forms
from pricing.checkout.views.common import Journey, journey_page, journey_render
from pricing.families.selectors import written_profile


@journey_page
@require_http_methods(["GET", "POST"])
def choose_profile(request: HttpRequest, journey: Journey) -> HttpResponse:
    if earlier := journey.before("profile"):
        return earlier
    if not journey.asks_profile:
        return journey.next_page()
    child = journey.child
    assert child is not None
    names = {"child_name": child.first_name, "organisation": journey.offer.organisation.title}
    if request.method == "POST":
        form = forms.ShareProfileForm(request.POST, **names)
        if form.is_valid():
            journey.answers.set(profile_child=child.pk, share_profile=form.shares)
            return journey.next_page()
    else:
        answered = journey.answers.get("share_profile")
        if journey.answers.get("profile_child") != child.pk:
            answered = None
        initial = {True: forms.ShareProfileForm.YES, False: forms.ShareProfileForm.NO}
        form = forms.ShareProfileForm(initial={"share_profile": initial.get(answered, "")}, **names)
    return journey_render(
        request,
        journey,
        "profile.html",
        form=form,
        child=child,
        profile=written_profile(child),
        back_url=journey.previous_url("profile"),
    )
