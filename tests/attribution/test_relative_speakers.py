"""A speaker written as a name and the relative pronoun that speaks for it keeps the pronoun
(resolve.with_relative), as PolNeAR marks it; a relative "that" speaker runs from its noun
(resolve.relative_that); on real parses."""

from __future__ import annotations

from typing import Any


def speakers(analysis: Any) -> dict[str, tuple[str | None, str | None]]:
    return {st.cue.text: (None if st.speaker is None else st.speaker.text,
                          None if st.speaker is None else st.speaker.entity)
            for st in analysis.statements if st.cue is not None}


def test_a_name_with_its_relative_pronoun_keeps_the_pronoun(analyze_text: Any) -> None:
    analysis = analyze_text("But that is not good enough, said Howard Rubel, a senior analyst "
                            "at Jefferies, who notes that United Technologies has vowed to cut "
                            "at least a half-billion dollars in costs annually.")
    text, entity = speakers(analysis)["notes"]
    assert text is not None and text.startswith("Howard Rubel") and text.endswith("who")
    assert entity == "Howard Rubel"


def test_a_plain_name_speaker_stays_the_name(analyze_text: Any) -> None:
    analysis = analyze_text("But that is not good enough, said Howard Rubel, a senior analyst "
                            "at Jefferies.")
    assert speakers(analysis)["said"][0] == "Howard Rubel"


def test_a_quotation_after_a_relative_clause_keeps_the_name(analyze_text: Any) -> None:
    # "which" speaks for the group in "which expects …", not for the quotation after it
    analysis = analyze_text("“You stick everybody together face to face, you're going to have "
                            "a problem,” said Tim Selaty, organizer of a group called Citizens "
                            "for Trump, which expects 5,000 to attend. “They have created a "
                            "much more dangerous situation.”")
    after = [st for st in analysis.statements if st.content.text.startswith("They have")]
    assert [st.speaker.text for st in after if st.speaker is not None] == ["Tim Selaty"]


def test_a_relative_that_speaker_runs_from_its_noun(analyze_text: Any) -> None:
    analysis = analyze_text("If Trump had a strategy coming into the debate, it was not "
                            "evident. He apparently believed the unscientific Internet polls "
                            "that showed him victorious in most of the GOP primary debates and "
                            "followed the same script against Clinton.")
    assert speakers(analysis)["showed"][0] == "the unscientific Internet polls that"
