"""Chinese rule-of-law government articles → clean, audited, structured Parquet tables."""

from pipeline.version import __version__

__all__ = ["__version__"]
