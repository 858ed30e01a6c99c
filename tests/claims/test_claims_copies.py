"""Copies and near-copies of articles, and which one is the original."""

from __future__ import annotations

from whosaid.claims import find_copies
from whosaid.claims.copies import signature
from whosaid.claims.index import bands_of
from whosaid.model import CopyDocument

STORY = (
    "Kremlin spokesman Dmitry Peskov said on Friday that Russia remained open to talks with "
    "Ukraine, but that Kyiv had to accept the new territorial realities first. He told "
    "reporters that President Vladimir Putin had discussed the matter with the Security "
    "Council and that no decision on a new round of negotiations had been taken yet. Peskov "
    "added that the Kremlin saw no sign that Washington was ready to press Kyiv into talks, "
    "and that the supply of Western weapons only prolonged the conflict and the suffering of "
    "civilians in the Donbas. The spokesman declined to comment on reports of a planned "
    "prisoner exchange."
)
OTHER = (
    "Ukrainian President Volodymyr Zelensky said on Friday that Ukraine would not give up any "
    "territory in exchange for a ceasefire and called on Western allies to speed up the "
    "delivery of air defence systems before winter. Speaking in his nightly address, he said "
    "the energy grid had been hit by more than a hundred missiles in a single week and that "
    "repairs would take months. Zelensky thanked the European Union for the new aid package "
    "and said talks with Russia were impossible while its troops remained on Ukrainian soil."
)


def test_copies_near_copy_with_other_furniture_is_found_and_original_is_earliest() -> None:
    docs = [
        CopyDocument("farm", "BREAKING: " + STORY.replace('"', "«") + "\n\nShare this:\n\n"
                     "Subscribe to our Telegram channel", "2022-12-03", "newsfront.info"),
        CopyDocument("tass", STORY, "2022-12-02", "tass.com"),
        CopyDocument("other", OTHER, "2022-12-02", "kyivindependent.com"),
    ]
    groups = find_copies(docs)
    assert len(groups) == 1
    assert groups[0].original == "tass"
    assert groups[0].members == ("tass", "farm")


def test_copies_same_day_tie_goes_to_the_credited_outlet() -> None:
    docs = [
        CopyDocument("aaa-farm", STORY + " Source: TASS", "2022-12-02", "newsfront.info",
                     cites=("TASS",)),
        CopyDocument("zzz-tass", STORY, "2022-12-02", "tass.com"),
    ]
    assert find_copies(docs)[0].original == "zzz-tass"


def test_copies_different_articles_are_not_copies() -> None:
    docs = [CopyDocument("a", STORY, "2022-12-02"), CopyDocument("b", OTHER, "2022-12-02")]
    assert find_copies(docs) == []


def test_copies_are_deterministic() -> None:
    docs = [CopyDocument(f"d{i}", STORY + f" Paragraph {i}.", "2022-12-0" + str(1 + i % 3))
            for i in range(6)]
    assert find_copies(docs) == find_copies(list(reversed(docs)))


def test_signature_hashes_give_the_jaccard_of_the_shingle_strings() -> None:
    """The copy search keeps each shingle as a 64-bit hash, not a string: the Jaccard of two
    texts is the same as over the strings (a re-post with its last sentence cut)."""
    from whosaid.claims.copies import hashed_jaccard, jaccard, shingles, signature

    cut = STORY.rsplit(" The spokesman", 1)[0]
    for a, b in [(STORY, cut), (STORY, OTHER), (STORY, STORY)]:
        sa, sb = signature(a), signature(b)
        assert sa is not None and sb is not None
        assert sa.hashes.size == len(shingles(a))
        assert hashed_jaccard(sa.hashes, sb.hashes) == jaccard(shingles(a), shingles(b))
    assert signature("Peskov said so.") is None  # too short to compare


def test_band_keys_are_those_stored_by_earlier_versions() -> None:
    """The LSH bands a stored database holds were made with datasketch's CRC-32 of each
    shingle's UTF-8 bytes; the shingles hashed once now must file a text under the same keys,
    or a new article would never meet its stored copies."""
    import hashlib
    import zlib

    from datasketch import MinHash, MinHashLSH

    from whosaid.claims.copies import NUM_PERM, SEED, THRESHOLD, shingles
    from whosaid.claims.index import band_keys

    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
    m.update_batch([s.encode("utf-8") for s in shingles(STORY)])
    ranges = MinHashLSH(threshold=THRESHOLD - 0.1, num_perm=NUM_PERM).hashranges
    before = [f"{i}.{hashlib.sha1(bytes(m.hashvalues[a:b].byteswap().data)).hexdigest()[:20]}"
              for i, (a, b) in enumerate(ranges)]
    assert band_keys(STORY) == before


def test_copies_found_by_stored_band_keys_are_those_the_lsh_finds() -> None:
    half = len(STORY) // 2
    texts = [STORY, STORY + " Subscribe.", "BREAKING: " + STORY, OTHER, OTHER + " Share this.",
             STORY[:half] + OTHER[half:], OTHER[:half] + STORY[half:], STORY[half:] + OTHER]
    docs = [CopyDocument(f"d{i}", t, f"2022-12-0{1 + i % 3}") for i, t in enumerate(texts)]
    sigs = {d.article_id: signature(d.text) for d in docs}
    bands = {a: bands_of(s.minhash) for a, s in sigs.items() if s is not None}
    found = find_copies(docs)
    assert len(found) == 2
    assert find_copies(docs, signatures=sigs, bands=bands) == found
