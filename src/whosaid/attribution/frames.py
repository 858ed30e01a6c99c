"""Article-frame pass: what a whole article (or one item of a page) says about where it came
from relays every statement in it.

- a wire credit or dateline: "KIEV (Reuters) –", "KYIV, Ukraine (AP) —", "MOSCOW, July 18.
  /TASS/." — every statement of its story (up to the next dateline) came through the agency;
- a credit closing a paragraph: "… ITAR-TASS reported. (\"RFE/RL Newsline,\" 26 October)";
- a lead frame: a first paragraph ending in a colon that names an outlet ("Kyiv Independent
  reports:", "Check back for updates from The Associated Press …:");
- an agency's byline: "By Reuters Staff", "By Julie Pace, The Associated Press";
- the page's source: "Source: The Star", "Original article published on X", "This article
  first appeared on X", "via X" on a line of its own, a listed outlet's address under the
  headline ("apnews.com"), a wire's copyright notice ("[© 2017 Thomson Reuters. All rights
  reserved.]"), an agency after a dash closing the story ("… he added. — AFP"), the only
  bracketed credit closing the last paragraph ("… preparations. (Yonhap)"), a last line
  that is only an agency's name ("AFP", "— Reuters", "(With inputs from Reuters)").

A photo's credit closing a caption ("(AP Photo/Efrem Lukatsky)") names no relay.

Relays stay nearest to the speaker first, so these come after the sentence's own credits
(:mod:`.relays`), in this order: the dateline, the paragraph credit, the lead frame, the
page's source (the outlet this copy was taken from, farthest from the speaker). A statement
whose speaker is the outlet itself is its own report, never relayed by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context
from .drafts import CharSpan, Draft
from .outlets import OutletLexicon, fold, load_outlets, outlet_in
from .relays import add_relay

# "MOSCOW (Reuters) –", "KIEV, Ukraine (AP) —", "Moscow, Oct 1 (Prensa Latina)",
# "DUBAI/LONDON (Reuters) -" (dev: the slash between two cities lost Reuters' dateline)
# the date as agencies write it: ", March 28", ". Nov 5" (Interfax-Ukraine), ", 5 March"
# (UNIAN), " • March 5", ", Jan. 3, 2024" (Xinhua)
WIRE_RE = re.compile(r"(?:\b(?P<place>[A-Z][A-Za-z.'’/-]+(?:,? [A-Z][A-Za-z.'’/-]+){0,3})"
                     r"(?P<date>[,.]? (?:• )?(?:\d{1,2} [A-Z][a-z]+\.?|[A-Z][a-z]+\.? \d{1,2})"
                     r"(?:, \d{4})?)?|\bBy [^\n]{0,60}?)\s*\((?P<o>[^()\n]{2,40})\)"
                     r"\s*(?P<dash>[-–—]{1,2}|:)?")
# an agency's name as a dateline brackets it: "Saba", "APP", "Prensa Latina", "KUNA"
AGENCY_NAME_RE = re.compile(r"[A-Z][A-Za-z.&-]{1,15}(?: [A-Z][A-Za-z.&-]{1,15}){0,2}")
NOT_AGENCIES = frozenset({"updated", "update", "live", "video", "audio", "watch", "analysis",
                          "opinion", "exclusive", "breaking", "corrected", "refile"})
# "Tehran, Jan 23, IRNA -- Foreign Ministry spokesman …", "Tehran, Jan 21, IRNA" on a line of
# its own: a place, a date and the agency's name without brackets (dev: IRNA's stories
# re-posted lost their dateline); the name must be listed
DATE_AGENCY_RE = re.compile(r"(?m)^[ \t]*[A-Z][a-z]+(?: [A-Z][a-z]+)?, (?:[A-Z][a-z]{2,8}\.? "
                            r"\d{1,2}|\d{1,2} [A-Z][a-z]{2,8}\.?),? (?P<o>[A-Z][\w.-]{1,20})"
                            r"[ \t]*(?:[-–—]{1,2}|:|$)")
# "YEREVAN, MAY 14, NOYAN TAPAN. It is still early …", "YEREVAN, FEBRUARY 8. ARMINFO.": a
# place in capitals, a date and an agency's name in capitals closed by a full stop or a
# dash (dev: two Armenian agencies' stories re-posted lost them); listed or not
CAPS_DATELINE_RE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}, (?:[A-Za-z]{3,9}"
                              r"\.? \d{1,2}|\d{1,2} [A-Za-z]{3,9})[.,] (?P<o>[A-Z][A-Z0-9-]+"
                              r"(?: [A-Z][A-Z0-9-]+){0,2})(?:\.|\s[-–—])\s")
# a line that is only an agency's name, a dash before it at most: "AFP" or "— Reuters" under
# the last paragraph of a copied story, or the agency the story was written with: "(With
# inputs from Reuters)", "— With AFP", "With PTI inputs"
BARE_CLOSING_RE = re.compile(r"^[ \t]*[(\[]?[ \t]*[—–-]{0,2}[ \t]*(?:(?i:with)(?: (?i:inputs?|"
                             r"additional reporting) (?i:from|by))? )?(?P<o>[A-Z][\w.&/ -]{1,30}?)"
                             r"(?: (?i:inputs?))?[ \t]*[)\]]?[ \t]*\.?[ \t]*$")
# "(APP - UrduPoint / Pakistan Point News - 25th May, 2024)": the agency first, then the
# page's names and the date
AGENCY_FIRST_RE = re.compile(r"\((?P<o>[A-Z][A-Za-z.]{1,15})\s+[-–—]\s+[A-Z][^()\n]{2,60}\)")
# "FNA - Head of the Atomic Energy Organization …": a listed agency's short name and a dash
# opening a story's paragraph (dev: FNA's story on theiranproject.ir lost it)
AGENCY_DASH_RE = re.compile(r"(?m)^[ \t]*(?P<o>[A-Z][A-Z0-9.]{1,9})[ \t]+[-–—]{1,2}[ \t]+(?=[A-Z])")
# "MOSCOW, July 18. /TASS/."
SLASH_RE = re.compile(r"\b[A-Z][A-Z .'-]+,[^\n/]{0,25}?\.?\s*/(?P<o>[A-Za-z][\w -]{1,30})/\.?")
# "Baku. 10 June. REPORT.AZ/": the city, the day, the agency's name in capitals and a slash
# (dev: a story of Report.az lost its relay); the name need not be listed
DAY_SLASH_RE = re.compile(r"(?m)^\s*[A-Z][a-z]+\. \d{1,2} [A-Z][a-z]+\.? "
                          r"(?P<o>[A-Z][A-Z0-9]+(?:[.-][A-Z0-9]+)*)/")
# "(“RFE/RL Newsline,” 26 October)" at the end of a paragraph
CLOSING_RE = re.compile(r"\(\s*[\"“]?(?P<o>[^()\"”\n,]{2,40}?)[,\"”\s]*"
                        r"(?:\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?)?\s*\)\s*$")
SOURCE_RES = [
    # "Source: Xinhua", "Source link:mehrnews", and after a date on the headline's line:
    # "  ·  2021-11-23  ·   Source: Xinhua News Agency" (dev: both copies lost the source)
    re.compile(r"^[^\w\n]*(?:[\d:./-]+[^\w\n]*)*(?:Source(?: link)?|Sources|Via|Credit|"
               r"Originally published by)\s*:\s*(?P<o>[^\n]{2,60}?)\s*$", re.I | re.M),
    re.compile(r"^\s*via\s+(?P<o>[^\n]{2,50}?)\s*$", re.I | re.M),
    re.compile(r"\b(?:[Oo]riginal(?:ly)? (?:article |story )?(?:was )?(?:published|posted|"
               r"appeared) (?:on|by|in|at)|first (?:published|appeared) (?:on|in|by)|"
               r"[Rr]ead the original (?:article|story) (?:on|at)|[Rr]epublished from)\s+"
               r"(?P<o>[^\n.]{2,60})"),
]
# an agency's copyright closing a syndicated copy: "[© 2017 Thomson Reuters. All rights
# reserved.]", "Copyright 2017 Reuters.", "Copyright 2024 The Associated Press. All rights
# reserved." (dev: such a copy of a Reuters story lost its only relay)
COPYRIGHT_RE = re.compile(r"(?:©|\([Cc]\)|\bCopyright)\s*(?:©\s*)?(?:\d{4}\s*)?"
                          r"(?P<o>[A-Z][\w&.'’ -]{1,40}?)\s*(?:[.,;\]]|\bAll\b|$)", re.M)
# "MOSCOW (UrduPoint News / Sputnik - 03rd October, 2019)": the page's outlet and the agency
# it took the story from, nearest to the speaker last (dev: these stories lost both relays)
TWO_RE = re.compile(r"\((?P<a>[A-Z][^()/\n]{1,40}?)\s*/\s*(?P<b>[A-Z][^()/\n]{1,40}?)"
                    r"(?:\s*[-–—]\s*[^()\n]{2,30})?\)")
# "(MENAFN - UkrinForm)", the opening bracket sometimes lost in the copy: a syndicator's
# credit of the agency that wrote the story (dev: five statements lost Ukrinform)
SYNDICATED_RE = re.compile(r"\(?\b[A-Z][A-Za-z]{2,}\s*[-–—]\s*(?P<o>[A-Za-z][\w .&-]{1,30}?)"
                           r"\s*\)")
# an agency's byline: "By Reuters Staff", "By Julie Pace, The Associated Press"
BYLINE_RE = re.compile(r"(?m)^[ \t]*By\s+(?:[^\n]{0,80}?,\s*)?(?P<o>[A-Z][^\n,]{1,40}?)[ \t]*$")
BYLINE_REST = frozenset({"staff", "wire", "wires", "news", "service", "reporters", "desk"})
# an agency closing a paragraph after a dash: "… the minister said. — AFP", "…, he added.
# –Bernama"
DASH_CLOSING_RE = re.compile(r"[.!?\"”’)]\s*[—–-]{1,2}\s*(?P<o>[A-Z][\w.&/ -]{1,30}?)\s*\.?\s*$")
# a photo's credit closing its caption names who took the picture, not who passed on a
# statement: "(AP Photo/Efrem Lukatsky)", "(Tetiana Dzhafarova/Pool Photo via AP)"
PHOTO_RE = re.compile(r"\b(?:photo|photos|picture|file|getty|image|images)\b", re.I)
LEAD_WORDS = re.compile(r"\b(?:reports?|reported|writes|wrote|says|said|from|according to|"
                        r"publishe[sd]|updates|informs|via|comes)\b", re.I)
LEAD_PARAGRAPHS = 3


@dataclass(frozen=True)
class Frame:
    """One frame: the outlet's characters and the stretch of text it covers."""

    outlet: CharSpan
    start: int
    end: int
    rank: int  # 0 dateline, 1 closing credit, 2 lead frame, 3 the page's source
    line: CharSpan | None = None  # a dateline's own characters ("ISLAMABAD (APP): ")


