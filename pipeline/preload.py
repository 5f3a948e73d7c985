"""Imported once by the fork server of ``pipeline.workers``: the batch stages' imports, the model
and the lexicon caches are loaded here, so that every worker forked from it starts warm.

Settings-independent: rule switches are read per batch (``pipeline.switches``), and a segmenter
other than the default loads in the worker that first needs it."""

import gc

from pipeline.warm import warm_up

warm_up("char", [], "triggers", later_imports=())
# What is loaded stays for the workers' lifetime: out of the collector's scans (half its time in a
# batch) and of its writes to object headers, which would copy the shared pages into each worker.
gc.freeze()
