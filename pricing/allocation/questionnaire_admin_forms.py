"""The forms for each part of a draft questionnaire. Each checks its own rules beside the
field to fix, so the database's constraints (with their technical words) are never the
ones to refuse; the rules about the whole version are checked when it is published."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from pricing.allocation.models import (
    AgeAdjustment,
    Descriptor,
    Domain,
    FundingBand,
    Question,
)


class DomainForm(forms.ModelForm):
    education_share = forms.IntegerField(label="Education (%)", min_value=0, max_value=100)
    social_care_share = forms.IntegerField(label="Social care (%)", min_value=0, max_value=100)
    health_share = forms.IntegerField(label="Health (%)", min_value=0, max_value=100)
    position = forms.IntegerField(
        label="Order on the page", min_value=0, max_value=1000, help_text="Lower comes first."
    )

    class Meta:
        model = Domain
        fields = [
            "name",
            "description",
            "education_share",
            "social_care_share",
            "health_share",
            "position",
        ]
        help_texts = {
            "description": "What this area of life covers, in words a parent understands.",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = ("education_share", "social_care_share", "health_share")
        shares = [data[name] for name in names if data.get(name) is not None]
        if len(shares) == len(names) and sum(shares) != 100:
            self.add_error(
                "education_share", f"The shares add up to {sum(shares)}%: they must add up to 100%."
            )
        return data


class QuestionForm(forms.ModelForm):
    position = forms.IntegerField(label="Order in the domain", min_value=0, max_value=1000)

    class Meta:
        model = Question
        fields = ["text", "help_text", "position"]
        labels = {"text": "Question", "help_text": "Hint"}


class DescriptorForm(forms.ModelForm):
    score = forms.IntegerField(min_value=0, max_value=100)
    position = forms.IntegerField(label="Order among the answers", min_value=0, max_value=1000)

    class Meta:
        model = Descriptor
        fields = ["text", "score", "need_level", "position"]
        labels = {"text": "Answer", "need_level": "Level of need it describes"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class AgeAdjustmentForm(forms.ModelForm):
    from_age = forms.IntegerField(label="From age (years)", min_value=0, max_value=25)
    to_age = forms.IntegerField(label="To age (years, included)", min_value=0, max_value=25)
    percent = forms.DecimalField(
        label="Score counts (%)",
        min_value=Decimal("0.01"),
        max_value=Decimal("200"),
        decimal_places=2,
        help_text="For example 80 for a young child whose needs count four fifths.",
    )

    class Meta:
        model = AgeAdjustment
        fields = ["from_age", "to_age", "percent"]

    def clean_to_age(self) -> int | None:
        to_age = self.cleaned_data.get("to_age")
        from_age = self.cleaned_data.get("from_age")
        if to_age is not None and from_age is not None and to_age < from_age:
            raise forms.ValidationError("Enter a 'to' age the same as or after the 'from' age.")
        return to_age


class FundingBandForm(forms.ModelForm):
    from_points = forms.DecimalField(
        label="From points", min_value=Decimal(0), max_digits=8, decimal_places=2
    )
    amount = forms.DecimalField(
        label="Indicative budget for a year (£)",
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
    )

    class Meta:
        model = FundingBand
        fields = ["stream", "name", "from_points", "amount"]
        widgets = {"stream": forms.RadioSelect}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        stream, points = data.get("stream"), data.get("from_points")
        if stream and points is not None:
            same = FundingBand.objects.filter(
                version=self.instance.version, stream=stream, from_points=points
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("from_points", "Another band of this stream starts at these points.")
        return data


class ConfirmForm(forms.Form):
    """A page whose only input is the button."""
