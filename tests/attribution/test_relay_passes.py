"""The relay passes on hand-built parses: sentence credits (:mod:`whosaid.attribution.relays`),
article frames (:mod:`whosaid.attribution.frames`) and the outlet lexicon
(:mod:`whosaid.attribution.outlets`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from whosaid.attribution import CharSpan, Context, CueSpan, Draft, find_quotes
from whosaid.attribution.frames import article_frames
from whosaid.attribution.outlets import load_outlets, outlet_in
from whosaid.attribution.relays import sentence_credits
from whosaid.attribution.verbs import reporting_verbs
from whosaid.model import Entity, Mention
from whosaid.names import ArticleEntities

NLP = spacy.blank("en")
PUNCT = {",", ".", ":", ";", "!", "?"}
# one token: (word, head index, dependency label, tag[, lemma]), as in test_attribution_passes
Tok = tuple[str, int, str, str] | tuple[str, int, str, str, str]


def parse(tokens: list[Tok]) -> Doc:
    words = [t[0] for t in tokens]
    n = len(words)
    return Doc(NLP.vocab, words=words,
               spaces=[i + 1 < n and words[i + 1] not in PUNCT for i in range(n)],
               heads=[t[1] for t in tokens], deps=[t[2] for t in tokens],
               tags=[t[3] for t in tokens],
               lemmas=[t[4] if len(t) == 5 else t[0].lower() for t in tokens])


def context(doc: Doc, *names: tuple[str, str]) -> Context:
    out = []
    for k, (name, type_) in enumerate(names):
        starts = [i for i in range(len(doc.text)) if doc.text.startswith(name, i)]
        mentions = tuple(Mention(s, s + len(name), name, f"e{k}", name) for s in starts)
        out.append(Entity(f"e{k}", name, type_, (name,), mentions))
    return Context.of(doc, ArticleEntities(out), find_quotes(doc.text))


def plain(text: str, *names: tuple[str, str]) -> Context:
    return context(NLP(text), *names)


def at(text: str, part: str) -> CharSpan:
    start = text.index(part)
    return CharSpan(start, start + len(part))

# "Lavrov said talks failed, TASS reported."
TASS_REPORTED: list[Tok] = [
    ("Lavrov", 1, "nsubj", "NNP"), ("said", 1, "ROOT", "VBD", "say"),
    ("talks", 3, "nsubj", "NNS"), ("failed", 1, "ccomp", "VBD", "fail"),
    (",", 1, "punct", ","), ("TASS", 6, "nsubj", "NNP"),
    ("reported", 1, "parataxis", "VBD", "report"), (".", 1, "punct", "."),
]


def _names(ctx: Context, d: Draft) -> list[str]:
    return [r.of(ctx.text) for r in d.relays]


def test_trailing_outlet_report_relays_the_statement_of_its_sentence() -> None:
    ctx = context(parse(TASS_REPORTED), ("Lavrov", "PERSON"), ("TASS", "ORG"))
    reporting_verbs(ctx)
    sentence_credits(ctx)
    [d] = ctx.drafts
    assert d.speaker is not None and d.speaker.of(ctx.text) == "Lavrov"
    assert _names(ctx, d) == ["TASS"]


def test_speakers_own_words_are_never_a_relay() -> None:
    # "TASS reported that talks failed.": TASS is the only speaker and stays the speaker
    doc = parse([("TASS", 1, "nsubj", "NNP"), ("reported", 1, "ROOT", "VBD", "report"),
                 ("that", 4, "mark", "IN"), ("talks", 4, "nsubj", "NNS"),
                 ("failed", 1, "ccomp", "VBD", "fail"), (".", 1, "punct", ".")])
    ctx = context(doc, ("TASS", "ORG"))
    reporting_verbs(ctx)
    sentence_credits(ctx)
    article_frames(ctx)
    [d] = ctx.drafts
    assert d.speaker is not None and d.speaker.of(ctx.text) == "TASS"
    assert d.relays == []


def test_outlet_told_is_addressee_and_relay() -> None:
    # "Gatilov told Interfax talks failed."
    doc = parse([("Gatilov", 1, "nsubj", "NNP"), ("told", 1, "ROOT", "VBD", "tell"),
                 ("Interfax", 1, "dobj", "NNP"), ("talks", 4, "nsubj", "NNS"),
                 ("failed", 1, "ccomp", "VBD", "fail"), (".", 1, "punct", ".")])
    ctx = context(doc, ("Gatilov", "PERSON"), ("Interfax", "ORG"))
    reporting_verbs(ctx)
    sentence_credits(ctx)
    [d] = ctx.drafts
    assert d.addressee == at(ctx.text, "Interfax")
    assert _names(ctx, d) == ["Interfax"]


def test_person_told_is_addressee_only() -> None:
    doc = parse([("Gatilov", 1, "nsubj", "NNP"), ("told", 1, "ROOT", "VBD", "tell"),
                 ("Lavrov", 1, "dobj", "NNP"), ("talks", 4, "nsubj", "NNS"),
                 ("failed", 1, "ccomp", "VBD", "fail"), (".", 1, "punct", ".")])
    ctx = context(doc, ("Gatilov", "PERSON"), ("Lavrov", "PERSON"))
    reporting_verbs(ctx)
    sentence_credits(ctx)
    [d] = ctx.drafts
    assert d.addressee == at(ctx.text, "Lavrov") and d.relays == []


def _statement(ctx: Context, content: str, speaker: str, cue: str) -> Draft:
    return Draft([at(ctx.text, content)], at(ctx.text, speaker),
                 CueSpan(*at(ctx.text, cue).pair, "say"), "verb")


def test_wire_dateline_relays_every_statement_of_the_article() -> None:
    text = ("MOSCOW (Reuters) - Putin said talks failed.\n\nPeskov said the door was open.")
    ctx = plain(text, ("Putin", "PERSON"), ("Peskov", "PERSON"))
    ctx.drafts = [_statement(ctx, "talks failed", "Putin", "said"),
                  _statement(ctx, "the door was open", "Peskov", "said the door")]
    article_frames(ctx)
    assert [_names(ctx, d) for d in ctx.drafts] == [["Reuters"], ["Reuters"]]


def test_sentence_credit_comes_before_the_dateline_nearest_to_the_speaker_first() -> None:
    text = "KIEV (AP) — Putin said talks failed, TASS reported."
    ctx = plain(text, ("Putin", "PERSON"))
    d = _statement(ctx, "talks failed", "Putin", "said")
    d.relays.append(at(text, "TASS"))
    ctx.drafts = [d]
    article_frames(ctx)
    assert _names(ctx, d) == ["TASS", "AP"]


def test_tass_style_dateline_and_page_source_are_frames_farthest_last() -> None:
    text = "MOSCOW, July 18. /TASS/. Ryabkov said talks failed.\nSource: The Star"
    ctx = plain(text, ("Ryabkov", "PERSON"))
    d = _statement(ctx, "talks failed", "Ryabkov", "said")
    ctx.drafts = [d]
    article_frames(ctx)
    assert _names(ctx, d) == ["TASS", "The Star"]


def test_original_article_published_on_relays_every_statement() -> None:
    text = "Putin said talks failed.\n\nOriginal article published on Ukrinform"
    ctx = plain(text, ("Putin", "PERSON"))
    d = _statement(ctx, "talks failed", "Putin", "said")
    ctx.drafts = [d]
    article_frames(ctx)
    assert _names(ctx, d) == ["Ukrinform"]


def test_lead_frame_relays_the_body_after_it() -> None:
    text = "Kyiv Independent reports:\n\nPutin said talks failed."
    ctx = plain(text, ("Putin", "PERSON"))
    d = _statement(ctx, "talks failed", "Putin", "said")
    ctx.drafts = [d]
    article_frames(ctx)
    assert _names(ctx, d) == ["Kyiv Independent"]


def test_dateline_outlet_that_is_the_speaker_is_no_relay() -> None:
    text = "MOSCOW (Reuters) - Reuters said talks failed."
    ctx = plain(text, ("Reuters", "ORG"))
    d = Draft([at(text, "talks failed")], CharSpan(19, 26), CueSpan(27, 31, "say"), "verb")
    ctx.drafts = [d]
    article_frames(ctx)
    assert d.relays == []


def test_outlet_names_media_words_and_plain_names() -> None:
    lex = load_outlets()

    def named(phrase: str) -> str | None:
        span = outlet_in(phrase, 0, len(phrase), lex)
        return span.of(phrase) if span else None

    assert named("the Interfax news agency") == "Interfax news agency"
    assert named("Russia’s Interfax news agency") == "Interfax news agency"
    assert named("the Kryminform news agency") == "Kryminform"
    assert named("news agencies") == "news agencies"
    assert named("the Presidential Press Secretary Dmitry Peskov") is None
    assert named("the Central Intelligence Agency") is None
    assert named("the ministry") is None


def test_users_extend_the_outlets_with_their_own_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "outlets.json"
    extra.write_text(json.dumps({"outlets": [{"name": "Zaporizhzhia Truth", "kind": "site"}]}),
                     encoding="utf-8")
    monkeypatch.setenv("WHOSAID_OUTLETS", str(extra))
    lex = load_outlets()
    assert lex.known("the Zaporizhzhia Truth") is not None
    assert lex.known("TASS") is not None  # the shipped ones stay
    monkeypatch.delenv("WHOSAID_OUTLETS")
    assert load_outlets().known("Zaporizhzhia Truth") is None


def test_page_and_agency_in_one_dateline_relay_the_story_agency_first() -> None:
    text = ("Moscow rules nothing out\nMOSCOW (Pakistan Daily / Sputnik - 03rd October, 2019) "
            "Ryabkov said talks failed.")
    ctx = plain(text, ("Ryabkov", "PERSON"))
    d = _statement(ctx, "talks failed", "Ryabkov", "said")
    ctx.drafts = [d]
    article_frames(ctx)
    assert _names(ctx, d) == ["Sputnik", "Pakistan Daily"]


def test_syndicators_credit_relays_the_agency_even_without_its_bracket() -> None:
    text = " date 2026-01-07 MENAFN - UkrinForm) Zelensky said talks failed."
    ctx = plain(text, ("Zelensky", "PERSON"))
    d = _statement(ctx, "talks failed", "Zelensky", "said")
    ctx.drafts = [d]
    article_frames(ctx)
    assert _names(ctx, d) == ["UkrinForm"]


def test_a_dash_inside_a_sentences_brackets_is_no_syndicators_credit() -> None:
    text = "Zelensky said talks failed, and Kyiv (that is, the Ukrinform - Reuters pool) agreed."
    ctx = plain(text, ("Zelensky", "PERSON"))
    d = _statement(ctx, "talks failed", "Zelensky", "said")
    ctx.drafts = [d]
    article_frames(ctx)
    assert _names(ctx, d) == []


def test_wire_dateline_of_two_cities_relays_the_story() -> None:
    text = "DUBAI/LONDON (Reuters) -Ryabkov said talks failed."
    ctx = plain(text, ("Ryabkov", "PERSON"))
    d = _statement(ctx, "talks failed", "Ryabkov", "said")
    ctx.drafts = [d]
    article_frames(ctx)
    assert _names(ctx, d) == ["Reuters"]


def test_city_day_and_agency_slash_dateline_relays_the_story() -> None:
    text = "Baku. 10 June. REPORT.AZ/ Ryabkov said talks failed."
    ctx = plain(text, ("Ryabkov", "PERSON"))
    d = _statement(ctx, "talks failed", "Ryabkov", "said")
    ctx.drafts = [d]
    article_frames(ctx)
    assert _names(ctx, d) == ["REPORT.AZ"]