def article_frames(ctx: Context) -> None:
    """Relay every statement through the frames that cover it, nearest first."""
    frames = find_frames(ctx)
    if not frames:
        return
    for f in frames:
        if f.line is not None:
            for d in ctx.drafts:
                _outside_dateline(ctx, d, f.line)
    for d in ctx.drafts:
        for f in sorted((f for f in frames if f.start <= d.start < f.end),
                        key=lambda f: f.rank):
            add_relay(ctx, d, f.outlet)


def _outside_dateline(ctx: Context, d: Draft, line: CharSpan) -> None:
    """A dateline is no part of a speaker or a content: "ISLAMABAD (APP): Interior Minister
    Chaudhry Nisar’s spokesperson has … said" read with the speaker "APP): Interior …"
    (dev/5: the speaker looked torn and the statement was dropped), "ROME (Reuters) –
    Franco Frattini … died" as the content's start."""
    if d.speaker is not None and d.speaker.start < line.end < d.speaker.end:
        d.speaker = CharSpan(_after_space(ctx.text, line.end, d.speaker.end), d.speaker.end)
    d.fragments = [CharSpan(_after_space(ctx.text, line.end, f.end), f.end)
                   if f.start < line.end < f.end and f.start >= line.start else f
                   for f in d.fragments]


