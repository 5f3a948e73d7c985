"""Chinese rule-of-law government articles → clean, audited, structured Parquet tables."""

from pipeline.version import __version__


def load(root="outputs"):
    """Tables of an output folder for notebooks: ``load("outputs").indicators`` (pandas)."""
    from pipeline.load import load as _load

    return _load(root)


__all__ = ["__version__", "load"]
