"""Versions recorded on every row and run: the code + rules hash decides what needs reprocessing."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

__version__ = "0.1.0"
_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Package version + hash of every source, rule and lexicon file of the pipeline package."""
    h = hashlib.sha256()
    for f in sorted(_PKG.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".yaml", ".txt", ".json", ".cfg") and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(_PKG)).encode())
            h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def matching_stamp(path: Path, record: dict) -> dict | None:
    """The JSON build stamp at path if it records the same inputs as ``record`` (every key equal).

    Cached builds (NER DocBins, char vectors, word lexicon) stamp what they were built from and are
    reused only while the stamp matches; None means build again.
    """
    if not path.is_file():
        return None
    old = json.loads(path.read_text(encoding="utf-8"))
    return old if all(old.get(key) == value for key, value in record.items()) else None


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("spacy", "prefect", "pydantic", "pyarrow", "opencc", "cn2an", "jionlp", "charset-normalizer",
                 "trafilatura", "readability-lxml"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out
