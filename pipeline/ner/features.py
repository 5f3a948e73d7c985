"""Character n-gram embedding for the char-level NER model (registered spaCy architecture).

Every token of the model is one character, so spaCy's ``MultiHashEmbed`` only ever sees unigrams
(NORM = PREFIX = SUFFIX = the character). The standard fix for character-based Chinese NER is to add
character *bigram* features: for the character at position i, the bigrams c[i-1]c[i] and c[i]c[i+1].

``fazhi.CharBigramEmbed.v1`` is ``MultiHashEmbed`` with its own feature extractor: per token it
hashes ORTH (the char), SHAPE, the left bigram and the right bigram (sentence edges are padded with
``<s>`` / ``</s>``) and embeds each column in its own hash table. The bigrams are computed inside the
model, so no token attribute (norm_, lemma_) is overwritten and no strings are added to the vocab.
With ``static_vectors = true`` the vocab's character vectors (``vectors.py``) are projected (spaCy's
``StaticVectors``) and mixed in by the same Maxout layer, as ``MultiHashEmbed`` does.

The architecture is part of the saved model's config, so it must be registered before
``spacy.load``: ``import pipeline.ner`` does that (``pipeline/ner/__init__.py`` imports this module).
"""

from __future__ import annotations

from typing import List

import numpy
from spacy.attrs import ORTH, SHAPE
from spacy.ml.staticvectors import StaticVectors
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

BOS, EOS = "<s>", "</s>"
N_COLUMNS = 4  # ORTH, SHAPE, left bigram, right bigram


def char_bigram_ids(doc: Doc) -> numpy.ndarray:
    """(len(doc), 4) uint64 array: ORTH, SHAPE, hash(prev+this), hash(this+next)."""
    n = len(doc)
    out = numpy.zeros((n, N_COLUMNS), dtype="uint64")
    if n == 0:
        return out
    out[:, :2] = doc.to_array([ORTH, SHAPE])
    chars = [BOS] + [t.text for t in doc] + [EOS]
    out[:, 2] = [get_string_id(chars[i] + chars[i + 1]) for i in range(n)]
    out[:, 3] = [get_string_id(chars[i + 1] + chars[i + 2]) for i in range(n)]
    return out


def CharBigramFeatures() -> Model[List[Doc], List[Ints2d]]:
    return Model("char_bigram_features", _features_forward)


def _features_forward(model: Model, docs: List[Doc], is_train: bool):
    features = [model.ops.asarray2i(char_bigram_ids(doc), dtype="uint64") for doc in docs]
    return features, lambda d_features: []


@registry.architectures("fazhi.CharBigramEmbed.v1")
def CharBigramEmbed(width: int, rows: List[int], static_vectors: bool = False) -> Model[List[Doc], List[Floats2d]]:
    """Hash-embed [ORTH, SHAPE, left bigram, right bigram] and mix them with a Maxout layer.

    rows: table sizes for the four columns, in that order.
    static_vectors: also project the vocab's pretrained character vectors (pipeline/ner/vectors.py)
    into the mix; the training config must then load them via ``[initialize] vectors``.
    """
    if len(rows) != N_COLUMNS:
        raise ValueError(f"rows must have {N_COLUMNS} entries (ORTH, SHAPE, left bigram, right bigram)")
    # Same seeds/layout as spaCy's MultiHashEmbed.v2.
    embeddings = [HashEmbed(width, rows[i], column=i, seed=8 + i, dropout=0.0) for i in range(N_COLUMNS)]
    hashed = [CharBigramFeatures(), list2ragged(), with_array(concatenate(*embeddings))]
    if static_vectors:
        hashed = [concatenate(chain(*hashed), StaticVectors(width, dropout=0.0))]
    n_inputs = N_COLUMNS + (1 if static_vectors else 0)
    # Without vectors the layers stay one flat chain: models saved before `static_vectors` existed load.
    return chain(
        *hashed,
        with_array(Maxout(width, width * n_inputs, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