def _after_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _outlet(ctx: Context, start: int, end: int, listed_only: bool = False,
            text: str | None = None) -> CharSpan | None:
    """The outlet named between ``start`` and ``end`` of ``text`` (default the analysis
    text; :func:`page_text` for lines the cleaner dropped)."""
    lex = load_outlets()
    text = ctx.text if text is None else text
    span = outlet_in(text, start, end, lex, ctx.article_outlets)
    if span is None or (listed_only and lex.known(span.of(text)) is None and
                        fold(span.of(text)) not in ctx.article_outlets):
        return None
    return span


def _dateline_place(m: re.Match[str]) -> bool:
    """Whether a dash-less "(Agency)" follows what a dateline opens with: a place in
    capitals ("ANKARA (AA)") or a date ("Moscow, Oct 1 (Prensa Latina)"), or a byline. A
    name before its own abbreviation is none: "American Airlines (AA) said on Monday …"
    credited Anadolu (listed as AA) with every statement of its page."""
    place = m.group("place")
    return place is None or m.group("date") is not None or place.upper() == place


def find_frames(ctx: Context) -> list[Frame]:
    text = ctx.text
    n = len(text)
    frames: list[Frame] = []
    datelines: list[tuple[int, CharSpan]] = []
    lines: dict[int, CharSpan] = {}  # a wire dateline's own characters, by where it starts
    for m in WIRE_RE.finditer(text):
        if not _opens_paragraph(text, m.start()):
            continue  # a dateline opens its paragraph
        listed = m.group("dash") is None  # without a dash only a listed agency is a credit
        if listed and not _dateline_place(m):
            continue  # "American Airlines (AA) said on Monday": a name and its abbreviation
        outlet = _outlet(ctx, m.start("o"), m.end("o"), listed_only=True) if listed else \
            _outlet(ctx, m.start("o"), m.end("o"))
        if outlet is None and not listed and AGENCY_NAME_RE.fullmatch(m.group("o")) and \
                not PHOTO_RE.search(m.group("o")) and m.group("o").lower() not in NOT_AGENCIES \
                and m.group("place") is not None and \
                m.group("place")[:1].isupper() and not m.group("place").startswith("By "):
            # "SANA'A, Oct. 01 (Saba) -", "ISLAMABAD (APP):": a place, the agency's short
            # name in brackets and a dash or colon is a dateline, listed or not (dev/5: two
            # agencies' stories re-posted lost their relay)
            outlet = CharSpan(m.start("o"), m.end("o"))
        if outlet is not None and outlet.end - outlet.start >= (m.end("o") - m.start("o")) / 2:
            datelines.append((m.start(), outlet))
            if m.group("dash") is not None:
                lines[m.start()] = CharSpan(m.start(), m.end())
    for m in SLASH_RE.finditer(text):
        outlet = _outlet(ctx, m.start("o"), m.end("o"))
        if outlet is not None:
            datelines.append((m.start(), outlet))
    for m in DAY_SLASH_RE.finditer(text):
        datelines.append((m.start(), CharSpan(m.start("o"), m.end("o"))))
    for m in CAPS_DATELINE_RE.finditer(text):
        datelines.append((m.start(), CharSpan(m.start("o"), m.end("o"))))
    for rx in (DATE_AGENCY_RE, AGENCY_DASH_RE):
        for m in rx.finditer(text):
            outlet = _outlet(ctx, m.start("o"), m.end("o"), listed_only=True)
            if outlet is not None and outlet.end - outlet.start == m.end("o") - m.start("o"):
                datelines.append((m.start(), outlet))
    for m in AGENCY_FIRST_RE.finditer(text):
        # "Jerusalem, (APP - UrduPoint / Pakistan Point News - 25th May, 2024) An Israeli
        # official said …": a place, then the agency's short name first in the brackets
        # (dev/6: three statements of an APP story lost it)
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()].split()
        if 0 < len(before) <= 4 and all(w[:1].isupper() for w in before) and \
                m.group("o").isupper():
            datelines.append((m.start(), CharSpan(m.start("o"), m.end("o"))))
    for m in SYNDICATED_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if len(text[line_start:m.start()].split()) > 4:
            continue  # a credit near the start of its paragraph, after a date at most
        outlet = _outlet(ctx, m.start("o"), m.end("o"), listed_only=True)
        if outlet is not None and not any(o == outlet for _, o in datelines):
            datelines.append((m.start(), outlet))
    datelines.sort(key=lambda x: x[0])
    for k, (pos, outlet) in enumerate(datelines):
        # a story starts a little before its dateline (its headline) and runs to the next one
        start = 0 if k == 0 else _paragraph_start(text, pos, back=2)
        end = n if k + 1 == len(datelines) else _paragraph_start(text, datelines[k + 1][0], back=2)
        frames.append(Frame(outlet, start, end, 0, lines.get(pos)))
    for m in TWO_RE.finditer(text):
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()].split()
        if len(before) > 4 or not all(w[:1].isupper() for w in before):
            continue  # a dateline opens its paragraph
        agency = _outlet(ctx, m.start("b"), m.end("b"))
        if agency is None:
            continue
        # the page's own name beside a known agency need not be listed: as written
        page = CharSpan(m.start("a"), m.end("a"))
        for named in (agency, page):
            frames.append(Frame(named, _paragraph_start(text, m.start(), back=2), n, 0))
    for m in BYLINE_RE.finditer(text):
        outlet = _outlet(ctx, m.start("o"), m.end("o"), listed_only=True)
        rest = (text[m.start("o"):outlet.start] + " " + text[outlet.end:m.end("o")]).lower() \
            if outlet is not None else ""
        if outlet is not None and all(w in BYLINE_REST for w in re.findall(r"\w+", rest)):
            frames.append(Frame(outlet, 0, n, 2))
    last = text.rstrip().rfind("\n") + 1
    pos = 0
    for line in text.split("\n"):
        dash = DASH_CLOSING_RE.search(line)
        if dash and len(line.split()) > 6:
            outlet = _outlet(ctx, pos + dash.start("o"), pos + dash.end("o"), listed_only=True)
            if outlet is not None and outlet.end - outlet.start >= len(dash.group("o").strip()) - 1:
                # the last paragraph's credit is the story's; another closes its paragraph
                frames.append(Frame(outlet, 0, n, 3) if pos >= last else
                              Frame(outlet, pos, pos + len(line), 1))
        pos += len(line) + 1
    frames.extend(_closing_credits(ctx, last))
    bare = _bare_closing_line(ctx, last)
    if bare is not None:
        frames.append(bare)
    lead = _lead_frame(ctx)
    if lead is not None:
        frames.append(lead)
    site = _site_line(ctx)
    if site is not None:
        frames.append(site)
    credit = _credit_line(ctx)
    if credit is not None:
        frames.append(credit)
    for rx in SOURCE_RES:
        for m in rx.finditer(text):
            o = m.group("o")
            if len(o.split()) > 6:
                continue
            outlet = _outlet(ctx, m.start("o"), m.end("o"))
            if outlet is None and (o[:1].isupper() or len(o.split()) == 1):
                # "Source: Independent Online", "Source link:mehrnews": the line names it
                outlet = CharSpan(m.start("o"), m.end("o"))
            if outlet is not None:
                frames.append(Frame(outlet, 0, n, 3))
    shown = page_text(ctx)  # "Copyright 2024 The Associated Press." is a furniture line
    for m in COPYRIGHT_RE.finditer(shown):
        outlet = _outlet(ctx, m.start("o"), m.end("o"), listed_only=True, text=shown)
        known = load_outlets().known(outlet.of(shown)) if outlet is not None else None
        # an agency's notice marks a syndicated copy; a paper's own notice is its own page
        if outlet is not None and known is not None and known.kind == "agency":
            frames.append(Frame(outlet, 0, n, 3))
    # "Source: CNN A nationwide ceasefire …": a source credit that opens a paragraph
    for m in re.finditer(r"(?m)^\s*Source:\s*(?P<o>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})",
                         text):
        words = list(re.finditer(r"\S+", m.group("o")))
        for k in range(len(words), 0, -1):
            s, e = m.start("o"), m.start("o") + words[k - 1].end()
            outlet = _outlet(ctx, s, e, listed_only=True)
            if outlet is not None and outlet.end == e:
                frames.append(Frame(outlet, m.start(), _paragraph_end(text, m.end()), 3))
                break
    return frames


