"""Character vectors from unlabelled news text (PPMI + truncated SVD) for the NER model.

The labelled corpora teach the model ~75k sentences; the unlabelled news corpus (~10M characters of
national political news, plus the raw text of the training files) shows which characters behave
alike (surnames, place suffixes, 局/厅/委) through the contexts they share.
A count-based method is enough for a few thousand characters and is exact and deterministic:

1. count co-occurrences of characters within ``window`` positions (weight 1/distance), in-vocabulary
   characters only (the ``max_vocab`` most frequent with at least ``min_count`` occurrences);
2. positive PMI with the context distribution raised to ``alpha`` (Levy, Goldberg & Dagan 2015);
3. a seeded randomized SVD keeps ``dim`` components; vectors = U·sqrt(S), rows L2-normalised.

The result is a blank spaCy ``zh`` pipeline whose vocab holds the vectors: the training config loads
it through ``[initialize] vectors`` and the char embedding's ``static_vectors`` input reads it.

Beside it, ``bigrams.npz`` holds vectors of the most frequent character *bigrams* (``bigram_vectors``):
the model's bigram hash tables only learn the bigrams the labelled sentences show, while most of the
bigrams of a new text were seen in the news corpus. A bigram's contexts are the characters on each
side of it, the side kept apart (what precedes a bigram and what follows it say different things).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy

from pipeline.ingest import corpus_texts
from pipeline.ner.features import unit_rows
from pipeline.version import file_sha256, matching_stamp
from training.convert import SOURCES, read_source

SETTINGS = {"min_count": 5, "max_vocab": 6000, "window": 2, "alpha": 0.75, "dim": 100, "seed": 0}
# The most a model can use: its config takes the first rows (most frequent bigrams) and columns.
BIGRAM_SETTINGS = {"max_bigrams": 100000, "window": 2, "alpha": 0.75, "dim": 48, "seed": 0}
BIGRAMS_FILE = "bigrams.npz"
NEWS_PATH = Path("xinwenlianbo_news") / "xwlb_2022_2026.jsonl.gz"
# The raw text (labels unused) of the training files too: names and rare characters the news lacks.
# The evaluation sets (CLUENER dev, MSRA test, Resume test) are not read.
TRAIN_TEXT_SOURCES = ("cluener_train", "msra_train", "resume_train")
VECTORS_STAMP = "fazhi_vectors.json"  # provenance + settings, beside the spaCy files


def news_texts(path: Path) -> Iterator[str]:
    """The non-blank paragraphs of the news corpus's story bodies."""
    for text in corpus_texts(path):
        yield from (paragraph for paragraph in text.split("\n") if paragraph.strip())


def corpus_hashes(data_dir: Path, what: str) -> dict[str, str]:
    """sha256 of each file ``vector_texts`` reads, by path under data_dir; a missing one is a
    FileNotFoundError naming ``what`` and every missing path."""
    paths = [NEWS_PATH] + [Path(SOURCES[name]) for name in TRAIN_TEXT_SOURCES]
    missing = [str(p) for p in paths if not (Path(data_dir) / p).is_file()]
    if missing:
        raise FileNotFoundError(f"{what} not found under {data_dir}: {', '.join(missing)}")
    return {str(p): file_sha256(Path(data_dir) / p) for p in paths}


def vector_texts(data_dir: Path) -> list[str]:
    texts = list(news_texts(data_dir / NEWS_PATH))
    for name in TRAIN_TEXT_SOURCES:
        texts.extend(text for text, _ in read_source(name, data_dir))
    return texts


def build_vocab(texts: Iterable[str], min_count: int, max_vocab: int) -> list[str]:
    """The most frequent non-space characters, ties broken by code point so the order is stable."""
    counts = Counter(ch for text in texts for ch in text if not ch.isspace())
    ranked = sorted((c for c in counts.items() if c[1] >= min_count), key=lambda kv: (-kv[1], kv[0]))
    return [ch for ch, _ in ranked[:max_vocab]]


def cooccurrence(texts: Iterable[str], vocab: list[str], window: int) -> numpy.ndarray:
    """Symmetric (V, V) counts of in-vocabulary pairs at distance 1..window, weighted 1/distance."""
    size = len(vocab)
    # One id stream with `window` (-1)s between texts, so no pair spans two texts; one bincount per distance.
    ids = _id_stream(texts, vocab, window)
    counts = numpy.zeros(size * size, dtype=numpy.float64)
    for distance in range(1, window + 1):
        left, right = ids[:-distance], ids[distance:]
        keep = (left >= 0) & (right >= 0)
        counts += numpy.bincount(left[keep] * size + right[keep], minlength=size * size) / distance
    matrix = counts.reshape(size, size)
    return matrix + matrix.T


