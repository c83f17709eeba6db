"""The forms that change a draft (one view serves every part), publish it, delete it, or
make a new draft."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from django import forms
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from pricing.allocation import questionnaire_admin_forms as part_forms
from pricing.allocation.questionnaire_admin_views.base import (
    KINDS,
    ConfigurePageMixin,
    Kind,
    VersionPageMixin,
    errors_of,
)
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.questionnaire import (
    NotPublishable,
    delete_draft,
    delete_part,
    new_draft,
    problems_of,
    publish,
    save_part,
)


class ActionView(VersionPageMixin, FormView):
    """A page with a form whose POST calls one service; a refusal is shown in the error
    summary beside what was typed."""

    http_method_names = ["get", "post"]
    template_name = "pricing/allocation/questionnaire/part_form.html"
    submit_label = "Save"
    danger = False

    def intro(self) -> str:
        return ""

    @abstractmethod
    def act(self, form: Any) -> tuple[str, str]:
        """Call the service; the success message and where to go next."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            message, url = self.act(form)
        except AllocationError as error:
            self.refused(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(url)

    def refused(self, form: Any, error: AllocationError) -> None:
        add_domain_error(form, error)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "version": self.version,
                "errors": errors_of(context["form"]),
                "intro": self.intro(),
                "submit_label": self.submit_label,
                "danger": self.danger,
                "back_url": self.version_url(),
            }
        )
        return context


class PartView(ActionView):
    """Add a part to a draft (`pk` absent, `parent` for a question or an answer) or
    change one."""

    kind: Kind
    part: models.Model

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        kind = KINDS.get(kwargs["kind"])
        if kind is None:
            raise Http404("No such part")
        self.kind = kind
        if "pk" in kwargs:
            self.part = get_object_or_404(
                kind.model, pk=kwargs["pk"], **{kind.in_version: self.version}
            )
        elif kind.parent:
            if "parent" not in kwargs:
                raise Http404("Say what it belongs to")
            above = KINDS[kind.parent_kind]
            parent = get_object_or_404(
                above.model, pk=kwargs["parent"], **{above.in_version: self.version}
            )
            self.part = kind.model(**{kind.parent: parent})
        else:
            self.part = kind.model(version=self.version)

    @property
    def adding(self) -> bool:
        return self.part._state.adding

    def get_page_title(self) -> str:
        article = "an" if self.kind.label[0] in "aeiou" else "a"
        return f"{'Add' if self.adding else 'Change'} {article} {self.kind.label}"

    def intro(self) -> str:
        if self.kind.parent:
            return f"For “{getattr(self.part, self.kind.parent)}”."
        return ""

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.part
        if self.adding and "position" in self.kind.form.base_fields:
            siblings = self.kind.model._default_manager.filter(
                **(
                    {self.kind.parent: getattr(self.part, self.kind.parent)}
                    if self.kind.parent
                    else {"version": self.version}
                )
            )
            kwargs["initial"] = {"position": siblings.count() + 1}
        return kwargs

    def get_form_class(self) -> type[forms.ModelForm]:
        return self.kind.form

    @property
    def submit_label(self) -> str:  # type: ignore[override]
        return f"Add the {self.kind.label}" if self.adding else "Save the changes"

    def act(self, form: Any) -> tuple[str, str]:
        adding = self.adding
        part = save_part(form.save(commit=False), by=self.request.user)
        return (
            f"{self.kind.label.capitalize()} {'added' if adding else 'changed'}: {part}.",
            f"{self.version_url()}#{self.kind.label.replace(' ', '-')}-{part.pk}",
        )


class DeletePartView(PartView):
    template_name = "pricing/allocation/questionnaire/confirm.html"
    danger = True

    def get_page_title(self) -> str:
        return f"Delete this {self.kind.label}"

    def intro(self) -> str:
        below = {
            "domain": " Its questions and their answers are deleted with it.",
            "question": " Its answers are deleted with it.",
        }
        return f"“{self.part}” will be deleted from the draft.{below.get(self.kind.label, '')}"

    def get_form_class(self) -> type[forms.Form]:  # type: ignore[override]
        return part_forms.ConfirmForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return FormView.get_form_kwargs(self)

    @property
    def submit_label(self) -> str:  # type: ignore[override]
        return f"Delete the {self.kind.label}"

    def act(self, form: Any) -> tuple[str, str]:
        words = str(self.part)
        delete_part(self.part, by=self.request.user)
        return f"{self.kind.label.capitalize()} deleted: {words}.", self.version_url()


class PublishView(ActionView):
    template_name = "pricing/allocation/questionnaire/confirm.html"
    form_class = part_forms.ConfirmForm
    submit_label = "Publish this version"

    def get_page_title(self) -> str:
        return f"Publish version {self.version.number}"

    def intro(self) -> str:
        return (
            "Once published, this version is used for every new assessment and can never be "
            "changed. Assessments already made keep the version they were made with."
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["problems"] = problems_of(self.version)
        return context

    def refused(self, form: Any, error: AllocationError) -> None:
        if isinstance(error, NotPublishable):
            # One line a problem in the error summary, rather than one long sentence.
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            add_domain_error(form, error)

    def act(self, form: Any) -> tuple[str, str]:
        version = publish(self.version, by=self.request.user)
        return (
            f"Version {version.number} published: new assessments use it from now on.",
            self.version_url(),
        )


class DeleteDraftView(ActionView):
    template_name = "pricing/allocation/questionnaire/confirm.html"
    form_class = part_forms.ConfirmForm
    submit_label = "Delete the draft"
    danger = True

    def get_page_title(self) -> str:
        return f"Delete draft version {self.version.number}"

    def intro(self) -> str:
        return "The draft and every change made in it are deleted. Published versions stay."

    def act(self, form: Any) -> tuple[str, str]:
        number = self.version.number
        delete_draft(self.version, by=self.request.user)
        return f"Draft version {number} deleted.", reverse("questionnaire_admin:index")


class NewDraftView(ConfigurePageMixin, FormView):
    template_name = "pricing/allocation/questionnaire/confirm.html"
    form_class = part_forms.ConfirmForm
    http_method_names = ["get", "post"]
    page_title = "Make a new draft"

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            draft = new_draft(self.council, by=self.request.user)
        except AllocationError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"Draft version {draft.number} made: change it, then publish it."
        )
        return redirect("questionnaire_admin:version", draft.number)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "errors": errors_of(context["form"]),
                "intro": (
                    "The draft is a copy of the newest published version, to change and then "
                    "publish. Nothing changes for families until it is published."
                ),
                "submit_label": "Make the draft",
                "back_url": reverse("questionnaire_admin:index"),
            }
        )
        return context
