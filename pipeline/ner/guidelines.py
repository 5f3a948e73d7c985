"""Annotation guidelines: which corpus's conventions a sentence's entities follow.

The training corpora tag the same strings differently: MSRA tags every place name as LOC and leaves
政府 after a place untagged, CLUENER's ``address`` is mostly a place meant as a location (美国 is
tagged in 21 of its 309 occurrences in CLUENER train) and ``government`` takes the whole 日本政府.
Trained on all of them with nothing to tell them apart, a model learns a blur of the conventions.
Each training doc records its corpus's guideline in ``doc._.ner_guideline``; the embedding
(``features.GuidelineFeatures``) sees it, and whoever tags a doc can choose the guideline to follow
(unset: the model's ``default_guideline``). ``training/corpus.py`` carries it into training.
"""

from __future__ import annotations

from spacy.tokens import Doc

GUIDELINE = "ner_guideline"  # the Doc extension
if not Doc.has_extension(GUIDELINE):
    Doc.set_extension(GUIDELINE, default=None)
