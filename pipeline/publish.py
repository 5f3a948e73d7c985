"""Publish an output folder to object storage (or any filesystem pyarrow or fsspec can write).

Runs write to a local folder, where atomic renames make every batch all-or-nothing. Object stores
have no rename, so publishing copies committed parts in an order that keeps readers of the
destination consistent: entity tables first, then ``documents`` (the commit table: a reader that
joins on ``documents`` never sees a half-published batch), then ``quarantine`` and ``runs``; parts
that no longer exist locally are deleted last, ``documents`` first. A ``_published.json`` manifest
of part checksums at the destination makes re-publishing copy only what changed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from pyarrow import fs

from pipeline import store
from pipeline.version import file_sha256
from schemas import TABLES

log = logging.getLogger(__name__)

MANIFEST = "_published.json"
ENTITY_FIRST = [t for t in TABLES if t not in (store.COMMIT_TABLE, "quarantine", "runs")]
ORDER = [*ENTITY_FIRST, store.COMMIT_TABLE, "quarantine", "runs"]


@dataclass
class PublishResult:
    copied: int
    unchanged: int
    deleted: int
    destination: str


def destination(dest: str, filesystem=None) -> tuple[fs.FileSystem, str]:
    """(pyarrow filesystem, root path) for a URI (s3://bucket/prefix, gs://…, file:///…), a local
    path, or a path on an fsspec filesystem object (wrapped for pyarrow)."""
    if filesystem is not None:
        if not isinstance(filesystem, fs.FileSystem):
            filesystem = fs.PyFileSystem(fs.FSSpecHandler(filesystem))
        return filesystem, dest.rstrip("/")
    if "://" not in dest:
        dest = str(Path(dest).resolve())
    filesystem, root = fs.FileSystem.from_uri(dest)
    return filesystem, root.rstrip("/")


def publish(out: Path, dest: str, filesystem=None) -> PublishResult:
    """Copy OUT's committed Parquet parts to DEST (see the module doc for the order)."""
    out = Path(out)
    if not (out / store.COMMIT_TABLE).is_dir():
        raise FileNotFoundError(f"no output folder with a {store.COMMIT_TABLE} table at {out}")
    target, root = destination(dest, filesystem)
    with store.run_lock(out):  # no run writes OUT while its parts are read
        store.sweep_orphans(out)
        local = {f"{t}/{p.name}": p for t in ORDER for p in sorted((out / t).glob("*.parquet"))}
        sums = {rel: file_sha256(p) for rel, p in local.items()}
        previous = _read_manifest(target, root)
        target.create_dir(root, recursive=True)
        copied = 0
        for rel, path in local.items():
            if previous.get(rel) == sums[rel]:
                continue
            target.create_dir(f"{root}/{rel.split('/')[0]}", recursive=True)
            fs.copy_files(str(path), f"{root}/{rel}", destination_filesystem=target)
            copied += 1
        stale = sorted(
            (rel for rel in previous if rel not in local), key=lambda r: r.split("/")[0] != store.COMMIT_TABLE
        )
        for rel in stale:
            _delete(target, f"{root}/{rel}")
        _write_manifest(target, root, sums)
    log.info(
        "published %s to %s: %d parts copied, %d unchanged, %d deleted",
        out,
        dest,
        copied,
        len(local) - copied,
        len(stale),
    )
    return PublishResult(copied, len(local) - copied, len(stale), dest)


def _read_manifest(target: fs.FileSystem, root: str) -> dict[str, str]:
    if target.get_file_info(f"{root}/{MANIFEST}").type != fs.FileType.File:
        return {}
    with target.open_input_stream(f"{root}/{MANIFEST}") as fh:
        return json.loads(fh.read().decode("utf-8"))["parts"]


def _write_manifest(target: fs.FileSystem, root: str, sums: dict[str, str]) -> None:
    with target.open_output_stream(f"{root}/{MANIFEST}") as fh:
        fh.write(json.dumps({"parts": sums}, indent=1, sort_keys=True).encode("utf-8"))


def _delete(target: fs.FileSystem, path: str) -> None:
    if target.get_file_info(path).type == fs.FileType.File:
        target.delete_file(path)
