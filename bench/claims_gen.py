"""A re-report set for the claims pass, generated from PolNeAR: gold claims, origins, drift
flags and copy groups.

usage: python bench/claims_gen.py [--polnear ../shared/data/polnear/dev.jsonl.gz]
                                  [--out bench/data/claims/generated-dev.jsonl.gz] [--seed 7]

Each PolNeAR article is an origin article printed by a wire outlet on a day of a seeded
calendar (about 1.4 articles a day, the 2016 campaign's speakers recurring across them).
Its utterances are the gold statements whose source names someone (the source span, or a
capitalised head of its coreference chain; "sources" and a bare "he" are left out); the
speaker's key is the name's last word folded (what a corpus would give: Trump, Clinton,
Caddell), so one speaker's statements across articles are each other's distractors.

Then, for each origin article, seeded:

* 0-4 **re-reports** by other outlets, 0-5 days later (one in ten 6-20 days later; half of
  the late ones date the statement, as "on Tuesday" would), each re-reporting 1-4 of the
  article's utterances, each transformed: quote marks changed or dropped, the speaker's name
  varied (transliteration, a title, the surname alone), names inside the words varied,
  relay frames ("according to TASS", "RIA Novosti reported, citing TASS"), a word or two
  dropped, two words swapped, truncation to 50-80% of the words, direct turned indirect
  (person and tense shifted), rarely indirect turned direct; and in one of four, one
  meaning mutation with its gold flag: a negation added or removed, a number changed, a
  hedge dropped ("may" → "will") or added, or the words given to another speaker of the
  article (gold: a claim of its own, flagged ``speaker_changed``); the re-report's text is
  a headline of its own, the statements in frames, and 1-3 background paragraphs of
  another PolNeAR article;
* with probability 0.3, 1-2 **copies** of the whole origin article on content sites, the
  same day or the next: a new headline, furniture lines left in ("Source: TASS", "Share
  this:"), quote marks changed, sometimes the last paragraph cut; their statements are the
  origin's, crediting the wire half the time.

Written as one JSON object a line: ``{"type": "article", "article_id", "text",
"published", "site", "cites", "gold_copy_group"}`` and ``{"type": "statement",
"statement": {ClaimStatement's fields}, "gold_claim", "gold_origin", "gold_flags"}``.
The same seed and input give the same file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from whosaid.model import ClaimStatement, content_id

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parents[1] / "shared" / "data" / "polnear"
START = date(2016, 9, 1)

WIRES = [("TASS", "tass.com"), ("RIA Novosti", "ria.ru"), ("Reuters", "reuters.com"),
         ("Associated Press", "apnews.com"), ("AFP", "afp.com"), ("Interfax", "interfax.ru"),
         ("Bloomberg", "bloomberg.com"), ("Ukrinform", "ukrinform.net")]
OUTLETS = [("The Washington Post", "washingtonpost.com"), ("The Hill", "thehill.com"),
           ("Politico", "politico.com"), ("Breitbart", "breitbart.com"),
           ("Sputnik", "sputniknews.com"), ("RT", "rt.com"), ("Kyiv Independent",
                                                               "kyivindependent.com"),
           ("Daily Mail", "dailymail.co.uk"), ("Newsweek", "newsweek.com"),
           ("The Guardian", "theguardian.com"), ("Fox News", "foxnews.com"),
           ("Yahoo News", "news.yahoo.com"), ("Pravda", "pravda.ru")]
FARMS = ["newsfront.info", "worldnewsdaily.net", "usanewsflash.com", "topnews24.org",
         "breakingnow.press", "globalreport.site", "news-hub.online", "dailyfeed.live"]
FURNITURE = ["Share this:", "Subscribe to our Telegram channel", "Follow us on Twitter",
             "Read more:", "Advertisement", "Related articles", "Click here to comment",
             "© All rights reserved", "Sign up for our newsletter"]
HEADLINES = ["What we know about the remarks of", "Latest:", "Analysis: the words of",
             "Reactions after comments by", "Live updates:", "Fact check:", "In brief:",
             "World reacts to"]
PRONOUNS = ("he", "she", "him", "her", "his", "they", "them", "it", "i", "we", "you", "who")
TITLES = ["Mr.", "Ms.", "spokesman", "Sen.", "officials", "aide"]
QUOTES = [("“", "”"), ('"', '"'), ("«", "»"), ("'", "'"), ("", ""), ("„", "“")]
DIRECT_TO_INDIRECT = {
    "i": "he", "me": "him", "my": "his", "mine": "his", "myself": "himself", "we": "they",
    "us": "them", "our": "their", "ours": "theirs", "am": "was", "is": "was", "are": "were",
    "will": "would", "can": "could", "has": "had", "have": "had", "do": "did", "does": "did",
    "don't": "didn't", "doesn't": "didn't", "won't": "wouldn't", "can't": "couldn't",
    "i'm": "he was", "we're": "they were", "i've": "he had", "we've": "they had",
    "i'll": "he would", "we'll": "they would", "isn't": "wasn't", "aren't": "weren't",
}
AUX = {"is", "are", "was", "were", "will", "would", "can", "could", "should", "must", "has",
       "have", "had", "do", "does", "did"}
HEDGE_TO_SURE = {"may": "will", "might": "will", "could": "will", "possibly": "",
                 "probably": "", "likely": "", "perhaps": "", "maybe": ""}
SURE_TO_HEDGE = {"will": "may", "is": "may be", "are": "may be", "would": "might"}
MUTATE = 0.25  # the share of re-reported utterances given one meaning mutation
NEGATED = re.compile(r"\b(not|never|n't|no)\b", re.I)


@dataclass
class Utterance:
    doc: str
    index: int
    speaker_key: str
    speaker_name: str
    content: str
    kind: str


@dataclass
class World:
    articles: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)


def fold(s: str) -> str:
    nfkd = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in nfkd if not unicodedata.combining(c) and c.isalnum())


def _name_run(text: str) -> str | None:
    """The last run of capitalised words of a source span ("longtime Democratic pollster
    Pat Caddell" → "Pat Caddell"; "The New York Post" → "New York Post")."""
    runs = re.findall(r"(?:[A-Z][\w.'’-]*(?:\s+|$))+", text + " ")
    runs = [r.strip() for r in runs if r.strip()]
    runs = [re.sub(r"^(The|A|An)\s+", "", r) for r in runs]
    runs = [re.sub(r"['’]s$", "", r) for r in runs if r.lower() not in PRONOUNS]
    runs = [r for r in runs if r and r.split()[-1].lower() not in PRONOUNS]
    return runs[-1] if runs else None


def utterances(doc: dict[str, Any]) -> list[Utterance]:
    text = doc["text"]
    out: list[Utterance] = []
    for i, st in enumerate(doc["statements"]):
        if not st.get("source"):
            continue
        name = _name_run(text[st["source"][0]:st["source"][1]])
        if not name:
            heads = [text[a:b] for a, b in st.get("source_coref_heads") or []]
            named = [h for h in heads if _name_run(h)]
            name = _name_run(max(named, key=len)) if named else None
        if not name or len(name) < 3:
            continue
        content = " ".join(text[a:b] for a, b in st["content_fragments"]).strip()
        content = re.sub(r"\s+", " ", content.replace("\xa0", " "))
        if len(content.split()) < 3:
            continue
        key = fold(name.split()[-1])
        kind = {"direct": "direct", "indirect": "indirect"}.get(st["quote_type"], "mixed")
        out.append(Utterance(doc["id"], i, key, name, content, kind))
    return out


# ---------------------------------------------------------------------------------------
# Transformations: each takes words and a random source


def name_variant(name: str, rng: random.Random) -> str:
    words = name.split()
    r = rng.random()
    if r < 0.3 and len(words) > 1:
        return words[-1]
    if r < 0.5:
        return f"{rng.choice(TITLES[:3])} {words[-1]}" if rng.random() < 0.5 else name
    return " ".join(spelling(w, rng) if i == len(words) - 1 else w for i, w in enumerate(words))


def spelling(word: str, rng: random.Random) -> str:
    """A transliteration slip: y/i, doubled or undoubled letter, -sky/-skiy, v/w."""
    if len(word) < 4:
        return word
    for a, b in (("y", "i"), ("sky", "skiy"), ("v", "w"), ("ck", "k"), ("ll", "l"),
                 ("tt", "t"), ("ss", "s"), ("ie", "y")):
        if a in word[1:] and rng.random() < 0.5:
            return word[0] + word[1:].replace(a, b, 1)
    return word + word[-1] if word[-1] in "ys" and rng.random() < 0.5 else word


def strip_quotes(s: str) -> str:
    return re.sub(r"[\"“”«»„]", "", s).strip()


def to_indirect(words: list[str]) -> list[str]:
    out = []
    for w in words:
        low = w.lower()
        core = low.strip(",.;:!?")
        if core in DIRECT_TO_INDIRECT:
            rep = DIRECT_TO_INDIRECT[core]
            out.append(rep + w[len(w.rstrip(",.;:!?")):])
        else:
            out.append(w)
    return out


def truncate(words: list[str], rng: random.Random) -> list[str]:
    keep = max(5, int(len(words) * rng.uniform(0.5, 0.8)))
    return words[:keep]


def drop_words(words: list[str], rng: random.Random) -> list[str]:
    for _ in range(rng.choice((1, 1, 2))):
        if len(words) > 6:
            del words[rng.randrange(1, len(words))]
    return words


def swap_words(words: list[str], rng: random.Random) -> list[str]:
    if len(words) > 4:
        i = rng.randrange(1, len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return words


def negate(words: list[str], rng: random.Random) -> list[str] | None:
    """Remove the negation (when there is one only), or add one after the first
    auxiliary."""
    if len([w for w in words if NEGATED.search(w)]) > 1:
        return None
    for i, w in enumerate(words):
        if w.lower() in ("not", "never"):
            return words[:i] + words[i + 1:]
        if w.lower().endswith("n't"):
            base = {"won't": "will", "can't": "can"}.get(w.lower(), w[:-3])
            return words[:i] + [base] + words[i + 1:]
    for i, w in enumerate(words[:-1]):
        if w.lower() in AUX:
            return words[:i + 1] + ["not"] + words[i + 1:]
    return None


def change_number(words: list[str], rng: random.Random) -> list[str] | None:
    for i, w in enumerate(words):
        m = re.fullmatch(r"(\D*)(\d[\d,]*(?:\.\d+)?)(\D*)", w)
        if m and not re.fullmatch(r"(19|20)\d\d", m[2]):
            value = float(m[2].replace(",", ""))
            new = value * rng.choice((2, 3, 10)) if value < 1000 else value / rng.choice((2, 10))
            txt = f"{new:,.0f}" if "," in m[2] else f"{new:g}"
            return words[:i] + [m[1] + txt + m[3]] + words[i + 1:]
    return None


def drop_hedge(words: list[str], rng: random.Random) -> list[str] | None:
    for i, w in enumerate(words):
        if w.lower() in HEDGE_TO_SURE:
            rep = HEDGE_TO_SURE[w.lower()]
            return words[:i] + ([rep] if rep else []) + words[i + 1:]
    return None


def add_hedge(words: list[str], rng: random.Random) -> list[str] | None:
    if any(w.lower() in HEDGE_TO_SURE for w in words):
        return None
    for i, w in enumerate(words):
        if w.lower() in SURE_TO_HEDGE and i < len(words) - 2:
            return words[:i] + SURE_TO_HEDGE[w.lower()].split() + words[i + 1:]
    return None


MUTATIONS = {"negation_flipped": negate, "number_changed": change_number,
             "hedge_dropped": drop_hedge, "hedge_added": add_hedge}


# ---------------------------------------------------------------------------------------
# The world


def _sid(*parts: object) -> str:
    return content_id("gen-statement", *parts)


def _statement(u: Utterance, article_id: str, doc_id: str, content: str, kind: str,
               published: date, site: str, relays: tuple[str, ...], position: int,
               speaker_name: str | None = None, speaker_key: str | None = None,
               said_on: date | None = None) -> ClaimStatement:
    return ClaimStatement(
        statement_id=_sid(article_id, position), article_id=article_id, doc_id=doc_id,
        speaker_key=speaker_key or u.speaker_key, speaker_name=speaker_name or u.speaker_name,
        content=content, kind=kind,  # type: ignore[arg-type]
        said_on=said_on.isoformat() if said_on else None, published=published.isoformat(),
        site=site, relays=relays, position=position)


def _render(st: ClaimStatement, relay_names: tuple[str, ...]) -> str:
    frame = f"{st.content}, {st.speaker_name} said"
    if relay_names:  # from the speaker outwards: ("TASS", "RIA Novosti")
        frame += ", according to " + relay_names[-1]
        if len(relay_names) > 1:
            frame += ", citing " + relay_names[0]
    return frame + "."


def transform(u: Utterance, rng: random.Random, others: list[Utterance]
              ) -> tuple[str, str, str, str, list[str]]:
    """One re-report of an utterance: content, kind, speaker name, speaker key, gold flags
    (meaning flags only; form flags follow from the kinds)."""
    content, kind = u.content, u.kind
    words = strip_quotes(content).split() if rng.random() < 0.5 else content.split()
    if rng.random() < 0.2:
        words = [spelling(w, rng) if w[:1].isupper() and i else w for i, w in enumerate(words)]
    if kind == "direct" and rng.random() < 0.4:
        words = to_indirect(strip_quotes(" ".join(words)).split())
        kind = "indirect"
        if rng.random() < 0.5:
            words = ["that", *words]
    elif kind == "indirect" and rng.random() < 0.05:
        kind = "direct"
    if rng.random() < 0.25 and len(words) > 8:
        words = truncate(words, rng)
    if rng.random() < 0.3:
        words = drop_words(words, rng)
    if rng.random() < 0.2:
        words = swap_words(words, rng)
    flags: list[str] = []
    speaker_name, speaker_key = name_variant(u.speaker_name, rng), u.speaker_key
    if rng.random() < MUTATE:
        choices = [*MUTATIONS, "speaker_changed"]
        rng.shuffle(choices)
        for choice in choices:
            if choice == "speaker_changed":
                alt = [o for o in others if o.speaker_key != u.speaker_key]
                if alt and len(u.content.split()) >= 8:
                    o = rng.choice(alt)
                    speaker_name, speaker_key = o.speaker_name, o.speaker_key
                    flags.append("speaker_changed")
                    break
            else:
                mutated = MUTATIONS[choice](list(words), rng)
                if mutated is not None and mutated != words:
                    words = mutated
                    flags.append(choice)
                    break
    text = " ".join(words)
    if kind == "direct":
        q = rng.choice(QUOTES[:4])
        text = q[0] + strip_quotes(text) + q[1]
    return text, kind, speaker_name, speaker_key, flags


def _copy_text(text: str, wire: str, rng: random.Random) -> str:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    head = ("BREAKING: " + lines[0]) if rng.random() < 0.5 else rng.choice(
        ["Latest news", "World", "Politics today"]) + " | " + lines[0]
    body = lines[1:]
    if len(body) > 3 and rng.random() < 0.5:
        body = body[:-1]
    q = rng.choice(QUOTES[:4])
    body = [re.sub(r"[“”\"]", lambda m: q[0] if m.group() in "“\"" else q[1], b) for b in body]
    top = [rng.choice(FURNITURE)] if rng.random() < 0.5 else []
    bottom = [f"Source: {wire}"] if rng.random() < 0.5 else []
    bottom += rng.sample(FURNITURE, 2)
    return "\n\n".join([*top, head, *body, *bottom])


def _background(docs: list[dict[str, Any]], rng: random.Random) -> str:
    """A paragraph of three sentences, each from a random other article."""
    out = []
    for _ in range(3):
        sentences = re.split(r"(?<=[.!?])\s+", rng.choice(docs)["text"])
        sentences = [x for x in sentences if 8 < len(x.split()) < 60] or sentences
        out.append(rng.choice(sentences).strip())
    return " ".join(out)


def build(docs: list[dict[str, Any]], seed: int) -> World:
    rng = random.Random(seed)
    world = World()
    span = max(30, int(len(docs) / 1.4))
    seen_texts: set[str] = set()
    for doc in docs:
        # PolNeAR holds a few articles twice: one origin each
        if doc["text"][:300] in seen_texts:
            continue
        seen_texts.add(doc["text"][:300])
        us = utterances(doc)
        if not us:
            continue
        day = START + timedelta(days=rng.randrange(span))
        wire, wsite = rng.choice(WIRES)
        aid = content_id("gen-article", doc["id"], 0)
        world.articles.append({"type": "article", "article_id": aid, "text": doc["text"],
                               "published": day.isoformat(), "site": wsite, "cites": [],
                               "gold_copy_group": aid})
        originals: dict[int, ClaimStatement] = {}
        for pos, u in enumerate(us):
            st = _statement(u, aid, doc["id"], u.content, u.kind, day, wsite, (), pos)
            originals[u.index] = st
            world.statements.append({"type": "statement", "statement": asdict(st),
                                     "gold_claim": f"{u.doc}#{u.index}", "gold_origin": True,
                                     "gold_flags": []})
        # copies of the whole article
        if rng.random() < 0.3:
            for c in range(rng.choice((1, 1, 2))):
                site = rng.choice(FARMS)
                cday = day + timedelta(days=rng.choice((0, 0, 1)))
                cid = content_id("gen-article", doc["id"], "copy", c)
                cites = (wire,) if rng.random() < 0.5 else ()
                world.articles.append({"type": "article", "article_id": cid,
                                       "text": _copy_text(doc["text"], wire, rng),
                                       "published": cday.isoformat(), "site": site,
                                       "cites": list(cites), "gold_copy_group": aid})
                for pos, u in enumerate(us):
                    st = replace(originals[u.index], statement_id=_sid(cid, pos), article_id=cid,
                                 doc_id=f"{doc['id']}-copy{c}", published=cday.isoformat(),
                                 site=site, relays=cites)
                    world.statements.append({"type": "statement", "statement": asdict(st),
                                             "gold_claim": f"{u.doc}#{u.index}",
                                             "gold_origin": False, "gold_flags": []})
        # re-reports
        outlets = [o for o in WIRES + OUTLETS if o[1] != wsite]
        for r in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            name, site = rng.choice(outlets)
            late = rng.random() < 0.1
            delay = rng.randint(6, 20) if late else rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4, 5))
            rday = day + timedelta(days=delay)
            said = day if delay and rng.random() < 0.5 else None
            rid = content_id("gen-article", doc["id"], "re", r)
            picked = rng.sample(us, min(len(us), rng.randint(1, 4)))
            picked.sort(key=lambda u: u.index)
            lines: list[str] = []
            cites: list[str] = []
            for pos, u in enumerate(picked):
                text, kind, sname, skey, flags = transform(u, rng, us)
                relays: tuple[str, ...] = ()
                x = rng.random()
                if x < 0.5:
                    relays = (wire,)
                elif x < 0.6:
                    relays = (wire, rng.choice(outlets)[0])  # the speaker's side first
                st = _statement(u, rid, f"{doc['id']}-re{r}", text, kind, rday, site, relays,
                                pos, sname, skey, said)
                cites += relays
                gold = f"{u.doc}#{u.index}" + (f"#speaker:{skey}" if "speaker_changed" in flags
                                                else "")
                world.statements.append({"type": "statement", "statement": asdict(st),
                                         "gold_claim": gold, "gold_origin": False,
                                         "gold_flags": flags})
                lines.append(_render(st, relays))
            # a headline of the outlet's own, and background paragraphs of another article
            head = f"{rng.choice(HEADLINES)} {picked[0].speaker_name.split()[-1]}"
            background = [_background(docs, rng) for _ in range(rng.randint(1, 3))]
            lines = [head, *lines[:1], *background, *lines[1:]]
            world.articles.append({"type": "article", "article_id": rid,
                                   "text": "\n\n".join(lines), "published": rday.isoformat(),
                                   "site": site, "cites": sorted(set(cites)),
                                   "gold_copy_group": rid})
    # a speaker-changed version whose new speaker is a claim of its own is its own origin
    seen: set[str] = set()
    for row in sorted(world.statements, key=lambda r: (r["statement"]["published"],
                                                       r["statement"]["statement_id"])):
        if "#speaker:" in row["gold_claim"] and row["gold_claim"] not in seen:
            seen.add(row["gold_claim"])
            row["gold_origin"] = True
    return world


def read_polnear(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def write(world: World, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        for row in [*world.articles, *world.statements]:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def read(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        for line in fh:
            if line.strip():
                yield json.loads(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polnear", type=Path, default=POLNEAR / "dev.jsonl.gz")
    ap.add_argument("--out", type=Path, default=HERE / "data" / "claims" /
                    "generated-dev.jsonl.gz")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    world = build(read_polnear(args.polnear), args.seed)
    write(world, args.out)
    claims = {r["gold_claim"] for r in world.statements}
    print(f"{len(world.articles)} articles, {len(world.statements)} statements, "
          f"{len(claims)} gold claims -> {args.out}")


if __name__ == "__main__":
    main()
