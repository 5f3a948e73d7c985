"""Chinese NER model (PER, TITLE, GOV, ORG, LOC): data conversion, training, evaluation, CLI."""

from __future__ import annotations

from pathlib import Path

# Registers what config.cfg names (fazhi.CharBigramEmbed.v1, fazhi.BiLSTMEncoder.v1,
# fazhi.GuidelineCorpus.v1, the fazhi_trim_entities component) and the doc._.ner_guideline
# extension, so that `import pipeline.ner` is all that is needed before spacy.load("pipeline/models/ner").
from pipeline.ner import encoder, features, guidelines, trim  # noqa: E402,F401


def load(path: Path | str):
    """``spacy.load`` with thinc's numpy ops doing matrix products through numpy's BLAS.

    The CNN's gemm is most of the tagging time; thinc's default (blis) ran it ~2.9x slower here
    than numpy's OpenBLAS. Same weights, same entities (checked on all of MSRA test), ~1.6x faster.
    The BLAS gets one thread per process: the pipeline's parallelism is one worker per core, and
    BLAS threads on top of that oversubscribe the cores (2 workers ran 1.29x faster than 1, not ~1.9x).
    """
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        return spacy.load(path)
