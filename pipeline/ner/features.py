"""Character n-gram embedding for the char-level NER model (registered spaCy architecture).

Every token of the model is one character, so spaCy's ``MultiHashEmbed`` only ever sees unigrams
(NORM = PREFIX = SUFFIX = the character). The standard fix for character-based Chinese NER is to add
character *bigram* features: for the character at position i, the bigrams c[i-1]c[i] and c[i]c[i+1].

``fazhi.CharBigramEmbed.v1`` is ``MultiHashEmbed`` with its own feature extractor: per token it
hashes ORTH (the char), SHAPE, the left bigram and the right bigram (sentence edges are padded with
``<s>`` / ``</s>``) and embeds each column in its own hash table. The bigrams are computed inside the
model, so no token attribute (norm_, lemma_) is overwritten and no strings are added to the vocab.
With ``static_vectors = true`` the vocab's character vectors (training/vectors.py) are projected (spaCy's
``StaticVectors``) and mixed in by the same Maxout layer, as ``MultiHashEmbed`` does.
With ``lexicon`` set, 3 flags per word class (a dictionary word of that class begins / continues /
ends at this char; training/lexicon.py) join the Maxout layer's input as well: word boundaries and word
types for words the labelled data never showed.
With ``bigram_vectors`` set, the pretrained vectors of the left and right bigram (training/vectors.py's
``bigrams.npz``; zeros for a bigram it lacks) join the mix too: the hash tables learn only the bigrams
of the labelled sentences, the vectors cover the bigrams of ~12M characters of unlabelled news.
With ``guidelines`` set, every char also gets a one-hot of the annotation guideline its doc is to be
tagged by (``doc._.ner_guideline``; ``default_guideline`` when unset). The training corpora follow
different guidelines for the same strings (MSRA tags every place name, CLUENER's ``address`` mostly
places meant as locations); told which one a sentence follows, the model learns each without one
blurring the other, and the caller picks the guideline it wants.

The architecture is part of the saved model's config: the project registers it with spaCy through
an entry point (pyproject.toml, ``spacy_architectures``), so ``spacy.load`` finds it by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy
from spacy.attrs import ORTH, SHAPE
from spacy.ml.staticvectors import StaticVectors
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d, Ragged

from pipeline.ner.guidelines import GUIDELINE
from pipeline.ner.lexicon import LEGACY_CLASSES, match_words, read_lexicon, scan_index

BOS, EOS = "<s>", "</s>"
N_COLUMNS = 4  # ORTH, SHAPE, left bigram, right bigram


def token_texts(doc: Doc) -> list[str]:
    """Each token's text, looked up by its ORTH id: iterating the Doc builds a Token object per
    char, and so does ``doc.text`` (it joins the tokens), which cost a fifth of tagging the
    pipeline's short windows."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array(ORTH).tolist()]


def edge_bigrams(doc: Doc) -> tuple[list[str], list[str]]:
    """Per token, its left bigram (prev+this) and right bigram (this+next); BOS/EOS pad the edges."""
    chars = [BOS, *token_texts(doc), EOS]
    pairs = [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]
    return pairs[:-1], pairs[1:]


def char_bigram_ids(doc: Doc) -> numpy.ndarray:
    """(len(doc), 4) uint64 array: ORTH, SHAPE, hash(prev+this), hash(this+next)."""
    n = len(doc)
    out = numpy.zeros((n, N_COLUMNS), dtype="uint64")
    if n == 0:
        return out
    out[:, :2] = doc.to_array([ORTH, SHAPE])
    left, right = edge_bigrams(doc)
    out[:, 2] = [get_string_id(b) for b in left]
    out[:, 3] = [get_string_id(b) for b in right]
    return out


def CharBigramFeatures() -> Model[list[Doc], list[Ints2d]]:
    return Model("char_bigram_features", _features_forward)


def _features_forward(model: Model, docs: list[Doc], is_train: bool):
    features = [model.ops.asarray2i(char_bigram_ids(doc), dtype="uint64") for doc in docs]
    return features, lambda d_features: []


def lexicon_flags(
    chars: list[str], words: dict, prefixes: frozenset, max_len: int, n_classes: int
) -> numpy.ndarray:
    """(len(chars), 3 * n_classes) 0/1 array: column 3*c + (0 begin, 1 inside, 2 end) is set where a
    lexicon word of class c covers the char. Every match counts, overlapping ones too.

    words: word -> list of class indices (a bare index in models saved before words had several)."""
    flags = numpy.zeros((len(chars), 3 * n_classes), dtype="float32")
    for start, end, found in match_words(chars, words, prefixes, max_len):
        for cls in (found,) if isinstance(found, int) else found:
            flags[start, 3 * cls] = 1.0
            flags[start + 1 : end, 3 * cls + 1] = 1.0
            flags[end, 3 * cls + 2] = 1.0
    return flags


