"""Imported once by the fork server of ``pipeline.workers``: the batch stages' imports, the model
and the lexicon caches are loaded here, so that every worker forked from it starts warm.

Settings-independent: rule switches are read per batch (``pipeline.switches``), and a segmenter
other than the default loads in the worker that first needs it."""

from pipeline.warm import warm_up

warm_up("char", [], "triggers", later_imports=())
