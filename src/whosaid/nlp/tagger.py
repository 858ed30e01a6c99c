"""A trained tagger for attribution: which tokens are a cue, a source, a content.

It reads what the pipeline already computed — the shared tok2vec's ``doc.tensor`` and the
tagger's, parser's and recogniser's labels — and runs a small BiLSTM over the whole document,
so a content span can run as long as a quotation does. Output: BIO labels over CUE, SRC
and CON, kept as scores in ``doc.user_data`` (spaCy's own tags stay untouched).

The weights ship in ``whosaid/models/``; ``scripts/train_attribution.py`` (``make train``)
makes them from PolNeAR train.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any, cast

import numpy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.ml.models import MultiHashEmbed
from spacy.pipeline.tagger import Tagger
from spacy.tokens import Doc
from thinc.api import (
    LSTM,
    Maxout,
    Model,
    Softmax_v2,
    chain,
    concatenate,
    with_array,
)
from thinc.layers.with_padded import forward as padded_forward
from thinc.layers.with_padded import init as padded_init
from thinc.types import Floats2d, Padded

from ..errors import ModelError
from .lstm import LSTMWeights, bilstm_predict

COMPONENT = "whosaid_attribution_tagger_v1"
ARCHITECTURE = "whosaid.AttributionTagger.v1"
SCORES_KEY = "whosaid_attribution_scores"
LABELS = ("O", "B-CUE", "I-CUE", "B-SRC", "I-SRC", "B-CON", "I-CON")
MODEL_FILE = "attribution-tagger-v1.bin"


def _doc_tensor() -> Model[list[Doc], list[Floats2d]]:
    """The shared tok2vec's output, read from ``doc.tensor`` (no gradient flows back)."""

    def forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Floats2d], Any]:
        out = [model.ops.asarray2f(cast(Floats2d, doc.tensor)) if doc.tensor.size else
               model.ops.alloc2f(len(doc), model.get_dim("nO")) for doc in docs]
        return out, lambda d_out: []

    return Model("doc_tensor", forward, dims={"nO": 96})


def build_attribution_tagger(width: int = 96, hidden: int = 128, depth: int = 1,
                             n_labels: int = len(LABELS), members: int = 1
                             ) -> Model[list[Doc], list[Floats2d]]:
    """doc.tensor ⊕ embeddings of TAG, DEP, ENT_TYPE and SHAPE → Maxout → BiLSTM → Softmax;
    with ``members`` > 1, that many such taggers (trained apart) and the mean of their
    label probabilities."""
    if members > 1:
        return _mean([build_attribution_tagger(width, hidden, depth, n_labels)
                      for _ in range(members)], n_labels)
    embed = MultiHashEmbed(width=32, attrs=["TAG", "DEP", "ENT_TYPE", "SHAPE", "NORM"],
                           rows=[200, 200, 50, 500, 2000], include_static_vectors=False)
    features: Model[list[Doc], list[Floats2d]] = concatenate(_doc_tensor(), embed)
    model: Model[list[Doc], list[Floats2d]] = chain(
        features,
        with_array(Maxout(nO=width, nI=96 + 32, nP=2, normalize=True)),
        with_packed(LSTM(nO=hidden, nI=width, bi=True, depth=depth)),
        with_array(Softmax_v2(nO=n_labels, nI=hidden)),
    )
    return model


def with_packed(layer: Model[Padded, Padded]) -> Model[list[Floats2d], list[Floats2d]]:
    """thinc's ``with_padded(layer)`` for its LSTM (same weights, same serialised shape), whose
    prediction skips the padded copies.

    ``with_padded`` copies a batch into a (longest document × batch) array and the LSTM copies
    it again into the rows it computes, one Python step per token of the longest document
    (and back twice): for a batch of 16 PolNeAR articles, the longest of 4,361 tokens, that is
    70,000 cells for 12,000 tokens. Here no padded copy is made and :mod:`.lstm` runs both
    directions at once (scores the same as thinc's kernel's up to about 1e-6, tested); a
    :func:`_mean` of such members runs all their LSTMs together. Training (``is_train``)
    keeps ``with_padded``'s path, for its backprop.
    """
    return Model(f"with_padded({layer.name})", _packed_forward, init=padded_init,
                 layers=[layer],
                 dims={name: layer.maybe_get_dim(name) for name in layer.dim_names})


def _packed_forward(model: Model, docs: list[Floats2d], is_train: bool
                    ) -> tuple[list[Floats2d], Callable[[list[Floats2d]], list[Floats2d]]]:
    """The LSTM's output computed straight from the documents' arrays by
    :func:`.lstm.bilstm_predict` (no padded copies); training keeps ``with_padded``'s path."""
    lengths = [len(x) for x in docs]
    if is_train or not any(lengths):
        padded, back = padded_forward(model, docs, is_train)
        return cast(list[Floats2d], padded), back
    lstm = model.layers[0]
    if not _one_deep(lstm):
        padded, back = padded_forward(model, docs, is_train)
        return cast(list[Floats2d], padded), back
    out = cast(list[Floats2d], bilstm_predict([_weights(lstm)], [cast(list[Any], docs)])[0])

    def backprop(d_out: list[Floats2d]) -> list[Floats2d]:
        raise ModelError("the attribution tagger's packed LSTM path only predicts")

    return out, backprop


