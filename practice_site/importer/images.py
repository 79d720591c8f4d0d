"""Images into Wagtail: each checked before it is stored, and in a dry run checked but never stored."""

import io
import warnings
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from .bundle import Asset, ImageRefused
from .models import ImportedItem
from .report import Report


@dataclass
class CheckedImage:
    """What a dry run knows of an image it would create: no row, no file."""

    description: str
    pk: None = None


def check_image(data: bytes):
    """Refuses what Pillow cannot read, and pictures whose pixel count would exhaust memory when decoded."""
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that: both are refused here.
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(io.BytesIO(data)) as image:
                image.verify()
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning) as error:
        raise ImageRefused("too many pixels to open safely") from error
    except Exception as error:  # noqa: BLE001 (a damaged picture fails inside Pillow's decoders in many ways)
        raise ImageRefused("not a picture that can be read") from error


class ImageStore:
    def __init__(self, report: Report, *, dry_run: bool):
        self.report = report
        self.dry_run = dry_run
        self.images: dict[str, object] = {}
        self.stored_files: list[str] = []

    def image_for(self, asset: Asset):
        if asset.source_id not in self.images:
            self.images[asset.source_id] = self.existing(asset) or self.new(asset)
        return self.images[asset.source_id]

    def existing(self, asset: Asset):
        record = ImportedItem.objects.filter(kind=ImportedItem.Kind.IMAGE, source_id=asset.source_id).first()
        if not (record and record.image_id):
            return None
        image = get_image_model().objects.get(pk=record.image_id)
        if (image.title, image.description) != (asset.title[:255], asset.alt) and asset.alt:
            image.title, image.description = asset.title[:255], asset.alt
            image.save(update_fields=["title", "description"])
            self.report.count("images", "updated")
        else:
            self.report.count("images", "unchanged")
        return image

    def new(self, asset: Asset):
        name = asset.filename or asset.title
        try:
            data = next((data for load in asset.loaders if (data := load())), None)
            if data is not None:
                check_image(data)
        except ImageRefused as refused:
            self.report.images_refused.append(f"{name} ({refused})")
            return None
        if data is None:
            self.report.images_missing.append(name)
            return None
        self.report.count("images", "created")
        if self.dry_run:
            return CheckedImage(description=asset.alt)
        image = get_image_model()(
            title=asset.title[:255], description=asset.alt, file=ImageFile(io.BytesIO(data), name=asset.filename)
        )
        image.save()
        self.stored_files.append(image.file.name)
        ImportedItem.objects.create(kind=ImportedItem.Kind.IMAGE, source_id=asset.source_id, image=image)
        return image

    def remove_stored_files(self):
        """Image files saved before a rollback belong to no row any more."""
        for name in self.stored_files:
            default_storage.delete(name)
