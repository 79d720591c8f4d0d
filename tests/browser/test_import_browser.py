"""An editor brings a Markdown article in through the Import screen, then reviews and publishes it."""

from pathlib import Path

from blog.models import ArticlePage
from tests.browser.axe import assert_no_axe_violations
from tests.factories.users import PASSWORD, UserFactory
from tests.importer.conftest import BlogIndexFactory
from tests.security.helpers import enrol, sign_in_in_browser

MARKDOWN = Path(__file__).parent.parent / "importer" / "fixtures" / "gentle-start.md"


def test_editor_imports_a_markdown_file_checks_the_dry_run_and_publishes_the_draft(page, home_page):
    BlogIndexFactory(parent=home_page)
    editor = UserFactory(username="editor", groups=["Editors"])
    sign_in_in_browser(page, "editor", PASSWORD, enrol(editor))

    page.goto("/admin/import/")
    assert_no_axe_violations(page)
    page.get_by_label("File to import").set_input_files(str(MARKDOWN))
    assert page.get_by_label("As drafts, for someone to review (recommended)").is_checked()
    page.get_by_role("button", name="Show what would be imported").click()

    page.get_by_role("heading", name="What importing gentle-start.md would do").wait_for()
    assert page.get_by_text("Articles: 1 created, 0 updated, 0 unchanged, 0 skipped").is_visible()
    assert page.get_by_text("This is a dry run: nothing has been saved yet.").is_visible()
    assert not ArticlePage.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Import it").click()
    page.get_by_role("heading", name="Imported from gentle-start.md").wait_for()
    assert_no_axe_violations(page)
    article = ArticlePage.objects.get(slug="gentle-start")
    assert not article.live

    page.get_by_role("link", name="Edit “A gentle start to therapy”").click()
    page.wait_for_url(f"**/admin/pages/{article.pk}/edit/")
    assert page.locator("#id_title").input_value() == "A gentle start to therapy"
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/admin/pages/**")
    page.get_by_text("published").first.wait_for()

    article.refresh_from_db()
    assert article.live
    response = page.request.get(article.url)
    assert response.status == 200
    assert "What happens in the first session" in response.text()
