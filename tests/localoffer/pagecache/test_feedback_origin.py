"""The feedback form on a cached page works without a CSRF cookie, and only from this site."""

import pytest
from django.test import Client

from localoffer.feedback.enums import FeedbackTopic
from localoffer.feedback.models import Feedback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SUBMIT = "/feedback/"


def form_from(client: Client, path: str) -> dict:
    html = client.get(path).content.decode()
    started = html.split('name="started" value="', 1)[1].split('"', 1)[0]
    data = {
        "topic": FeedbackTopic.EDUCATION,
        "comment": "The page on early years helped us.",
        "page_url": path,
        "started": started,
        "website": "",
    }
    if 'name="csrfmiddlewaretoken"' in html:
        data["csrfmiddlewaretoken"] = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split(
            '"', 1
        )[0]
    return data


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Origin": "http://testserver"},  # a browser without Sec-Fetch-Site
        {},  # no browser headers at all: nobody's browser to borrow
    ],
)
def test_feedback_from_this_site_needs_no_csrf_cookie(information_page, headers):
    client = Client(enforce_csrf_checks=True)
    data = form_from(client, information_page.url)
    assert "csrfmiddlewaretoken" not in data
    response = client.post(SUBMIT, data, headers=headers)
    assert response.status_code == 302
    assert response["Location"].startswith("/feedback/thanks/")
    assert Feedback.objects.get().comment == "The page on early years helped us."


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://other.testserver"},
        # A forged Origin cannot help when the browser says where the POST came from.
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
    ],
)
def test_a_cross_site_post_is_refused(information_page, headers):
    client = Client(enforce_csrf_checks=True)
    data = form_from(client, information_page.url)
    response = client.post(SUBMIT, data, headers=headers)
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_a_trusted_origin_is_accepted(settings, information_page):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.northbridge.example"]
    client = Client(enforce_csrf_checks=True)
    data = form_from(client, information_page.url)
    headers = {"Sec-Fetch-Site": "cross-site", "Origin": "https://www.northbridge.example"}
    assert client.post(SUBMIT, data, headers=headers).status_code == 302


def test_a_signed_in_sender_still_needs_the_csrf_token(information_page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    data = form_from(client, information_page.url)
    assert "csrfmiddlewaretoken" in data
    without = {key: value for key, value in data.items() if key != "csrfmiddlewaretoken"}
    same_origin = {"Sec-Fetch-Site": "same-origin"}
    assert client.post(SUBMIT, without, headers=same_origin).status_code == 403
    assert client.post(SUBMIT, data, headers=same_origin).status_code == 302
    assert Feedback.objects.count() == 1
