"""The rule table of ``whosaid.dates``: which regex finds which temporal expression (data only).

In the style of trafilatura's ``xpaths.py`` this module holds no logic, only the data the
scanner runs: the regex building blocks (month, weekday, year, number and unit alternations
built from the word lists of data/temporal.json), then ``RULES``, one :class:`Rule` per kind of
expression in priority order (the first rule that matches at a position wins), each naming

* the words that can start it (``triggers``: "#" a digit, "@group" a word list of
  ``TRIGGER_GROUPS``), so the scanner tries a rule only where such a word stands;
* the handler in :mod:`whosaid.dates.handlers` that turns its match into a TIMEX3 value;
* its regex, whose named groups (``md_mon``, ``md_day`` ...) the handler reads.

News example: in "The talks resumed on Friday, Dec. 2, after a break in late November" the
``md`` rule (triggered by "Friday") matches "Friday, Dec. 2" and hands it to ``month_day``;
the ``month`` rule (triggered by "late") matches "late November" and hands it to ``month``.
The cue lists at the end (``FUTURE_CUES``, ``PAST_CUES``, ``PREPOSITIONS`` ...) are the words
the handlers consult to see whether a clause looks ahead or a number is a year.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .calendar import alternation, word_lists


class Rule(NamedTuple):
    """One kind of temporal expression: its name (the regex group), what starts it, who
    resolves it and the regex itself."""

    name: str
    triggers: str  # words that can start it: "#" a digit, "@group" a list of TRIGGER_GROUPS
    handler: str  # a function of whosaid.dates.handlers
    pattern: str


_W = word_lists()

# --------------------------------------------------------------------------- building blocks

DECADE_WORDS = alternation(list(_W["decade_words"]))
HOLIDAYS = alternation(list(_W["holidays"]))
NUMBERS = alternation(list(_W["numbers"]))
SEASONS = alternation(list(_W["seasons"]))
VAGUE_NUMBERS = alternation(list(_W["vague_numbers"]))
WEEKDAYS = alternation(list(_W["weekdays"]))
FULL_MONTHS = [k for k in _W["months"] if len(k) > 4 or k in ("may", "june", "july")]
ABBREVIATED_MONTHS = [k for k in _W["months"] if k not in FULL_MONTHS]
MONTH_FULL = rf"(?:{alternation(FULL_MONTHS)})\b"
MONTH_ANY = rf"(?:(?:{alternation(FULL_MONTHS)})\b|(?:{alternation(ABBREVIATED_MONTHS)})\b\.?)"
WEEKDAY = rf"(?:{WEEKDAYS})\b"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?![\d%]|[:.]\d)"
# a day said as an ordinal, in broadcast transcripts: "Sunday, March eighth" (not "March
# first-quarter")
DAY_WORD = (rf"(?:{alternation(list(_W['day_ordinals']))})\b(?!-)").replace(r"\-", r"[\s-]")
YEAR = r"(?:1[6-9]|20)\d\d(?![\d%]|,\d|\.\d|\s*(?:percent|per\s+cent|%))"
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
ONES = "one|two|three|four|five|six|seven|eight|nine"
SPOKEN = (rf"(?:nineteen|twenty)[\s-]+(?:{TENS})(?:[\s-](?:{ONES}))?\b|"
          rf"two\s+thousand(?:\s+and\s+(?:{ONES})\b)?")
YEAR_ANY = rf"(?:{YEAR}|{SPOKEN})"
CENTURY_WORDS = alternation(list(_W["century_ordinals"]))
NUM = rf"(?:\d+(?:\.\d+)?|(?:{TENS})[\s-](?:{ONES})|{NUMBERS})\b"
# "quarters" counts only in the plural and not as a share: "the past two quarters" (P2Q), not
# "three-quarters of its food" nor "the first two quarters of 1990"
UNIT = (r"(?:seconds|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries|"
        r"quarters(?!\s+of\b))\b")
UNIT1 = r"(?:minute|hour|day|week|month|year|decade|century)"
UNITS_PL = r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
MOD = r"(?:early|late|earlier|later|mid|the\s+(?:end|beginning|start|middle)\s+of)"
PARTS = alternation(list(_W["parts_of_day"]))
REL = r"this\s+past|this\s+coming|last|this|next|past|coming"
ORDINAL = alternation(list(_W["ordinals"]))
TZ = alternation(list(_W["timezones"]))
QUANT = (r"about|nearly|almost|some|more\s+than|less\s+than|at\s+least|up\s+to|over|only|"
         r"just|roughly|around|approximately|another|an\s+additional|a\s+further|barely|"
         r"exactly|the\s+past|the\s+last|the\s+next|the\s+first|the\s+coming|the\s+final|"
         r"the\s+previous|the\s+following|the\s+remaining|the\s+latest")

# --------------------------------------------------------------------------- the rules

RULES: tuple[Rule, ...] = (
    # explicit dates: "2022-12-02", "12/2/2022", "Friday, Dec. 2, 2022", "2 December", "May 1996"
    Rule("iso", "#", "iso_date",
         r"(?P<iso_y>(?:1[6-9]|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-"
         r"(?P<iso_d>0[1-9]|[12]\d|3[01])(?!\d)"),
    Rule("slash", "#", "slash_date",
         r"(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>\d{4}|\d{2})(?![\d/])"),
    Rule("md", "@weekdays @mod @months @rel", "month_day",
         rf"(?:(?P<md_wk>the\s+week\s+of)\s+)?(?:(?:(?:{REL})\s+)?{WEEKDAY},?\s+)?"
         rf"(?:{MOD}[\s-]+)?"
         rf"(?P<md_mon>{MONTH_ANY})\s*"
         rf"(?P<md_day>{DAY}|(?<=\s){DAY_WORD})(?:(?:,\s*|\s+)(?P<md_y>{YEAR}))?"),
    # the first day of "21 and 22 March", "21-22 March 2013" (the second is a "dm" of its own)
    Rule("dm_pair", "@weekdays #", "day_month_pair",
         rf"(?:{WEEKDAY},?\s+)?(?P<dp_day>{DAY})(?=\s*(?:and|or|to|through|-|–|&)\s*"
         rf"(?:{WEEKDAY},?\s+)?{DAY}\s+(?:of\s+)?(?P<dp_mon>{MONTH_ANY})"
         rf"(?:,?\s+(?P<dp_y>{YEAR}))?)"),
    Rule("dm", "@weekdays the #", "day_month",
         rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?:(?P<dm_day>{DAY})(?:\s+of)?|"
         rf"(?<=the\s)(?P<dm_dw>{DAY_WORD})\s+of)\s+"
         rf"(?P<dm_mon>{MONTH_ANY})(?:,?\s+(?P<dm_y>{YEAR}))?"),
    Rule("my", "@mod @months", "month_year",
         rf"(?:{MOD}[\s-]+)?(?P<my_mon>{MONTH_ANY}),?\s+(?:of\s+)?(?P<my_y>{YEAR_ANY})"),
    # "Christmas", "last Thanksgiving", "Easter 2023"
    Rule("holiday", "@rel @holidays", "holiday",
         rf"(?:(?P<ho_rel>{REL})\s+)?(?P<ho>{HOLIDAYS})\b"
         rf"(?:,?\s+(?P<ho_y>{YEAR}))?"),
    # "the third quarter of 1988", "Q3", "the year-ago quarter", "the first half of 2023"
    Rule("quarter", "the last this next current # fiscal calendar @ordinals q1 q2 q3 q4",
         "quarter",
         rf"(?:(?P<q_pre>(?:the\s+)?(?:(?:last|this|next|current|previous)\s+year['’]s|"
         rf"year-ago|year-earlier)|"
         rf"(?:the\s+)?(?P<q_yp>{YEAR})['’]?s?|last|this|next|the|current|the\s+current)\s+)?"
         rf"(?:(?:fiscal|calendar)[\s-]+)?(?P<q_o>{ORDINAL})[\s-]+quarter\b"
         rf"(?:\s+of\s+(?:fiscal\s+|calendar\s+)?(?P<q_y>{YEAR})|,?\s+(?P<q_y2>{YEAR})"
         r"|\s+of\s+(?P<q_of>last|this|next|the\s+previous|the\s+current)\s+year\b)?"
         rf"|Q(?P<q_n>[1-4])(?:(?:\s+|/)?(?P<q_y3>{YEAR}))?\b"),
    Rule("quarter_rel",
         "the latest most recent current this previous past last next coming year same prior "
         "preceding that comparable corresponding",
         "quarter_relative",
         # "the corresponding period last year", "last year's quarter": the reported one a
         # year before
         r"(?:the\s+)?(?:same|corresponding|comparable)\s+(?:period|quarter)\s+(?P<qr_ly>"
         r"last\s+year|a\s+year\s+(?:ago|earlier)|(?:of|in)\s+the\s+previous\s+year)\b"
         r"|last\s+year['’]s\s+(?P<qr_ly2>quarter|period)\b|"
         r"(?:the\s+)?(?P<qr>latest|most\s+recent|recent|current|this|previous|past|"
         r"last|next|coming|year-ago|year-earlier|same|prior|preceding|"
         r"comparable\s+year-ago)\s+"
         r"(?:fiscal\s+)?quarter\b|the\s+(?P<qr2>year-ago|year-earlier|latest|"
         r"comparable)\s+period\b|(?P<qr3>the|that)\s+quarter\b(?!-to-)"
         r"(?P<qr_ago>\s+a\s+year\s+(?:ago|earlier)\b)?"
         r"|the\s+(?P<qr_y>(?:1[6-9]|20)\d\d)\s+(?:period|quarter)\b"),
    Rule("half", "the first second last", "half_year",
         rf"(?:the\s+)?(?P<h>first|second|last)\s+(?:half|two\s+quarters)\s+of\s+"
         rf"(?:(?P<h_rel>this|last|next|"
         rf"the)\s+year|(?:fiscal\s+)?(?P<h_y>{YEAR}))"),
    # "the 1990s", "the late eighties", "'80s"
    Rule("decade", "the early late mid # @decades nineteen", "decade",
         rf"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<de>(?:1[6-9]|20)\d0['’]?s|"
         rf"['’]\d0s|(?:nineteen[\s-]+)?(?:{DECADE_WORDS}))\b"),
    # relative and anaphoric: "two days ago", "weeks later", "yesterday", "the day before"
    Rule("ago", "@quant @numbers #", "ago",
         rf"(?:(?:{QUANT})\s+)?(?P<ago_n>{NUM})[\s-]+(?P<ago_u>{UNIT})\s+(?:or\s+so\s+)?"
         r"(?P<ago_d>ago|earlier|later|from\s+now|hence|back|"
         r"(?:before|after)(?=\s*[^\w\s]|\s*$))"),
    Rule("vague_ago", "a few several many some @units", "vague_ago",
         rf"(?:(?:a\s+few|few|several|many|some)\s+)?{UNITS_PL}\s+"
         r"(?P<va_d>ago|earlier|later|from\s+now)"),
    Rule("relday", "@mod yesterday today tomorrow tonight last this", "relative_day",
         rf"(?:(?:early|late|earlier|later)\s+)?(?P<rd>the\s+day\s+before\s+yesterday|"
         r"the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|"
         rf"last\s+night|this\s+(?:{PARTS}))(?:\s+(?:{PARTS}))?\b"),
    # "the day before last Tuesday's hearing": a day counted from the weekday it names
    Rule("anaphor", "earlier later that the", "anaphor",
         rf"(?:(?:earlier|later)\s+)?(?P<an>the\s+day\s+(?:before|after)\s+"
         rf"(?P<an_rel>(?:last|next|this)\s+)?(?P<an_wd>{WEEKDAY})|"
         rf"(?:that|the\s+same)(?:\s+same)?\s+"
         rf"(?:day|week|month|year|{PARTS})|the\s+(?:previous|next|following|"
         rf"preceding|prior)\s+(?:day|week|month|year|{PARTS})|the\s+"
         rf"(?:day|week|month|year|night)\s+(?:before|after|earlier|prior)"
         r"(?=\s*[^\w\s]|\s*$|\s+on\b))\b"),
    # "last week", "next month", "the year", "over the weekend"
    Rule("rel_unit", "@mod @rel the current previous", "relative_unit",
         rf"(?:{MOD}[\s-]+)?(?P<ru_rel>{REL}|the\s+past|the\s+last|the\s+coming|the\s+next|"
         r"the\s+current|current|the\s+previous|previous|the\s+latest|the\s+most\s+recent)"
         r"\s+(?:fiscal\s+)?"
         r"(?P<ru_u>weekend|week|month|year|decade|century)\b(?!-)"
         rf"|{MOD}\s+(?:in\s+)?(?:the|this)\s+(?:fiscal\s+)?"
         r"(?P<ru_u2>week|month|year|decade|century)\b"
         r"|the\s+(?P<ru_u3>weekend)\b"
         r"|the\s+(?:(?:full|fiscal|calendar)[\s-]+)?(?P<ru_u4>year)\b(?![-\w])"
         r"(?!\s+(?:ago|earlier|before|after|later|two|nineteen|when|in\s+which|"
         r"that|\d+)\b)"),
    # "3 p.m. Friday", "18:00 GMT on Sunday", "noon tomorrow"
    Rule("time", "# noon midnight", "clock_time",
         rf"(?P<t_h>\d{{1,2}})(?:(?:[:.](?P<t_m>[0-5]\d))?\s*(?P<t_ap>[ap]\.?\s?m\b\.?)"
         rf"(?:\s+(?:{TZ})\b)?|:(?P<t_m24>[0-5]\d)\s*(?:{TZ}|hrs|hours)\b)"
         rf"(?:,?\s+(?:on\s+)?(?P<t_day>{WEEKDAY}|today|yesterday|"
         rf"tomorrow|(?P<t_mon>{MONTH_ANY})\s*(?P<t_md>{DAY})(?:(?:,\s*|\s+)(?P<t_y>{YEAR}))?))?"
         r"|(?P<t_noon>noon|midnight)(?:\s+(?:on\s+)?"
         rf"(?P<t_day2>{WEEKDAY}|today|yesterday|tomorrow))?"),
    # names of days, seasons and months: "Friday", "last summer", "in November"
    Rule("weekday", "@rel @mod @weekdays", "weekday",
         rf"(?:(?P<wd_rel>{REL}|early|late|earlier|later)\s+|the\s+(?P<wd_an>previous|"
         rf"preceding|following|next)\s+)?(?P<wd>{WEEKDAY})"
         rf"(?:\s+(?:{PARTS})\b)?"),
    Rule("season", "@mod @rel the that @seasons", "season",
         rf"(?:(?P<se_mod>early|late|mid)[\s-]+)?(?:(?P<se_rel>{REL}|the|that)\s+)?"
         rf"(?P<se>{SEASONS})\b(?:\s+(?:of\s+)?(?P<se_y>{YEAR_ANY}))?"),
    Rule("month", "@mod @rel @months", "month",
         rf"(?:(?P<mo_mod>{MOD})[\s-]+)?(?:(?P<mo_rel>{REL})\s+)?(?P<mo>{MONTH_FULL})"
         r"(?!\s*\d)(?:,?\s+(?P<mo_ry>this|last|next)\s+year\b)?"),
    # years: "in 2022", "fiscal 1989", "nineteen ninety-six", "the 20th century", "year-end"
    Rule("year", "@mod fiscal calendar the pre post end start #", "year",
         rf"(?:(?P<y_mod>{MOD}|(?:the\s+)?(?:fiscal|calendar)(?:\s+year)?|the\s+year)[\s-]+"
         r"|(?P<y_pp>pre|post)-"
         r"|(?P<y_mod2>end|start)-)?"
         rf"(?P<y>{YEAR})"),
    Rule("spoken_year", "the nineteen twenty two", "spoken_year",
         rf"(?:the\s+year\s+)?(?P<sy>{SPOKEN})"),
    Rule("century", "the # @century", "century",
         rf"(?:the\s+)?(?P<ce>[12]?\d(?:st|nd|rd|th)|{CENTURY_WORDS})[\s-]+"
         r"century\b"),
    Rule("year_ago", "year around", "year_ago",
         r"(?P<ya>year-(?:ago|earlier))\b|(?:around\s+)?"
         r"(?P<ye>year(?:['’]s)?[\s-]end)\b"),
    # sets and durations: "every week", "twice a month", "three days", "for years"
    Rule("set",
         "every each per daily nightly weekly monthly annually yearly hourly once twice "
         "@numbers #",
         "recurrence",
         rf"(?:every|each|per)\s+(?:(?P<st_n>{NUM}|other)\s+)?(?P<st_u>{UNIT1}s?|"
         rf"{WEEKDAY}|{PARTS}|weekend)\b|(?P<st_adv>daily|nightly|weekly|monthly|"
         r"annually|yearly|hourly)\b|(?:once|twice|" + NUM +
         rf"\s+times)\s+(?:a|an|per|each|every)\s+(?P<st_u2>{UNIT1})\b"),
    # "the nine months": TimeBank marks the article with the count (12 times, 2 without)
    Rule("duration", "@quant @numbers # the", "duration",
         rf"(?:(?:{QUANT}|the)\s+)?(?P<du_n>{NUM})(?P<du_half>\s+and\s+a\s+half)?"
         rf"[\s-]+(?P<du_u>{UNIT})(?!-old|-ago|-earlier)"),
    Rule("vague_duration", "@vague for over within in after took", "vague_duration",
         rf"(?:(?:{VAGUE_NUMBERS})\s+(?P<dv_u>{UNITS_PL})|"
         rf"(?:for|over|within|in|after|took)\s+(?P<db_u>{UNITS_PL}))\b"),
    # the vague PRESENT_REF / PAST_REF / FUTURE_REF: "now", "recently", "the near future"
    Rule("ref",
         "now nowadays currently at these presently current recently recent lately the "
         "formerly coming past then soon",
         "vague_reference",
         # "soon", not "as soon as Tuesday" nor "soon after the blast" (a time counted from
         # something else); "recent years" but not "the recent bomb attacks" (TimeBank and
         # AQUAINT mark 6 of 16 such adjectives, below the 0.44 a prediction needs to pay)
         r"(?P<rf>now|nowadays|currently|at\s+present|these\s+days|at\s+the\s+moment|"
         r"(?<!\bas\s)soon(?!\s+(?:as|after|afterwards?|thereafter|before)\b)|"
         r"presently|then[\s-]+current|current|recently|"
         r"recent\s+(?:years|months|weeks|days|decades|times)|"
         r"lately|the\s+past|formerly|the\s+(?:near\s+|distant\s+)?future(?!\s+of\b)|"
         r"(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters)|"
         r"the\s+(?:near|short)\s+term|past\s+(?:years|decades))\b(?!-)"),
)

TRIGGER_GROUPS: dict[str, list[str]] = {  # "@group" in a rule's triggers -> its words
    "@weekdays": list(_W["weekdays"]), "@months": list(_W["months"]),
    "@seasons": list(_W["seasons"]),
    "@mod": ["early", "late", "earlier", "later", "mid", "the"],
    "@rel": ["this", "past", "last", "next", "coming"], "@ordinals": list(_W["ordinals"]),
    "@holidays": list(_W["holidays"]), "@decades": list(_W["decade_words"]),
    "@quant": [a.split(r"\s+")[0] for a in QUANT.split("|")],
    "@numbers": list(_W["numbers"]) + TENS.split("|"), "@vague": list(_W["vague_numbers"]),
    "@units": re.findall(r"[a-z]+", UNITS_PL), "@century": list(_W["century_ordinals"]),
}

TITLE_RULES = frozenset({"relday", "rel_unit", "ref", "anaphor"})  # skipped inside a name

# words that can follow "the" in a temporal expression ("the 1990s", "the previous Friday");
# elsewhere a "the" starts no rule
AFTER_THE = frozenset(
    w for g in ("@ordinals", "@mod", "@rel", "@months", "@weekdays", "@seasons", "@decades",
                "@units", "@numbers") for w in TRIGGER_GROUPS[g]
) | frozenset(re.findall(r"[a-z]+", (
    "past last next first coming final previous following remaining latest most recent current "
    "same prior preceding year quarter day week month weekend end beginning start middle fiscal "
    "calendar future near short distant full twentieth nineteenth twenty nineteen fourth years "
    "corresponding comparable months weeks days decades centuries decade century period night "
    "morning "
    + " ".join(_W["day_ordinals"])  # "the eighth of March"
)))

# the second day of "April 24 and 25", "Dec. 7 and 8, 2012" (not "5 and 6 percent")
SECOND_DAY = (r"\s*(?:and|or|to|through|-|–)\s*(?P<d>[12]\d|3[01]|0?[1-9])"
              r"(?:st|nd|rd|th)?\b(?![.,:]?\d|\s*(?:%|percent|per\s+cent))"
              r"(?:,?\s+(?P<y>(?:1[6-9]|20)\d\d)\b)?")

# the second day of "21 and 22 March", "21-22 March 2013", "Thursday 21 and Friday 22 March"
# (a hyphen before it: the scanner's rules do not start there)
DAY_MONTH_SECOND = (rf"\s*(?:and|or|to|through|-|–|&)\s*(?P<s2>(?:{WEEKDAY},?\s+)?"
                    rf"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_ANY}"
                    rf"(?:,?\s+{YEAR})?)")

# "the quarter ended July 31": the date that closes a quarter named without its number (a
# quarter_rel match); the handler takes the calendar quarter of the month before it
QUARTER_ENDED = (rf"\s+(?:that\s+)?(?:ended|ending)\s+(?:on\s+)?(?P<qe_mon>{MONTH_ANY})\s*"
                 rf"(?:{DAY})?(?:,?\s+(?P<qe_y>{YEAR}))?")

# --------------------------------------------------------------------------- clause cues

# a year is a number unless a preposition precedes it ("in 1850", but "1850 votes")
PREPOSITIONS = frozenset(
    re.findall(r"\w+", "in on since until till by of from through during before after early "
               "late mid last next this and or to between around about circa the")
)
# words in -s after a number that make no plural noun of it: "1989 is" stays a year
NOT_PLURALS = ("is", "was", "has", "as", "its", "this", "his", "does", "thus", "plus", "versus",
               "whereas", "perhaps", "always")
# a reporting or past verb after the last future cue puts the clause back in the past
PAST_CUES = (
    r"said|says|told|announced|added|stated|declared|reported|was|were|had|did|predicted|"
    r"insisted|warned|noted|confirmed|denied|claimed|explained|acknowledged|admitted|argued|"
    r"complained|disclosed|revealed|testified|wrote|replied|recalled"
)
# words by which a clause looks ahead: "will meet Friday", "is scheduled for Friday",
# "analysts expect the trend to continue into the fourth quarter"
FUTURE_CUES = (
    # a passive after a modal is one cue, not a past participle: "will be announced Friday"
    r"(?:will|won't|would|shall|'ll|’ll)\s+(?:not\s+)?be\s+[a-z]+|"
    r"will|won't|'ll|’ll|shall|going\s+to|plan(?:s|ned|ning)?\s+(?:to|for|an?)\b|scheduled?|"
    r"(?<!-)expected|expects?|anticipates?|set\s+(?:to|for)|slated|is\s+to|are\s+to|due|"
    r"as\s+soon\s+as|as\s+early\s+as|upcoming|"
    r"to\s+be\s+held|intends?\s+to|hopes?\s+to|payable|effective|would"
)
# the present of a scheduled event, which looks ahead only right before its day: "Arafat and
# Netanyahu meet separately Monday" (not "They meet every week and spoke at 3 p.m. Friday"),
# and so does an arrangement in the present progressive: "He is appearing in court Friday"
SCHEDULE_CUES = (r"meets?|resumes?|convenes?|kicks?\s+off|takes?\s+effect|goes\s+into\s+effect|"
                 r"opens|begins|starts|ends|closes|concludes|expires|arrives|departs|travels|returns|visits|"
                 r"heads\s+to|is\s+likely|are\s+likely|to\s+be\s+\w+ed|"
                 r"(?:is|are)\s+(?!going\b)[a-z]+ing")
# a sentence end: "(word). " or a newline (an abbreviation's full stop is no end)
SENTENCE_END = r"(?:(?P<bw>\w+)?[.!?][\"'”’)]*\s+|\n)"
ABBREVIATIONS = frozenset(_W["abbreviations"])
