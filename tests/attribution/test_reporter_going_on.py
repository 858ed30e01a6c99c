"""A reporter's second verb that the parse hung inside the reported clause keeps the
reporter for its speaker (syntax.reporter_going_on), on real parses; an outlet's report
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
