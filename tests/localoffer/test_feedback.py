"""'You said, we did': the feedback form, its spam checks, staff moderation, the public page.

Regulation 56 of the SEND Regulations 2014: the council publishes comments about its
Local Offer with its response and the action it will take.
"""

import datetime as dt
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from localoffer.core import spam
from localoffer.feedback.enums import FeedbackStatus, FeedbackTopic
from localoffer.feedback.models import Feedback, YouSaidWeDidPage
from localoffer.feedback.services import (
    ACTION_PUBLISH,
    ACTION_WITHDRAW,
    FeedbackError,
    publish_feedback,
    submit_feedback,
    withdraw_feedback,
)
from tests.factories import InformationPageFactory, SectionPageFactory, UserFactory, site_tree

SUBMIT_URL = "/feedback/"
THANKS_URL = "/feedback/thanks/"
COMMENT = "The page about short breaks did not say how to apply."


@pytest.fixture(autouse=True)
def _no_delay(settings):
    """Most tests post at once, as a bot would not wait (the root conftest empties the
    cache, where the rate limit counts, around every test)."""
    settings.FEEDBACK_MIN_SECONDS = 0


@pytest.fixture
def home(db):
    return site_tree()


@pytest.fixture
def information_page(home):
    section = SectionPageFactory(parent=home, title="Education", slug="education")
    return InformationPageFactory(parent=section, title="Early years", slug="early-years")


@pytest.fixture
def you_said_we_did(home):
    page = YouSaidWeDidPage(
        title="You said, we did",
        slug="you-said-we-did",
        intro="What families told us about the Local Offer, and what we did.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def form_data(**overrides) -> dict:
    data = {
        "topic": FeedbackTopic.EDUCATION,
        "comment": COMMENT,
        "page_url": "/education/early-years/",
        "website": "",
        "started": spam.make_form_token(rendered_at=time.time() - 60),
    }
    data.update(overrides)
    return data


def published(*, topic: str, said: str, did: str, when: dt.datetime, action: str = ""):
    return Feedback.objects.create(
        topic=topic,
        comment=f"ORIGINAL {said}",
        status=FeedbackStatus.PUBLISHED,
        published_comment=said,
        response=did,
        action=action,
        published_at=when,
    )


def at(year: int, month: int = 6, day: int = 1) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=dt.UTC)


