"""The public side of feedback: take a comment, say thank you, refuse floods.

What a sender is told, and why:

- Honeypot filled, forged or missing timestamp, sent faster than a person could, or
  more than two links: the comment is dropped silently and the normal thank-you page is
  shown. A bot that sees an error learns which check caught it and adapts; a person
  never meets these checks (the honeypot is out of reach of people and assistive
  technology, and nobody reads and writes a comment in three seconds).
- Too many comments from one address: a plain-English 429 page. It must be explicit,
  because the sender may be a person on a shared connection (a school, a library, a
  council office) who needs to know to try later; telling a bot to slow down teaches it
  nothing it could not measure anyway.
- A form opened more than a day ago: the form is shown again with an error and what they
  typed, because that is a person who left a tab open, not a bot.

The form on a cached page has no CSRF token (a per-visitor cookie would make the page
uncacheable): a POST is refused when the browser says it came from another site
(localoffer.core.origin); a signed-in sender's token is still checked.

Only submissions that were stored or dropped as spam count towards the rate limit: a
person correcting a mistake should not use up their allowance.
"""

import logging
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from localoffer.core import spam
from localoffer.core.forms import add_domain_error
from localoffer.core.origin import same_origin_post
from localoffer.feedback.forms import FeedbackForm, build_feedback_form
from localoffer.feedback.paths import safe_local_path, topic_for_path
from localoffer.feedback.selectors import you_said_we_did_url
from localoffer.feedback.services import FeedbackError, submit_feedback

logger = logging.getLogger(__name__)


def _thanks_redirect(page_url: str) -> HttpResponseRedirect:
    url = reverse("feedback:thanks")
    if page_url:
        url = f"{url}?{urlencode({'from': page_url})}"
    return HttpResponseRedirect(url)


def _render_form_page(request: HttpRequest, form: FeedbackForm) -> HttpResponse:
    return render(
        request,
        "feedback/submit.html",
        {
            "form": form,
            "errors": form.error_list() if form.is_bound else [],
            # The page already holds the form: the footer copy would repeat its ids.
            "hide_feedback_form": True,
        },
    )


@never_cache
@same_origin_post
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """GET shows the form on a page of its own; POST takes a comment (post/redirect/get)."""
    if request.method == "GET":
        came_from = safe_local_path(request.GET.get("from", ""))
        form = build_feedback_form(request)
        form.initial.update({"page_url": came_from, "topic": topic_for_path(came_from)})
        return _render_form_page(request, form)

    if spam.is_rate_limited(request):
        window = spam.rate_limit()[1]
        response = render(
            request,
            "feedback/rate_limited.html",
            {"hide_feedback_form": True, "wait_minutes": max(1, round(window / 60))},
            status=429,
        )
        response["Retry-After"] = str(window)
        return response

    form = FeedbackForm(request.POST)
    valid = form.is_valid()
    page_url = safe_local_path(request.POST.get("page_url", ""))
    # A person who presses Send on an unfinished form, however quickly, is shown what to
    # fix; only a filled honeypot (a certain bot) is thanked without being told.
    if not valid and form.spam_reason != "honeypot":
        form.prepare_for_redisplay()
        return _render_form_page(request, form)
    if form.spam_reason:
        spam.record_submission(request)
        logger.info("Feedback dropped as spam (%s)", form.spam_reason)
        return _thanks_redirect(page_url)

    try:
        submit_feedback(
            topic=form.cleaned_data["topic"],
            comment=form.cleaned_data["comment"],
            page_url=form.cleaned_data["page_url"],
        )
    except FeedbackError as error:
        add_domain_error(form, error)
        form.prepare_for_redisplay()
        return _render_form_page(request, form)
    spam.record_submission(request)
    return _thanks_redirect(form.cleaned_data["page_url"])


@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    """The confirmation, with a way back to the page the comment was sent from."""
    return render(
        request,
        "feedback/thanks.html",
        {
            "back_url": safe_local_path(request.GET.get("from", "")) or "/",
            "you_said_we_did_url": you_said_we_did_url(request),
            "hide_feedback_form": True,
        },
    )
