"""Media in S3-compatible object storage (django-storages), built from the environment by settings/base.py.

Private by default: original images, documents and any other upload go to the ``default`` storage, whose
objects are private and whose URLs are signed and short-lived. Only image renditions, the files that public
pages show, go to the public storage (public-read, or readable through the CDN on ``custom_domain``).
Documents are therefore reached only through Wagtail's serve view, which checks collection privacy before
redirecting to a signed URL.
"""

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
# The STORAGES alias that WAGTAILIMAGES_RENDITION_STORAGE names.
PUBLIC_MEDIA = "public_media"
# Renditions are regenerated under new names when an image changes, so browsers and the CDN may keep them.
RENDITION_CACHE_CONTROL = "public, max-age=86400"


def s3_connection(*, endpoint_url: str = "", region: str = "", access_key: str = "", secret_key: str = "",
                  addressing_style: str = "") -> dict:
    """S3Storage options naming the provider and credentials (unset ones left to boto3's own defaults)."""
    return {
        name: value
        for name, value in {
            "endpoint_url": endpoint_url,
            "region_name": region,
            "access_key": access_key,
            "secret_key": secret_key,
            "addressing_style": addressing_style,
        }.items()
        if value
    }


def s3_storages(
    *,
    bucket: str,
    private_bucket: str = "",
    endpoint_url: str = "",
    region: str = "",
    access_key: str = "",
    secret_key: str = "",
    custom_domain: str = "",
    addressing_style: str = "",
    signed_url_seconds: int = 60,
) -> dict:
    """The ``default`` (private) and ``public_media`` entries of STORAGES."""
    connection = s3_connection(
        endpoint_url=endpoint_url, region=region, access_key=access_key, secret_key=secret_key,
        addressing_style=addressing_style,
    )
    return {
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **connection,
                "bucket_name": private_bucket or bucket,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": signed_url_seconds,
                "file_overwrite": False,
            },
        },
        PUBLIC_MEDIA: {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **connection,
                "bucket_name": bucket,
                # Behind a CDN the bucket is read with the CDN's own access (and many buckets refuse ACLs).
                "default_acl": None if custom_domain else "public-read",
                "querystring_auth": False,
                "custom_domain": custom_domain or None,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": RENDITION_CACHE_CONTROL},
            },
        },
    }


def public_media_origins(*, bucket: str, endpoint_url: str = "", region: str = "", custom_domain: str = "",
                         addressing_style: str = "") -> list[str]:
    """Where public pages load renditions from, for the Content-Security-Policy's img-src."""
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        if addressing_style == "virtual":
            return [f"{parts.scheme}://{bucket}.{parts.netloc}"]
        return [f"{parts.scheme}://{parts.netloc}"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
