"""A content of several clauses reports the utterance of its first clause; the words of a
report's tense backshift compare as one."""

from __future__ import annotations

from claimkit import st

from whosaid.claims import cluster_claims
from whosaid.claims.cluster import heads_meet
from whosaid.claims.text import head, keys

# Putin, 13 March 2025, as re-reported (bench/data/claims/real, dev part)
TALK = "I think we need to talk to our American colleagues… Maybe have a phone call with " \
       "President Trump and discuss this with him,"
TALK_2 = "There are issues that we need to discuss. And I think we need to talk to our " \
         "American colleagues as well."
TALK_3 = "We need to negotiate with our American colleagues. Maybe I will call Donald Trump,"
CALL = "he might call Trump to discuss the issue"
CALL_2 = "he might call Trump to discuss the issues"
CALL_3 = "he may need to \"have a phone call with Trump.\""


def test_clauses_head_is_the_first_sentence_or_what_comes_before_but() -> None:
    assert head(TALK) == "I think we need to talk to our American colleagues"
    assert head("This idea is correct - and we support - but there are questions") == \
        "This idea is correct - and we support"
    assert head("But we proceed from the fact that this cessation should be such") is None
    assert head("The U.S. Army and Mr. Smith agree on this") is None
    assert head("We will win.") is None


def test_clauses_a_content_meeting_only_a_later_sentence_does_not_meet_the_head() -> None:
    assert not heads_meet(st("a", TALK), st("b", CALL))
    assert heads_meet(st("a", TALK), st("b", TALK_3))  # its head is in the other
    assert heads_meet(st("a", CALL), st("b", CALL_2))  # one clause each


def test_clauses_later_sentence_reports_join_their_own_claim_not_the_longer_quote() -> None:
    contents = [TALK, TALK_2, TALK_3, CALL, CALL_2, CALL_3]
    claims = cluster_claims([st(f"s{i}", c, published=f"2025-03-1{3 + i % 3}")
                             for i, c in enumerate(contents)])
    by_content = {v.statement.content: c.id for c in claims for v in c.versions}
    assert by_content[CALL] == by_content[CALL_2] == by_content[CALL_3]
    assert by_content[TALK] != by_content[CALL]


def test_clauses_tense_backshift_and_spelling_compare_as_one() -> None:
    assert keys("We agree and decided to stop") == keys("they agreed and decide to stopped")
    assert keys("in favour") == keys("in favor")