def LexiconFeatures(path: str, classes: Sequence[str]) -> Model[list[Doc], Ragged]:
    """Lexicon flags per char (``lexicon_flags``) for the word classes ``classes``. The words are
    read from ``path`` (training/lexicon.py's lexicon.tsv) when the model is initialised for training and kept
    in the model's attrs, which thinc saves with the weights: a loaded model has its words and never
    reads ``path``."""
    index: dict = {}  # derived from attrs["words"]; rebuilt when from_disk replaces that dict
    return Model(
        "char_lexicon_features",
        partial(_lexicon_forward, index, len(classes)),
        init=partial(_lexicon_init, path, tuple(classes)),
        attrs={"words": {}},
    )


def _lexicon_init(path: str, classes: tuple, model: Model, X=None, Y=None) -> None:
    model.attrs["words"] = read_lexicon(path, classes)


def _lexicon_forward(index: dict, n_classes: int, model: Model, docs: list[Doc], is_train: bool):
    words = model.attrs["words"]
    if index.get("words") is not words:
        prefixes, max_len = scan_index(words)
        index.update(words=words, prefixes=prefixes, max_len=max_len)
    arrays = [
        lexicon_flags(token_texts(doc), words, index["prefixes"], index["max_len"], n_classes) for doc in docs
    ]
    return _per_char(model, docs, arrays, 3 * n_classes), lambda d_flags: []


def _per_char(model: Model, docs: list[Doc], arrays: list[numpy.ndarray], width: int) -> Ragged:
    """One (len(doc), width) feature array per doc as the Ragged the embedding concatenates."""
    data = numpy.concatenate(arrays) if arrays else numpy.zeros((0, width), dtype="float32")
    lengths = numpy.asarray([len(doc) for doc in docs], dtype="int32")
    return Ragged(model.ops.asarray2f(data), model.ops.asarray1i(lengths))


def _int8(vectors: numpy.ndarray) -> dict:
    """Model attrs keeping float vectors as int8 codes with one scale (a quarter of float32's bytes)."""
    scale = float(numpy.abs(vectors).max()) / 127 or 1.0
    return {"codes": numpy.round(vectors / scale).astype("int8"), "scale": scale}


def _float(attrs: dict) -> numpy.ndarray:
    """The float32 vectors of ``_int8``'s attrs."""
    return numpy.asarray(attrs["codes"], dtype="float32") * attrs["scale"]


