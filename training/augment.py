"""Synthetic name lists for NER training, built only from the training corpora's own PER spans.

Official texts print member lists with no separator between names, ordered by surname
(…孙英孙勇孙文盛…, 王朝文（苗族）王群韦钰（女）…). Such runs are rare in the training data, so a
model with a few characters of context learns to cut names only at punctuation. These records
teach it to cut names that touch; the settings are data (``name_lists`` in label_rules.json).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # convert.py imports this module, so its record types only for annotations
    from training.convert import Record

# A name worth reusing in a list: Han characters only (transliterations with · read oddly there).
_NAME = re.compile(r"^[\u4e00-\u9fff]+$")


def collect_names(records: Iterable[Record], min_len: int, max_len: int) -> list[str]:
    """Distinct PER surfaces in first-seen order (stable, so a seed gives the same lists)."""
    seen: dict[str, None] = {}
    for text, spans in records:
        for start, end, label in spans:
            name = text[start:end]
            if label == "PER" and min_len <= len(name) <= max_len and _NAME.match(name):
                seen.setdefault(name, None)
    return list(seen)


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def name_list(names: list[str], settings: dict, rng: random.Random) -> Record:
    """One synthetic list: names sorted by surname (so same-surname names touch), separators and
    annotations such as （女） between them, PER spans on the names only."""
    picked = rng.sample(names, rng.randint(settings["min_names"], settings["max_names"]))
    picked.sort(key=lambda name: name[0])
    sep = _pick(rng, settings["separators"])
    parts, spans, pos = [], [], 0
    for i, name in enumerate(picked):
        if i:
            parts.append(sep)
            pos += len(sep)
        parts.append(name)
        spans.append((pos, pos + len(name), "PER"))
        pos += len(name)
        if rng.random() < settings["annotation_rate"]:
            note = rng.choice(settings["annotations"])
            parts.append(note)
            pos += len(note)
    return "".join(parts), spans


def name_lists(records: list[Record], settings: dict, seed: int) -> list[Record]:
    """``settings["count"]`` synthetic lists from the PER names in records (none if count is 0)."""
    names = collect_names(records, settings["min_len"], settings["max_len"])
    if settings["count"] <= 0 or len(names) < settings["max_names"]:
        return []
    rng = random.Random(seed)
    return [name_list(names, settings, rng) for _ in range(settings["count"])]
