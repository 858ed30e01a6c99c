"""Relays named on lines the cleaner drops as page furniture: a re-post's header ("ANS TV,
Baku" over "26 Mar 04") and a wire's copyright line ("Copyright 2024 The Associated Press.
All rights reserved."). The analysis text blanks those lines; the frame pass reads them back
from the clean stage's record of the furniture."""

from __future__ import annotations

from typing import Any

from relaykit import relay_names as _relays
from relaykit import statement_with as _one


def test_header_name_over_a_date_line_relays_the_repost(analyze_text: Any) -> None:
    result = analyze_text(
        "Foreign firms may be working for Armenian intelligence - Azeri minister\n\n"
        "ANS TV, Baku\n26 Mar 04\n\n"
        "Foreign firms may be working for the Armenian special services, Azerbaijani "
        "National Security Minister Namiq Abbasov said on Friday.")
    st = _one(result, "Foreign firms may be working for the Armenian")
    assert [m.text for m in st.relays] == ["ANS TV"]


def test_section_name_over_a_date_line_is_no_relay(analyze_text: Any) -> None:
    result = analyze_text(
        "Ministers meet in Baku\n\nWorld Politics\n26 Mar 04\n\n"
        "Foreign firms may be working for the Armenian special services, Azerbaijani "
        "National Security Minister Namiq Abbasov said on Friday.")
    assert _one(result, "Foreign firms may be working").relays == ()


def test_wire_copyright_line_the_cleaner_drops_relays_the_copy(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "The spokeswoman, Maria Zakharova, said she had received dozens of messages.\n\n"
        "Copyright 2024 The Associated Press. All rights reserved."), "dozens of messages")
    assert _relays(st) == ["Associated Press"]