# a line that is only a site's address: "apnews.com" under a copied headline
SITE_LINE_RE = re.compile(r"^\s*(?:www\.)?[\w-]+(?:\.[\w-]+)+\s*$")
# a site's address in brackets on the headline's line: "Koizumi: Japan a peace-loving country
# (chinadaily.com.cn) Updated: 2006-01-19 07:54" (a copy of China Daily's page, relays dev)
SITE_BRACKET_RE = re.compile(r"\(\s*(?:www\.)?[\w-]+(?:\.[\w-]+)+\s*\)")


def _closing_credits(ctx: Context, last: int) -> list[Frame]:
    """A credit in brackets closing a paragraph covers that paragraph ("… ITAR-TASS
    reported. (“RFE/RL Newsline,” 26 October)"); the only one of a text, closing its last
    paragraph with nothing but the agency's name, covers the whole story: "… for summit
    preparations. (Yonhap)" on koreaherald (dev/6: four statements of the story lost
    Yonhap)."""
    text = ctx.text
    found: list[tuple[CharSpan, int, int, bool]] = []
    pos = 0
    for line in text.split("\n"):
        closing = CLOSING_RE.search(line)
        if closing and not PHOTO_RE.search(closing.group("o")):
            outlet = _outlet(ctx, pos + closing.start("o"), pos + closing.end("o"),
                             listed_only=True)
            if outlet is not None:
                bare = closing.group(0).strip("() \t") == outlet.of(text)
                found.append((outlet, pos, pos + len(line), bare and pos >= last))
        pos += len(line) + 1
    if len(found) == 1 and found[0][3]:
        return [Frame(found[0][0], 0, len(text), 1)]
    return [Frame(outlet, start, end, 1) for outlet, start, end, _ in found]


