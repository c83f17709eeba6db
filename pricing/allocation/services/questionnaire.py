"""Versions of the questionnaire: a draft is copied from the newest published version,
changed, checked and published; once published it is frozen, so assessments made with it
keep their working (the rows themselves refuse changes, `models.questionnaire`).

Publishing checks the rules of a resource allocation tool (the DfE pathfinder evaluation:
5 to 10 domains of 1 to 5 questions, each answered with a scored descriptor) and that every
child can be scored: an age adjustment for every age from 0 to 25 and, for each stream the
tool allocates, a band from 0 points.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from pricing.allocation.enums import VersionStatus
from pricing.allocation.models import (
    AgeAdjustment,
    Domain,
    FundingBand,
    QuestionnaireVersion,
)
from pricing.allocation.services.common import AllocationError, audit
from pricing.budgets.enums import Stream

MIN_DOMAINS, MAX_DOMAINS = 5, 10
MIN_QUESTIONS, MAX_QUESTIONS = 1, 5
MIN_DESCRIPTORS = 2
OLDEST = 25  # education, health and care plans run to the age of 25


class NotPublishable(AllocationError):
    """Publishing refused: `problems` lists every rule broken, in the page's order."""

    def __init__(self, problems: list[str]):
        super().__init__("This version cannot be published yet: " + " ".join(problems))
        self.problems = problems


