"""Chinese NER model (PER, TITLE, GOV, ORG, LOC): data conversion, training, evaluation, CLI."""

# Registers the "fazhi.CharBigramEmbed.v1" architecture used by config.cfg, so that
# `import pipeline.ner` is all that is needed before spacy.load("pipeline/models/ner").
from pipeline.ner import features  # noqa: E402,F401
