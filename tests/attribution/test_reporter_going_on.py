"""A reporter's second verb that the parse hung inside the reported clause keeps the
reporter for its speaker (syntax.reporter_going_on): a person, a pronoun or a named body,
not a dateline; on real parses. An outlet's report
goes on with the words of the one it reports."""

from __future__ import annotations

from typing import Any


def speakers(analysis: Any) -> dict[str, str | None]:
    return {st.cue.text: None if st.speaker is None else st.speaker.text
            for st in analysis.statements if st.cue is not None}


def test_participle_after_the_reported_clause_is_the_reporters(analyze_text: Any) -> None:
    # the parse hangs "noting" on "been", whose subject is "some of Clinton's rhetoric"
    analysis = analyze_text("Khalif said some of Clinton's rhetoric on the campaign trail "
                            "has been patronizing, noting her comments to a black radio "
                            "show host in April.")
    assert speakers(analysis)["noting"] == "Khalif"


def test_telling_participle_after_a_pronoun_clause_is_the_reporters(analyze_text: Any) -> None:
    analysis = analyze_text("Carson said he saw no need to change anything about his "
                            "campaign, telling Stephanopoulos that “we tell the truth.”")
    assert speakers(analysis)["telling"] == "Carson"


def test_outlets_report_goes_on_with_the_reported_speaker(analyze_text: Any) -> None:
    analysis = analyze_text("SANA said Moallem reviewed what is happening in some places "
                            "in Syria, saying: “We believe that whoever wants reforms "
                            "should express his opinion peacefully.”")
    assert speakers(analysis)["saying"] == "Moallem"


def test_a_named_body_goes_on_reporting_after_its_clause(analyze_text: Any) -> None:
    # "warned" hangs on "was", whose subject "it" is China's own pronoun: the speaker is China
    analysis = analyze_text("Even China, Pyongyang's only ally and its economic lifeline to "
                            "the outside world, said it was \"resolutely opposed\" to the test "
                            "and warned North Korea to refrain from further actions that would "
                            "worsen the situation.")
    assert speakers(analysis)["warned"] == "China"


def test_a_name_the_parse_takes_for_a_body_goes_on_reporting(analyze_text: Any) -> None:
    # the parse takes Merrill for an ORG; "said" hangs on Machado's "promised"
    analysis = analyze_text("Merrill says Machado promised to continue supporting Clinton "
                            "and said she would stand up to the attacks.")
    assert speakers(analysis)["said"] == "Merrill"


def test_a_dateline_before_a_horizontal_bar_is_no_reporter(analyze_text: Any) -> None:
    # "―" (U+2015) ends a dateline as "—" does: WASHINGTON is no one's name here
    analysis = analyze_text("Obama Administration To Expand Program.\n\nWASHINGTON ― The Obama "
                            "administration announced plans Tuesday to expand programs that "
                            "allow Central Americans to come to the U.S. as refugees, "
                            "acknowledging that the current system hasn’t stopped people from "
                            "El Salvador, Guatemala and Honduras from entering the country "
                            "without authorization.")
    assert speakers(analysis)["acknowledging"] == "The Obama administration"
