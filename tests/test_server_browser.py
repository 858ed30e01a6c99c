"""The pages of ``whosaid serve`` in a real browser: Debian's Chromium driven by Playwright.

Without ``/usr/bin/chromium`` (``make browser`` installs it) these tests skip, except under
``CI=true``, where they fail. The walk-through saves the README's screenshots to
``docs/screenshots/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from serverkit import AUTH, SEED, SEED_PUBLISHED, TOKEN, live_server

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"



class Watch:
    """Console errors, uncaught page errors and dialogs seen while a test runs."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def _sign_in(page: Any, url: str, next_path: str) -> None:
    page.goto(f"{url}/login?next={next_path}")
    page.fill("input[name=name]", "Ada Analyst")
    page.fill("input[name=token]", TOKEN)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(f"{url}{next_path}")


def test_server_browser_walkthrough(page: Any, tmp_path: Path, analyzer: Any) -> None:
    watch = Watch(page)
    with live_server(str(tmp_path / "ui.db"), analyzer=analyzer) as url:
        # Analyse the seed through the form.
        _sign_in(page, url, "/analyze")
        page.fill("input[name=title]", "ISW: Putin has little interest in ceasefire")
        page.fill("input[name=source]", "example.org")
        page.fill("input[name=published]", SEED_PUBLISHED)
        page.fill("textarea[name=body]", SEED.read_text(encoding="utf-8"))
        page.click("#analyze-form button[type=submit]")
        page.wait_for_url(f"{url}/articles/*")

        # The article: highlights in their colours, relay chains, furniture on request.
        assert page.locator("#article-text .hl-speaker").count() >= 5
        assert page.locator("#article-text .hl-cue").count() >= 5
        assert page.locator("#article-text .hl-content").count() >= 5
        colours = {page.locator(f"#article-text .hl-{r}").first.evaluate(
            "e => getComputedStyle(e).backgroundColor") for r in ("speaker", "cue", "content")}
        assert len(colours) == 3
        chains = page.locator(".statement-list .chain").all_inner_texts()
        assert any("Institute for the Study of War → Kyiv Independent → this outlet" in c
                   for c in chains), chains
        assert page.locator("#published").inner_text() == SEED_PUBLISHED
        furniture = page.locator("#article-text .hl-furniture").first
        assert not furniture.is_visible()
        page.check("#show-furniture")
        assert furniture.is_visible() and "Leave a Reply" in page.locator(
            "#article-text").inner_text()
        page.uncheck("#show-furniture")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "article.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": 1280, "height": 1400})

        # Correct a speaker from the page: visible at once.
        item = page.locator(".statement-list li", has_text="not interested in any kind")
        item.locator("input[name=speaker]").fill("Joe Biden")
        item.locator("button[type=submit]").click()
        page.wait_for_selector("#notice")
        assert "Joe Biden" in page.locator(".statement-list li", has_text=(
            "not interested in any kind")).locator(".who-said").inner_text()

        # Search for "ceasefire" and open Vladimir Putin.
        page.goto(url + "/")
        page.fill("input[name=q]", "ceasefire")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**q=ceasefire**")
        rows = page.locator("table.statements tbody tr")
        assert rows.count() >= 1
        assert all("ceasefire" in t.lower() for t in rows.locator("td.content").all_inner_texts())
        page.goto(url + "/entities?q=putin")
        page.click("table.entities a:text-is('Vladimir Putin')")
        page.wait_for_url("**/entities/Vladimir%20Putin")
        assert page.locator("h1.entity-name").inner_text() == "Vladimir Putin"
        page.wait_for_selector("#timeline[data-rendered=true] svg")
        bars = page.locator("#timeline svg .mark-rect path")
        assert bars.count() >= 1
        for i in range(bars.count()):  # real bars: wide and tall enough to see
            box = bars.nth(i).bounding_box()
            assert box is not None and box["width"] > 5 and box["height"] > 5
        assert "Putin" in page.locator("table.aliases").inner_text()
        talked = httpx.get(f"{url}/api/entities/Vladimir Putin").json()["talked_to"]
        for other in (t["name"] for t in talked if t["addressed"]):
            assert other in page.locator("#addressed").inner_text()
        page.screenshot(path=str(SCREENSHOTS / "entity.png"), full_page=True)

        # Merge two entities and see the result.
        page.goto(url + "/entities/Ukraine")
        page.fill("#merge-form input[name=other]", "Ukrainian")
        page.click("#merge-form button[type=submit]")
        page.wait_for_selector("#notice")
        assert "Ukrainian" in page.locator("table.aliases").inner_text()
        gone = page.goto(url + "/entities/Ukrainian")
        assert gone is not None and gone.status == 404
        audit = httpx.get(f"{url}/api/audit").json()["items"]
        assert [a["action"] for a in audit[:3]] == ["merge", "speaker", "analyze"]
        assert audit[0]["actor"].startswith("Ada Analyst")

        # Across articles: the analyses built the corpus; after a full pass too, Scholes is
        # Olaf Scholz.
        page.click("nav a:text-is('Across articles')")
        assert page.locator("table.corpus").is_visible()
        from whosaid.corpus import build_corpus_entities
        from whosaid.store import open_store
        with open_store(str(tmp_path / "ui.db")) as store:
            build_corpus_entities(store)
        page.goto(url + "/corpus?q=scholes")
        page.click("table.corpus a:text-is('Olaf Scholz')")
        page.wait_for_url("**/corpus/*")
        aliases = page.locator("#corpus-aliases").inner_text()
        assert "Scholes" in aliases and "Scholz" in aliases
        page.screenshot(path=str(SCREENSHOTS / "corpus.png"), full_page=True)
        page.click("#corpus-names a:text-is('Olaf Scholz')")
        page.wait_for_url("**/entities/Olaf%20Scholz")
        assert "Olaf Scholz" in page.locator("#across").inner_text()
    assert watch.dialogs == []
    # the only error a page logs is the 404 of the deliberately missing entity
    assert [e for e in watch.errors if "404 (Not Found)" not in e] == []


