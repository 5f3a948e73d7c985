"""Annotation guidelines: which corpus's conventions a sentence's entities follow.

The training corpora tag the same strings differently: MSRA tags every place name as LOC and leaves
政府 after a place untagged, CLUENER's ``address`` is mostly a place meant as a location (美国 is
tagged in 21 of its 309 occurrences in CLUENER train) and ``government`` takes the whole 日本政府.
Trained on all of them with nothing to tell them apart, a model learns a blur of the conventions.
Each training doc records its corpus's guideline in ``doc._.ner_guideline``; the embedding
(``features.GuidelineFeatures``) sees it, and whoever tags a doc can choose the guideline to follow
(unset: the model's ``default_guideline``). ``fazhi.GuidelineCorpus.v1`` carries it into training.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc
from spacy.training import Corpus
from spacy.util import registry

GUIDELINE = "ner_guideline"  # the Doc extension
if not Doc.has_extension(GUIDELINE):
    Doc.set_extension(GUIDELINE, default=None)

# Guideline of each source file (convert.SOURCES keys): the corpus it belongs to.
GUIDELINES = {"cluener_train": "cluener", "cluener_dev": "cluener", "msra_train": "msra",
              "msra_test": "msra", "resume_train": "resume", "resume_dev": "resume", "resume_test": "resume"}


def model_guidelines(model_dir: Path) -> tuple[list[str], str | None]:
    """(guidelines, default) a saved model was trained with; ([], None) for a model without them."""
    from spacy.util import load_config

    embed = load_config(Path(model_dir) / "config.cfg")["components"]["tok2vec"]["model"]["embed"]
    names = list(embed.get("guidelines") or [])
    return names, (embed.get("default_guideline") or names[0]) if names else None


@registry.readers("fazhi.GuidelineCorpus.v1")
def guideline_corpus(path: Path, max_length: int = 0, limit: int = 0):
    """spaCy's ``Corpus`` reader that also gives each example's doc-to-tag the guideline of its
    reference doc (spaCy makes that doc afresh from the text, without the reference's user data)."""
    corpus = Corpus(path, max_length=max_length, limit=limit)

    def read(nlp):
        for eg in corpus(nlp):
            eg.predicted._.set(GUIDELINE, eg.reference._.get(GUIDELINE))
            yield eg

    return read
