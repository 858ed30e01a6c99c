"""Finding statements: full text, speaker, dates, article; the one statement filter."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storekit import contents, make_analysis
from whosaid.errors import ConfigError
from whosaid.store import StatementFilter, Store
from whosaid.store.write import date_bounds


def test_about_full_text(store: Store) -> None:
    store.save(make_analysis("art1"))
    store.save(
        make_analysis(
            "art2", quotes=[("Olaf Scholz", "Scholz", "the CEASEFIRE talks failed", None)]
        )
    )
    found = store.statements(StatementFilter(q="ceasefire"))
    assert sorted(contents(found)) == [
        "the CEASEFIRE talks failed",
        "the ceasefire would hold through the holidays",
    ]
    assert contents(store.statements(StatementFilter(q="ceasefire holidays"))) == [
        "the ceasefire would hold through the holidays"
    ]
    # Stemming: "ceasefires" and "holiday" find "ceasefire ... holidays".
    assert len(store.statements(StatementFilter(q="ceasefires holiday"))) == 1
    # Only the content is searched, not the speaker.
    assert store.statements(StatementFilter(q="Peskov")) == []
    found = store.statements(StatementFilter(q="ceasefire", speaker="scholz"))
    assert found[0]["speaker"]["text"] == "Scholz"
    # The user's words are terms, never query syntax.
    for nasty in ['"', "ceasefire AND OR NOT", "NEAR(a b)", "'; DROP TABLE statements; --", "*"]:
        store.statements(StatementFilter(q=nasty))
    assert contents(store.statements(StatementFilter(q='ceasefire" talks'))) == [
        "the CEASEFIRE talks failed"
    ]
    # Blank words ask for nothing, as a blank name does; words that are no words match none.
    assert len(store.statements(StatementFilter(q=""))) == 4
    assert store.statements(StatementFilter(q="?!")) == []
    assert store.statements(StatementFilter(q="nothing-like-this-anywhere")) == []


def test_speaker_search(store: Store) -> None:
    """A speaker is a canonical name: the exact name, else every entity any of whose
    aliases contains the text (case-insensitive)."""
    store.save(make_analysis(extra_aliases={"Vladimir Putin": ("Vladimir Vladimirovich",)}))
    # Canonical name, case-insensitive.
    assert len(store.statements(StatementFilter(speaker="vladimir putin"))) == 2
    assert len(store.statements(StatementFilter(speaker="PUTIN"))) == 2
    # An alias of the speaker entity that neither the name nor the mention contains.
    assert len(store.statements(StatementFilter(speaker="vladimirovich"))) == 2
    # An alias matches every statement of the entity, whatever the mention said.
    assert len(store.statements(StatementFilter(speaker="russian pres"))) == 2
    assert contents(store.statements(StatementFilter(speaker="peskov"))) == [
        "talks with Kyiv were not planned"
    ]
    assert store.statements(StatementFilter(speaker="Scholz")) == []
    # LIKE wildcards are literal.
    assert store.statements(StatementFilter(speaker="%")) == []
    assert store.statements(StatementFilter(speaker="P_tin")) == []


def test_speaker_contains_matches_a_substring_of_the_mention(store: Store) -> None:
    """speaker_contains: a substring of the canonical name, of any alias or of the mention
    text, so it finds a speaker the analysis did not resolve to an entity."""
    store.save(make_analysis(extra_aliases={"Vladimir Putin": ("Vladimir Vladimirovich",)}))
    analysis = make_analysis("art2")
    last = analysis.statements[2]
    assert last.speaker is not None
    unresolved = replace(last.speaker, text="a senior official", entity_id=None, entity=None)
    store.save(
        replace(analysis, statements=(*analysis.statements[:2], replace(last, speaker=unresolved)))
    )

    def found(text: str) -> list[dict[str, object]]:
        return store.statements(StatementFilter(speaker=text, speaker_contains=True))

    assert [(s["article"]["id"], s["speaker"]["text"], s["speaker"]["entity"])  # type: ignore[index]
            for s in found("SENIOR off")] == [("art2", "a senior official", None)]
    # A name resolves to no entity: nothing, unless asked for the substring.
    assert store.statements(StatementFilter(speaker="SENIOR off")) == []
    assert len(found("vladimir putin")) == 3  # canonical name
    assert len(found("vladimirovich")) == 2  # an alias of the speaker entity (art1 only)
    assert len(found("russian pres")) == 3  # an alias of Putin in both articles
    # LIKE wildcards are literal.
    assert found("%") == [] and found("P_tin") == []


def test_speaker_search_unicode(store: Store) -> None:
    store.save(make_analysis(quotes=[("Ümit Şahin", "Şahin", "prices rose", None)]))
    assert len(store.statements(StatementFilter(speaker="şahin"))) == 1
    assert len(store.statements(StatementFilter(speaker="ÜMIT"))) == 1
    assert [e["name"] for e in store.entities("ŞAHIN")] == ["Ümit Şahin"]


def test_since_until(store: Store) -> None:
    quotes = [
        ("A", "A", "day in december", "2022-12-02"),
        ("B", "B", "month of december", "2022-12"),
        ("C", "C", "partial date", "XXXX-12-02"),
        ("D", "D", "undated", None),
        ("E", "E", "january", "2023-01-05T10:00"),
        ("F", "F", "the year", "2022"),
        ("G", "G", "a week", "2022-W48"),
    ]
    store.save(make_analysis(quotes=quotes))

    def found(since: str | None = None, until: str | None = None) -> list[str]:
        return sorted(contents(store.statements(StatementFilter(since=since, until=until))))

    assert found(since="2022-12-01", until="2022-12-31") == sorted(
        ["day in december", "month of december"]
    )
    assert found(since="2022-12-15") == ["january"]
    assert found(until="2022-12-31") == sorted(
        ["day in december", "month of december", "the year", "a week"]
    )
    assert found(since="2022-11-28", until="2022-12-04") == sorted(["a week", "day in december"])
    assert found(since="2022", until="2022") == sorted(
        ["day in december", "month of december", "the year", "a week"]
    )
    assert found(since="2022-12") == sorted(["day in december", "month of december", "january"])
    assert "partial date" not in found(since="0001-01-01")
    for bad in ("yesterday", "2022-13-01", "12/02/2022", "XXXX-12-02"):
        with pytest.raises(ConfigError, match="invalid since date"):
            store.statements(StatementFilter(since=bad))


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2022-12-02", ("2022-12-02", "2022-12-02")),
        ("2022-12-02T10:30", ("2022-12-02", "2022-12-02")),
        ("2022-12", ("2022-12-01", "2022-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2022", ("2022-01-01", "2022-12-31")),
        ("1998-10-XX", ("1998-10-01", "1998-10-31")),  # "that day", in October 1998
        ("1998-XX-XX", ("1998-01-01", "1998-12-31")),
        ("2022-W48", ("2022-11-28", "2022-12-04")),
        ("2022-W48-WE", ("2022-12-03", "2022-12-04")),
        ("2022-Q4", ("2022-10-01", "2022-12-31")),
        ("2022-SU", ("2022-06-01", "2022-08-31")),
        ("2022-WI", ("2022-12-01", "2023-02-28")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("XXXX-12-02", None),
        ("2022-13", None),
        ("2022-02-30", None),
        ("P3D", None),
        ("PRESENT_REF", None),
        ("", None),
        (None, None),
    ],
)
def test_date_bounds(value: str | None, bounds: tuple[str, str] | None) -> None:
    assert date_bounds(value) == bounds


def test_article_filter_and_order(store: Store) -> None:
    store.save(make_analysis("bbb222", doc_id="second", published="2022-12-05"))
    store.save(make_analysis("aaa111", doc_id="first", published="2022-12-01"))
    store.save(make_analysis("ccc333", doc_id="undated", published=None))
    ids = [(s["article"]["id"], s["id"]) for s in store.statements()]
    assert ids == [(a, s) for a in ("aaa111", "bbb222", "ccc333") for s in ("s0", "s1", "s2")]

    def articles(ref: str) -> set[str]:
        return {s["article"]["id"] for s in store.statements(StatementFilter(article=ref))}

    assert articles("bbb") == {"bbb222"}
    assert articles("first") == {"aaa111"}
    assert articles("ccc333") == {"ccc333"}
    assert articles("zzz") == set()
    assert len(store.statements(limit=4)) == 4
    assert [a["id"] for a in store.articles()] == ["aaa111", "bbb222", "ccc333"]
    # An id prefix must name one article.
    store.save(make_analysis("bbb999", doc_id="third"))
    with pytest.raises(ConfigError, match="ambiguous.*bbb222, bbb999"):
        articles("bbb")


def test_min_confidence_keeps_statements_at_or_above_it(store: Store) -> None:
    """min_confidence: statements whose confidence is at least the value; the bound itself
    is kept; a value outside 0..1 is a ConfigError."""
    analysis = make_analysis()
    low, mid, high = analysis.statements
    store.save(replace(analysis, statements=(replace(low, confidence=0.3),
                                             replace(mid, confidence=0.6),
                                             replace(high, confidence=0.9))))
    assert len(store.statements(StatementFilter())) == 3
    assert sorted(contents(store.statements(StatementFilter(min_confidence=0.6)))) == [
        "talks with Kyiv were not planned", "the army had enough shells"]
    assert contents(store.statements(StatementFilter(min_confidence=0.61))) == [
        "the army had enough shells"]
    assert len(store.statements(StatementFilter(min_confidence=0.0))) == 3
    assert store.statements(StatementFilter(min_confidence=1.0)) == []
    # with another filter, both must hold
    assert contents(store.statements(StatementFilter(speaker="putin", min_confidence=0.5))) == [
        "the army had enough shells"]
    with pytest.raises(ConfigError, match="min_confidence"):
        store.statements(StatementFilter(min_confidence=1.5))