INJECTION = (
    'The mayor said "<script>alert(1)</script> is not our plan '
    '<img src=x onerror=alert(1)>" on Monday.\n\n'
    "Read more\n\n"
    'Officials said the ceasefire would hold, the mayor\'s office added "<b onmouseover=alert(4)>'
    'fine</b>".'
)


def test_server_browser_injection_renders_as_text(page: Any, tmp_path: Path,
                                                  analyzer: Any) -> None:
    watch = Watch(page)
    with live_server(str(tmp_path / "inj.db"), analyzer=analyzer) as url:
        posted = httpx.post(f"{url}/api/analyze", headers=AUTH, timeout=60, json={
            "text": INJECTION, "title": "<script>alert(2)</script>",
            "source": '"><img src=y onerror=alert(3)>', "published": "2024-01-02"}).json()
        aid = posted["article"]["id"]
        speakers = {(s["speaker"] or {}).get("entity") for s in posted["statements"]} - {None}
        for path in (f"/articles/{aid}?furniture=1", "/?q=plan", "/articles",
                     *(f"/entities/{name}" for name in speakers)):
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert page.locator("main script").count() == 0, path
            assert page.locator("main img").count() == 0, path
            assert page.locator("main b").count() == 0, path
            assert page.locator("[onerror], [onmouseover]").count() == 0, path
        page.goto(f"{url}/articles/{aid}?furniture=1")
        shown = page.locator("#article-text").inner_text()
        assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown
        assert "<script>alert(2)</script>" in page.locator("h1").inner_text()
        page.hover("#article-text")
    assert watch.dialogs == []


def test_server_browser_claim_page(page: Any, tmp_path: Path) -> None:
    """A claim: its outlets on a time axis, its relay graph, each version's words with the
    drift marked; reached from the claims list and from a statement row."""
    from claimstorekit import articles
    from whosaid.claims.service import build_claims
    from whosaid.store import open_store

    db = str(tmp_path / "claims.db")
    with open_store(db) as store:
        for a in articles():
            store.save(a)
        build_claims(store)
    watch = Watch(page)
    with live_server(db) as url:
        page.goto(url + "/claims?speaker=Dmitry+Peskov")
        # the claim that begins on 1 December (its repeat of 20 December is a claim of its
        # own: no claim spans more than SPAN_DAYS)
        page.click("table.claims tr:has(td.date:has-text('2022-12-01')) "
                   "a:has-text('We are ready for talks')")
        page.wait_for_url("**/claims/*")
        page.wait_for_selector("#claim-timeline[data-rendered=true] svg")
        versions = page.locator("#claim-versions > li")
        dated = sum(1 for t in versions.locator(".date").all_inner_texts() if t != "undated")
        points = page.locator("#claim-timeline svg g.mark-symbol.role-mark path")
        assert points.count() == dated >= 3
        assert "origin" in versions.first.inner_text()
        assert page.locator("#claim-versions .drift-added").count() >= 1
        assert page.locator("#claim-versions .flag-quote_to_paraphrase").count() >= 1
        graph = page.locator("#relay-graph")
        labels = graph.locator(".node text").all_text_contents()
        # TASS's own site and the relay "TASS" are one node
        assert labels[0] == "Dmitry Peskov" and {"TASS", "ria.ru"} <= set(labels)
        assert "tass.com" not in labels
        assert graph.locator(".edge-copy").count() >= 1
        box = graph.bounding_box()
        assert box is not None and box["width"] > 300
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "claim.png"), full_page=True)

        # from a statement row of the search page, and from the article page
        page.goto(url + "/?q=realities")
        page.locator("table.statements a.claim-link").first.click()
        page.wait_for_url("**/claims/*")
        assert page.locator("#relay-graph").is_visible()
        page.goto(url + "/articles/a4")
        page.click(".statement-list a.claim-link")
        page.wait_for_url("**/claims/*")
        assert "speaker changed" in page.locator("#claim-versions").inner_text()
    assert watch.dialogs == [] and watch.errors == []
