"""Models of the statutory Local Offer: users, CMS pages, site settings and feedback."""

from localoffer.feedback.models import Feedback, YouSaidWeDidPage
from localoffer.models.pages import HomePage, InformationPage, SectionPage
from localoffer.models.site_settings import SiteSettings
from localoffer.models.users import User

__all__ = [
    "Feedback",
    "YouSaidWeDidPage",
    "HomePage",
    "InformationPage",
    "SectionPage",
    "SiteSettings",
    "User",
]
