"""Chinese NER model (PER, TITLE, GOV, ORG, LOC) at run time: the layers its config names and ``load``.

Training and evaluation live in the top-level ``training/`` folder, never imported from here.
"""

from __future__ import annotations

from pathlib import Path

# The installed project registers what the model's config.cfg names (fazhi.CharBigramEmbed.v1, the
# fazhi_trim_entities component) through spaCy entry points (pyproject.toml); importing them here
# also serves a checkout that is on sys.path without being installed.
from pipeline.ner import features, guidelines, trim  # noqa: F401


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
