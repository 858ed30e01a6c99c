"""Roles and lists on short real-model texts (issue 12): a role description credited to the
person holding it, and each item of a list under a frame credited to the framed speaker.

One module-scoped analysis per text, on the session's model (tests/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest

LIST = ("Key points from Maria Zakharova's briefing:\n"
        "▪️ Moscow will monitor the situation in the Baltic Sea and respond to NATO ships;\n"
        "▪️ Russia expects the Vietnamese leadership to take part in the Victory Day events;\n"
        "▪️ The ministry does not exclude new contacts with Washington in the coming weeks.\n"
        "#Russia #Zakharova")
ROLES = ("German Foreign Minister Annalena Baerbock arrived in Kyiv on Monday.\n"
         "The Kremlin spokesman Dmitry Peskov said the visit changed nothing.\n"
         "The head of German diplomacy said that Europe stands with Ukraine.\n"
         "The Russian defence minister said that the exercises would go on.")

BACKREF = ("Ukraine is gradually strengthening its air defense. Kyiv hopes it can break "
           "through to partners and get more.\n"
           "This was stated by President Volodymyr Zelenskyy during a press conference in "
           "Odesa, UNN reports.")

LAYOUTS = ("Sergey Lavrov answered questions from TASS on Monday.\n"
           "Lavrov: Prospects of a Syrian settlement are 'fairly good'\n"
           "Question: Will the talks in Istanbul resume soon?\n"
           "Answer: We are ready to resume them at any moment, but the other side delays.\n"
           "Question: And what about the sanctions?\n"
           "Answer: The sanctions have failed, and Europe is paying the price for them.\n\n"
           "President Volodymyr Zelenskyy has criticised the partners.\n\n"
           "Source: Zelenskyy in his video address on 9 November\n\n"
           "Quote: \"Unfortunately, this week saw devastating Russian attacks on Kharkiv.\n\n"
           "We will continue to try to convince our partners.\"")


@pytest.fixture(scope="module")
def results(analyze_text: Any) -> dict[str, Any]:
    return {"list": analyze_text(LIST), "roles": analyze_text(ROLES),
            "backref": analyze_text(BACKREF), "layouts": analyze_text(LAYOUTS)}


def speaker_of(result: Any, words: str) -> tuple[str | None, str | None]:
    """(speaker text, entity name) of the statement whose content holds ``words``."""
    text = result.article.text
    for st in result.statements:
        if words in text[st.content.start:st.content.end]:
            return (st.speaker.text if st.speaker else None,
                    st.speaker.entity if st.speaker else None)
    raise AssertionError(f"no statement holds {words!r}")


def test_each_list_item_is_the_framed_speakers_metonymy_included(results: dict[str, Any]
                                                                   ) -> None:
    r = results["list"]
    for words in ("will monitor the situation in the Baltic Sea",
                  "expects the Vietnamese leadership", "does not exclude new contacts"):
        assert speaker_of(r, words)[1] == "Maria Zakharova"
    text = r.article.text
    assert not any("#Russia" in text[s.content.start:s.content.end] for s in r.statements)


def test_a_role_description_is_the_person_holding_the_role(results: dict[str, Any]) -> None:
    assert speaker_of(results["roles"], "Europe stands with Ukraine")[1] == "Annalena Baerbock"


def test_a_role_no_one_in_the_article_holds_keeps_the_role_and_no_entity(
        results: dict[str, Any]) -> None:
    speaker, entity = speaker_of(results["roles"], "the exercises would go on")
    assert entity is None and speaker is not None and "defence minister" in speaker


def test_a_role_the_article_names_no_one_for_is_the_kb_holder_on_its_date(
        analyzer: Any) -> None:
    from whosaid.analysis import Analyzer
    from whosaid.clean.document import clean_document
    from whosaid.model import KBEntry, KBRole, SourceDocument
    from whosaid.settings import Settings

    kb = (KBEntry("Q70", "Sergey Lavrov", "PERSON",
                  roles=(KBRole("foreign minister", "Russia", "2004-03-09", None),)),
          KBEntry("Q71", "Igor Ivanov", "PERSON",
                  roles=(KBRole("foreign minister", "Russia", "1998-09-11", "2004-03-09"),)))
    text = "The Russian foreign minister said that the talks would resume in Geneva."

    def speaker(published: str) -> str | None:
        settings = Settings(published=published)
        doc = clean_document(SourceDocument("t", "t.txt", text=text), settings)
        result = Analyzer(settings, analyzer.nlp, kb_roles=kb).analyze(doc)
        return speaker_of(result, "the talks would resume")[1]

    assert speaker("2022-05-01") == "Sergey Lavrov"
    assert speaker("2001-05-01") == "Igor Ivanov"


def test_a_paragraph_credited_by_the_next_is_that_speakers_with_its_relay(
        results: dict[str, Any]) -> None:
    r = results["backref"]
    assert speaker_of(r, "Kyiv hopes it can break through")[1] == "Volodymyr Zelenskyy"
    st = next(s for s in r.statements if "Kyiv hopes" in s.content.text)
    assert [m.text for m in st.relays] == ["UNN"]
    assert not any(s.content.text == "This" for s in r.statements)


def test_answers_are_the_interviewees_and_a_quote_under_a_source_line_the_sources(
        results: dict[str, Any]) -> None:
    r = results["layouts"]
    assert speaker_of(r, "We are ready to resume them")[1] == "Sergey Lavrov"
    assert speaker_of(r, "Prospects of a Syrian settlement")[1] == "Sergey Lavrov"  # headline
    assert speaker_of(r, "The sanctions have failed")[1] == "Sergey Lavrov"
    assert not any("Istanbul" in s.content.text for s in r.statements)  # a question
    assert speaker_of(r, "this week saw devastating Russian attacks")[1] == "Volodymyr Zelenskyy"
    assert speaker_of(r, "convince our partners")[1] == "Volodymyr Zelenskyy"
