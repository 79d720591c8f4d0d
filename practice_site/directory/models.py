from django.db import models
from wagtail.admin.panels import FieldPanel


class Concern(models.Model):
    """Something people come to therapy for, as they would name it: linked to clinicians and services."""

    name = models.CharField(max_length=80, unique=True, help_text="As a visitor would say it, e.g. Grief and loss.")

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InsurancePlanQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(accepted=True)


class InsurancePlan(models.Model):
    """A plan the practice works with. The fees page and the team finder list the accepted ones from here."""

    class Network(models.TextChoices):
        IN_NETWORK = "in_network", "In network"
        SUPERBILL = "superbill", "Out of network (we give you a superbill)"

    name = models.CharField(max_length=120, unique=True, help_text="As it appears on the card, e.g. Aetna.")
    network = models.CharField(
        "network status", max_length=20, choices=Network.choices, default=Network.IN_NETWORK,
        help_text="Out of network: clients pay us and claim back from their insurer with the superbill we give them.",
    )
    notes = models.CharField(
        max_length=200, blank=True, help_text="Shown next to the plan on the fees page, e.g. Not Medicare Advantage.",
    )
    accepted = models.BooleanField(
        default=True,
        help_text="Untick to stop offering it without losing which clinicians took it: it leaves the fees page and "
        "the team finder.",
    )

    objects = InsurancePlanQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("network"), FieldPanel("notes"), FieldPanel("accepted")]

    class Meta:
        ordering = ["name"]
        verbose_name = "insurance plan"

    def __str__(self):
        return self.name
