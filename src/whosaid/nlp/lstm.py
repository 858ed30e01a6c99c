"""The attribution tagger's bidirectional LSTMs at prediction time, all at once in numpy.

thinc's CPU kernel runs one LSTM direction at a time and, per time step, one small blis
product and a copy: for the shipped tagger (two members, two directions each, 64 units)
that is four passes over every token of a batch, and on PolNeAR dev about 16% of
``whosaid analyze``'s CPU time. Here the members' directions are stacked (member ×
direction) and one step computes them all: the input projection of every token first, in
one product per direction, then per time step one stacked product of the hidden states and
the gates of all of them together. Each document's backward direction starts at its own
last token, as thinc's does. The arithmetic is the same up to rounding (the products run
in another BLAS, a sigmoid is computed as ``(1 + tanh(x / 2)) / 2``): scores differ from
thinc's by about 1e-6 (tested against thinc's kernel), and the PolNeAR dev and train
predictions are the same. Training keeps thinc's own path for its backprop.

The products run on one BLAS thread (:func:`one_blas_thread`): numpy's OpenBLAS splits the
input projections over both cores and waits on the other thread at every one, which on dev
cost 1.6 CPU-s against 1.1 on one thread, the same numbers up to float32 rounding (bit
for bit on stop 22's machine; on an AMD EPYC the two-thread kernel rounds 2.6% of a
test product's values otherwise, by at most 1.5e-5 in 33).
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy
from numpy.typing import NDArray

Array = NDArray[numpy.float32]


@dataclass(frozen=True)
class LSTMWeights:
    """One thinc LSTM layer's parameters (``LSTM`` and ``HC0``), one layer deep."""

    params: Array  # per direction: Wx (4H × I), bx (4H), Wh (4H × H), bh (4H)
    hc0: Array  # (2, depth, dirs, H): thinc's kernel reads [0] as the cell, [1] as hidden

    @property
    def dirs(self) -> int:
        return int(self.hc0.shape[2])

    @property
    def hidden(self) -> int:
        return int(self.hc0.shape[3])


def _layout(lengths: Sequence[int]) -> tuple[list[int], numpy.ndarray, numpy.ndarray,
                                             numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Documents longest first; per time step how many run and where their rows start;
    and each step's rows in the joined (longest-first) array, forwards and backwards."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i), reverse=True)
    sizes = numpy.array([lengths[i] for i in order], dtype="int64")
    steps = numpy.arange(int(sizes[0]))
    running = steps[:, None] < sizes[None, :]  # (step, document)
    n_at = running.sum(axis=1)
    offsets = numpy.concatenate(([0], numpy.cumsum(n_at)))
    starts = numpy.concatenate(([0], numpy.cumsum(sizes)[:-1]))
    forward = (starts[None, :] + steps[:, None])[running]
    backward = (starts[None, :] + sizes[None, :] - 1 - steps[:, None])[running]
    return order, sizes, n_at, offsets, forward, backward


@functools.cache
def blas_thread_setter() -> Callable[[int], int] | None:
    """OpenBLAS's ``openblas_set_num_threads_local`` of the library numpy's wheel bundles
    (it sets the calling thread's count and returns the one before), or None: another
    BLAS, an OpenBLAS older than 0.3.27."""
    libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    for path in sorted(libs.glob("libscipy_openblas*.so*")):
        try:
            setter = ctypes.CDLL(str(path)).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.restype, setter.argtypes = ctypes.c_int, [ctypes.c_int]
        return cast(Callable[[int], int], setter)
    return None


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's products on one thread in this block (this thread only; nothing where the
    BLAS cannot be told)."""
    setter = blas_thread_setter()
    before = setter(1) if setter is not None else None
    try:
        yield
    finally:
        if setter is not None and before is not None and before > 0:
            setter(before)


def bilstm_predict(layers: Sequence[LSTMWeights], inputs: Sequence[Sequence[Array]]
                   ) -> list[list[Array]]:
    """Each layer's output for its own documents (``inputs[k]``, the same lengths for every
    layer): per document (tokens × dirs·H), the forward direction's units first."""
    with one_blas_thread():
        return _bilstm_predict(layers, inputs)


