"""Which statements become one claim: rules pinned on hand-built statements."""

from __future__ import annotations

import random

from claimkit import st

from whosaid.claims import cluster_claims
from whosaid.model import content_id


def groups(claims: list) -> set[frozenset[str]]:
    return {frozenset(v.statement.statement_id for v in c.versions) for c in claims}


def test_claims_direct_and_indirect_forms_are_one_claim() -> None:
    claims = cluster_claims([
        st("s1", "«I am ready for talks with Kyiv,» he said"),
        st("s2", "that he was ready for \"talks\" with Kyiv", kind="indirect",
           published="2022-12-03"),
    ])
    assert groups(claims) == {frozenset({"s1", "s2"})}


def test_claims_truncated_and_reordered_versions_join() -> None:
    origin = ("We are ready for negotiations, but Kyiv must accept the new territorial "
              "realities and stop the shelling of Donetsk")
    claims = cluster_claims([
        st("s1", origin),
        st("s2", "We are ready for negotiations, but Kyiv must accept the new realities",
           published="2022-12-03"),
        st("s3", "Kyiv must accept the new territorial realities, and we are ready for "
           "negotiations and the shelling of Donetsk must stop", published="2022-12-04"),
    ])
    assert groups(claims) == {frozenset({"s1", "s2", "s3"})}


def test_claims_name_variants_inside_the_words_join() -> None:
    claims = cluster_claims([
        st("s1", "Zelensky must accept the realities on the ground"),
        st("s2", "Zelenskyy must accept the realities on the ground", published="2022-12-03"),
    ])
    assert len(claims) == 1


def test_claims_two_statements_of_one_speaker_in_one_article_never_one_claim() -> None:
    # s3 (another article) is close to both, but s1 and s2 are two utterances of one article
    claims = cluster_claims([
        st("s1", "We are ready for talks with the United States on strategic stability",
           article="a1", position=0),
        st("s2", "We are ready for talks with Ukraine on a ceasefire", article="a1",
           position=1),
        st("s3", "We are ready for talks with the United States on strategic stability and "
           "with Ukraine on a ceasefire", article="a2", published="2022-12-03"),
    ])
    for c in claims:
        assert {"s1", "s2"} - {v.statement.statement_id for v in c.versions}


def test_claims_a_repeat_in_one_article_is_one_utterance() -> None:
    # a headline repeating the body's quote
    claims = cluster_claims([
        st("s1", "We are ready for talks", article="a1", position=0),
        st("s2", "\"We are ready for talks,\"", article="a1", position=3),
    ])
    assert groups(claims) == {frozenset({"s1", "s2"})}


def test_claims_a_lead_paraphrase_and_its_quote_in_one_article_are_one_claim() -> None:
    # pair score 0.85: below REPEAT, so before the lead rule they were two claims
    claims = cluster_claims([
        st("s1", "the era of global warming was officially over and the era of global "
           "boiling had arrived", kind="indirect", article="a1", position=0,
           speaker="guterres", name="António Guterres"),
        st("s2", "The era of global warming has ended; the era of global boiling has arrived",
           article="a1", position=3, speaker="guterres", name="António Guterres"),
    ])
    assert groups(claims) == {frozenset({"s1", "s2"})}


def test_claims_two_different_quotes_in_one_article_stay_two_claims() -> None:
    # pair score 0.76, as close as the lead and its quote above, but two quotes
    claims = cluster_claims([
        st("s1", "We will send air defence systems to Ukraine this winter", article="a1",
           position=0),
        st("s2", "We will send more tanks to Ukraine this winter", article="a1", position=2),
    ])
    assert groups(claims) == {frozenset({"s1"}), frozenset({"s2"})}


def test_claims_a_paraphrase_below_the_lead_and_a_quote_stay_two_claims() -> None:
    # only the article's first statement is read as the lead paraphrasing a quote
    claims = cluster_claims([
        st("s0", "Ukraine would win the war", kind="indirect", article="a1", position=0),
        st("s1", "We will send more tanks to Ukraine this winter", article="a1", position=1),
        st("s2", "he would send air defence systems to Ukraine this winter",
           kind="indirect", article="a1", position=2),
    ])
    assert groups(claims) == {frozenset({"s0"}), frozenset({"s1"}), frozenset({"s2"})}


def test_claims_different_speakers_never_join() -> None:
    claims = cluster_claims([
        st("s1", "We are ready for talks with Kyiv"),
        st("s2", "We are ready for talks with Kyiv", speaker="lavrov", name="Sergei Lavrov",
           published="2022-12-03"),
    ])
    assert len(claims) == 2


def test_claims_unknown_speaker_is_never_clustered() -> None:
    claims = cluster_claims([st("s1", "We are ready for talks", speaker=None, name=None)])
    assert claims == []


def test_claims_outside_the_date_window_stay_apart() -> None:
    claims = cluster_claims([
        st("s1", "We are ready for talks with Kyiv", published="2022-12-02"),
        st("s2", "We are ready for talks with Kyiv", published="2023-03-02"),
    ])
    assert len(claims) == 2


