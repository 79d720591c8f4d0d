"""Content that used to be lost or changed on the way across: pages with a contact form, term names with entities,
classic-editor inline markup, pasted lists of sentences, single files known by their own identity, and a summary
that is not printed twice."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from blog.models import ArticlePage, Topic
from practice_site.importer.text import text_to_html
from practice_site.pages.models import StandardPage

pytestmark = pytest.mark.django_db

EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url>
<item><title>Fees and insurance</title><link>https://old.example/fees/</link><wp:post_id>5</wp:post_id>
  <wp:post_type>page</wp:post_type><wp:status>publish</wp:status><wp:post_name>fees</wp:post_name>
  <content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Sessions are $150. We are in network with two insurers and give a Good Faith Estimate to anyone paying
themselves. Sliding-scale places open each season; ask about them when you write.</p>
<!-- /wp:paragraph -->
<!-- wp:shortcode -->[contact-form-7 id="9" title="Fees question"]<!-- /wp:shortcode -->]]></content:encoded>
</item>
<item><title>Contact us</title><link>https://old.example/reach-us/</link><wp:post_id>6</wp:post_id>
  <wp:post_type>page</wp:post_type><wp:status>publish</wp:status><wp:post_name>reach-us</wp:post_name>
  <content:encoded><![CDATA[<p>Write to us below.</p>[wpforms id="12"]]]></content:encoded>
</item>
<item><title>Say hello</title><link>https://old.example/hello/</link><wp:post_id>7</wp:post_id>
  <wp:post_type>page</wp:post_type><wp:status>publish</wp:status><wp:post_name>hello</wp:post_name>
  <content:encoded><![CDATA[We read every message.

[gravityform id="1" title="false"]]]></content:encoded>
</item>
<item><title>A classic post</title><link>https://old.example/classic/</link><wp:post_id>8</wp:post_id>
  <wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_name>classic</wp:post_name>
  <category domain="category" nicename="grief-loss"><![CDATA[Grief &amp; Loss]]></category>
  <category domain="post_tag" nicename="parents-corner"><![CDATA[Parents&#8217; corner]]></category>
  <category domain="post_tag" nicename="quiet-time"><![CDATA[&quot;Quiet&quot; time]]></category>
  <excerpt:encoded><![CDATA[A post from the classic editor.]]></excerpt:encoded>
  <content:encoded><![CDATA[Some <em>gentle</em> words and <strong>strong</strong> ones.
A second line with <a href="https://www.nimh.nih.gov/">a link</a>.

<strong>Before a list</strong>
<ul>
<li>One <em>thing</em></li>
</ul>
<div class="note">Inside a note with <em>emphasis</em></div>]]></content:encoded>
</item>
</channel></rss>"""


@pytest.fixture
def imported(site, tmp_path, run_import):
    path = tmp_path / "export.xml"
    path.write_text(EXPORT)
    return run_import(path)


def body(page):
    return list(page.get_latest_revision_as_object().body.raw_data)


def test_a_page_with_a_contact_form_keeps_its_text_and_the_form_is_named_in_the_report(site, imported):
    fees = StandardPage.objects.get(slug="fees")
    text = body(fees)[0]["value"]
    assert "Sessions are $150." in text and "contact-form-7" not in text
    assert "Contact form removed from Page “Fees and insurance”" in imported
    assert not Redirect.objects.filter(old_path="/fees", redirect_page=site["contact"]).exists()


def test_only_the_contact_page_itself_leads_to_the_consultation_page(site, imported):
    # Named "Contact us", and a page that is little more than its form: both are the old contact page.
    assert "Skipped: Page “Contact us”: the old contact page" in imported
    assert "Skipped: Page “Say hello”: the old contact page" in imported
    for old in ("/reach-us", "/hello"):
        assert Redirect.objects.get(old_path=old).redirect_page_id == site["contact"].pk
    assert not StandardPage.objects.filter(slug__in=["reach-us", "hello"]).exists()


def test_term_names_arrive_as_text_not_entities(imported):
    classic = ArticlePage.objects.get(slug="classic")
    assert set(classic.topics.values_list("name", "slug")) == {
        ("Grief & Loss", "grief-loss"), ("Parents’ corner", "parents-corner"), ('"Quiet" time', "quiet-time"),
    }
    assert not Topic.objects.filter(name__contains="&").exclude(name="Grief & Loss").exists()