def _mean(layers: list[Model[list[Doc], list[Floats2d]]], n_labels: int
          ) -> Model[list[Doc], list[Floats2d]]:
    """The per-token mean of several taggers' label probabilities."""

    def forward(model: Model, docs: list[Doc], is_train: bool
                ) -> tuple[list[Floats2d], Callable[[list[Floats2d]], list[Doc]]]:
        if not is_train and all(_stackable(layer) for layer in model.layers):
            return _stacked_mean(model.layers, docs), _no_backprop
        results = [layer(docs, is_train) for layer in model.layers]
        share = 1.0 / len(results)
        out = [sum(r[0][i] for r in results) * share for i in range(len(docs))]

        def backprop(d_out: list[Floats2d]) -> list[Doc]:
            for _, back in results:
                back([d * share for d in d_out])
            return docs

        return cast(list[Floats2d], out), backprop

    return Model("mean", forward, layers=layers, dims={"nO": n_labels})


def _one_deep(lstm: Model) -> bool:
    hc0 = numpy.asarray(lstm.get_param("HC0")) if lstm.has_param("HC0") else None
    return hc0 is not None and hc0.ndim == 4 and hc0.shape[1] == 1


def _weights(lstm: Model) -> LSTMWeights:
    return LSTMWeights(numpy.asarray(lstm.get_param("LSTM"), dtype="float32"),
                       numpy.asarray(lstm.get_param("HC0"), dtype="float32"))


def _stackable(member: Model) -> bool:
    """A member built by :func:`build_attribution_tagger`: features, Maxout, a packed
    one-layer LSTM, Softmax."""
    layers = member.layers
    return (len(layers) == 4 and getattr(layers[2], "_func", None) is _packed_forward
            and _one_deep(layers[2].layers[0]))


def _stacked_mean(members: list[Model], docs: list[Doc]) -> list[Floats2d]:
    """The mean of the members' label probabilities, their LSTMs run together (the same
    sum as :func:`_mean`'s)."""
    inputs = [member.layers[1].predict(member.layers[0].predict(docs)) for member in members]
    if any(len(x) for x in inputs[0]):
        hidden = bilstm_predict([_weights(m.layers[2].layers[0]) for m in members],
                                cast(list[list[Any]], inputs))
        results = [m.layers[3].predict(h) for m, h in zip(members, hidden, strict=True)]
    else:  # no tokens at all
        results = [m.predict(docs) for m in members]
    share = 1.0 / len(results)
    return cast(list[Floats2d], [sum(r[i] for r in results) * share for i in range(len(docs))])


def _no_backprop(d_out: list[Floats2d]) -> list[Doc]:
    raise ModelError("the attribution tagger's stacked prediction does not train")


class AttributionTagger(Tagger):
    """A spaCy tagger whose predictions go to ``doc.user_data`` as per-token label scores."""

    def predict(self, docs: Iterable[Doc]) -> list[Floats2d]:
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(0, len(self.labels)) for _ in docs]
        scores: list[Floats2d] = self.model.predict(docs)
        return scores

    def set_annotations(self, docs: Iterable[Doc], scores: list[Floats2d]) -> None:
        for doc, doc_scores in zip(docs, scores, strict=True):
            doc.user_data[SCORES_KEY] = numpy.asarray(doc_scores, dtype="float32")


def make_attribution_tagger(nlp: Language, name: str, model: Model) -> AttributionTagger:
    return AttributionTagger(nlp.vocab, model, name)


def model_bytes() -> bytes | None:
    """The shipped weights, or None when the package was built without them."""
    path = resources.files("whosaid").joinpath("models", MODEL_FILE)
    return path.read_bytes() if path.is_file() else None


def model_config() -> dict[str, Any]:
    """The architecture settings the shipped weights were trained with."""
    path = resources.files("whosaid").joinpath("models", MODEL_FILE.replace(".bin", ".json"))
    arch: dict[str, Any] = json.loads(path.read_text()) if path.is_file() else {}
    return {"@architectures": ARCHITECTURE, **arch}


def add_to_pipeline(nlp: Language, weights: bytes | None = None) -> bool:
    """Add the trained tagger at the end of ``nlp``; False when no weights ship."""
    data = weights if weights is not None else model_bytes()
    if data is None:
        return False
    pipe = nlp.add_pipe(COMPONENT, last=True, config={"model": model_config()})
    assert isinstance(pipe, AttributionTagger)
    pipe.from_bytes(data)
    return True


def bio_spans(doc: Doc) -> list[tuple[str, int, int, float]]:
    """Spans (label, start token, end token, mean probability) from the tagger's scores."""
    scores = doc.user_data.get(SCORES_KEY)
    if scores is None or len(scores) != len(doc):
        return []
    best = scores.argmax(axis=1)
    # token attributes read once as arrays, not a Token per index (82,000 tokens on dev)
    labels = best.tolist()
    chosen = scores[numpy.arange(len(doc)), best].tolist()
    space = doc.to_array(IS_SPACE).astype(bool).tolist()
    spans: list[tuple[str, int, int, float]] = []
    cur: tuple[str, int] | None = None
    probs: list[float] = []

    def close(end: int) -> None:
        nonlocal cur, probs
        if cur is not None:
            spans.append((cur[0], cur[1], end, float(sum(probs) / len(probs))))
        cur, probs = None, []

    for i, k in enumerate(labels):
        label = LABELS[k]
        if space[i]:
            if "\n" in doc[i].text:
                close(i)  # a span never runs over a paragraph break; learned.py joins quotes
            continue
        if label == "O":
            close(i)
            continue
        kind, typ = label.split("-")
        if kind == "B" or cur is None or cur[0] != typ:
            close(i)
            cur = (typ, i)
        probs.append(chosen[i])
    close(len(doc))
    # a span closed on a space token keeps its last real token as its end
    out = []
    for typ, s, e, p in spans:
        while e > s and space[e - 1]:
            e -= 1
        out.append((typ, s, e, p))
    return out


@functools.lru_cache(maxsize=1)
def weights_size() -> int:
    data = model_bytes()
    return len(data) if data else 0
