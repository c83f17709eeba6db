"""Template filters for service cards, reading only rows the selectors already loaded."""

from django import template

register = template.Library()


def _cost_options(service) -> list:
    # `.all()` on a prefetched relation reads the prefetch cache: no query per card.
    return list(service.cost_options.all())


@register.filter
def price_summary(service) -> str:
    """What a result card says about cost: "Free", "£24 per hour" or "From £12 per session".

    With several prices families compare the cheapest way in, so we show the lowest.
    """
    options = _cost_options(service)
    if not options:
        return ""
    paid = [option for option in options if not option.is_free and option.amount is not None]
    if not paid:
        return "Free"
    if len(options) == 1:
        return options[0].price_display
    if len(paid) < len(options):
        cheapest = min(paid, key=lambda option: option.amount)
        return f"Free, or from {cheapest.price_display}"
    cheapest = min(paid, key=lambda option: option.amount)
    return f"From {cheapest.price_display}"


@register.filter
def accepts_direct_payment(service) -> bool:
    """True if any of the service's prices can be paid with a direct payment."""
    return any(option.direct_payment_eligible for option in _cost_options(service))
