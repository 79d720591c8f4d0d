"""What every public page reads before its own content (the Site, its root paths, the generic settings), kept
in this process under the content version the request read.

Any change to these (a Site, a setting) replaces the content version (PAGE_CACHE_INVALIDATED_BY), so each
process notices on its very next request, as it does for whole pages. Kept only while a request that read
the version is being served: outside one (the admin, commands) Wagtail's own lookups run unchanged.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Site

# {"version": ..., key: value}: one content version's objects, dropped whole when the version changes.
_kept: dict = {"version": None}
# Counts changes made in this process: they drop what is kept at once, before their commit replaces the
# content version (the replacement waits for the commit, lest other processes keep the old content under it).
_changes = [0]
# The kept objects of the content version the request being served read; None outside such a request.
_serving: ContextVar[dict | None] = ContextVar("sitewide_serving", default=None)


def _for_version(version: str) -> dict:
    if _kept["version"] != (version, _changes[0]):
        _kept.clear()
        _kept["version"] = (version, _changes[0])
    return _kept


def forget() -> None:
    """Content is changing in this process: keep nothing from before (see _changes)."""
    _changes[0] += 1
    _kept.clear()
    _kept["version"] = None


def local_version(version: str) -> str:
    """A key for what this process keeps under ``version`` (fragments): changes here replace it at once."""
    return f"{version}.{_changes[0]}"


def _keep(kept: dict, key, compute):
    if key not in kept:
        kept[key] = compute()
    return kept[key]


@contextmanager
def serving(request, version: str):
    """Serve this request from the objects kept under ``version``, filling in what is missing.

    Wagtail looks each of these up once per request and caches it on the request under these names;
    setting them first saves those queries (the page query pins in tests/pages fail should Wagtail rename them).
    """
    kept = _for_version(version)
    site = _keep(kept, ("site", request.get_host(), request.get_port()), lambda: Site.find_for_request(request))
    if site is not None:
        request._wagtail_site = site
        request._wagtail_cached_site_root_paths = _keep(kept, "root paths", Site.get_site_root_paths)
        for model in settings_registry:
            if issubclass(model, BaseGenericSetting):
                setattr(request, model.get_cache_attr_name(), _keep(kept, model, model.load))
    token = _serving.set(kept)
    try:
        yield
    finally:
        _serving.reset(token)


def site_root_paths():
    """The root paths kept for the request being served, or None outside one."""
    return None if _serving.get() is None else kept_while_serving("root paths", Site.get_site_root_paths)


def kept_while_serving(key, compute):
    """``compute()``, kept under ``key`` while a request is served. It must depend only on what replaces the
    content version when it changes (pages, and the models in PAGE_CACHE_INVALIDATED_BY)."""
    kept = _serving.get()
    return compute() if kept is None else _keep(kept, key, compute)