def test_classic_editor_paragraphs_keep_their_inline_markup(imported):
    blocks = body(ArticlePage.objects.get(slug="classic"))
    assert [block["type"] for block in blocks] == ["paragraph"]
    assert blocks[0]["value"] == (
        "<p>Some <i>gentle</i> words and <b>strong</b> ones.<br/> "
        'A second line with <a href="https://www.nimh.nih.gov/">a link</a>.</p>'
        "<p><b>Before a list</b></p><ul><li>One <i>thing</i></li></ul>"
        "<p>Inside a note with <i>emphasis</i></p>"
    )


# Pasted text: the rules in README "Moving a WordPress or Squarespace site across", one case each ------------

LONG = "This paragraph is long enough to be a paragraph and not a heading or a list item, as most are."


@pytest.mark.parametrize(
    ("lines", "html"),
    [
        # Rule 2: a short line without closing punctuation before a paragraph is a heading.
        (["What helps", LONG], f"<h2>What helps</h2><p>{LONG}</p>"),
        # Rule 3: short lines that are not sentences after a colon are a list, whatever follows.
        (["Bring:", "A water bottle", "- Your notes"],
         "<p>Bring:</p><ul><li>A water bottle</li><li>Your notes</li></ul>"),
        # Rule 4: short sentences after a colon are a list when a paragraph follows them...
        (["Before you come:", "Eat something.", "Bring your card.", LONG],
         f"<p>Before you come:</p><ul><li>Eat something.</li><li>Bring your card.</li></ul><p>{LONG}</p>"),
        # ...and stay paragraphs when nothing follows,
        (["Before you come:", "Eat something.", "Bring your card."],
         "<p>Before you come:</p><p>Eat something.</p><p>Bring your card.</p>"),
        # or when a heading comes first,
        (["Before you come:", "Eat something.", "Bring your card.", "Next steps", LONG],
         f"<p>Before you come:</p><p>Eat something.</p><p>Bring your card.</p><h2>Next steps</h2><p>{LONG}</p>"),
        # or when there is only one.
        (["Remember:", "Eat something.", LONG], f"<p>Remember:</p><p>Eat something.</p><p>{LONG}</p>"),
        # A long line after the colon is a paragraph, not a list.
        (["Remember:", LONG], f"<p>Remember:</p><p>{LONG}</p>"),
        # Rule 5: everything else is a paragraph.
        (["Just a sentence.", LONG], f"<p>Just a sentence.</p><p>{LONG}</p>"),
    ],
)
def test_pasted_text_rules(lines, html):
    assert text_to_html(lines) == html


# Single files -------------------------------------------------------------------------------------------------

NOTE = "---\ntitle: A gentle start\n{extra}---\nSome words about starting therapy, kept short.\n\n## Next\n\n{words}\n"


def test_a_second_file_with_the_same_title_is_a_new_article_with_a_new_address(site, tmp_path, run_import):
    (tmp_path / "one.md").write_text(NOTE.format(extra="", words="First file."))
    (tmp_path / "two.md").write_text(NOTE.format(extra="", words="Second file."))
    run_import(tmp_path / "one.md")
    report = run_import(tmp_path / "two.md")
    assert "Articles: 1 created, 0 updated" in report
    assert "New address: “A gentle start” is at a-gentle-start-1, as a-gentle-start was taken" in report
    texts = {page.slug: body(page)[-1]["value"] for page in ArticlePage.objects.all()}
    assert texts == {"a-gentle-start": "<p>First file.</p>", "a-gentle-start-1": "<p>Second file.</p>"}
    assert "1 unchanged" in run_import(tmp_path / "one.md")


def test_a_front_matter_id_finds_the_same_article_after_the_file_changed(site, tmp_path, run_import):
    path = tmp_path / "note.md"
    path.write_text(NOTE.format(extra="id: note-7\n", words="First version."))
    run_import(path)
    path.write_text(NOTE.format(extra="id: note-7\n", words="Second version."))
    report = run_import(path)
    assert "Articles: 0 created, 1 updated" in report
    article = ArticlePage.objects.get()
    assert body(article)[-1]["value"] == "<p>Second version.</p>"


def test_a_summary_taken_from_the_first_paragraph_is_shown_once(site, tmp_path, run_import, client):
    (tmp_path / "note.md").write_text(NOTE.format(extra="", words="More words."))
    run_import(tmp_path / "note.md", "--status", "live")
    article = ArticlePage.objects.get()
    assert article.summary == "Some words about starting therapy, kept short."
    page = client.get(article.url).content.decode().split("</head>", 1)[1]
    assert page.count("Some words about starting therapy, kept short.") == 1
