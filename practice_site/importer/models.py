from django.conf import settings
from django.db import models


class ImportedItem(models.Model):
    """What an import made from one item of a source, so running it again updates instead of duplicating.

    The page types belong to other apps; the source's identity is kept here rather than on them. Topics need no
    record: they are found again by name.
    """

    class Kind(models.TextChoices):
        PAGE = "page", "Page"
        IMAGE = "image", "Image"
        REDIRECT = "redirect", "Redirect"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    source_id = models.CharField(
        max_length=255, help_text="The item's identity in its source, e.g. the WordPress site address and post ID."
    )
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    redirect = models.ForeignKey(
        "wagtailredirects.Redirect", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The page revision the import saved: a newer one means someone edited the page since.
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    # A digest of what the source said last time: unchanged items are left untouched.
    fingerprint = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "source_id"], name="importer_unique_source_item")]

    def __str__(self):
        return f"{self.kind} {self.source_id}"


class PendingUpload(models.Model):
    """A file uploaded on the Import screen, kept between the dry run and the editor's confirmation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    status = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name
