"""Training docs carry their corpus's annotation guideline (``doc._.ner_guideline``) into training.

See pipeline/ner/guidelines.py: the model's embedding sees the guideline of each sentence.
"""

from __future__ import annotations

from pathlib import Path

from spacy.training import Corpus
from spacy.util import registry

from pipeline.ner.guidelines import GUIDELINE

# Guideline of each source file (convert.SOURCES keys): the corpus it belongs to.
GUIDELINES = {
    "cluener_train": "cluener",
    "cluener_dev": "cluener",
    "msra_train": "msra",
    "msra_test": "msra",
    "resume_train": "resume",
    "resume_dev": "resume",
    "resume_test": "resume",
}


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
