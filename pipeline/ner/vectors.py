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
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy

from pipeline.ingest import corpus_texts
from pipeline.ner.convert import SOURCES, read_source
from pipeline.version import file_sha256, matching_stamp

SETTINGS = {"min_count": 5, "max_vocab": 6000, "window": 2, "alpha": 0.75, "dim": 100, "seed": 0}
NEWS_PATH = Path("xinwenlianbo_news") / "xwlb_2022_2026.jsonl.gz"
# The raw text (labels unused) of the training files too: names and rare characters the news lacks.
# The evaluation sets (CLUENER dev, MSRA test, Resume test) are not read.
TRAIN_TEXT_SOURCES = ("cluener_train", "msra_train", "resume_train")
VECTORS_STAMP = "fazhi_vectors.json"  # provenance + settings, beside the spaCy files


def news_texts(path: Path) -> Iterator[str]:
    """The non-blank paragraphs of the news corpus's story bodies."""
    for text in corpus_texts(path):
        yield from (paragraph for paragraph in text.split("\n") if paragraph.strip())


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
    index = {ch: i for i, ch in enumerate(vocab)}
    size = len(vocab)
    # One id stream with `window` (-1)s between texts, so no pair spans two texts; one bincount per distance.
    gap = "\n" * window
    ids = numpy.fromiter((index.get(ch, -1) for text in texts for ch in text + gap), dtype=numpy.int64)
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


def randomized_svd(matrix: numpy.ndarray, rank: int, seed: int, oversample: int = 20,
                   power_iterations: int = 4) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Top-``rank`` left singular vectors and values (Halko, Martinsson & Tropp 2011)."""
    rng = numpy.random.default_rng(seed)
    sketch = matrix @ rng.standard_normal((matrix.shape[1], rank + oversample))
    for _ in range(power_iterations):
        sketch, _ = numpy.linalg.qr(sketch)
        sketch = matrix @ (matrix.T @ sketch)
    basis, _ = numpy.linalg.qr(sketch)
    small_u, values, _ = numpy.linalg.svd(basis.T @ matrix, full_matrices=False)
    return (basis @ small_u)[:, :rank], values[:rank]


def char_vectors(texts: list[str], min_count: int, max_vocab: int, window: int, alpha: float,
                 dim: int, seed: int) -> tuple[list[str], numpy.ndarray]:
    vocab = build_vocab(texts, min_count, max_vocab)
    if len(vocab) <= dim:
        raise ValueError(f"only {len(vocab)} characters occur {min_count}+ times; need more than dim={dim}")
    u, s = randomized_svd(ppmi(cooccurrence(texts, vocab, window), alpha), dim, seed)
    vectors = u * numpy.sqrt(s)
    vectors /= numpy.maximum(numpy.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    # SVD signs are arbitrary: fix them so the same corpus always gives the same vectors.
    vectors *= numpy.where(vectors[0] < 0, -1.0, 1.0)
    return vocab, vectors.astype(numpy.float32)


def build_vectors(data_dir: Path, cache_dir: Path, settings: dict | None = None) -> Path:
    """Write (or reuse) the vectors pipeline under cache_dir/vectors; returns its path.

    Rebuilt only when the corpus hash or the settings change (recorded in fazhi_vectors.json).
    """
    import spacy
    from spacy.vectors import Vectors
    from threadpoolctl import threadpool_limits

    settings = {**SETTINGS, **(settings or {})}
    paths = [NEWS_PATH] + [Path(SOURCES[name]) for name in TRAIN_TEXT_SOURCES]
    missing = [str(p) for p in paths if not (Path(data_dir) / p).is_file()]
    if missing:
        raise FileNotFoundError(f"vector corpus not found under {data_dir}: {', '.join(missing)}")
    out = Path(cache_dir) / "vectors"
    record = {"sources": {str(p): file_sha256(Path(data_dir) / p) for p in paths}, "settings": settings}
    stamp = out / VECTORS_STAMP
    if matching_stamp(stamp, record) is not None:
        return out
    # One BLAS thread: threaded matrix products sum in a different order (differences ~1e-8),
    # and the vectors must be bit-identical for training to be reproducible on any machine.
    with threadpool_limits(limits=1, user_api="blas"):
        vocab, vectors = char_vectors(vector_texts(Path(data_dir)), **settings)
    nlp = spacy.blank("zh")
    keys = [nlp.vocab.strings.add(ch) for ch in vocab]
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=vectors, keys=keys)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    stamp.write_text(json.dumps({**record, "n_vectors": len(vocab)}, ensure_ascii=False, indent=2),
                     encoding="utf-8")
    return out
