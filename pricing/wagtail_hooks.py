"""Wagtail finds an app's hooks here; each use case keeps its own in its sub-package."""

from pricing.families import wagtail_hooks as family_hooks  # noqa: F401
from pricing.payments import wagtail_hooks as payment_hooks  # noqa: F401