# --- the form on every page -------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_ends_with_the_feedback_form(client, information_page):
    response = client.get("/education/early-years/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<section id="feedback"' in html
    assert "Tell us what you think of the Local Offer" in html
    assert f'action="{SUBMIT_URL}"' in html and 'method="post"' in html
    # The page's section preselects the topic; the page's path is kept for staff.
    assert re.search(r'<option value="education"\s+selected>', html)
    assert 'name="page_url" value="/education/early-years/"' in html
    # The GOV.UK character count, which without JavaScript is a plain textarea and a hint.
    assert 'data-module="govuk-character-count" data-maxlength="2000"' in html
    assert 'name="comment"' in html
    assert "You can enter up to 2,000 characters" in html
    assert "Do not include personal details such as your name or your child's name." in html
    assert (
        "We will publish a version of your comment without anything that could identify you."
        in html
    )
    assert 'href="/privacy/"' in html
    # The honeypot is out of reach: hidden from assistive technology, out of the tab order.
    honeypot = re.search(
        r'<div class="govuk-visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S
    )
    assert honeypot and "Leave this empty" in honeypot.group(1)
    assert 'tabindex="-1"' in honeypot.group(1) and 'autocomplete="off"' in honeypot.group(1)
    token = re.search(r'name="started" value="([^"]+)"', html).group(1)
    assert spam.token_rendered_at(token) is not None


@pytest.mark.django_db
def test_pages_outside_a_section_default_to_the_website_topic(client, home):
    html = client.get("/").content.decode()

    assert re.search(r'<option value="the-website"\s+selected>', html)


@pytest.mark.django_db
def test_the_form_has_a_page_of_its_own_that_remembers_where_it_came_from(client, home):
    html = client.get(SUBMIT_URL, {"from": "/health/"}).content.decode()

    assert "<h1" in html and "Tell us what you think of the Local Offer" in html
    assert re.search(r'<option value="health"\s+selected>', html)
    assert 'name="page_url" value="/health/"' in html
    # The page's own form replaces the footer copy, so ids stay unique.
    assert html.count('id="feedback-comment"') == 1


# --- submitting --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_comment_is_stored_as_new_and_the_sender_is_thanked(client, home, you_said_we_did):
    response = client.post(SUBMIT_URL, form_data())

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == THANKS_URL
    assert parse_qs(location.query) == {"from": ["/education/early-years/"]}
    feedback = Feedback.objects.get()
    assert feedback.status == FeedbackStatus.NEW
    assert feedback.topic == FeedbackTopic.EDUCATION
    assert feedback.comment == COMMENT
    assert feedback.page_url == "/education/early-years/"

    thanks = client.get(response["Location"]).content.decode()
    assert "govuk-panel--confirmation" in thanks
    assert "Thank you for your feedback" in thanks
    assert 'href="/education/early-years/">Go back to the page you were on' in thanks
    assert 'href="/you-said-we-did/"' in thanks


@pytest.mark.django_db
def test_mistakes_show_the_error_summary_and_keep_what_was_typed(client, home):
    too_long = "I waited " + "a long time " * 200

    response = client.post(SUBMIT_URL, form_data(comment=too_long, topic="not-a-topic"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert '<a href="#feedback-topic">Select what your comment is about</a>' in html
    assert '<a href="#feedback-comment">Your comment must be 2,000 characters or fewer</a>' in html
    assert 'id="feedback-comment-error"' in html
    assert too_long.strip() in html
    assert 'name="page_url" value="/education/early-years/"' in html
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_an_empty_comment_is_asked_for(client, home):
    html = client.post(SUBMIT_URL, form_data(comment="   ", topic="travel")).content.decode()

    assert '<a href="#feedback-comment">Enter your comment</a>' in html
    assert re.search(r'<option value="travel"\s+selected>', html)
    assert not Feedback.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"website": "https://cheap-pills.example"}, id="honeypot"),
        pytest.param({"started": ""}, id="no-token"),
        pytest.param({"started": "1700000000:forged-signature"}, id="tampered-token"),
        pytest.param(
            {"comment": "Visit https://a.example and http://b.example and www.c.example"},
            id="three-links",
        ),
    ],
)
def test_spam_is_dropped_silently_with_the_normal_thank_you(client, home, overrides):
    response = client.post(SUBMIT_URL, form_data(**overrides))

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == THANKS_URL
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_a_form_sent_faster_than_a_person_could_is_dropped(client, home, settings):
    settings.FEEDBACK_MIN_SECONDS = 3

    response = client.post(SUBMIT_URL, form_data(started=spam.make_form_token()))

    assert urlsplit(response["Location"]).path == THANKS_URL
    assert not Feedback.objects.exists()
    # The same comment after a person's pause is kept.
    client.post(SUBMIT_URL, form_data(started=spam.make_form_token(rendered_at=time.time() - 5)))
    assert Feedback.objects.count() == 1