def _bare_closing_line(ctx: Context, last: int) -> Frame | None:
    """The last line of a text that is only a listed agency's name ("AFP", "— Reuters" under
    a copied story): the story's source, over the whole text (dev/7: an Irish Times copy of
    an AFP story lost its only relay). A story's last line is rarely a name alone; a
    section's or a site's name ("World", "Politics") is no listed agency."""
    m = BARE_CLOSING_RE.match(ctx.text[last:].rstrip())
    if m is None or last == 0:
        return None
    outlet = _outlet(ctx, last + m.start("o"), last + m.end("o"), listed_only=True)
    known = load_outlets().known(outlet.of(ctx.text)) if outlet is not None else None
    if outlet is None or known is None or known.kind != "agency" or \
            outlet.end - outlet.start != m.end("o") - m.start("o"):
        return None
    return Frame(outlet, 0, len(ctx.text), 3)


def _site_line(ctx: Context) -> Frame | None:
    """A listed outlet's address on a line of its own among the first paragraphs ("apnews.com"
    under the headline of a copy), or in brackets on the headline's line: the page's source,
    over the whole text (dev: such a copy of an AP story lost its relay)."""
    pos = 0
    seen = 0
    for line in ctx.text.split("\n"):
        if line.strip():
            seen += 1
            bracket = SITE_BRACKET_RE.search(line) if seen == 1 else None
            if bracket is not None:
                outlet = _outlet(ctx, pos + bracket.start() + 1, pos + bracket.end() - 1,
                                 listed_only=True)
                if outlet is not None:
                    return Frame(outlet, 0, len(ctx.text), 3)
            if SITE_LINE_RE.match(line):
                outlet = _outlet(ctx, pos, pos + len(line), listed_only=True)
                if outlet is None and line.strip()[:1].isupper():
                    # "Panorama.am" under a repost's headline: an address written as a
                    # name is the page's source, listed or not (dev: the repost lost it)
                    start = pos + len(line) - len(line.lstrip())
                    outlet = CharSpan(start, pos + len(line.rstrip()))
                if outlet is not None:
                    return Frame(outlet, 0, len(ctx.text), 3)
            if seen >= LEAD_PARAGRAPHS:
                return None
        pos += len(line) + 1
    return None


