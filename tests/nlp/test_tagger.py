"""The trained attribution tagger: shipped weights load, predict per token, decode to spans."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from spacy.tokens import Doc
from thinc.api import LSTM, with_padded

from whosaid.nlp import load_pipeline
from whosaid.nlp.lstm import blas_thread_setter, one_blas_thread
from whosaid.nlp.tagger import (
    COMPONENT,
    LABELS,
    SCORES_KEY,
    bio_spans,
    model_bytes,
    with_packed,
)
from whosaid.settings import DEFAULT_MODEL


def _doc_with(labels: list[str]) -> Doc:
    nlp = load_pipeline(DEFAULT_MODEL)
    words = [f"w{i}" for i in range(len(labels))]
    doc = Doc(nlp.vocab, words=words)
    scores = numpy.full((len(labels), len(LABELS)), 0.01, dtype="float32")
    for i, label in enumerate(labels):
        scores[i, LABELS.index(label)] = 0.9
    doc.user_data[SCORES_KEY] = scores
    return doc


def test_tagger_bio_spans_decode_and_repair() -> None:
    doc = _doc_with(["B-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "O", "I-CON", "O"])
    spans = [(t, s, e) for t, s, e, _ in bio_spans(doc)]
    # an I- without its B- still opens a span
    assert spans == [("SRC", 0, 1), ("CUE", 1, 2), ("CON", 2, 5), ("CON", 6, 7)]
    assert all(abs(p - 0.9) < 1e-6 for *_, p in bio_spans(doc))


def test_tagger_no_scores_no_spans() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    assert bio_spans(Doc(nlp.vocab, words=["a", "b"])) == []


def test_tagger_shipped_weights_predict_every_token() -> None:
    if model_bytes() is None:
        pytest.skip("no trained weights in src/whosaid/models (run `make train`)")
    nlp = load_pipeline(DEFAULT_MODEL, True)
    assert COMPONENT in nlp.pipe_names
    doc = nlp("The economy is strong, Biden said on Tuesday.")
    scores = doc.user_data[SCORES_KEY]
    assert scores.shape == (len(doc), len(LABELS))
    assert numpy.allclose(scores.sum(axis=1), 1.0, atol=1e-3)
    labels = {t for t, *_ in bio_spans(doc)}
    assert {"CUE", "CON"} <= labels


def _ensemble() -> tuple[Any, Any]:
    """The pipeline and its tagger, skipping when no trained two-member tagger ships."""
    if model_bytes() is None:
        pytest.skip("no trained weights in src/whosaid/models (run `make train`)")
    nlp = load_pipeline(DEFAULT_MODEL, True)
    pipe = nlp.get_pipe(COMPONENT)
    if pipe.model.name != "mean":
        pytest.skip("the shipped tagger has a single member")
    return nlp, pipe


def test_tagger_ensemble_is_the_mean_of_its_members() -> None:
    nlp, pipe = _ensemble()
    doc = nlp("“We will not give up,” the minister told reporters, according to Reuters.")
    members = [layer.predict([doc])[0] for layer in pipe.model.layers]
    assert len(members) >= 2
    assert numpy.allclose(doc.user_data[SCORES_KEY], sum(members) / len(members), atol=1e-5)
    assert not numpy.allclose(members[0], members[1])  # trained apart, they differ


def test_tagger_packed_lstm_scores_equal_thincs_padded_ones() -> None:
    # the packed path runs the LSTM in numpy (nlp/lstm.py); thinc's with_padded is the
    # reference. Three lengths, two of them equal, an empty document, and start states that
    # are not zero (thinc's kernel reads HC0[0] as the cell, HC0[1] as the hidden state).
    lstm = LSTM(nO=16, nI=8, bi=True)
    packed, padded = with_packed(lstm), with_padded(lstm)
    rng = numpy.random.default_rng(7)
    docs = [rng.standard_normal((n, 8)).astype("float32") for n in (5, 0, 9, 5, 1)]
    packed.initialize(X=docs)
    lstm.set_param("HC0", rng.standard_normal(lstm.get_param("HC0").shape).astype("float32"))
    got, want = packed.predict(docs), padded.predict(docs)
    assert [len(x) for x in got] == [5, 0, 9, 5, 1]
    assert all(numpy.allclose(g, w, atol=1e-5) for g, w in zip(got, want, strict=True))
    assert max(float(numpy.abs(w).max(initial=0.0)) for w in want) > 0.1  # not all near 0


def test_tagger_ensemble_runs_its_members_lstms_together_as_thinc_runs_each() -> None:
    nlp, pipe = _ensemble()
    texts = ["“We will not give up,” the minister told reporters.",
             "Biden said the economy was strong. Trump disagreed, aides said on Monday.", ""]
    docs = [doc for doc in nlp.pipe(texts)]
    want = []  # each member through thinc's own padded LSTM kernel
    for member in pipe.model.layers:
        features, maxout, _, softmax = member.layers
        lstm = with_padded(member.layers[2].layers[0])
        want.append(softmax.predict(lstm.predict(maxout.predict(features.predict(docs)))))
    for i, doc in enumerate(docs):
        mean = sum(w[i] for w in want) / len(want)
        assert numpy.allclose(doc.user_data[SCORES_KEY], mean, atol=1e-5)


def test_tagger_packed_lstm_keeps_the_padded_path_for_training() -> None:
    lstm = LSTM(nO=16, nI=8, bi=True)
    packed = with_packed(lstm)
    docs = [numpy.ones((3, 8), dtype="float32"), numpy.ones((2, 8), dtype="float32")]
    packed.initialize(X=docs)
    out, backprop = packed(docs, is_train=True)
    grads = backprop([numpy.ones_like(y) for y in out])
    assert [g.shape for g in grads] == [(3, 8), (2, 8)]


def test_lstm_products_on_one_blas_thread_agree_to_rounding_and_the_count_comes_back() -> None:
    rng = numpy.random.default_rng(7)
    a, b = rng.random((300, 96), dtype="float32"), rng.random((96, 256), dtype="float32")
    setter = blas_thread_setter()
    before = setter(2) if setter is not None else None
    with one_blas_thread():
        one = a @ b
        if setter is not None:
            assert setter(1) == 1  # this thread runs on one inside the block
    # bit for bit on stop 22's machine; on an AMD EPYC, OpenBLAS's two-thread kernel rounds
    # 2.6% of these products otherwise (at most 1.5e-5 of values up to 33)
    assert numpy.allclose(one, a @ b, rtol=1e-5, atol=0)
    if setter is not None and before is not None:
        assert setter(before) == 2  # and on its count before after it