@pytest.mark.django_db
def test_an_unfinished_form_sent_at_once_shows_its_errors_not_a_thank_you(client, home, settings):
    settings.FEEDBACK_MIN_SECONDS = 3

    response = client.post(SUBMIT_URL, form_data(comment="", started=spam.make_form_token()))

    assert response.status_code == 200
    assert "Enter your comment" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_an_expired_form_is_shown_again_with_a_fresh_token(client, home):
    two_days_ago = time.time() - 2 * 24 * 60 * 60

    response = client.post(
        SUBMIT_URL, form_data(started=spam.make_form_token(rendered_at=two_days_ago))
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "This form was opened more than a day ago" in html
    assert COMMENT in html
    token = re.search(r'name="started" value="([^"]+)"', html).group(1)
    assert spam.token_rendered_at(token) > two_days_ago + 60
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_two_links_are_allowed(client, home):
    comment = "The links https://a.example/x and https://b.example/y are broken."

    client.post(SUBMIT_URL, form_data(comment=comment))

    assert Feedback.objects.get().comment == comment


@pytest.mark.django_db
def test_too_many_comments_from_one_address_get_a_429(client, home):
    limit = spam.rate_limit()[0]
    for _ in range(limit):
        assert client.post(SUBMIT_URL, form_data()).status_code == 302

    response = client.post(SUBMIT_URL, form_data())

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "You have sent a lot of feedback in a short time" in response.content.decode()
    assert "Wait 10 minutes" in response.content.decode()
    assert Feedback.objects.count() == limit
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert other.post(SUBMIT_URL, form_data()).status_code == 302
    assert Feedback.objects.count() == limit + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page_url",
    ["//evil.example/phish", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"],
)
def test_no_open_redirect_through_the_page_address(client, home, page_url):
    response = client.post(SUBMIT_URL, form_data(page_url=page_url))

    assert response["Location"] == THANKS_URL
    assert Feedback.objects.get().page_url == ""
    thanks = client.get(THANKS_URL, {"from": page_url}).content.decode()
    assert "evil.example" not in thanks
    assert 'href="/">Go to the home page' in thanks


@pytest.mark.parametrize(
    ("page_url", "stored"),
    [
        ("/account/confirm-email/MQ:1vXyZ:secret-key/", "/account/"),
        ("/account/password/reset/key/1-set-password/", "/account/"),
        ("/for-providers/invitations/9f8e7d6c5b4a/", "/for-providers/invitations/"),
        ("/listings/confirm/eyJwYWdlIjo0Mn0:secret/", "/listings/confirm/"),
    ],
)
def test_a_comment_from_a_page_with_a_secret_in_its_address_never_stores_it(
    client, home, page_url, stored
):
    """Email confirmation keys and invitation tokens must never reach the staff's list."""
    response = client.post(SUBMIT_URL, form_data(page_url=page_url))
    assert response.status_code == 302
    assert Feedback.objects.get().page_url == stored


def test_the_feedback_form_on_a_confirmation_page_carries_no_key(client, home):
    page = client.get("/account/confirm-email/MQ:1vXyZ:secret-key/").content.decode()
    assert 'name="page_url" value="/account/"' in page
    assert "secret-key" not in page.split('id="feedback"', 1)[-1]


def test_safe_paths_only():
    from localoffer.feedback.paths import safe_local_path, topic_for_path

    assert safe_local_path("/health/mental-health/") == "/health/mental-health/"
    assert safe_local_path("//evil.example") == ""
    assert safe_local_path("/ok\r\nSet-Cookie: x") == ""
    assert topic_for_path("/services/category/autism/") == FeedbackTopic.DIRECTORY
    assert topic_for_path("/personal-budgets/direct-payments/") == FeedbackTopic.BUDGETS
    assert topic_for_path("/privacy/") == FeedbackTopic.WEBSITE


# --- publishing and withdrawing ----------------------------------------------------------


@pytest.fixture
def moderator(db):
    group = Group.objects.create(name="Feedback moderators (test)")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="localoffer", codename="view_feedback"),
        Permission.objects.get(content_type__app_label="localoffer", codename="change_feedback"),
    )
    return UserFactory(email="moderator@northbridge.example", groups=[group])


@pytest.fixture
def new_feedback(db):
    return submit_feedback(
        topic="health", comment="My son's nurse Jane was great.", page_url="/health/"
    )


def log_entries(feedback: Feedback) -> list[ModelLogEntry]:
    return list(log_registry.get_logs_for_instance(feedback).order_by("timestamp", "pk"))


