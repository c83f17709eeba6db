"""Wagtail admin hooks of the localoffer app (the module Wagtail looks for in each app).

Each area keeps its hooks beside its code; importing the module registers them.
"""

from localoffer import admin_hooks  # noqa: F401
from localoffer.accounts import wagtail_hooks as account_hooks  # noqa: F401
from localoffer.feedback import wagtail_hooks as feedback_hooks  # noqa: F401
from localoffer.pagecache import wagtail_hooks as page_cache_hooks  # noqa: F401