def unit_rows(vectors: numpy.ndarray) -> numpy.ndarray:
    """Rows scaled to length 1, float32; each column's sign fixed by the first row (SVD signs are
    arbitrary, and the same corpus must always give the same vectors)."""
    vectors = vectors / numpy.maximum(numpy.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    vectors *= numpy.where(vectors[0] < 0, -1.0, 1.0)
    return vectors.astype(numpy.float32)


def read_bigram_vectors(path: str, rows: int, dim: int) -> tuple[list[str], numpy.ndarray]:
    """The ``rows`` most frequent bigrams of a bigrams.npz (training/vectors.py) and their first ``dim``
    SVD components, rows rescaled to length 1."""
    with numpy.load(path) as saved:
        joined, table = str(saved["bigrams"]), saved["vectors"]
    if dim > table.shape[1]:
        raise ValueError(f"{path}: has {table.shape[1]}-d bigram vectors, {dim} asked for")
    bigrams = [joined[i : i + 2] for i in range(0, min(len(joined), 2 * rows), 2)]
    return bigrams, unit_rows(table[: len(bigrams), :dim])


def BigramVectorFeatures(path: str, rows: int, dim: int) -> Model[list[Doc], Ragged]:
    """Per char, the pretrained vectors of its left and right bigram (2 * dim columns), from the
    ``rows`` most frequent bigrams of ``path`` (training/vectors.py's bigrams.npz) and their first ``dim``
    components. Read when training initialises the model and kept in its attrs, int8 with one scale
    (a quarter of the bytes of float32; the vectors have unit rows), so a loaded model never reads path."""
    table: dict = {}  # derived from the attrs; rebuilt when from_disk replaces them
    return Model(
        "char_bigram_vectors",
        partial(_bigram_vectors_forward, table, dim),
        init=partial(_bigram_vectors_init, path, rows, dim),
        attrs={"bigrams": "", "codes": numpy.zeros((0, dim), dtype="int8"), "scale": 1.0},
    )


def _bigram_vectors_init(path: str, rows: int, dim: int, model: Model, X=None, Y=None) -> None:
    bigrams, vectors = read_bigram_vectors(path, rows, dim)
    model.attrs.update(bigrams="".join(bigrams), **_int8(vectors))


def _bigram_vectors_forward(table: dict, dim: int, model: Model, docs: list[Doc], is_train: bool):
    joined = model.attrs["bigrams"]
    if table.get("joined") is not joined:
        table.update(
            joined=joined,
            rows={joined[i : i + 2]: i // 2 for i in range(0, len(joined), 2)},
            vectors=numpy.vstack([_float(model.attrs), numpy.zeros((1, dim), dtype="float32")]),
        )
    rows, unknown = table["rows"], len(table["vectors"]) - 1
    ids = []
    for doc in docs:
        left, right = edge_bigrams(doc)
        ids.extend((rows.get(a, unknown), rows.get(b, unknown)) for a, b in zip(left, right))
    data = table["vectors"][numpy.asarray(ids, dtype="int64").reshape(-1, 2)].reshape(-1, 2 * dim)
    return _per_char(model, docs, [data], 2 * dim), lambda d_vectors: []


def GuidelineFeatures(guidelines: Sequence[str], default: str) -> Model[list[Doc], Ragged]:
    """One-hot (per char) of the doc's ``doc._.ner_guideline``, ``default`` when it is unset."""
    if default not in guidelines:
        raise ValueError(f"default_guideline {default!r} is not one of the guidelines {list(guidelines)}")
    return Model("char_guideline_features", partial(_guideline_forward, tuple(guidelines), default))


def _guideline_forward(guidelines: tuple, default: str, model: Model, docs: list[Doc], is_train: bool):
    data = numpy.zeros((sum(len(doc) for doc in docs), len(guidelines)), dtype="float32")
    start = 0
    for doc in docs:
        name = doc._.get(GUIDELINE) or default
        if name not in guidelines:
            raise ValueError(f"unknown NER guideline {name!r}; this model knows {list(guidelines)}")
        data[start : start + len(doc), guidelines.index(name)] = 1.0
        start += len(doc)
    return _per_char(model, docs, [data], len(guidelines)), lambda d_flags: []


@registry.architectures("fazhi.CharBigramEmbed.v1")
def CharBigramEmbed(
    width: int,
    rows: list[int],
    static_vectors: bool = False,
    lexicon: str | None = None,
    lexicon_classes: Sequence[str] = LEGACY_CLASSES,
    guidelines: Sequence[str] = (),
    default_guideline: str | None = None,
    table_width: int | None = None,
    bigram_vectors: str | None = None,
    bigram_vector_rows: int = 0,
    bigram_vector_dim: int = 0,
) -> Model[list[Doc], list[Floats2d]]:
    """Hash-embed [ORTH, SHAPE, left bigram, right bigram] and mix them with a Maxout layer.

    rows: table sizes for the four columns, in that order.
    static_vectors: also project the vocab's pretrained character vectors (training/vectors.py)
    into the mix; the training config must then load them via ``[initialize] vectors``.
    lexicon: path of a lexicon.tsv (training/lexicon.py); adds its begin/inside/end flags per word class to
    the mix. Read only when training initialises the model: the words are saved inside it.
    lexicon_classes: which of the lexicon's word classes get flags (3 each), in this order. The
    default is what models saved before this setting existed were trained with.
    guidelines: annotation guidelines the model can be asked to follow (one-hot per char, from
    ``doc._.ner_guideline``); default_guideline is used for docs that do not say (e.g. the pipeline's).
    table_width: width of each hash table and of the projected vectors (default: width). The tables
    hold most of the model's bytes, so a narrower table_width lets the encoder be wider in the same size.
    bigram_vectors: path of training/vectors.py's bigrams.npz; adds the pretrained vectors of each
    char's left and right bigram (the ``bigram_vector_rows`` most frequent bigrams,
    ``bigram_vector_dim`` components) to the mix. Read only when training initialises the model:
    the vectors are saved inside it.
    """
    if len(rows) != N_COLUMNS:
        raise ValueError(f"rows must have {N_COLUMNS} entries (ORTH, SHAPE, left bigram, right bigram)")
    # Same seeds/layout as spaCy's MultiHashEmbed.v2.
    table_width = table_width or width
    embeddings = [
        HashEmbed(table_width, rows[i], column=i, seed=8 + i, dropout=0.0) for i in range(N_COLUMNS)
    ]
    hashed = [CharBigramFeatures(), list2ragged(), with_array(concatenate(*embeddings))]
    extra = (
        ([StaticVectors(table_width, dropout=0.0)] if static_vectors else [])
        + ([LexiconFeatures(lexicon, lexicon_classes)] if lexicon is not None else [])
        + (
            [BigramVectorFeatures(bigram_vectors, bigram_vector_rows, bigram_vector_dim)]
            if bigram_vectors is not None
            else []
        )
        + ([GuidelineFeatures(guidelines, default_guideline or guidelines[0])] if guidelines else [])
    )
    if extra:
        hashed = [concatenate(chain(*hashed), *extra)]
    n_flags = (
        (3 * len(lexicon_classes) if lexicon is not None else 0)
        + len(guidelines)
        + (2 * bigram_vector_dim if bigram_vectors is not None else 0)
    )
    n_in = table_width * (N_COLUMNS + (1 if static_vectors else 0)) + n_flags
    # Without vectors or lexicon the layers stay one flat chain: models saved before
    # `static_vectors` existed load.
    return chain(
        *hashed,
        with_array(Maxout(width, n_in, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
