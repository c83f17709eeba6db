"""What an organisation told the council when it registered, and invitations to its team.

Neither is a page field. A page's fields are public once published and are copied into
every revision; the safeguarding lead's contact details, the declarations and the
council's decision are private to the organisation and the council, and must not change
when an old revision is published. So they live in plain rows beside the page, changed
only by `providers.organisations.services`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from providers.enums import InvitationStatus, TeamRole
from providers.validators import uk_phone_validator


class OrganisationRegistration(models.Model):
    """One organisation's registration: safeguarding lead, declarations, terms, decision.

    Organisations created before online registration (the demo's, or bulk-generated ones)
    have no row until a moderator decides on them; the row is then made with only the
    decision, which is why the details may be blank here although the form requires them.
    """

    organisation = models.OneToOneField(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="registration"
    )

    safeguarding_lead_name = models.CharField(
        "safeguarding lead's name", max_length=120, blank=True
    )
    safeguarding_lead_role = models.CharField(
        "safeguarding lead's role", max_length=120, blank=True
    )
    safeguarding_lead_email = models.EmailField("safeguarding lead's email", blank=True)
    safeguarding_lead_phone = models.CharField(
        "safeguarding lead's phone", max_length=20, blank=True, validators=[uk_phone_validator]
    )

    insurance_held = models.BooleanField("public liability insurance held", default=False)
    insurance_expires_on = models.DateField("insurance expiry date", null=True, blank=True)
    dbs_checks_confirmed = models.BooleanField(
        "enhanced DBS checks for staff and volunteers working with children", default=False
    )
    safeguarding_policy_confirmed = models.BooleanField("safeguarding policy", default=False)
    terms_version = models.CharField(max_length=20, blank=True)
    terms_accepted_at = models.DateTimeField(null=True, blank=True)

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    # Set when a refused organisation corrects its details and asks to be checked again.
    resubmitted_at = models.DateTimeField(null=True, blank=True)

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(
        blank=True, help_text="Why the council refused the organisation; the provider sees it."
    )

    class Meta:
        constraints = [
            # Registering online means making every declaration and accepting the terms:
            # the council lists no organisation working with children without them.
            models.CheckConstraint(
                condition=Q(terms_accepted_at__isnull=True)
                | Q(
                    insurance_held=True,
                    insurance_expires_on__isnull=False,
                    dbs_checks_confirmed=True,
                    safeguarding_policy_confirmed=True,
                ),
                name="registration_declarations_made",
            ),
        ]

    def __str__(self) -> str:
        return f"Registration of organisation {self.organisation_id}"

    @property
    def is_online_registration(self) -> bool:
        return self.terms_accepted_at is not None


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Waiting for a reply, expired or not (expired ones can be sent again)."""
        return self.filter(status=InvitationStatus.PENDING)

    def usable(self):
        return self.pending().filter(expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation for a person to join an organisation's team, sent by email.

    Only a SHA-256 hash of the link's random token is stored. The token is 256 random
    bits, so a fast hash is enough (nothing to brute-force), and someone who reads the
    database or a backup cannot use a waiting invitation. The row, not the token, holds
    the state (accepted, cancelled, expiry), so cancelling works at once and a link is
    used only once; sending again replaces the token, so older emails stop working.
    """

    organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="invitations"
    )
    # Stored lower-case: people type their address in any case, and it must match the
    # account that accepts.
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=InvitationStatus.values), name="invitation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(role__in=TeamRole.values), name="invitation_role_valid"
            ),
            # One waiting invitation per person per organisation, so "send again" and
            # "cancel" are never ambiguous.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(status=InvitationStatus.PENDING),
                name="one_pending_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to organisation {self.organisation_id}"

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()

    @property
    def is_admin_role(self) -> bool:
        return self.role == TeamRole.ADMIN