# what a credit line under a headline holds besides the agency's name: dates, times, time
# zones, an editor's name, page furniture ("Xinhua, February 24, 2016 Adjust font size:",
# "2021-12-24 09:05:49Xinhua Editor : Li Yan ECNS App Download", "Xinhua" over
# "18 Sep 2023, 22:44 GMT+10")
CREDIT_LINE_REST = re.compile(
    r"\b(?:Editor|Editors|Author|Reporter)\s*:.*$|\bAdjust font size:?|\bUpdated:?|"
    r"\b(?:\d+\s*)?Comments?(?:Print)?\b|\bPrint\b|\bE-?mail\b|"
    r"\b(?:UTC|GMT)\s*[+-]?\s*\d*|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?::\d{2})?|"
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?=[\s,\d]|$)|"
    r"\b\d{1,4}\b|[,.·|•/-]", re.I)


# a name line of a re-post's header: "ANS TV, Baku", "AzerNews, Azerbaijan", "NOYAN TAPAN"
# (up to three capitalised words, a place after a comma)
HEADER_NAME_RE = re.compile(r"^[ \t]*(?P<o>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2})"
                            r"(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?)?[ \t]*$")
# a line that is only a date: "26 Mar 04", "Sept 27 2013", "MAY 14, 2010"
DATE_LINE_RE = re.compile(r"^[ \t]*(?:\d{1,2} [A-Za-z]{3,9}\.?,? \d{2,4}|[A-Za-z]{3,9}\.? "
                          r"\d{1,2},? \d{4})[ \t]*$")
