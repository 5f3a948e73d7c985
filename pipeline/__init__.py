"""Chinese rule-of-law government articles → clean, audited, structured Parquet tables."""

from pipeline.version import __version__


def load(root="outputs"):
    """Tables of an output folder for notebooks: ``load("outputs").indicators`` (pandas)."""
    from pipeline.load import load as _load

    globals()["load"] = _entry  # importing the submodule pipeline.load rebinds the name to it
    return _load(root)


_entry = load


__all__ = ["__version__", "load"]
