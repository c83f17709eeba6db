"""Rules the listing models enforce: ages, prices, schedules, addresses, media, taxonomies."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.blocks.struct_block import StructBlockValidationError

from localoffer.blocks import BodyBlock
from providers.ages import AgeWidget, describe_age_range
from providers.enums import CostUnit, OrganisationType, ScheduleKind, SchedulePeriod, Weekday
from providers.formatting import describe_schedule, describe_time
from providers.models import (
    Category,
    CostOption,
    ServiceImage,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    ServiceVideo,
)
from providers.validators import (
    normalise_postcode,
    uk_phone_validator,
    validate_charity_number,
    validate_company_number,
    validate_postcode,
)
from tests.embed_finders import RECORDED
from tests.factories import (
    CategoryFactory,
    CostOptionFactory,
    DocumentFactory,
    ImageFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
)


def error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# --- ages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (8 * 12, 16 * 12, "8 to 16 years"),
        (6, 4 * 12, "6 months to 4 years"),
        (0, 5 * 12, "Birth to 5 years"),
        (0, 25 * 12, "All ages up to 25"),
        (11 * 12, 11 * 12, "11 years"),
        (18, 30, "1 years 6 months to 2 years 6 months"),
    ],
)
def test_age_range_reads_as_families_say_it(low, high, text):
    assert describe_age_range(low, high) == text


def test_service_age_range_display(service):
    assert service.age_range_display == "8 to 16 years"


def test_oldest_age_younger_than_youngest_is_refused_by_clean(service):
    service.min_age_months = 16 * 12
    service.max_age_months = 8 * 12
    with pytest.raises(ValidationError) as excinfo:
        service.full_clean()
    assert excinfo.value.message_dict["max_age_months"] == [
        "The oldest age must be the same as or older than the youngest age"
    ]


def test_oldest_age_younger_than_youngest_is_refused_by_the_database(service):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServicePage.objects.filter(pk=service.pk).update(min_age_months=200, max_age_months=100)


def test_a_service_must_be_delivered_some_way(service):
    service.delivered_in_person = False
    with pytest.raises(ValidationError) as excinfo:
        service.full_clean()
    assert "delivered_in_person" in error_fields(excinfo)


def test_age_older_than_25_is_refused(service):
    service.max_age_months = 25 * 12 + 1
    with pytest.raises(ValidationError) as excinfo:
        service.full_clean()
    assert "max_age_months" in error_fields(excinfo)


class AgeForm(forms.Form):
    """The admin's field for an age: the model field's form field with the AgeWidget."""

    age = ServicePage._meta.get_field("max_age_months").formfield(widget=AgeWidget)


def test_age_widget_turns_years_and_months_into_months():
    form = AgeForm(data={"age_years": "4", "age_months": "6"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["age"] == 54


def test_age_widget_years_only():
    form = AgeForm(data={"age_years": "16", "age_months": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["age"] == 192


def test_age_widget_shows_a_stored_age_as_years_and_months():
    assert AgeWidget().decompress(54) == [4, 6]
    assert AgeWidget().decompress(192) == [16, 0]
    assert AgeWidget().decompress(None) == [None, None]


@pytest.mark.parametrize(
    "data",
    [
        {"age_years": "4", "age_months": "12"},
        {"age_years": "4", "age_months": "-1"},
        {"age_years": "four", "age_months": "0"},
        {"age_years": "4", "age_months": "six"},
        {"age_years": "", "age_months": ""},
    ],
)
def test_age_widget_bad_input_is_a_form_error_not_a_crash(data):
    form = AgeForm(data=data)
    assert not form.is_valid()
    assert "age" in form.errors


# --- costs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"amount": Decimal("24"), "unit": CostUnit.HOUR}, "£24 per hour"),
        ({"amount": Decimal("24.50"), "unit": CostUnit.SESSION}, "£24.50 per session"),
        ({"amount": Decimal("1250.00"), "unit": CostUnit.TERM}, "£1,250 per term"),
        ({"is_free": True, "amount": None}, "Free"),
    ],
)
def test_price_display(kwargs, text):
    assert CostOption(**kwargs).price_display == text


def test_cost_option_with_a_label_reads_label_then_price():
    option = CostOption(label="One to one", amount=Decimal("30"), unit=CostUnit.HOUR)
    assert str(option) == "One to one: £30 per hour"


def test_free_option_with_a_price_is_refused(service):
    option = CostOption(service=service, is_free=True, amount=Decimal("5"), unit=CostUnit.HOUR)
    with pytest.raises(ValidationError) as excinfo:
        option.full_clean()
    assert excinfo.value.message_dict["amount"] == [
        "Leave the price empty when the service is free"
    ]


def test_priced_option_without_a_price_is_refused(service):
    option = CostOption(service=service, is_free=False, amount=None, unit=CostUnit.HOUR)
    with pytest.raises(ValidationError) as excinfo:
        option.full_clean()
    assert excinfo.value.message_dict["amount"] == ["Enter a price, or tick free"]


def test_a_price_of_nothing_is_refused(service):
    option = CostOption(service=service, is_free=False, amount=Decimal("0"), unit=CostUnit.HOUR)
    with pytest.raises(ValidationError) as excinfo:
        option.full_clean()
    assert "amount" in error_fields(excinfo)


def test_free_option_without_a_price_is_accepted(service):
    option = CostOption(service=service, is_free=True, amount=None, unit=CostUnit.HOUR)
    option.full_clean()
    assert option.price_display == "Free"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"is_free": False, "amount": None},
        {"is_free": False, "amount": Decimal("0")},
        {"is_free": True, "amount": Decimal("5")},
        {"is_free": False, "amount": Decimal("5"), "unit": "fortnight"},
    ],
)
def test_database_refuses_inconsistent_prices(service, kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        CostOption.objects.create(service=service, **{"unit": CostUnit.HOUR, **kwargs})


def test_database_accepts_free_and_priced(service):
    CostOptionFactory(service=service, free=True)
    CostOptionFactory(service=service, amount=Decimal("0.01"))
    assert service.cost_options.count() == 3


# --- schedules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.time(9, 0), "9am"),
        (dt.time(17, 30), "5:30pm"),
        (dt.time(12, 0), "midday"),
        (dt.time(0, 0), "midnight"),
        (dt.time(12, 15), "12:15pm"),
        (dt.time(0, 5), "12:05am"),
    ],
)
def test_times_in_govuk_style(value, text):
    assert describe_time(value) == text


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({}, "Mondays, 4pm to 5:30pm, term time only"),
        (
            {
                "weekday": Weekday.WEDNESDAY,
                "start_time": dt.time(9),
                "end_time": dt.time(15),
                "period": SchedulePeriod.HOLIDAYS,
                "notes": "bring a packed lunch",
            },
            "Wednesdays, 9am to 3pm, school holidays only, bring a packed lunch",
        ),
        (
            {"weekday": Weekday.SATURDAY, "period": SchedulePeriod.ALL_YEAR},
            "Saturdays, 4pm to 5:30pm",
        ),
        (
            {
                "kind": ScheduleKind.ONE_OFF,
                "weekday": None,
                "date": dt.date(2025, 7, 26),
                "start_time": dt.time(10),
                "end_time": dt.time(12),
            },
            "Saturday 26 July 2025, 10am to midday",
        ),
    ],
)
def test_describe_schedule(kwargs, text):
    base = {
        "kind": ScheduleKind.WEEKLY,
        "weekday": Weekday.MONDAY,
        "start_time": dt.time(16),
        "end_time": dt.time(17, 30),
        "period": SchedulePeriod.TERM_TIME,
    }
    schedule = ServiceSchedule(**{**base, **kwargs})
    assert describe_schedule(schedule) == text
    assert schedule.display == text


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"start_time": dt.time(17), "end_time": dt.time(16)}, "end_time"),
        ({"start_time": dt.time(16), "end_time": dt.time(16)}, "end_time"),
        ({"weekday": None}, "weekday"),
        ({"kind": ScheduleKind.ONE_OFF, "date": None}, "date"),
    ],
)
def test_schedule_validation(service, kwargs, field):
    base = {
        "service": service,
        "kind": ScheduleKind.WEEKLY,
        "weekday": Weekday.MONDAY,
        "start_time": dt.time(16),
        "end_time": dt.time(17),
    }
    with pytest.raises(ValidationError) as excinfo:
        ServiceSchedule(**{**base, **kwargs}).full_clean()
    assert field in error_fields(excinfo)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start_time": dt.time(17), "end_time": dt.time(16)},
        {"weekday": None},
        {"kind": ScheduleKind.ONE_OFF, "date": None},
    ],
)
def test_database_refuses_impossible_schedules(service, kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceScheduleFactory(service=service, **kwargs)


# --- locations ----------------------------------------------------------------------------


def test_location_shows_the_full_address_by_default(service):
    location = ServiceLocationFactory(service=service)
    assert location.public_address_lines == ["12 Mill Lane", "Northbridge", "NB2 3CD"]


def test_hidden_address_shows_only_town_and_postcode_district(service):
    location = ServiceLocationFactory(service=service, hidden=True, address_line_2="Flat 3")
    assert location.public_address_lines == ["Northbridge", "NB2"]


def test_location_clean_normalises_the_postcode(service):
    location = ServiceLocation(service=service, name="Hall", postcode=" nb23cd ")
    location.full_clean()
    assert location.postcode == "NB2 3CD"


def test_location_needs_both_coordinates_or_neither(service):
    location = ServiceLocation(service=service, name="Hall", postcode="NB2 3CD", latitude=52.1)
    with pytest.raises(ValidationError) as excinfo:
        location.full_clean()
    assert "longitude" in error_fields(excinfo)


def test_location_outside_great_britain_is_refused(service):
    location = ServiceLocation(
        service=service, name="Hall", postcode="NB2 3CD", latitude=40.4, longitude=-3.7
    )
    with pytest.raises(ValidationError) as excinfo:
        location.full_clean()
    assert "latitude" in error_fields(excinfo)


# --- identifiers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [("nb14aa", "NB1 4AA"), ("  sw1a  1aa ", "SW1A 1AA"), ("nb1", "NB1"), ("M1 1AE", "M1 1AE")],
)
def test_normalise_postcode(raw, normalised):
    assert normalise_postcode(raw) == normalised


@pytest.mark.parametrize("value", ["NB1 4AA", "nb14aa", "NB1", "SW1A 1AA", "M1 1AE"])
def test_real_postcodes_are_accepted(value):
    validate_postcode(value)


@pytest.mark.parametrize("value", ["12345", "N1 4AAA", "NB1 4A", "HELLO", ""])
def test_unreal_postcodes_are_refused(value):
    with pytest.raises(ValidationError):
        validate_postcode(value)


@pytest.mark.parametrize("value", ["1234567", "123456", "SC012345", "NIC100001", "sc 012345"])
def test_charity_numbers_accepted(value):
    validate_charity_number(value)


@pytest.mark.parametrize("value", ["12345", "12345678", "ABC1234", "SC12345"])
def test_charity_numbers_refused(value):
    with pytest.raises(ValidationError):
        validate_charity_number(value)


@pytest.mark.parametrize("value", ["01234567", "SC123456", "oc 123456"])
def test_company_numbers_accepted(value):
    validate_company_number(value)


@pytest.mark.parametrize("value", ["1234567", "S1234567", "SC12345", "123456789"])
def test_company_numbers_refused(value):
    with pytest.raises(ValidationError):
        validate_company_number(value)


@pytest.mark.parametrize("value", ["01632 960 001", "07700 900982", "+44 1632 960001"])
def test_phone_numbers_accepted(value):
    uk_phone_validator(value)


@pytest.mark.parametrize("value", ["999", "call me", "01632-960-001 ext 4 please"])
def test_phone_numbers_refused(value):
    with pytest.raises(ValidationError):
        uk_phone_validator(value)


# --- organisations ------------------------------------------------------------------------


def test_a_charity_needs_its_charity_number(organisation):
    organisation.organisation_type = OrganisationType.CHARITY
    organisation.charity_number = ""
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert excinfo.value.message_dict["charity_number"] == [
        "Enter the charity number of your registered charity"
    ]


def test_a_community_interest_company_needs_its_company_number(organisation):
    organisation.organisation_type = OrganisationType.CIC
    organisation.company_number = ""
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert "company_number" in error_fields(excinfo)


def test_a_community_group_needs_neither_number(organisation):
    organisation.organisation_type = OrganisationType.COMMUNITY_GROUP
    organisation.charity_number = ""
    organisation.full_clean()


def test_organisation_clean_tidies_numbers_and_postcode(organisation):
    organisation.charity_number = "sc 012345"
    organisation.postcode = "nb14aa"
    organisation.full_clean()
    assert organisation.charity_number == "SC012345"
    assert organisation.postcode == "NB1 4AA"


def test_a_logo_needs_alt_text(organisation):
    organisation.logo = ImageFactory()
    organisation.logo_alt_text = ""
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert excinfo.value.message_dict["logo_alt_text"] == ["Enter text that describes the logo"]
    organisation.logo_alt_text = "Northbridge Play Club"
    organisation.full_clean()


# --- pictures and videos ------------------------------------------------------------------


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_a_gallery_picture_needs_alt_text(service, alt_text):
    picture = ServiceImage(service=service, image=ImageFactory(), alt_text=alt_text)
    with pytest.raises(ValidationError) as excinfo:
        picture.full_clean()
    assert "alt_text" in error_fields(excinfo)


def test_a_gallery_picture_with_alt_text_is_accepted(service):
    ServiceImage(service=service, image=ImageFactory(), alt_text="A boy on a swing").full_clean()


@pytest.fixture
def video(db):
    return DocumentFactory(video=True)


@pytest.fixture
def captions(db):
    return DocumentFactory(captions=True)


def _clean_video(service, **kwargs):
    ServiceVideo(service=service, title="Our club", **kwargs).full_clean()


def test_an_embedded_video_is_accepted(service, settings):
    # The video site's answer is recorded (tests.embed_finders): saving fetches the player.
    settings.WAGTAILEMBEDS_FINDERS = RECORDED
    _clean_video(service, embed_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ")


def test_an_uploaded_video_with_webvtt_captions_is_accepted(service, video, captions):
    _clean_video(service, video_file=video, captions=captions)


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        ("both", "embed_url", "Give a video address or upload a video, not both"),
        ("neither", "embed_url", "Give a video address or upload a video, not both"),
        ("not_a_video", "video_file", "Upload an MP4 or WebM video"),
        ("no_captions", "captions", "An uploaded video needs a captions file"),
        ("captions_not_vtt", "captions", "Captions must be a WebVTT (.vtt) file"),
    ],
)
def test_video_rules(service, video, captions, kind, field, message):
    kwargs = {
        "both": {"embed_url": "https://vimeo.com/76979871", "video_file": video},
        "neither": {},
        "not_a_video": {"video_file": DocumentFactory(), "captions": captions},
        "no_captions": {"video_file": video},
        "captions_not_vtt": {"video_file": video, "captions": DocumentFactory()},
    }[kind]
    with pytest.raises(ValidationError) as excinfo:
        _clean_video(service, **kwargs)
    assert excinfo.value.message_dict[field] == [message]


# --- StreamField blocks -------------------------------------------------------------------


def _clean_block(name: str, raw: dict):
    block = BodyBlock().child_blocks[name]
    return block.clean(block.to_python(raw))


def test_image_block_needs_alt_text(db):
    image = ImageFactory()
    with pytest.raises(StructBlockValidationError) as excinfo:
        _clean_block("image", {"image": image.pk, "alt_text": "", "caption": ""})
    assert set(excinfo.value.block_errors) == {"alt_text"}


def test_image_block_with_alt_text_is_accepted(db):
    image = ImageFactory()
    value = _clean_block("image", {"image": image.pk, "alt_text": "A ramp", "caption": ""})
    assert value["image"] == image


def _video_block(**kwargs):
    return {"title": "Our club", "embed": "", "video": None, "captions": None, **kwargs}


def test_video_block_needs_a_video(db):
    with pytest.raises(StructBlockValidationError) as excinfo:
        _clean_block("video", _video_block())
    assert set(excinfo.value.block_errors) == {"video"}


def test_video_block_accepts_an_upload_with_webvtt_captions(video, captions):
    value = _clean_block("video", _video_block(video=video.pk, captions=captions.pk))
    assert value["video"] == video


@pytest.mark.parametrize(
    ("kind", "field"),
    [("not_a_video", "video"), ("no_captions", "captions"), ("captions_not_vtt", "captions")],
)
def test_video_block_rules(video, captions, kind, field):
    pdf = DocumentFactory()
    raw = {
        "not_a_video": _video_block(video=pdf.pk, captions=captions.pk),
        "no_captions": _video_block(video=video.pk),
        "captions_not_vtt": _video_block(video=video.pk, captions=pdf.pk),
    }[kind]
    with pytest.raises(StructBlockValidationError) as excinfo:
        _clean_block("video", raw)
    assert set(excinfo.value.block_errors) == {field}


# --- categories ---------------------------------------------------------------------------


def test_a_sub_category_of_a_top_level_category_is_accepted(db):
    top = CategoryFactory()
    child = Category(name="Swimming", slug="test-swimming", parent=top)
    child.full_clean()
    child.save()
    assert str(child) == f"{top.name}: Swimming"


def test_categories_are_at_most_two_levels_deep(db):
    top = CategoryFactory()
    child = CategoryFactory(parent=top)
    grandchild = Category(name="Too deep", slug="too-deep", parent=child)
    with pytest.raises(ValidationError) as excinfo:
        grandchild.full_clean()
    assert excinfo.value.message_dict["parent"] == ["Choose a top-level category as the parent."]


def test_a_category_cannot_be_its_own_parent(db):
    top = CategoryFactory()
    top.parent = top
    with pytest.raises(ValidationError) as excinfo:
        top.full_clean()
    assert excinfo.value.message_dict["parent"] == ["A category cannot be its own parent."]


def test_a_category_with_sub_categories_stays_top_level(db):
    top = CategoryFactory()
    CategoryFactory(parent=top)
    other = CategoryFactory()
    top.parent = other
    with pytest.raises(ValidationError) as excinfo:
        top.full_clean()
    assert excinfo.value.message_dict["parent"] == [
        "A category with sub-categories must stay top level."
    ]