def current_version(council: Any) -> QuestionnaireVersion | None:
    """The newest published version: the one new assessments use."""
    return (
        QuestionnaireVersion.objects.filter(council=council, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )


def draft_of(council: Any) -> QuestionnaireVersion | None:
    return QuestionnaireVersion.objects.filter(council=council, status=VersionStatus.DRAFT).first()


def _copy[Row: models.Model](row: Row, **parents: models.Model) -> Row:
    """A new row with `row`'s values, hung from `parents` (field name -> new parent)."""
    values = {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not field.primary_key
    }
    for name, parent in parents.items():
        del values[row._meta.get_field(name).attname]  # type: ignore[union-attr]
        values[name] = parent
    return type(row)._default_manager.create(**values)


@transaction.atomic
def new_draft(council: Any, *, by: Any) -> QuestionnaireVersion:
    """A draft copied whole from the newest published version (empty if there is none)."""
    # Lock the council's versions: two people making a draft at once get one draft.
    numbers = list(
        QuestionnaireVersion.objects.select_for_update()
        .filter(council=council)
        .values_list("number", "status")
    )
    if any(status == VersionStatus.DRAFT for _, status in numbers):
        raise AllocationError(
            "There is already a draft version: change it, publish it or delete it first."
        )
    source = current_version(council)
    draft = QuestionnaireVersion.objects.create(
        council=council, number=max((n for n, _ in numbers), default=0) + 1
    )
    if source is not None:
        for domain in source.domains.prefetch_related("questions__descriptors"):
            new_domain = _copy(domain, version=draft)
            for question in domain.questions.all():
                new_question = _copy(question, domain=new_domain)
                for descriptor in question.descriptors.all():
                    _copy(descriptor, question=new_question)
        for adjustment in source.age_adjustments.all():
            _copy(adjustment, version=draft)
        for band in source.bands.all():
            _copy(band, version=draft)
    audit(
        draft,
        "questionnaire_draft_made",
        by=by,
        data={"number": draft.number, "copied_from": source.number if source else None},
    )
    return draft


def _ages(ages: list[int]) -> str:
    words = [str(age) for age in ages]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def problems_of(version: QuestionnaireVersion) -> list[str]:
    """Every rule the version breaks, in plain words; empty when it can be published."""
    problems: list[str] = []
    domains = list(version.domains.prefetch_related("questions__descriptors"))
    if not MIN_DOMAINS <= len(domains) <= MAX_DOMAINS:
        problems.append(
            f"A questionnaire needs {MIN_DOMAINS} to {MAX_DOMAINS} domains: "
            f"this one has {len(domains)}."
        )
    for domain in domains:
        questions = list(domain.questions.all())
        if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
            problems.append(
                f"“{domain.name}” needs {MIN_QUESTIONS} to {MAX_QUESTIONS} questions: "
                f"it has {len(questions)}."
            )
        total = sum(domain.shares().values())
        if total != 100:
            problems.append(
                f"The stream shares of “{domain.name}” add up to {total}%: "
                "they must add up to 100%."
            )
        for question in questions:
            scores = [descriptor.score for descriptor in question.descriptors.all()]
            if len(scores) < MIN_DESCRIPTORS:
                problems.append(
                    f"“{question.text}” needs at least {MIN_DESCRIPTORS} answers to choose "
                    f"from: it has {len(scores)}."
                )
            if 0 not in scores:
                problems.append(f"“{question.text}” needs an answer scoring 0 (no extra need).")
    problems += _age_problems(list(version.age_adjustments.all()))
    problems += _band_problems(list(version.bands.order_by("stream", "from_points")), domains)
    return problems


def _age_problems(adjustments: list[AgeAdjustment]) -> list[str]:
    covered = Counter(
        age for a in adjustments for age in range(a.from_age, a.to_age + 1) if age <= OLDEST
    )
    problems = []
    missing = [age for age in range(OLDEST + 1) if not covered[age]]
    if missing:
        problems.append(f"No age adjustment covers age {_ages(missing)}: cover every age 0 to 25.")
    twice = sorted(age for age, count in covered.items() if count > 1)
    if twice:
        problems.append(
            f"More than one age adjustment covers age {_ages(twice)}: "
            "each age must have exactly one."
        )
    return problems


def _band_problems(bands: list[FundingBand], domains: list[Domain]) -> list[str]:
    problems = []
    if not bands:
        problems.append("The funding matrix has no bands: add the bands of at least one stream.")
    for stream in Stream:
        own = [band for band in bands if band.stream == stream]
        if not own:
            counting = [d.name for d in domains if d.shares()[stream]]
            if counting and bands:
                problems.append(
                    f"{stream.label} has no bands, but “{counting[0]}” counts towards it: "
                    "add its bands or change the domain's shares."
                )
            continue
        if own[0].from_points != 0:
            problems.append(f"{stream.label} needs a band from 0 points.")
        for lower, higher in zip(own, own[1:], strict=False):
            if higher.amount <= lower.amount:
                problems.append(
                    f"{stream.label}: the amounts must rise with the points, but "
                    f"{higher.name} (from {higher.from_points} points) is not more than "
                    f"{lower.name}."
                )
    return problems


def _locked_draft(version: QuestionnaireVersion) -> QuestionnaireVersion:
    locked = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise AllocationError("This version is published: it cannot be changed.")
    return locked


@transaction.atomic
def publish(version: QuestionnaireVersion, *, by: Any) -> QuestionnaireVersion:
    """Freeze the draft: from now on new assessments use it; earlier ones keep theirs."""
    locked = _locked_draft(version)
    problems = problems_of(locked)
    if problems:
        raise NotPublishable(problems)
    locked.status = VersionStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = by if getattr(by, "is_authenticated", False) else None
    locked.save(update_fields=["status", "published_at", "published_by"])
    audit(locked, "questionnaire_published", by=by, data={"number": locked.number})
    return locked


@transaction.atomic
def delete_draft(version: QuestionnaireVersion, *, by: Any) -> None:
    locked = _locked_draft(version)
    if locked.assessments.exists():
        raise AllocationError("Assessments were started with this draft: it cannot be deleted.")
    audit(locked, "questionnaire_draft_deleted", by=by, data={"number": locked.number})
    locked.delete()


def _version_of(part: models.Model) -> QuestionnaireVersion:
    return part.questionnaire_version()  # type: ignore[attr-defined]


@transaction.atomic
def save_part(part: models.Model, *, by: Any) -> models.Model:
    """Add or change one domain, question, descriptor, age adjustment or band of a draft."""
    version = _locked_draft(_version_of(part))
    adding = part._state.adding
    part.save()
    audit(
        version,
        "questionnaire_changed",
        by=by,
        data={"part": type(part).__name__, "id": part.pk, "added": adding},
    )
    return part


@transaction.atomic
def delete_part(part: models.Model, *, by: Any) -> None:
    """Remove one part of a draft, with what hangs from it (a domain's questions...)."""
    version = _locked_draft(_version_of(part))
    audit(
        version,
        "questionnaire_changed",
        by=by,
        data={"part": type(part).__name__, "id": part.pk, "deleted": True},
    )
    part.delete()
