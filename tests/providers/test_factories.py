"""The test factories build what the admin would: a real tree, revisions, valid rows."""

from decimal import Decimal

from wagtail.models import Collection, Site

from tests.factories import (
    PASSWORD,
    CategoryFactory,
    DocumentFactory,
    ImageFactory,
    InformationPageFactory,
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    SectionPageFactory,
    ServicePageFactory,
    UserFactory,
    site_tree,
)


def test_site_tree_replaces_the_welcome_page(db):
    home = site_tree()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.url == "/"
    assert home.get_parent().depth == 1
    assert home.get_siblings().count() == 1  # Wagtail's welcome page is gone
    assert site_tree().pk == home.pk  # calling it again changes nothing


def test_pages_have_real_urls_and_revisions(home):
    section = SectionPageFactory(parent=home, title="Education")
    information = InformationPageFactory(parent=section, title="Early years")
    index = OrganisationIndexPageFactory(parent=home)
    organisation = OrganisationPageFactory(parent=index, title="Play Club", verified=True)
    service = ServicePageFactory(parent=organisation, title="Swim")
    assert information.url == "/education/early-years/"
    assert service.url == "/providers/play-club/swim/"
    assert organisation.is_verified
    for page in (section, information, index, organisation, service):
        assert page.live
        assert page.live_revision_id == page.latest_revision_id is not None


def test_a_draft_service_is_not_live(organisation):
    draft = ServicePageFactory(parent=organisation, draft=True)
    assert not draft.live
    assert draft.has_unpublished_changes
    assert draft.latest_revision_id is not None and draft.live_revision_id is None


def test_service_rows_are_in_the_database_and_the_revision(organisation):
    category = CategoryFactory()
    service = ServicePageFactory(
        parent=organisation, categories=[category], cost_options__amount=Decimal("30")
    )
    assert list(service.categories.all()) == [category]
    assert [option.price_display for option in service.cost_options.all()] == ["£30 per hour"]
    revision = service.latest_revision.as_object()
    assert [option.price_display for option in revision.cost_options.all()] == ["£30 per hour"]
    assert ServicePageFactory(parent=organisation, cost_options=[]).cost_options.count() == 0


def test_media_go_in_the_root_collection(db):
    image = ImageFactory()
    assert (image.width, image.height) == (64, 48)
    assert DocumentFactory(video=True).file_extension == "mp4"
    assert DocumentFactory(captions=True).file.read().startswith(b"WEBVTT")
    assert Collection.objects.count() == 1
    assert image.collection.depth == 1


def test_users_sign_in_with_the_shared_password(db):
    user = UserFactory()
    assert user.check_password(PASSWORD)
    assert not user.is_staff
    assert UserFactory(superuser=True).is_superuser
