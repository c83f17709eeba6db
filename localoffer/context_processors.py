"""What every page's frame needs: the navigation and the feedback form."""

from django.http import HttpRequest

from localoffer.feedback.forms import feedback_form_context
from localoffer.navigation import service_navigation


def site_frame(request: HttpRequest) -> dict:

    return {"service_navigation": service_navigation(request), **feedback_form_context(request)}
