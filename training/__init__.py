"""Training and evaluation of the NER model (``python -m training --help``); never imported at run time."""