@pytest.mark.django_db
def test_publishing_needs_a_response(new_feedback, moderator):
    with pytest.raises(FeedbackError, match="response"):
        publish_feedback(
            feedback=new_feedback,
            user=moderator,
            published_comment="A nurse was great.",
            response="  ",
            action="",
        )

    new_feedback.refresh_from_db()
    assert new_feedback.status == FeedbackStatus.NEW
    assert log_entries(new_feedback) == []


@pytest.mark.django_db
def test_publish_then_withdraw_then_republish_is_recorded(new_feedback, moderator):
    published_item = publish_feedback(
        feedback=new_feedback,
        user=moderator,
        published_comment="A nurse was great.",
        response="We passed your thanks to the team.",
        action="",
    )

    assert published_item.status == FeedbackStatus.PUBLISHED
    assert published_item.responded_by == moderator
    assert published_item.published_at is not None
    assert published_item.comment == "My son's nurse Jane was great."  # the original is kept

    with pytest.raises(FeedbackError, match="cannot be marked published"):
        publish_feedback(
            feedback=published_item,
            user=moderator,
            published_comment="Again",
            response="Again",
            action="",
        )
    with pytest.raises(FeedbackError, match="why"):
        withdraw_feedback(feedback=published_item, user=moderator, reason="")

    withdrawn = withdraw_feedback(
        feedback=published_item, user=moderator, reason="Names a member of staff."
    )
    assert withdrawn.status == FeedbackStatus.NOT_PUBLISHED
    assert withdrawn.published_at is None
    with pytest.raises(FeedbackError, match="cannot be marked not published"):
        withdraw_feedback(feedback=withdrawn, user=moderator, reason="Twice")

    republished = publish_feedback(
        feedback=withdrawn,
        user=moderator,
        published_comment="A nurse was great.",
        response="We passed your thanks on.",
        action="We share praise with teams every month.",
    )
    assert republished.status == FeedbackStatus.PUBLISHED

    entries = log_entries(new_feedback)
    assert [entry.action for entry in entries] == [ACTION_PUBLISH, ACTION_WITHDRAW, ACTION_PUBLISH]
    assert all(entry.user_id == moderator.pk for entry in entries)
    assert entries[1].data["reason"] == "Names a member of staff."
    assert entries[1].data["from_status"] == FeedbackStatus.PUBLISHED
    # The admin's history shows readable labels for our actions.
    assert log_registry.get_action_label(ACTION_PUBLISH) == "Publish with response"
    assert entries[1].message == "Marked not to be published: Names a member of staff."


@pytest.mark.django_db
def test_a_new_comment_can_be_turned_down_without_publishing(new_feedback, moderator):
    withdrawn = withdraw_feedback(feedback=new_feedback, user=moderator, reason="Not about SEND.")

    assert withdrawn.status == FeedbackStatus.NOT_PUBLISHED
    assert [entry.action for entry in log_entries(new_feedback)] == [ACTION_WITHDRAW]


