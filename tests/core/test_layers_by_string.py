"""import-linter sees imports only. An app can still reach up by string: a model reference ("contact.X"), an
app_label, a migration dependency, a template of the app above, or a URL name that resolves to its views. This
test reads the layers from pyproject.toml and fails when an app names one above it (or a sibling it must not
know) in any of those ways.
"""

import re
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

BASE_DIR = Path(__file__).resolve().parents[2]
LAYERS_CONTRACT = "Apps depend downwards only"
TEXT_SUFFIXES = {".py", ".html", ".txt"}
# Migrations applied before the link from a call to its request moved to the intake side. Applied history is
# never rewritten (databases record it by name); scheduling/0003 and contact/0009 reversed the link.
HISTORY = {
    "practice_site/scheduling/migrations/0001_initial.py",
    "practice_site/scheduling/migrations/0002_coordinators_set_the_rules.py",
}
# Upward links older than this test, each still to be reversed (issue 19): Wagtail's parent_page_types on the
# lower page types (the fix: subpage_types on HomePage), and a schedule's clinician page (the fix: the page
# side owning the link, as requests own their calls). Listed line by line, so that any new one fails.
KNOWN = {
    ("contact/models/page.py", 'parent_page_types = ["home.HomePage"]'),
    ("practice_site/core/models.py", 'parent_page_types = ["home.HomePage"]'),
    ("practice_site/pages/models.py", 'parent_page_types = ["home.HomePage", "pages.StandardPage"]'),
    ("practice_site/scheduling/models.py",
     '"pages.ClinicianPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",'),
}
URL_REVERSALS = ("reverse(", "reverse_lazy(", "redirect(", "{% url ", "{% pageurl ")


def layers() -> list[list[str]]:
    contracts = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    contract = next(contract for contract in contracts if contract["name"] == LAYERS_CONTRACT)
    return [[module.strip() for module in layer.split("|")] for layer in contract["layers"]]


def app_label(module: str) -> str | None:
    return next((config.label for config in apps.get_app_configs() if config.name == module), None)


def _view_module(pattern: URLPattern) -> str:
    callback = pattern.callback
    return getattr(getattr(callback, "view_class", None), "__module__", None) or callback.__module__


def url_names(patterns=None, namespace="") -> list[tuple[str, str]]:
    """(the name as reversed, the module of its view) of every named URL."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += url_names(pattern.url_patterns, inner)
        elif pattern.name:
            found.append((f"{namespace}{pattern.name}", _view_module(pattern)))
    return found


def markers_of(module: str) -> list[str]:
    """The strings by which code could name ``module`` without importing it."""
    markers = []
    label = app_label(module)
    if label:
        markers += [f'"{label}.', f"'{label}.", f'app_label="{label}"', f"app_label='{label}'",
                    f'("{label}", ', f"('{label}', ", f'"{label}/', f"'{label}/", f'"{label}:', f"'{label}:"]
    for name, view_module in url_names():
        if view_module == module or view_module.startswith(module + "."):
            namespace = name.partition(":")[0] + ":" if ":" in name else ""
            markers += [f'"{namespace}', f"'{namespace}"] if namespace else []
            markers += [f'{call}{quote}{name}{quote}' for call in URL_REVERSALS for quote in "\"'"]
    return sorted(set(markers))


def files_of(module: str):
    folder = BASE_DIR / module.replace(".", "/")
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(BASE_DIR).as_posix()
        if path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts and relative not in HISTORY:
            yield relative, path.read_text()


def forbidden_pairs():
    """(lower, higher) for every app and each app above it, and each sibling on its own line."""
    stack = layers()
    for index, layer in enumerate(stack):
        for module in layer:
            above = [higher for upper in stack[:index] for higher in upper] + [m for m in layer if m != module]
            for higher in above:
                yield module, higher


@pytest.mark.parametrize(("lower", "higher"), list(forbidden_pairs()))
def test_no_app_names_a_higher_one_by_string(lower, higher):
    markers = markers_of(higher)
    found = [
        f"{path}:{number}: {line.strip()}"
        for path, text in files_of(lower)
        for number, line in enumerate(text.splitlines(), 1)
        if any(marker in line for marker in markers) and (path, line.strip()) not in KNOWN
    ]
    assert not found, f"{lower} names {higher}:\n" + "\n".join(found)


def test_the_check_sees_the_strings_it_looks_for():
    """The markers of the intake app include its label, its templates and its admin's URL names."""
    markers = markers_of("contact")
    expected = {'"contact.', 'app_label="contact"', '("contact", ', '"contact/', '"consultation_requests:',
                'reverse("consultation_call"'}
    assert expected <= set(markers)
    old_migration = (BASE_DIR / "practice_site/scheduling/migrations/0001_initial.py").read_text()
    assert re.search(r"\('contact', '0004", old_migration), "the allowed history no longer names contact"
