"""The BiLSTM context encoder (pipeline/ner/encoder.py)."""

from __future__ import annotations

import numpy
import pytest
from spacy.util import registry

import pipeline.ner  # noqa: F401  (registers fazhi.BiLSTMEncoder.v1)


def _encoder(**over):
    return registry.architectures.get("fazhi.BiLSTMEncoder.v1")(**{"width": 8, "depth": 1, **over})


def test_bilstm_keeps_lengths_and_reads_both_directions():
    rng = numpy.random.default_rng(0)
    X = [rng.normal(size=(n, 6)).astype("float32") for n in (5, 1, 3)]
    model = _encoder(depth=2)
    model.initialize(X=X)
    Y = model.predict(X)
    assert [y.shape for y in Y] == [(5, 8), (1, 8), (3, 8)]
    # Changing the last token changes the first token's vector (right-to-left half), and changing
    # the first changes the last (left-to-right half): the whole sentence is context.
    later = [x.copy() for x in X]
    later[0][-1] += 1.0
    earlier = [x.copy() for x in X]
    earlier[0][0] += 1.0
    assert not numpy.allclose(model.predict(later)[0][0], Y[0][0])
    assert not numpy.allclose(model.predict(earlier)[0][-1], Y[0][-1])
    assert numpy.allclose(model.predict(later)[1], Y[1])  # other docs are untouched


def test_bilstm_trains_on_a_tiny_task():
    """Tag each token with the sign of the *next* token's first feature: needs right context."""
    from thinc.api import Adam, Linear, chain, with_array

    rng = numpy.random.default_rng(1)
    X = [rng.normal(size=(n, 4)).astype("float32") for n in rng.integers(3, 9, size=40)]
    Y = [numpy.append(numpy.sign(x[1:, :1]), [[0.0]], axis=0).astype("float32") for x in X]
    model = chain(_encoder(width=16), with_array(Linear(1)))
    model.initialize(X=X[:4], Y=Y[:4])
    opt = Adam(0.01)

    def loss():
        return sum(float(((y - t) ** 2).sum()) for y, t in zip(model.predict(X), Y))

    before = loss()
    for _ in range(150):
        out, backprop = model.begin_update(X)
        backprop([o - t for o, t in zip(out, Y)])
        model.finish_update(opt)
    assert loss() < 0.3 * before


def test_bilstm_width_must_split_over_two_directions():
    with pytest.raises(ValueError, match="even"):
        _encoder(width=7)
