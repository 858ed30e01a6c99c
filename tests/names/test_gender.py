"""A person's gender from the article (names/gender.py): titles and family words beside the
name, the given name, and the article's own pronouns; none where the evidence is missing or
split.

Pure: hand-made entities, and a parse built word by word for the pronoun votes."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from whosaid.model import Entity, Mention
from whosaid.names.gender import (
    FEMALE,
    MALE,
    name_gender,
    person_genders,
    pronoun_votes,
    title_gender,
    word_gender,
)


def person(text: str, eid: str, *forms: str, titles: tuple[str, ...] = ()) -> Entity:
    """A PERSON entity with every occurrence of each form in ``text`` as a mention."""
    mentions = tuple(Mention(i, i + len(f), f, eid, forms[0]) for f in forms
                     for i in range(len(text)) if text.startswith(f, i)
                     and not text[i + len(f):i + len(f) + 1].isalpha())
    return Entity(eid, forms[0], "PERSON", tuple(forms), mentions, titles)


def parsed(sentences: list[str]) -> Doc:
    """A Doc of these sentences, split on spaces, each word its own token."""
    words, starts = [], []
    for sent in sentences:
        for k, w in enumerate(sent.split()):
            words.append(w)
            starts.append(k == 0)
    return Doc(spacy.blank("en").vocab, words=words, sent_starts=starts)


def test_a_full_names_given_name_tells_the_gender() -> None:
    assert name_gender("Sonya A. Zoghlin") == FEMALE
    assert name_gender("Emily Maitlis") == FEMALE
    assert name_gender("Neil Gaiman") == MALE


def test_a_surname_alone_or_a_given_name_of_both_tells_none() -> None:
    assert name_gender("Maitlis") is None
    assert name_gender("Jordan Peterson") is None  # Jordan is given to both
    assert name_gender("Kim Jong Un") is None


def test_titles_and_family_words_tell_the_gender() -> None:
    assert word_gender("Mrs.") == FEMALE and word_gender("spokeswoman") == FEMALE
    assert word_gender("Prince") == MALE and word_gender("husband") == MALE
    assert word_gender("president") is None


def test_a_family_word_beside_the_name_tells_its_gender() -> None:
    text = "Patrick Nielsen Hayden, Teresa's husband, said it. Trump and his wife Melania came."
    hayden = person(text, "p", "Patrick Nielsen Hayden")
    melania = person(text, "m", "Melania")
    trump = person(text, "t", "Trump")
    assert title_gender(hayden, text) == MALE
    assert title_gender(melania, text) == FEMALE  # "his wife Melania"
    assert title_gender(trump, text) is None  # "Trump and his wife Melania": not Trump's


def test_a_title_written_before_the_name_tells_the_gender() -> None:
    text = "Prince Andrew spoke."
    andrew = person(text, "a", "Andrew", titles=("Prince",))
    assert title_gender(andrew, text) == MALE


def test_the_articles_pronouns_vote_only_where_one_person_is_named() -> None:
    doc = parsed(["Maitlis asked whether she knew .",
                  "Maitlis said she would ask again .",
                  "Maitlis and Andrew met and he left ."])
    text = doc.text
    maitlis = person(text, "m", "Maitlis")
    andrew = person(text, "a", "Andrew")
    votes = pronoun_votes(doc, [maitlis, andrew], bytearray(len(text)))
    assert votes["m"][FEMALE] == 2 and votes["m"][MALE] == 0
    assert "a" not in votes  # the third sentence names both


def test_pronouns_inside_a_quotation_do_not_vote() -> None:
    doc = parsed(["Maitlis said \" he lied \" .", "Maitlis said \" he lied \" ."])
    text = doc.text
    maitlis = person(text, "m", "Maitlis")
    inside = bytearray(len(text))
    for k, ch in enumerate(text):
        if ch == '"':
            inside[k] = 1 - inside[k - 1] if k else 1
        elif k:
            inside[k] = inside[k - 1]
    assert pronoun_votes(doc, [maitlis], inside) == {}


def test_a_one_word_name_takes_the_articles_pronouns_before_its_given_name() -> None:
    # "Warren" looks like a man's given name; the article calls her "she" twice
    doc = parsed(["Warren said she would run .", "Warren added that she had a plan ."])
    text = doc.text
    warren = person(text, "w", "Warren")
    assert person_genders(doc, [warren], bytearray(len(text))) == {"w": FEMALE}


def test_no_evidence_leaves_no_gender() -> None:
    doc = parsed(["Zoghlin spoke ."])
    text = doc.text
    assert person_genders(doc, [person(text, "z", "Zoghlin")], bytearray(len(text))) == {}
