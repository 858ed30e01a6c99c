"""Tests for whosaid.clean: article text, metadata, page furniture and language."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from whosaid.clean import safe_url
from whosaid.clean.document import (
    clean_document,
    detect_language,
    find_furniture,
    load_furniture_patterns,
)
from whosaid.errors import EmptyInputError, InputError
from whosaid.io.ingest import read_inputs
from whosaid.model import SourceDocument, article_id_for
from whosaid.settings import Settings

SETTINGS = Settings()
SEED_FURNITURE = [
    "Read more",
    "Olaf Scholes Vladimir Putin",
    "See also\u00a0 \"We don't think it's in the interest of Sweden's internal security to do"
    ' this"/ Minority government lacks support in Stockholm parliament (Swedish press)',
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
]
# A few lines of the seed article, kept here so the test runs without ../shared.
SEED_EXCERPT = (
    "ISW: Putin has little interest in ceasefire and negotiations with Ukraine.\n"
    "\n"
    "The conversation between Putin and Scholes is inconclusive\n"
    "\n"
    "The day before, on December 2, Putin and German President Olaf Scholz had a telephone"
    " conversation.\n"
    "\n"
    "Read more\n"
    "\n"
    "Olaf Scholes Vladimir Putin\n"
    "\n"
    "Scholz replied that Russian forces should be withdrawn from Ukrainian territory.\n"
    "\n"
    "See also\u00a0 \"We don't think it's in the interest of Sweden's internal security to do"
    ' this"/ Minority government lacks support in Stockholm parliament (Swedish press)\n'
    "\n"
    "The White House added.Putin is not interested in any kind of dialogue\u201c.\n"
    "\n"
    "Leave a Reply\n"
    "\n"
    "Your email address will not be published. Required fields are marked *"
)

PAGE = (
    "<html><head><title>Minister speaks | Daily Example</title>"
    '<meta name="author" content="Ann Lee">'
    '<meta property="og:site_name" content="Daily Example">'
    '<meta property="og:title" content="Minister speaks">'
    '<meta property="article:published_time" content="2022-12-04T10:00:00Z">'
    '<link rel="canonical" href="https://example.com/news/minister-speaks">'
    "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
    "<p>The minister said on Tuesday that the plan would go ahead as agreed with the "
    "partners, and that nothing had changed since the summer.</p>"
    "<p>Opposition leaders said they would vote against the plan in parliament next week, "
    "calling it a costly mistake for the country.</p>"
    "<p>Read more</p></article>"
    "<footer>Copyright 2022 Daily Example. All rights reserved.</footer></body></html>"
)


def html_doc(html: str, **fields: str) -> SourceDocument:
    return SourceDocument(doc_id="page", origin="page.html", html=html, **fields)


# --- plain text -------------------------------------------------------------------------


def test_clean_plain_text_is_kept_exactly() -> None:
    text = "  Headline here\r\n\nThe minister said the plan was fine.\n\nRead more\n"
    doc = SourceDocument(doc_id="a", origin="a.txt", text=text, published="2022-12-01")
    clean = clean_document(doc, SETTINGS)
    assert clean.text == text
    assert clean.title == "Headline here"
    assert clean.published == "2022-12-01"
    assert clean.input_format == "text"
    assert clean.language == "en"
    [span] = clean.furniture
    assert (span.text, text[span.start : span.end]) == ("Read more", "Read more")


def test_clean_plain_text_title_only_when_short() -> None:
    long_first = "word " * 60
    doc = SourceDocument(doc_id="a", origin="a.txt", text=long_first + "\nMore text.")
    assert clean_document(doc, SETTINGS).title is None
    given = SourceDocument(doc_id="a", origin="a.txt", text="First\nSecond", title="Given")
    assert clean_document(given, SETTINGS).title == "Given"


def test_clean_published_setting_wins() -> None:
    doc = SourceDocument(doc_id="a", origin="a.txt", text="Text.", published="2020-01-01")
    clean = clean_document(doc, Settings(published="2022-12-04"))
    assert clean.published == "2022-12-04"


def test_clean_blank_text_is_an_input_error() -> None:
    doc = SourceDocument(doc_id="a", origin="a.txt", text=" \n ")
    with pytest.raises(EmptyInputError, match="^a.txt: "):
        clean_document(doc, SETTINGS)


def test_clean_input_format_follows_the_origin() -> None:
    cases = {
        "batch.jsonl:3": "jsonl",
        "batch.ndjson.gz:12": "jsonl",
        "news.rss#2": "rss",
        "feed.xml#1": "rss",
        "crawl.warc.gz#5": "warc",
        "crawl.warc#1": "warc",
    }
    for origin, expected in cases.items():
        doc = SourceDocument(doc_id="d", origin=origin, text="Some text here.")
        assert clean_document(doc, SETTINGS).input_format == expected, origin


# --- HTML -------------------------------------------------------------------------------


def test_clean_html_extracts_body_and_metadata() -> None:
    clean = clean_document(html_doc(PAGE), SETTINGS)
    assert clean.input_format == "html"
    assert clean.title == "Minister speaks"
    assert clean.text.startswith("Minister speaks\n\nThe minister said on Tuesday")
    assert "Opposition leaders said" in clean.text
    assert "Home" not in clean.text and "All rights reserved" not in clean.text
    assert (clean.published, clean.site, clean.author, clean.url) == (
        "2022-12-04",
        "Daily Example",
        "Ann Lee",
        "https://example.com/news/minister-speaks",
    )
    assert [s.text for s in clean.furniture] == ["Read more"]
    assert clean.language == "en"


def test_clean_html_given_fields_win_over_page_metadata() -> None:
    doc = html_doc(
        PAGE,
        title="Given title",
        published="2022-11-30",
        source="Given Site",
        author="Given Author",
        url="https://given.example/x",
    )
    clean = clean_document(doc, SETTINGS)
    assert clean.text.startswith("Given title\n\nThe minister said")
    assert (clean.title, clean.published, clean.site, clean.author, clean.url) == (
        "Given title",
        "2022-11-30",
        "Given Site",
        "Given Author",
        "https://given.example/x",
    )
    assert clean_document(doc, Settings(published="2022-12-24")).published == "2022-12-24"


def test_clean_html_title_not_repeated_when_body_starts_with_it() -> None:
    html = (
        "<html><head><title>Minister speaks</title></head><body><article>"
        "<h1>Minister speaks</h1><p>The minister said on Tuesday that the plan would go ahead "
        "as agreed with the partners, and that nothing had changed since the summer.</p>"
        "</article></body></html>"
    )
    clean = clean_document(html_doc(html), SETTINGS)
    assert clean.text.count("Minister speaks") == 1
    assert clean.text.startswith("Minister speaks\n")


def test_clean_broken_html_still_extracts() -> None:
    clean = clean_document(html_doc("<html><body><p>Unclosed <b>tags"), SETTINGS)
    assert clean.text == "Unclosed tags"


def test_clean_html_without_article_text() -> None:
    html = "<html><head><title>Nothing</title></head><body><script>x()</script></body></html>"
    with pytest.raises(EmptyInputError) as info:
        clean_document(html_doc(html), SETTINGS)
    assert str(info.value) == "page.html: no article text found in the HTML"


def test_clean_html_fragment_from_a_feed() -> None:
    doc = SourceDocument(
        doc_id="item",
        origin="news.rss#2",
        html="<p>The mayor said the bridge would reopen.</p><p>Work starts in May.</p>",
    )
    clean = clean_document(doc, SETTINGS)
    assert clean.text == "The mayor said the bridge would reopen.\nWork starts in May."
    assert clean.input_format == "rss"


def test_clean_unparseable_html_is_an_input_error_not_a_traceback() -> None:
    for html in ("\x00\x01\x02", "<<<<>>>>", "<html>" + "<div>" * 5000, "</p></body>"):
        try:
            clean_document(html_doc(html), SETTINGS)
        except InputError as exc:
            assert str(exc).startswith("page.html: ")


def test_clean_real_html_file_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = list(read_inputs([path], SETTINGS))
    assert isinstance(doc, SourceDocument)
    clean = clean_document(doc, SETTINGS)
    assert clean.doc_id == "story" and clean.origin == str(path)
    assert "The minister said on Tuesday" in clean.text


# --- furniture --------------------------------------------------------------------------


def test_clean_furniture_on_seed_excerpt() -> None:
    spans = find_furniture(SEED_EXCERPT)
    assert [s.text for s in spans] == SEED_FURNITURE
    for span in spans:
        assert SEED_EXCERPT[span.start : span.end] == span.text
        assert "\n" not in span.text


def test_clean_furniture_on_seed_article(shared_data: Callable[[str], Path]) -> None:
    seed = shared_data("data/seed/isw-putin-ceasefire.txt")
    [doc] = list(read_inputs([seed], SETTINGS))
    assert isinstance(doc, SourceDocument)
    clean = clean_document(doc, SETTINGS)
    assert clean.text == seed.read_text(encoding="utf-8")
    assert [s.text for s in clean.furniture] == SEED_FURNITURE
    assert all(clean.text[s.start : s.end] == s.text for s in clean.furniture)
    assert clean.language == "en"


def test_clean_furniture_lines_are_found() -> None:
    lines = [
        "Read more",
        "READ MORE: China plague outbreak confirmed",
        "Read also: Minority government lacks support",
        "See also: the full timeline",
        "Related: 7 strange signs",
        "Related articles",
        "Advertisement",
        "ADVERTISEMENT",
        "Share this article",
        "Share on Facebook",
        "Click to share on Twitter (Opens in new window)",
        "Tweet",
        "Follow us on Twitter @example",
        "Sign up for our newsletter",
        "Subscribe to the Morning Review newsletter",
        "Leave a Reply",
        "Leave a comment",
        "Your email address will not be published.",
        "Required fields are marked *",
        "Post Comment",
        "Cancel reply",
        "Photo: Reuters/John Smith",
        "Image: AFP",
        "© 2022 Example Media",
        "Copyright 2019 Dow Jones & Company, Inc. All Rights Reserved",
        "All rights reserved.",
        "Facebook Twitter WhatsApp Email",
    ]
    text = "Title line\n" + "\n".join(lines)
    assert [s.text for s in find_furniture(text)] == lines


def test_clean_furniture_leaves_sentences_alone() -> None:
    lines = [
        "Olaf Scholes Vladimir Putin",  # the title line is never tag furniture
        "The conversation between Putin and Scholes is inconclusive",
        "Read more than a hundred pages of the report, the minister said.",
        "Related talks between the two leaders ended on Friday.",
        "Share prices fell sharply after the announcement.",
        "Advertisement revenue rose by 4% in the quarter, the company said.",
        "He said: Putin Wants Peace",
        "Subscribers were told on Monday.",
        "Putin",
    ]
    assert find_furniture("\n".join(lines)) == ()


def test_clean_furniture_tag_line_rules() -> None:
    lines = ["Title", "Ukraine Russia War Diplomacy", "Olaf Scholz and Vladimir Putin"]
    text = "\n".join([*lines, "A B C D E F G H I J K L", "Boris Johnson."])
    assert [s.text for s in find_furniture(text)] == ["Ukraine Russia War Diplomacy"]


def test_clean_furniture_spans_skip_surrounding_whitespace_and_cr() -> None:
    text = "Title\r\n   Read more  \r\nBody text.\r\n"
    [span] = find_furniture(text)
    assert span.text == "Read more"
    assert text[span.start : span.end] == "Read more"


def test_clean_furniture_custom_patterns() -> None:
    patterns = [re.compile(r"end of story", re.I)]
    spans = find_furniture("Title\nEnd of story\nRead more", patterns)
    assert [s.text for s in spans] == ["End of story"]


def test_clean_furniture_patterns_load_from_data_file() -> None:
    patterns = load_furniture_patterns()
    assert len(patterns) > 20
    assert all(isinstance(p, re.Pattern) for p in patterns)
    patterns.clear()  # a fresh list: changing it changes nothing shared
    assert load_furniture_patterns()


# --- language ---------------------------------------------------------------------------

ENGLISH = (
    "The minister said on Tuesday that the government would not change its policy on "
    "immigration, despite growing pressure from members of his own party."
)
GERMAN = (
    "Der Minister sagte am Dienstag, dass die Regierung ihre Einwanderungspolitik trotz "
    "wachsenden Drucks aus der eigenen Partei nicht ändern werde."
)
FRENCH = (
    "Le ministre a déclaré mardi que le gouvernement ne changerait pas sa politique "
    "d'immigration, malgré la pression croissante des membres de son propre parti."
)


def test_clean_language_english_german_french() -> None:
    assert detect_language(ENGLISH) == "en"
    assert detect_language(GERMAN) == "de"
    assert detect_language(FRENCH) == "fr"


def test_clean_language_other_latin_languages() -> None:
    samples = {
        "es": "El ministro dijo el martes que el gobierno no cambiaría su política de "
        "inmigración, a pesar de la creciente presión de los miembros de su partido.",
        "it": "Il ministro ha detto martedì che il governo non cambierà la sua politica "
        "sull'immigrazione, nonostante la crescente pressione dei membri del partito.",
        "pt": "O ministro disse na terça-feira que o governo não mudaria a sua política de "
        "imigração, apesar da pressão crescente dos membros do seu partido.",
        "nl": "De minister zei dinsdag dat de regering haar immigratiebeleid niet zou "
        "veranderen, ondanks de groeiende druk van leden van zijn eigen partij.",
        "sv": "Ministern sade på tisdagen att regeringen inte skulle ändra sin politik, "
        "trots ett växande tryck från medlemmar i hans eget parti.",
        "pl": "Minister powiedział we wtorek, że rząd nie zmieni swojej polityki, mimo "
        "rosnącej presji ze strony członków jego własnej partii.",
    }
    for lang, text in samples.items():
        assert detect_language(text) == lang, lang


def test_clean_language_by_script() -> None:
    assert detect_language("Министр заявил во вторник, что правительство не изменит") == "ru"
    assert detect_language("Міністр заявив у вівторок, що уряд не змінить свою політику") == "uk"
    assert detect_language("部长周二表示，政府不会改变其移民政策。") == "zh"
    assert detect_language("大臣は火曜日、政府は移民政策を変更しないと述べた。") == "ja"
    assert detect_language("قال الوزير يوم الثلاثاء إن الحكومة لن تغير سياستها") == "ar"


def test_clean_language_short_text() -> None:
    assert detect_language("Putin says no to talks") == "en"  # a title: lean English
    assert detect_language("Putin in a hurry") == "en"
    assert detect_language("Krieg in der Ukraine") == "und"
    assert detect_language("Olaf Scholz") == "und"
    assert detect_language("") == "und"
    assert detect_language("12 345 - 678") == "und"


def test_clean_language_ignores_furniture() -> None:
    text = "Der Minister sagte am Dienstag, dass die Regierung nicht ändern werde.\n" + (
        "Leave a Reply\nYour email address will not be published. Required fields are marked *\n"
        * 3
    )
    doc = SourceDocument(doc_id="de", origin="de.txt", text=text)
    assert clean_document(doc, SETTINGS).language == "de"


# --- URLs -------------------------------------------------------------------------------

NOT_WEB = [
    "javascript:alert(document.domain)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "\u200bjavascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com/a",
    "//example.com/a",
    "/news/story.html",
    "http:no-host",
    "https://example.com/\u202ea",
    "",
    "   ",
]


@pytest.mark.parametrize("url", NOT_WEB)
def test_clean_url_that_is_not_http_is_dropped(url: str) -> None:
    assert safe_url(url) is None
    text = "The minister said the plan would go ahead."
    doc = clean_document(SourceDocument("d", "d.txt", text=text, url=url), SETTINGS)
    assert doc.url is None
    assert article_id_for(doc.text, doc.url) == article_id_for(text, None)


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.com/news/a?b=1#c", "https://example.com/news/a?b=1#c"),
    ("HTTP://Example.com/A", "HTTP://Example.com/A"),
    ("  https://example.com/a\n", "https://example.com/a"),
    ("https://example.com/k\u00f6ln", "https://example.com/k\u00f6ln"),
])
def test_clean_http_and_https_urls_are_kept(url: str, kept: str) -> None:
    assert safe_url(url) == kept
    doc = clean_document(SourceDocument("d", "d.txt", text="Some words.", url=url), SETTINGS)
    assert doc.url == kept


def test_clean_html_page_url_that_is_not_http_is_dropped() -> None:
    page = ('<html><head><title>Minister speaks</title><link rel="canonical" href="{u}">'
            '<meta property="og:url" content="{u}"></head><body><article><h1>Minister speaks'
            "</h1><p>The minister said on Tuesday that the plan would go ahead as agreed with "
            "the partners, and that nothing had changed since the summer.</p></article></body>"
            "</html>")
    bad = page.format(u="javascript:alert(document.domain)")
    assert clean_document(SourceDocument("d", "d.html", html=bad), SETTINGS).url is None
    # a bad given URL gives way to the page's own web address
    good = page.format(u="https://example.com/minister")
    doc = clean_document(SourceDocument("d", "d.html", html=good, url="data:,x"), SETTINGS)
    assert doc.url == "https://example.com/minister"


def test_clean_page_with_more_tags_than_any_article_is_read_block_by_block() -> None:
    # 100,000 paragraphs: trafilatura's extraction grows faster than the page (25 s here);
    # the block reader reads it in one pass, its navigation left out
    paragraphs = "".join(f"<p>Paragraph {i} of the minister's speech.</p>" for i in range(100_000))
    html = (f"<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article>{paragraphs}</article><footer>Subscribe now</footer></body></html>")
    clean = clean_document(SourceDocument("huge", "huge.html", html=html), SETTINGS)
    lines = clean.text.split("\n")
    assert lines[0] == "Paragraph 0 of the minister's speech."
    assert lines[-1] == "Paragraph 99999 of the minister's speech."
    assert len(lines) == 100_000
    assert "Home" not in clean.text and "Subscribe" not in clean.text
