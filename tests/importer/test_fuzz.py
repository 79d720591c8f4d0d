"""200 damaged versions of the test exports and documents (truncated, bytes flipped, zip members renamed): each ends
in a report or a one-line refusal, never a traceback, and leaves no half-made page behind."""

import io
import random
import zipfile

import pytest
from django.db import transaction
from wagtail.models import Page

from practice_site.importer.bundle import Folder, ImportRefused
from practice_site.importer.models import ImportedItem
from practice_site.importer.sources import read_document
from practice_site.importer.writer import Importer

from .conftest import FIXTURES, database_state, image_bytes
from .test_documents import build_docx

pytestmark = pytest.mark.django_db
CASES = 200
PLACEHOLDER = "<p>…</p>"  # the body a page has between being placed and being filled


def zipped(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("docx")
    build_docx(folder / "holidays.docx")
    markdown = (FIXTURES / "gentle-start.md").read_bytes()
    return {
        "export.xml": (FIXTURES / "wordpress.xml").read_bytes(),
        "gentle-start.md": markdown,
        "after-a-loss.txt": (FIXTURES / "after-a-loss.txt").read_bytes(),
        "holidays.docx": (folder / "holidays.docx").read_bytes(),
        "articles.zip": zipped({"posts/gentle-start.md": markdown, "posts/chairs.jpg": image_bytes((40, 30))}),
    }


def renamed(data: bytes, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    victim = rng.choice(sorted(members))
    new_name = rng.choice(["../escape.md", "/abs.md", victim.upper(), victim + ".bak", "word/other.xml", "a\\b.md"])
    members[new_name] = members.pop(victim)
    return zipped(members)


def mutate(data: bytes, name: str, rng: random.Random) -> bytes:
    kind = rng.choice(["truncate", "flip", "flip"] + (["rename"] if name.endswith((".zip", ".docx")) else []))
    if kind == "truncate":
        return data[: rng.randrange(len(data))]
    if kind == "rename":
        return renamed(data, rng)
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    return bytes(damaged)


def no_half_made_pages():
    for record in ImportedItem.objects.filter(kind="page").select_related("page"):
        page = record.page.specific
        assert record.revision_id == page.latest_revision_id
        assert PLACEHOLDER not in str(page.get_latest_revision_as_object().body.raw_data)


def test_damaged_inputs_end_in_a_report_or_one_line(site, originals):
    rng = random.Random(23)
    before = database_state()
    outcomes = {"report": 0, "refused": 0}
    for case in range(CASES):
        name = list(originals)[case % len(originals)]
        data = mutate(originals[name], name, rng)
        with transaction.atomic():
            try:
                bundles = read_document(name, data, Folder(), media_dir=None, download=None)
                report = Importer(status="draft").run(bundles)
            except ImportRefused as refused:
                message = str(refused)
                assert message and "\n" not in message and "Traceback" not in message, (case, message)
                assert database_state() == before, case
                outcomes["refused"] += 1
            else:
                assert report.lines()[0] == "Import report", case
                no_half_made_pages()
                outcomes["report"] += 1
            transaction.set_rollback(True)
    # Both paths were really taken.
    assert outcomes["report"] > 20 and outcomes["refused"] > 20, outcomes
    assert Page.objects.count() == before["pages"]
