"""The origin, the outlets in time order and the relay graph of a claim."""

from __future__ import annotations

from claimkit import st

from whosaid.claims import cluster_claims
from whosaid.model import CopyGroup, RelayEdge

WORDS = "We are ready for talks with Kyiv on a ceasefire"


def test_origin_is_the_earliest_published() -> None:
    claims = cluster_claims([
        st("late", WORDS, published="2022-12-04", site="farm.info"),
        st("early", WORDS, published="2022-12-02", site="tass.com"),
    ])
    assert claims[0].origin.statement_id == "early"
    assert claims[0].outlets == ("tass.com", "farm.info")


def test_origin_same_day_tie_goes_to_the_credited_outlet() -> None:
    claims = cluster_claims([
        st("aaa", WORDS, site="ria.ru", relays=("TASS",)),
        st("zzz", WORDS, site="tass.com"),
    ])
    assert claims[0].origin.statement_id == "zzz"


def test_origin_same_day_tie_goes_to_the_copy_groups_original() -> None:
    claims = cluster_claims(
        [st("s-copy", WORDS, article="aaa", site="farm.info"),
         st("s-orig", WORDS, article="zzz", site="wire.com")],
        copies=[CopyGroup(original="zzz", members=("zzz", "aaa"))])
    assert claims[0].origin.statement_id == "s-orig"
    assert RelayEdge("wire.com", "farm.info", "copy", "aaa") in claims[0].edges


def test_origin_relay_chain_runs_from_speaker_to_outlet() -> None:
    claims = cluster_claims([
        st("s1", WORDS, site="tass.com", name="Dmitry Peskov", speaker="peskov"),
        # relays from the speaker outwards: "…, RIA Novosti reported, citing TASS"
        st("s2", WORDS, site="farm.info", relays=("TASS", "RIA Novosti"),
           name="Dmitry Peskov", speaker="peskov", published="2022-12-03"),
    ])
    edges = {(e.source, e.target, e.kind) for e in claims[0].edges}
    # TASS's own site and the relay "TASS" are one node, the listed outlet's name
    assert edges == {("Dmitry Peskov", "TASS", "relay"),
                     ("TASS", "RIA Novosti", "relay"),
                     ("RIA Novosti", "farm.info", "relay")}


def test_an_outlet_is_one_node_whatever_it_is_called() -> None:
    """Sites and relays that name one outlet meet in one node; a name no list knows keeps
    the first form met ("wire.com" and "Wire" are one node, "wire.com")."""
    claims = cluster_claims([
        st("s1", WORDS, site="www.tass.com", name="Dmitry Peskov", speaker="peskov"),
        st("s2", WORDS, site="wire.com", relays=("TASS news agency",), name="Dmitry Peskov",
           speaker="peskov", published="2022-12-02"),
        st("s3", WORDS, site="farm.info", relays=("Wire",), name="Dmitry Peskov",
           speaker="peskov", published="2022-12-03"),
    ])
    nodes = {n for e in claims[0].edges for n in (e.source, e.target)}
    assert nodes == {"Dmitry Peskov", "TASS", "wire.com", "farm.info"}


def test_origin_versions_in_time_order_with_origin_first() -> None:
    claims = cluster_claims([
        st("c", WORDS, published="2022-12-05"),
        st("a", WORDS, published="2022-12-02"),
        st("b", WORDS, published="2022-12-03"),
    ])
    assert [v.statement.statement_id for v in claims[0].versions] == ["a", "b", "c"]
