"""Browsing the directory by category. Listings themselves are Wagtail pages."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from providers.models import Category
from providers.selectors import attach_organisations, published_services

PAGE_SIZE = 20


def category(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    ids = [category.pk, *category.children.values_list("pk", flat=True)]
    services = published_services().filter(categories__in=ids).distinct().order_by("title")
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "providers/category.html",
        {
            "category": category,
            "subcategories": category.children.all(),
            "page_obj": page,
            "services": attach_organisations(page.object_list),
        },
    )
