"""The private calendar feed, and the family's page to set it up and renew its address."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pricing.calendar import CALENDAR_CONTENT_TYPE, calendar_feed
from pricing.calendars import services
from pricing.calendars.models import CalendarFeed
from pricing.calendars.selectors import family_feed, feed_for_token, feed_name
from pricing.calendars.sources import feed_events
from pricing.families.views import family_page


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar at a secret address: no sign-in (calendar programs cannot), so the
    address is the key. A wrong or renewed address answers 404, never a hint."""
    found = feed_for_token(token)
    if found is None:
        raise Http404("No calendar at this address")
    body = calendar_feed(feed_events.events_for(found), name=feed_name(found))
    response = HttpResponse(body, content_type=f"{CALENDAR_CONTENT_TYPE}; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="bookings.ics"'
    # Personal data behind a secret address: no shared cache may keep it, no search
    # engine may list it, and no page it is opened from learns the address.
    response["Cache-Control"] = "private, no-cache, max-age=0"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _addresses(request: HttpRequest, feed: CalendarFeed) -> dict[str, str]:
    https = request.build_absolute_uri(f"/calendar/{feed.token}.ics")
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


@family_page
@require_http_methods(["GET", "POST"])
def family_calendar(request: HttpRequest) -> HttpResponse:
    """Show the family's feed address; POST "create" makes it, "renew" replaces it."""
    existing = family_feed(request.user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "renew" and existing is not None:
            services.renew_feed(feed=existing, by=request.user)
            messages.success(
                request, "Your calendar has a new address. The old address no longer works"
            )
        elif existing is None:
            services.feed_for_family(user=request.user)
            messages.success(request, "Your calendar address is ready")
        return redirect("calendars:family")
    return render(
        request,
        "pricing/calendars/family_calendar.html",
        {"feed": existing, "addresses": _addresses(request, existing) if existing else None},
    )
