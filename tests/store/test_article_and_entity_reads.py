"""Looking up articles by reference and listing entities by name or alias."""

from __future__ import annotations

import json

import pytest

from storekit import make_analysis
from whosaid.errors import NotFoundError
from whosaid.store import Store


def test_article_lookup(store: Store) -> None:
    store.save(make_analysis("abc123", doc_id="report-1"))
    store.save(make_analysis("abd456", doc_id="report-2"))
    assert store.article("abc123")["id"] == "abc123"
    assert store.article("abc")["id"] == "abc123"
    assert store.article("report-2")["id"] == "abd456"
    with pytest.raises(NotFoundError, match="ambiguous.*abc123, abd456"):
        store.article("ab")
    with pytest.raises(NotFoundError, match="no article 'zzz'"):
        store.article("zzz")
    with pytest.raises(NotFoundError):
        store.article("a%")


def test_entities(store: Store) -> None:
    store.save(make_analysis("art1", extra_aliases={"Vladimir Putin": ("Vladimir Vladimirovich",)}))
    store.save(make_analysis("art2"))
    everyone = store.entities()
    json.dumps(everyone)
    assert [(e["name"], e["type"]) for e in everyone] == [
        ("Dmitry Peskov", "PERSON"),
        ("Vladimir Putin", "PERSON"),
    ]
    putin = everyone[1]
    assert putin == {
        "name": "Vladimir Putin",
        "type": "PERSON",
        "aliases": [
            {"alias": "Putin", "count": 2},
            {"alias": "Vladimir Vladimirovich", "count": 0},
            {"alias": "the Russian president", "count": 2},
        ],
        "articles": 2,
        "statements": 4,
        "mentions": 4,
    }
    assert [e["name"] for e in store.entities("vladimirovich")] == ["Vladimir Putin"]
    assert [e["name"] for e in store.entities("PESK")] == ["Dmitry Peskov"]
    assert store.entities("nobody") == []
    assert store.counts() == {"articles": 2, "statements": 6, "entities": 2}