def ppmi(counts: numpy.ndarray, alpha: float) -> numpy.ndarray:
    """Positive PMI with a smoothed context distribution (rare contexts get less inflated PMI)."""
    total = counts.sum()
    if total == 0:
        raise ValueError("no co-occurrences: the corpus has no in-vocabulary character pairs")
    word = counts.sum(axis=1) / total
    context = counts.sum(axis=0) ** alpha
    context /= context.sum()
    with numpy.errstate(divide="ignore", invalid="ignore"):
        pmi = numpy.log((counts / total) / numpy.outer(word, context))
    return numpy.nan_to_num(numpy.maximum(pmi, 0.0), nan=0.0, posinf=0.0, neginf=0.0)


def randomized_svd(
    matrix: numpy.ndarray, rank: int, seed: int, oversample: int = 20, power_iterations: int = 4
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Top-``rank`` left singular vectors and values (Halko, Martinsson & Tropp 2011)."""
    rng = numpy.random.default_rng(seed)
    # In the matrix's own dtype: a float32 matrix times float64 would be copied to float64 first.
    sketch = matrix @ rng.standard_normal((matrix.shape[1], rank + oversample)).astype(
        matrix.dtype, copy=False
    )
    for _ in range(power_iterations):
        sketch, _ = numpy.linalg.qr(sketch)
        sketch = matrix @ (matrix.T @ sketch)
    basis, _ = numpy.linalg.qr(sketch)
    small_u, values, _ = numpy.linalg.svd(basis.T @ matrix, full_matrices=False)
    return (basis @ small_u)[:, :rank], values[:rank]


def char_vectors(
    texts: list[str], min_count: int, max_vocab: int, window: int, alpha: float, dim: int, seed: int
) -> tuple[list[str], numpy.ndarray]:
    vocab = build_vocab(texts, min_count, max_vocab)
    if len(vocab) <= dim:
        raise ValueError(f"only {len(vocab)} characters occur {min_count}+ times; need more than dim={dim}")
    u, s = randomized_svd(ppmi(cooccurrence(texts, vocab, window), alpha), dim, seed)
    return vocab, unit_rows(u * numpy.sqrt(s))


def _id_stream(texts: Iterable[str], vocab: list[str], window: int) -> numpy.ndarray:
    """Vocabulary ids of every char (-1 outside it), with `window` -1s after each text."""
    index = {ch: i for i, ch in enumerate(vocab)}
    gap = "\n" * window
    return numpy.fromiter((index.get(ch, -1) for text in texts for ch in text + gap), dtype=numpy.int64)


def side_contexts(
    ids: numpy.ndarray, size: int, max_bigrams: int, window: int
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The ``max_bigrams`` most frequent bigrams of in-vocabulary chars (as codes first*size+second;
    ties by code) and their (bigram, side context) counts: a (len(top), 2*size) float32 matrix whose
    column c is char c within `window` before the bigram and size+c char c after it, weighted 1/distance."""
    first, second = ids[:-1], ids[1:]
    codes = numpy.where((first >= 0) & (second >= 0), first * size + second, -1)
    freq = numpy.bincount(codes[codes >= 0], minlength=size * size)
    seen = numpy.flatnonzero(freq)
    top = seen[numpy.lexsort((seen, -freq[seen]))][:max_bigrams]
    row_of = numpy.full(size * size, -1, dtype=numpy.int64)
    row_of[top] = numpy.arange(len(top))
    rows = numpy.where(codes >= 0, row_of[numpy.maximum(codes, 0)], -1)  # bigram starting at each position
    starts = numpy.flatnonzero(rows >= 0)
    return top, unit_contexts(ids, rows[starts], starts, starts + 2, len(top), size, window)


def unit_contexts(
    ids: numpy.ndarray,
    rows: numpy.ndarray,
    starts: numpy.ndarray,
    ends: numpy.ndarray,
    n_rows: int,
    size: int,
    window: int,
) -> numpy.ndarray:
    """(n_rows, 2*size) float32 side-context counts of units (bigrams, words) occurring at
    ids[starts[k]:ends[k]] as row rows[k], occurrences in stream order: column c is char c within
    `window` before the unit and size+c char c after it, weighted 1/distance."""
    keys, weights = [], []
    for distance in range(1, window + 1):
        for at, offset in ((starts - distance, 0), (ends - 1 + distance, size)):
            inside = (at >= 0) & (at < len(ids))
            ctx = numpy.where(inside, ids[numpy.clip(at, 0, len(ids) - 1)], -1)
            keep = ctx >= 0
            keys.append(rows[keep] * (2 * size) + offset + ctx[keep])
            weights.append(numpy.full(int(keep.sum()), 1.0 / distance))
    cells, inverse = numpy.unique(numpy.concatenate(keys), return_inverse=True)
    matrix = numpy.zeros(n_rows * 2 * size, dtype=numpy.float32)
    matrix[cells] = numpy.bincount(inverse, weights=numpy.concatenate(weights))
    return matrix.reshape(n_rows, 2 * size)


def ppmi_rows(counts: numpy.ndarray, alpha: float, chunk: int = 4096) -> numpy.ndarray:
    """``ppmi`` in place on a large float32 matrix, a block of rows at a time (no float64 copy).

    PMI(i, j) = log c(i, j) - log c(i) - log P_alpha(j): the total cancels."""
    if not counts.any():
        raise ValueError("no co-occurrences: the corpus has no in-vocabulary bigram contexts")
    log_row = numpy.log(numpy.maximum(counts.sum(axis=1, dtype=numpy.float64), 1e-300)).astype(numpy.float32)
    context = counts.sum(axis=0, dtype=numpy.float64) ** alpha
    with numpy.errstate(divide="ignore"):
        log_ctx = numpy.log(context / context.sum()).astype(numpy.float32)
    for start in range(0, len(counts), chunk):
        block = counts[start : start + chunk]
        present = block > 0
        pmi = (
            numpy.log(block, out=numpy.zeros_like(block), where=present)
            - log_row[start : start + chunk, None]
            - log_ctx
        )
        block[...] = numpy.where(present, numpy.maximum(pmi, 0.0), 0.0)
    return counts


def bigram_vectors(
    texts: list[str], chars: list[str], max_bigrams: int, window: int, alpha: float, dim: int, seed: int
) -> tuple[list[str], numpy.ndarray]:
    """Unit vectors of the most frequent bigrams of ``chars`` (most frequent first), from PPMI over
    their side contexts and a seeded randomized SVD, as for the characters."""
    size = len(chars)
    top, counts = side_contexts(_id_stream(texts, chars, window), size, max_bigrams, window)
    if len(top) <= dim:
        raise ValueError(f"only {len(top)} distinct bigrams; need more than dim={dim}")
    u, s = randomized_svd(ppmi_rows(counts, alpha), dim, seed)
    return [chars[code // size] + chars[code % size] for code in top], unit_rows(u * numpy.sqrt(s))


def build_vectors(
    data_dir: Path, cache_dir: Path, settings: dict | None = None, bigram_settings: dict | None = None
) -> Path:
    """Write (or reuse) the vectors pipeline and BIGRAMS_FILE under cache_dir/vectors; returns its path.

    Rebuilt only when the corpus hash or the settings change (recorded in fazhi_vectors.json).
    """
    import spacy
    from spacy.vectors import Vectors
    from threadpoolctl import threadpool_limits

    settings = {**SETTINGS, **(settings or {})}
    bigram_settings = {**BIGRAM_SETTINGS, **(bigram_settings or {})}
    out = Path(cache_dir) / "vectors"
    record = {
        "sources": corpus_hashes(data_dir, "vector corpus"),
        "settings": settings,
        "bigram_settings": bigram_settings,
    }
    stamp = out / VECTORS_STAMP
    if matching_stamp(stamp, record) is not None:
        return out
    # One BLAS thread: threaded matrix products sum in a different order (differences ~1e-8),
    # and the vectors must be bit-identical for training to be reproducible on any machine.
    texts = vector_texts(Path(data_dir))
    with threadpool_limits(limits=1, user_api="blas"):
        vocab, vectors = char_vectors(texts, **settings)
        bigrams, bigram_table = bigram_vectors(texts, vocab, **bigram_settings)
    nlp = spacy.blank("zh")
    keys = [nlp.vocab.strings.add(ch) for ch in vocab]
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=vectors, keys=keys)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    numpy.savez(out / BIGRAMS_FILE, bigrams=numpy.array("".join(bigrams)), vectors=bigram_table)
    stamp.write_text(
        json.dumps(
            {**record, "n_vectors": len(vocab), "n_bigram_vectors": len(bigrams)},
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    return out
