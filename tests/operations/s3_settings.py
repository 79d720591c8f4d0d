"""Pointing the running test process at the moto S3 server the way production settings would."""

from django.core.files.storage import storages
from wagtail.images import get_image_model

from practice_site.operations.object_storage import PUBLIC_MEDIA, s3_storages
from tests.operations.conftest import PRIVATE_BUCKET, PUBLIC_BUCKET

CREDENTIALS = {"region": "us-east-1", "access_key": "test", "secret_key": "test", "addressing_style": "path"}


def use_s3(settings, monkeypatch, endpoint):
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(bucket=PUBLIC_BUCKET, private_bucket=PRIVATE_BUCKET, endpoint_url=endpoint, **CREDENTIALS),
    }
    settings.WAGTAILIMAGES_RENDITION_STORAGE = PUBLIC_MEDIA
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    # Wagtail reads WAGTAILIMAGES_RENDITION_STORAGE once, when the Rendition model is defined.
    rendition_file = get_image_model().get_rendition_model()._meta.get_field("file")
    monkeypatch.setattr(rendition_file, "storage", storages[PUBLIC_MEDIA])