def _bilstm_predict(layers: Sequence[LSTMWeights], inputs: Sequence[Sequence[Array]]
                    ) -> list[list[Array]]:
    lengths = [len(x) for x in inputs[0]]
    if not any(lengths):
        return [[numpy.zeros((0, w.dirs * w.hidden), dtype="float32") for _ in lengths]
                for w in layers]
    order, sizes, n_at, offsets, forward, backward = _layout(lengths)
    hidden = layers[0].hidden
    gates = 4 * hidden
    stacks = [(k, d) for k, w in enumerate(layers) for d in range(w.dirs)]
    n_rows = int(offsets[-1])
    G = numpy.empty((len(stacks), n_rows, gates), dtype="float32")
    Wh_t = numpy.empty((len(stacks), hidden, gates), dtype="float32")
    H = numpy.empty((len(stacks), len(lengths), hidden), dtype="float32")
    C = numpy.empty_like(H)
    joined = [numpy.concatenate([inputs[k][i] for i in order]) for k in range(len(layers))]
    for s, (k, d) in enumerate(stacks):
        w, n_in = layers[k], joined[k].shape[1]
        size = gates * n_in + gates + gates * hidden + gates
        p = w.params[d * size: (d + 1) * size]
        Wx = p[: gates * n_in].reshape(gates, n_in)
        bias = p[gates * n_in: gates * n_in + gates] + p[size - gates:]
        Wh_t[s] = p[gates * n_in + gates: size - gates].reshape(gates, hidden).T
        G[s] = joined[k][forward if d == 0 else backward] @ Wx.T
        G[s] += bias
        H[s] = w.hc0[1, 0, d]
        C[s] = w.hc0[0, 0, d]
    # gate blocks: forget, input, output (sigmoids), candidate (tanh); a sigmoid through
    # tanh, so one tanh call activates all four: sigmoid(x) = (1 + tanh(x / 2)) / 2
    G[:, :, : 3 * hidden] *= 0.5
    Wh_t[:, :, : 3 * hidden] *= 0.5
    Y = numpy.empty((len(stacks), n_rows, hidden), dtype="float32")
    product = numpy.empty((len(stacks), len(lengths), gates), dtype="float32")
    for t in range(int(sizes[0])):
        n, start = int(n_at[t]), int(offsets[t])
        g = G[:, start: start + n]
        numpy.matmul(H[:, :n], Wh_t, out=product[:, :n])
        g += product[:, :n]
        numpy.tanh(g, out=g)
        sigmoids = g[:, :, : 3 * hidden]
        sigmoids *= 0.5
        sigmoids += 0.5
        c = C[:, :n]
        c *= g[:, :, :hidden]
        candidate = g[:, :, 3 * hidden:]
        candidate *= g[:, :, hidden: 2 * hidden]
        c += candidate
        h = Y[:, start: start + n]
        numpy.tanh(c, out=h)
        h *= g[:, :, 2 * hidden: 3 * hidden]
        H[:, :n] = h
    return [_per_document(layers[k], Y, [s for s, st in enumerate(stacks) if st[0] == k],
                          forward, backward, order, sizes) for k in range(len(layers))]


def _per_document(w: LSTMWeights, Y: Array, rows_of: list[int], forward: numpy.ndarray,
                  backward: numpy.ndarray, order: list[int], sizes: numpy.ndarray
                  ) -> list[Array]:
    """One layer's outputs back in document order, directions side by side."""
    hidden = w.hidden
    full = numpy.empty((len(forward), w.dirs * hidden), dtype="float32")
    for d, s in enumerate(rows_of):
        full[forward if d == 0 else backward, d * hidden: (d + 1) * hidden] = Y[s]
    out: list[Array] = [full[:0]] * len(order)
    start = 0
    for j, i in enumerate(order):
        out[i] = full[start: start + int(sizes[j])]
        start += int(sizes[j])
    return out
