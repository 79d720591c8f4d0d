"""A clinician's licenses, stated as Texas expects them advertised."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from practice_site.directory.choices import US_STATES


class LicenseType(models.TextChoices):
    LPC = "LPC", "Licensed Professional Counselor (LPC)"
    LPC_S = "LPC-S", "LPC-Supervisor (LPC-S)"
    LPC_ASSOCIATE = "LPC Associate", "LPC Associate"
    LMFT = "LMFT", "Licensed Marriage and Family Therapist (LMFT)"
    LMFT_ASSOCIATE = "LMFT Associate", "LMFT Associate"
    LCSW = "LCSW", "Licensed Clinical Social Worker (LCSW)"
    LMSW = "LMSW", "Licensed Master Social Worker (LMSW)"
    PSYCHOLOGIST = "Psychologist", "Licensed Psychologist"


# Texas rules: an associate advertises “supervised by” and the supervisor’s name.
SUPERVISED_LICENSES = {LicenseType.LPC_ASSOCIATE, LicenseType.LMFT_ASSOCIATE}
SUPERVISOR_REQUIRED = "An associate’s page must name their supervisor."


class ClinicianLicense(Orderable):
    """One license a clinician holds; several states or license types are several rows."""

    page = ParentalKey("pages.ClinicianPage", on_delete=models.CASCADE, related_name="licenses")
    state = models.CharField(max_length=2, choices=US_STATES, default="TX")
    license_type = models.CharField(max_length=20, choices=LicenseType.choices, default=LicenseType.LPC)
    number = models.CharField(max_length=30, blank=True, help_text="Several states require it in every listing.")
    verification_url = models.URLField(
        "verification link", blank=True,
        help_text="The state board’s public look-up for this license, so a visitor can check it.",
    )

    panels = [
        FieldRowPanel([FieldPanel("state"), FieldPanel("license_type"), FieldPanel("number")]),
        FieldPanel("verification_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "license"

    def __str__(self):
        return self.short_statement

    @property
    def short_statement(self) -> str:
        statement = self.license_type
        if self.number:
            statement += f" #{self.number}"
        return f"{statement} ({self.state})"

    @property
    def is_supervised(self) -> bool:
        return self.license_type in SUPERVISED_LICENSES

    @property
    def statement(self) -> str:
        """How Texas expects a license advertised, e.g. “LPC Associate #81234 (TX), supervised by …”."""
        if self.is_supervised and self.page.supervisor_name:
            return f"{self.short_statement}, supervised by {self.page.supervisor_name}"
        return self.short_statement