def test_claims_said_on_brings_a_late_re_report_into_the_window() -> None:
    claims = cluster_claims([
        st("s1", "We are ready for talks with Kyiv", published="2022-12-02"),
        st("s2", "We are ready for talks with Kyiv", published="2023-01-20",
           said_on="2022-12-02"),
    ])
    assert len(claims) == 1


def test_claims_other_statements_of_the_speaker_stay_apart() -> None:
    claims = cluster_claims([
        st("s1", "We are ready for talks with Kyiv"),
        st("s2", "The West is waging a hybrid war against Russia", published="2022-12-03"),
        st("s3", "Our troops will stay in Kherson", published="2022-12-03"),
    ])
    assert len(claims) == 3


def test_claims_output_is_the_same_in_any_input_order() -> None:
    statements = [
        st("s1", "We are ready for talks with Kyiv", site="tass.com"),
        st("s2", "that he was ready for talks with Kyiv", kind="indirect", site="ria.ru",
           relays=("TASS",)),
        st("s3", "Our troops will stay in Kherson", published="2022-12-03"),
        st("s4", "our troops would stay in Kherson", kind="indirect", published="2022-12-04"),
    ]
    first = cluster_claims(statements)
    for seed in range(5):
        shuffled = statements[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster_claims(shuffled) == first


def test_claims_ids_hash_the_origin_and_survive_a_rebuild() -> None:
    statements = [st("s1", "We are ready for talks with Kyiv"),
                  st("s2", "We are ready for talks with Kyiv", published="2022-12-03")]
    claims = cluster_claims(statements)
    assert [c.id for c in claims] == [content_id("claim", "s1")]
    # a later re-report joining does not change the id
    more = cluster_claims([*statements, st("s3", "We are ready for talks with Kyiv",
                                           published="2022-12-05")])
    assert [c.id for c in more] == [c.id for c in claims]


def test_claims_the_same_words_under_another_speaker_are_flagged() -> None:
    words = "Russia will never accept the new sanctions imposed by the European Union"
    claims = cluster_claims([
        st("s1", words, published="2022-12-02"),
        st("s2", words, speaker="lavrov", name="Sergei Lavrov", published="2022-12-03"),
    ])
    flags = {v.statement.statement_id: v.drift.flags for c in claims for v in c.versions}
    assert "speaker_changed" in flags["s2"]
    assert "speaker_changed" not in flags["s1"]
    lavrov = next(c for c in claims if c.speaker_key == "lavrov")
    assert lavrov.meaning_changed


def test_claims_the_speaker_most_outlets_print_is_not_the_changed_one() -> None:
    """Three outlets give the words to Putin, one (earlier) to Lavrov: Lavrov's version is
    the changed one, whatever the publication order."""
    words = "Russia will never accept the new sanctions imposed by the European Union"
    claims = cluster_claims([
        st("s0", words, speaker="lavrov", name="Sergei Lavrov", published="2022-12-01"),
        *(st(f"s{i}", words, published="2022-12-02") for i in (1, 2, 3)),
    ])
    flags = {v.statement.statement_id: v.drift.flags for c in claims for v in c.versions}
    assert "speaker_changed" in flags["s0"]
    assert not any("speaker_changed" in flags[f"s{i}"] for i in (1, 2, 3))


def test_claims_two_speakers_quoted_in_one_article_never_flag_each_other() -> None:
    """One article quoting Putin and then Lavrov repeating his words changed no speaker."""
    words = "Russia will never accept the new sanctions imposed by the European Union"
    claims = cluster_claims([
        st("s1", words, article="a1", published="2022-12-02"),
        st("s2", words, article="a1", speaker="lavrov", name="Sergei Lavrov",
           published="2022-12-02", position=1),
    ])
    assert not any("speaker_changed" in v.drift.flags for c in claims for v in c.versions)


def test_claims_an_undated_version_does_not_chain_statements_a_year_apart() -> None:
    # fresh2: an undated 2025 page bridged Erdogan's offer of 8 March 2024 and his call of
    # 11 May 2025; each dated report is within the window of the undated one
    claims = cluster_claims([
        st("s1", "Turkey is ready to host a peace summit between Russia and Ukraine",
           name="Recep Tayyip Erdogan", speaker="erdogan", published="2024-03-09"),
        st("s2", "Turkey is ready to host peace negotiations between Russia and Ukraine",
           name="Recep Tayyip Erdogan", speaker="erdogan", published=None),
        st("s3", "Turkey was ready to host peace negotiations between Ukraine and Russia",
           name="Recep Tayyip Erdogan", speaker="erdogan", published="2025-05-11"),
    ])
    assert not any({"s1", "s3"} <= g for g in groups(claims))
    assert any(len(g) == 2 for g in groups(claims))


def test_claims_an_undated_version_joins_dated_ones_within_the_span() -> None:
    claims = cluster_claims([
        st("s1", "Turkey is ready to host a peace summit between Russia and Ukraine",
           published="2024-03-09"),
        st("s2", "Turkey is ready to host a peace summit between Russia and Ukraine today",
           published=None),
        st("s3", "Turkey was ready to host a peace summit between Russia and Ukraine",
           published="2024-03-15"),
    ])
    assert groups(claims) == {frozenset({"s1", "s2", "s3"})}