# --- the public page ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_public_page_shows_published_comments_only_by_year_then_topic(
    client, you_said_we_did, moderator
):
    published(topic="travel", said="Buses were late.", did="We met the bus company.", when=at(2024))
    published(
        topic="health",
        said="Therapy waits are long.",
        did="We funded two more therapists.",
        action="We will report waiting times every quarter.",
        when=at(2025, 3),
    )
    published(
        topic="education",
        said="School transport forms are hard.",
        did="We rewrote them.",
        when=at(2025, 9),
    )
    Feedback.objects.create(topic="health", comment="A NEW comment nobody answered.")
    gone = submit_feedback(topic="health", comment="Withdrawn one.", page_url="")
    publish_feedback(
        feedback=gone,
        user=moderator,
        published_comment="WITHDRAWN wording",
        response="Reply",
        action="",
    )
    withdraw_feedback(feedback=gone, user=moderator, reason="Identifies a child")

    response = client.get("/you-said-we-did/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "What families told us about the Local Offer" in html
    assert "A NEW comment" not in html and "WITHDRAWN wording" not in html
    assert "ORIGINAL" not in html  # never the original comment
    assert "You said" in html and "We did" in html
    assert "What we will do" in html and "We will report waiting times every quarter." in html
    order = [
        html.index(">2025</h2>"),
        html.index(">Education</h3>"),
        html.index("School transport forms are hard."),
        html.index(">Health</h3>"),
        html.index("Therapy waits are long."),
        html.index(">2024</h2>"),
        html.index(">Travel</h3>"),
        html.index("Buses were late."),
    ]
    assert order == sorted(order)


@pytest.mark.django_db
def test_the_public_page_filters_by_year_and_topic(client, you_said_we_did):
    published(topic="travel", said="Buses were late.", did="We met them.", when=at(2024))
    published(topic="health", said="Therapy waits are long.", did="We funded more.", when=at(2025))
    published(
        topic="travel", said="Taxis were cancelled.", did="We changed contract.", when=at(2025)
    )

    by_year = client.get("/you-said-we-did/", {"year": "2025"}).content.decode()
    assert "Therapy waits are long." in by_year and "Taxis were cancelled." in by_year
    assert "Buses were late." not in by_year
    assert '<option value="2025" selected>' in by_year

    both = client.get("/you-said-we-did/", {"year": "2025", "topic": "travel"}).content.decode()
    assert "Taxis were cancelled." in both
    assert "Therapy waits" not in both and "Buses were late." not in both
    assert "Clear filters" in both

    nonsense = client.get("/you-said-we-did/", {"year": "<script>", "topic": "x"}).content.decode()
    assert "Buses were late." in nonsense and "Taxis were cancelled." in nonsense


@pytest.mark.django_db
def test_the_public_page_says_when_nothing_is_published(client, you_said_we_did):
    Feedback.objects.create(topic="health", comment="Not answered yet.")

    html = client.get("/you-said-we-did/").content.decode()

    assert "No comments published yet" in html
    assert "Not answered yet." not in html


@pytest.mark.django_db
def test_the_public_page_is_paginated_after_fifty(client, you_said_we_did):
    for number in range(55):
        published(topic="travel", said=f"Comment number {number:02d}.", did="Noted.", when=at(2025))

    first = client.get("/you-said-we-did/").content.decode()
    second = client.get("/you-said-we-did/", {"page": "2"}).content.decode()

    assert first.count('<h4 class="govuk-summary-card__title">') == 50
    assert second.count('<h4 class="govuk-summary-card__title">') == 5
    assert 'class="govuk-pagination"' in first


# --- the admin ---------------------------------------------------------------------------


def admin_urls(feedback: Feedback) -> list[str]:
    return [
        reverse("feedback_moderation:index"),
        reverse("feedback_moderation:edit", args=[feedback.pk]),
        reverse("feedback_moderation:inspect", args=[feedback.pk]),
        reverse("feedback_moderation:history", args=[feedback.pk]),
        reverse("feedback_moderation:delete", args=[feedback.pk]),
    ]


@pytest.mark.django_db
def test_staff_without_feedback_permissions_cannot_reach_the_admin_views(new_feedback):
    group = Group.objects.create(name="Admin access only (test)")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client = Client()
    client.force_login(UserFactory(email="editor@northbridge.example", groups=[group]))

    for url in admin_urls(new_feedback):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/feedback/" not in response["Location"], url
    response = client.post(
        reverse("feedback_moderation:edit", args=[new_feedback.pk]),
        {"topic": "health", "published_comment": "x", "response": "y", "action-publish": "1"},
    )
    assert response.status_code in (302, 403)
    new_feedback.refresh_from_db()
    assert new_feedback.status == FeedbackStatus.NEW


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, new_feedback):
    for url in admin_urls(new_feedback):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")


@pytest.mark.django_db
def test_view_only_staff_can_list_but_not_edit(new_feedback):
    group = Group.objects.create(name="Feedback readers (test)")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="localoffer", codename="view_feedback"),
    )
    client = Client()
    client.force_login(UserFactory(email="reader@northbridge.example", groups=[group]))

    assert client.get(reverse("feedback_moderation:index")).status_code == 200
    edit = client.get(reverse("feedback_moderation:edit", args=[new_feedback.pk]))
    assert edit.status_code in (302, 403)


