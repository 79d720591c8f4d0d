"""Markdown, plain text and Word documents become draft articles under the blog index."""

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Inches
from wagtail.images import get_image_model

from blog.models import ArticlePage

from .conftest import FIXTURES, database_state, image_bytes

pytestmark = pytest.mark.django_db


def blocks(page):
    return list(page.get_latest_revision_as_object().body.raw_data)


@pytest.fixture
def markdown_folder(tmp_path) -> Path:
    (tmp_path / "gentle-start.md").write_text((FIXTURES / "gentle-start.md").read_text())
    (tmp_path / "chairs.jpg").write_bytes(image_bytes((80, 60)))
    return tmp_path


def test_markdown_with_front_matter_and_an_image_beside_it(site, markdown_folder, run_import):
    report = run_import(markdown_folder / "gentle-start.md")
    article = ArticlePage.objects.get(slug="gentle-start")
    assert article.get_parent().pk == site["blog"].pk
    assert not article.live  # single files arrive as drafts
    revision = article.get_latest_revision_as_object()
    assert revision.title == "A gentle start to therapy"
    assert revision.summary == "What the first session is like, and how to prepare if you want to."
    assert revision.author == site["maya"]
    assert set(revision.topics.values_list("name", flat=True)) == {"First sessions", "Anxiety"}
    body = blocks(article)
    assert [block["type"] for block in body] == ["paragraph", "heading", "paragraph", "image", "quote", "paragraph"]
    assert body[0]["value"] == "<p>Starting therapy can feel like a lot — that’s normal.</p>"
    assert body[1]["value"] == {"text": "What happens in the first session", "level": "h2"}
    assert body[2]["value"] == (
        "<p>We talk about what brings you in. You set the pace:</p>"
        "<ul><li>You can pass on any question</li><li>You can ask <i>anything</i> about how I work</li></ul>"
    )
    chairs = get_image_model().objects.get(pk=body[3]["value"]["image"]["image"])
    assert chairs.width == 80
    assert body[3]["value"]["image"]["alt_text"] == "Two chairs by a window"
    assert body[4]["value"] == {"quote": "Courage doesn’t always roar.", "attribution": "Mary Anne Radmacher"}
    assert '<a href="https://example.org/consult">consultation page</a>' in body[5]["value"]
    assert "Articles: 1 created" in report and "Images: 1 created" in report and "Topics: 2 created" in report


def test_markdown_published_with_status_live_keeps_its_date(site, markdown_folder, run_import):
    run_import(markdown_folder / "gentle-start.md", "--status", "live")
    article = ArticlePage.objects.get(slug="gentle-start")
    assert article.live
    assert article.first_published_at.date().isoformat() == "2024-05-14"


def test_markdown_rerun_changes_nothing(site, markdown_folder, run_import):
    run_import(markdown_folder / "gentle-start.md")
    before = database_state()
    report = run_import(markdown_folder / "gentle-start.md")
    assert database_state() == before
    assert "Articles: 0 created, 0 updated, 1 unchanged" in report


def test_plain_text_title_headings_paragraphs_and_lists(site, run_import):
    run_import(FIXTURES / "after-a-loss.txt")
    article = ArticlePage.objects.get(slug="after-a-loss")
    assert article.title == "After a loss" and not article.live
    # The opening paragraph is the summary, printed above the body: it is not in the body a second time.
    assert article.summary == "Grief changes shape over time, and there is no right way to carry it."
    body = blocks(article)
    assert [block["type"] for block in body] == ["heading", "paragraph"]
    assert body[0]["value"] == {"text": "What helps", "level": "h2"}
    assert body[1]["value"] == (
        "<p>Small routines can steady a day when everything else feels uncertain.</p>"
        "<p>Some people find these useful:</p>"
        "<ul><li>A short walk each morning</li><li>Writing a letter you won’t send</li>"
        "<li>Naming one thing you ate today</li></ul>"
        "<p>It’s okay if none of these fit — “getting through” is enough.</p>"
    )


def build_docx(path: Path):
    document = Document()
    document.add_heading("Coping with holiday stress", 0)
    document.add_heading("Plan ahead", 1)
    paragraph = document.add_paragraph("Decide ")
    paragraph.add_run("in advance").bold = True
    paragraph.add_run(" how long you will ")
    paragraph.add_run("stay").italic = True
    paragraph.add_run(".")
    document.add_paragraph("Leave early if you need to", style="List Bullet")
    document.add_paragraph("Bring your own car", style="List Bullet")
    document.add_picture(BytesIO(image_bytes((70, 40), (30, 90, 160), "PNG")), width=Inches(2))
    picture = document.inline_shapes[0]._inline
    picture.docPr.set("descr", "A calm blue square")
    document.save(path)


def test_word_document_with_headings_lists_emphasis_and_an_image(site, tmp_path, run_import):
    build_docx(tmp_path / "holidays.docx")
    report = run_import(tmp_path / "holidays.docx")
    article = ArticlePage.objects.get(slug="coping-with-holiday-stress")
    assert article.title == "Coping with holiday stress"
    body = blocks(article)
    assert [block["type"] for block in body] == ["heading", "paragraph", "image"]
    assert body[0]["value"] == {"text": "Plan ahead", "level": "h2"}
    assert body[1]["value"] == (
        "<p>Decide <b>in advance</b> how long you will <i>stay</i>.</p>"
        "<ul><li>Leave early if you need to</li><li>Bring your own car</li></ul>"
    )
    assert body[2]["value"]["image"]["alt_text"] == "A calm blue square"
    assert get_image_model().objects.get(pk=body[2]["value"]["image"]["image"]).width == 70
    assert "Articles: 1 created" in report


def test_a_zip_of_markdown_with_its_image(site, markdown_folder, tmp_path, run_import):
    archive = tmp_path / "articles.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(markdown_folder / "gentle-start.md", "posts/gentle-start.md")
        zipped.write(markdown_folder / "chairs.jpg", "posts/chairs.jpg")
    report = run_import(archive)
    image_block = blocks(ArticlePage.objects.get(slug="gentle-start"))[3]
    assert image_block["value"]["image"]["alt_text"] == "Two chairs by a window"
    assert "Images: 1 created" in report


def test_a_folder_of_many_files_shows_a_progress_bar(site, tmp_path, run_import, capsys):
    for number in range(12):
        (tmp_path / f"note-{number}.txt").write_text(f"Note {number}\nA short paragraph of text for note {number}.\n")
    report = run_import(tmp_path)
    assert "Articles: 12 created" in report
    assert "Importing: 100%" in capsys.readouterr().err
    assert ArticlePage.objects.count() == 12
