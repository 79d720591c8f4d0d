"""The client address that login throttling and the intake rate limit count against."""

import ipaddress

from django.conf import settings


def client_ip_address(request) -> str | None:
    """REMOTE_ADDR, unless a trusted proxy is configured to pass the real address in a header.

    Only the right-most entry of the header is used: our proxy appends it, while anything to
    its left came from the client and could be forged to dodge a per-address limit.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    if not settings.TRUSTED_PROXY:
        return remote_addr
    meta_key = "HTTP_" + settings.TRUSTED_PROXY_CLIENT_IP_HEADER.upper().replace("-", "_")
    forwarded = request.META.get(meta_key, "")
    candidate = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