@pytest.mark.django_db
def test_the_admin_list_filters_by_status_topic_and_year(new_feedback, moderator):
    Feedback.objects.create(topic="travel", comment="A comment about buses and taxis.")
    client = Client()
    client.force_login(moderator)
    index = reverse("feedback_moderation:index")

    everything = client.get(index).content.decode()
    assert "My son&#x27;s nurse Jane was great." in everything
    assert "A comment about buses and taxis." in everything

    travel = client.get(index, {"topic": "travel", "status": "new"}).content.decode()
    assert "A comment about buses and taxis." in travel
    assert "nurse Jane" not in travel

    old = Feedback.objects.create(topic="health", comment="An old comment from last year.")
    last_year = timezone.now().year - 1
    Feedback.objects.filter(pk=old.pk).update(created_at=at(last_year))
    by_year = client.get(index, {"year": str(last_year)}).content.decode()
    assert "An old comment from last year." in by_year and "nurse Jane" not in by_year

    searched = client.get(index, {"q": "taxis"}).content.decode()
    assert "A comment about buses and taxis." in searched and "nurse Jane" not in searched


@pytest.mark.django_db
def test_a_moderator_publishes_through_the_admin_and_the_public_page_shows_it(
    new_feedback, moderator, you_said_we_did
):
    client = Client()
    client.force_login(moderator)
    edit_url = reverse("feedback_moderation:edit", args=[new_feedback.pk])

    form = client.get(edit_url)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Publish with response" in html and "Do not publish" in html
    # The published wording starts as the original, for the moderator to edit.
    assert re.search(r'<textarea[^>]*name="published_comment"[^>]*>\s*My son', html)

    refused = client.post(
        edit_url,
        {
            "topic": "health",
            "published_comment": "A nurse was great.",
            "response": "",
            "action": "",
            "reason": "",
            "action-publish": "publish",
        },
    )
    assert refused.status_code == 200
    assert "Enter the council&#x27;s response before publishing." in refused.content.decode()
    new_feedback.refresh_from_db()
    assert new_feedback.status == FeedbackStatus.NEW

    done = client.post(
        edit_url,
        {
            "topic": "health",
            "published_comment": "A nurse was great.",
            "response": "We passed your thanks to the community nursing team.",
            "action": "",
            "reason": "",
            "action-publish": "publish",
        },
    )
    assert done.status_code == 302
    new_feedback.refresh_from_db()
    assert new_feedback.status == FeedbackStatus.PUBLISHED
    assert new_feedback.responded_by == moderator
    assert [entry.action for entry in log_entries(new_feedback)] == [ACTION_PUBLISH]

    public = Client().get("/you-said-we-did/").content.decode()
    assert "A nurse was great." in public
    assert "We passed your thanks to the community nursing team." in public
    assert "Jane" not in public

    history = client.get(reverse("feedback_moderation:history", args=[new_feedback.pk]))
    assert "Published with the council" in history.content.decode()


@pytest.mark.django_db
def test_a_moderator_turns_a_comment_down_through_the_admin(new_feedback, moderator):
    client = Client()
    client.force_login(moderator)
    edit_url = reverse("feedback_moderation:edit", args=[new_feedback.pk])
    data = {"topic": "health", "published_comment": "", "response": "", "action": ""}

    without_reason = client.post(edit_url, {**data, "reason": "", "action-withdraw": "withdraw"})
    assert without_reason.status_code == 200
    new_feedback.refresh_from_db()
    assert new_feedback.status == FeedbackStatus.NEW

    client.post(edit_url, {**data, "reason": "Names a nurse.", "action-withdraw": "withdraw"})
    new_feedback.refresh_from_db()
    assert new_feedback.status == FeedbackStatus.NOT_PUBLISHED
    assert log_entries(new_feedback)[-1].data["reason"] == "Names a nurse."