# "AA / Sarajevo": an agency and the place it wrote from
AGENCY_PLACE_RE = re.compile(r"^[ \t]*(?P<o>[A-Z][\w.-]{1,20})\s*/\s*[A-Z][a-z]+"
                             r"(?: [A-Z][a-z]+)?[ \t]*$")
CREDIT_LINES = 5  # how many of the first non-empty lines may hold a credit line


def _header_outlet(m: re.Match[str], lex: OutletLexicon) -> bool:
    """Whether a header's name line names an outlet: a listed name, a media word ("ANS TV")
    or a place after a comma ("AzerNews, Azerbaijan"); a section's name over a date
    ("Politics" / "March 5, 2024") is none."""
    name = m.group("o")
    words = fold(name).split()
    return lex.known(name) is not None or "," in m.group(0) or \
        any(w in lex.media_words or w in ("news", "tv") for w in words)


def _credit_line(ctx: Context) -> Frame | None:
    """A line among the first ones that credits the page's source, over the whole text: a
    listed agency's name with nothing else but a date, a time or an editor's name (dev:
    Xinhua's stories copied by ecns.cn, chinagate.cn, shine.cn lost their only relay), an
    agency and its place ("AA / Sarajevo"), or a re-post's header, a short name over a line
    that is a date ("ANS TV, Baku" / "26 Mar 04", listed or not)."""
    lex = load_outlets()
    page = page_text(ctx)
    lines = page.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    seen = 0
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > CREDIT_LINES:
            return None
        pos = starts[k]
        spaced = re.sub(r"(?<=\d)(?=[A-Za-z])", " ", line)  # "09:05:49Xinhua"
        rest = CREDIT_LINE_REST.sub(" ", spaced).strip()
        known = lex.known(rest) if rest else None
        if known is not None and known.kind == "agency" and seen <= LEAD_PARAGRAPHS + 1:
            i = line.find(rest.split()[0])
            outlet = _outlet(ctx, pos + i, pos + len(line), listed_only=True, text=page)
            if outlet is not None:
                return Frame(outlet, 0, len(ctx.text), 3)
        m = AGENCY_PLACE_RE.match(line)
        if m is not None:
            outlet = _outlet(ctx, pos + m.start("o"), pos + m.end("o"), listed_only=True,
                             text=page)
            if outlet is not None:
                return Frame(outlet, 0, len(ctx.text), 3)
        nxt = next((x for x in lines[k + 1:] if x.strip()), "")
        m = HEADER_NAME_RE.match(line)
        if m is not None and DATE_LINE_RE.match(nxt) and not DATE_LINE_RE.match(line) and \
                _header_outlet(m, lex):
            return Frame(CharSpan(pos + m.start("o"), pos + m.end("o")), 0, len(ctx.text), 3)
    return None


