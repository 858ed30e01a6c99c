"""One outlet, however a re-report names it: outlet keys and relay-graph nodes."""

from __future__ import annotations

from claimkit import st

from whosaid.claims import cluster_claims
from whosaid.claims.copies import outlet_key

WORDS = "We are ready for talks, but Kyiv must accept the new territorial realities."


def test_outlet_key_folds_an_outlets_aliases_and_sites_into_one() -> None:
    keys = {outlet_key(n) for n in ("TASS", "TASS news agency.", "the TASS agency",
                                    "Russia's TASS", "tass.com", "https://www.tass.com/x")}
    assert keys == {"tass"}
    assert outlet_key("RIA Novosti") != outlet_key("TASS")
    assert outlet_key("Digi24") == "digi24"  # unlisted names keep their own key


def test_outlet_relay_graph_has_one_node_for_an_outlets_names() -> None:
    claims = cluster_claims([
        st("s1", WORDS, site="farm.info", relays=("TASS news agency.",),
           name="Dmitry Peskov", speaker="peskov"),
        st("s2", WORDS, site="blog.net", relays=("Russia's TASS",),
           name="Dmitry Peskov", speaker="peskov", published="2022-12-03"),
    ])
    edges = {(e.source, e.target) for e in claims[0].edges}
    assert edges == {("Dmitry Peskov", "TASS"), ("TASS", "farm.info"), ("TASS", "blog.net")}
