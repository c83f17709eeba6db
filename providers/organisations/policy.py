"""The council's promises and limits for organisations, in one place so pages and emails agree."""

import datetime as dt

# The listing terms a provider accepts when it registers. Change the version whenever the
# wording of templates/providers/organisations/terms.html changes in substance, so each
# registration records which terms were accepted.
LISTING_TERMS_VERSION = "2026-01"
LISTING_TERMS_UPDATED = dt.date(2026, 1, 5)

# What the registrant is told: the council checks new organisations within this many
# working days (the service standard in the provider guide).
VERIFICATION_WORKING_DAYS = 5

# An invitation link works for 14 days: long enough for a volunteer who checks email
# weekly, short enough that an old email in someone's inbox stops being a key.
INVITATION_LIFETIME = dt.timedelta(days=14)

# One person may have only a few organisations waiting at once: each registration creates
# a page and emails every moderator, so a stuck or malicious form must not flood them.
MAX_PENDING_REGISTRATIONS_PER_PERSON = 3
