"""End to end on the real model: the seed's topic statement ("Putin has issued statements
about recent talks with … Lavrov and … Peskov, presumably in an effort to …") ends with the
talks, before the writer's guess at their purpose and the quotation ISW is credited with."""

from __future__ import annotations

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "isw-putin-ceasefire.txt"


def test_seed_topic_content_ends_before_the_purpose_clause(analyze_text) -> None:  # type: ignore[no-untyped-def]
    result = analyze_text(EXAMPLE.read_text(encoding="utf-8"), published="2022-12-04")
    topics = [st for st in result.statements
              if st.cue is not None and "issued statements" in st.cue.text]
    assert topics, "the topic statement is found"
    for st in topics:
        assert st.content.text.endswith("Dmitry Peskov")
        assert "presumably" not in st.content.text
