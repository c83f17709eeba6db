"""The admin's own account page points to the site's account pages.

Wagtail's password and email screens are turned off (settings: one place to change them,
with confirmation and notification emails); its account page lists this link instead.
"""

from django.urls import reverse
from wagtail import hooks


@hooks.register("register_account_menu_item")
def sign_in_and_security(request) -> dict:
    return {
        "url": reverse("account_home"),
        "label": "Password, email address and two-factor authentication",
        "help_text": "Change your password or email address, or manage your authenticator app.",
    }