def page_text(ctx: Context) -> str:
    """The article's text with the page furniture the cleaner blanked out put back: a
    re-post's header names its source on a line the cleaner takes for a line of tag names
    ("ANS TV, Baku", "AzerNews, Azerbaijan" over a date: dev lost the only relay of five
    statements). Offsets are those of ``ctx.text``."""
    if not ctx.furniture:
        return ctx.text
    chars = list(ctx.text)
    for f in ctx.furniture:
        if f.end <= len(chars) and not "".join(chars[f.start:f.end]).strip():
            chars[f.start:f.end] = f.text[:f.end - f.start].ljust(f.end - f.start)
    return "".join(chars)


def _opens_paragraph(text: str, pos: int) -> bool:
    """Whether a dateline match at ``pos`` opens its paragraph: nothing before it on its
    line but the dateline's own words in capitals ("ON BOARD A TRAIN FROM SUMY TO KYIV,
    Ukraine (AP) —": dev lost AP's dateline, the pattern took only its last words)."""
    before = text[text.rfind("\n", 0, pos) + 1:pos]
    if not before.strip():
        return True
    words = before.split()
    return len(words) <= 12 and all(w.isupper() and w.strip(".,'’/-").isalpha() for w in words)


def _lead_frame(ctx: Context) -> Frame | None:
    """A first paragraph that ends in a colon and names an outlet, over the rest."""
    text = ctx.text
    pos = 0
    seen = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            seen += 1
            if stripped.endswith(":") and len(stripped.split()) <= 25 and \
                    LEAD_WORDS.search(stripped):
                outlet = _outlet(ctx, pos, pos + len(line), listed_only=True)
                if outlet is not None:
                    return Frame(outlet, pos + len(line), len(text), 2)
            if seen >= LEAD_PARAGRAPHS:
                return None
        pos += len(line) + 1
    return None


def _paragraph_start(text: str, pos: int, back: int = 0) -> int:
    """Where the paragraph holding ``pos`` starts; ``back`` non-empty paragraphs earlier
    when they are short (a story's headline and byline before its dateline)."""
    start = text.rfind("\n", 0, pos) + 1
    for _ in range(back):
        prev_end = start - 1
        while prev_end > 0 and text[prev_end - 1] == "\n":
            prev_end -= 1
        if prev_end <= 0:
            return 0
        prev_start = text.rfind("\n", 0, prev_end) + 1
        if len(text[prev_start:prev_end].split()) > 25:
            break
        start = prev_start
    return start


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end

