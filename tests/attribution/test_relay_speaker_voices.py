"""Statements inside a statement that pass nothing on (bench/relays.py dev/6), end to end
with the real model: a bare place dateline before a colon ("ISLAMABAD: A senior Taliban
official says …") and a spokesperson voicing the organisation whose words they give ("The
Journal says …, a spokesperson for the paper told Semafor")."""

from __future__ import annotations

from typing import Any

from relaykit import statement_with as _one

HEAD = "News of the day\n\n"  # a first line alone is the article's headline


def _chain(st: Any) -> list[str]:
    return [m.text for m in st.relays]


def test_a_bare_place_dateline_is_no_relay(analyze_text: Any) -> None:
    st = _one(analyze_text("ISLAMABAD: A senior Taliban official says the insurgent group has "
                           "held the first direct talks with a US official."), "direct talks")
    assert st.speaker is not None and "Taliban official" in st.speaker.text
    assert _chain(st) == []


def test_a_spokesperson_voicing_the_paper_is_no_relay_of_it(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The Journal says it is \u201cstanding by our reporting,"
                           "\u201d a spokesperson for the paper told Semafor."), "standing by")
    assert st.speaker is not None and "spokesperson" in st.speaker.text
    assert _chain(st) == ["Semafor"]
