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


class ImportJob(models.Model):
    """A file uploaded on the Import screen and what became of it: checked (the dry run), then imported.

    Both steps run on the background queue; the page the editor watches reads ``state``, ``done`` and ``total``.
    The reports stay for the editor to read later; the file's bytes are dropped once it is imported or refused.
    """

    class State(models.TextChoices):
        CHECKING = "checking", "Checking the file"
        CHECKED = "checked", "Ready to import"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        REFUSED = "refused", "Not imported"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    data = models.BinaryField(blank=True)
    status = models.CharField(max_length=10)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    dry_run_report = models.JSONField(default=list, blank=True)
    report = models.JSONField(default=list, blank=True)
    # [title, page id, "created" or "updated"] for each page the import wrote, to link to its editor.
    pages = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def running(self) -> bool:
        return self.state in {self.State.CHECKING, self.State.IMPORTING}
