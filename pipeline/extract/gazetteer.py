"""China's administrative divisions with codes, from the data file jionlp ships.

Only jionlp's data file is read (``dictionary/china_location.zip``: province / city / county lines
with adcode and short name); jionlp itself is never imported, so loading costs ~0.3 s, not its
recognizer's 15 s and 2 GB.
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEVELS = ("province", "city", "county")
# short names that are ordinary words or shared by many development zones: never matched alone
GENERIC_ALIAS = re.compile(r"(开发区|经开区|高新区|新区|园区|示范区|管理区|实验区|合作区|试验区|城区|郊区|矿区|市辖区)$")


@dataclass(frozen=True)
class Division:
    name: str
    adcode: str
    level: str
    alias: str
    province: str
    city: str | None

    @property
    def parent_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.province, self.city) if n)


class Gazetteer:
    """Name → divisions index with a longest-match scanner over text."""

    def __init__(self, divisions: list[Division]):
        self.divisions = divisions
        self.by_name: dict[str, list[Division]] = {}
        for d in divisions:
            for surface in self._surfaces(d):
                bucket = self.by_name.setdefault(surface, [])
                if d not in bucket:
                    bucket.append(d)
        self._lengths: dict[str, list[int]] = {}
        for surface in self.by_name:
            self._lengths.setdefault(surface[0], []).append(len(surface))
        for ch, lens in self._lengths.items():
            self._lengths[ch] = sorted(set(lens), reverse=True)

    @staticmethod
    def _surfaces(d: Division) -> list[str]:
        out = [d.name]
        if d.level in ("province", "city") and len(d.alias) >= 2 and not GENERIC_ALIAS.search(d.alias):
            out.append(d.alias)
            if d.name.endswith("自治州"):
                out.append(d.alias + "州")
        return out

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping longest matches (start, end, surface) from left to right."""
        out = []
        i = 0
        n = len(text)
        lengths = self._lengths
        names = self.by_name
        while i < n:
            for length in lengths.get(text[i], ()):
                if i + length <= n and text[i:i + length] in names:
                    out.append((i, i + length, text[i:i + length]))
                    i += length
                    break
            else:
                i += 1
        return out


def _data_file() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the jionlp package (admin-division data) is not installed: pip install jionlp")
    return Path(spec.submodule_search_locations[0]) / "dictionary" / "china_location.zip"


def parse(text: str) -> list[Division]:
    out: list[Division] = []
    province = city = None
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth > 2 or len(parts) != 3:
            continue
        name, code, alias = parts
        alias = alias.split("/")[0]
        if depth == 0:
            province, city = name, None
            out.append(Division(name, code, "province", alias, name, None))
        elif depth == 1:
            city = name
            if name != province:  # municipalities repeat themselves as their own city
                out.append(Division(name, code, "city", alias, province, None))
        else:
            out.append(Division(name, code, "county", alias, province, None if city == province else city))
    return out


def read_idioms() -> list[str]:
    """Chinese idioms from jionlp's data file (word<TAB>frequency per line)."""
    path = _data_file().with_name("chinese_idiom.zip")
    with zipfile.ZipFile(path) as z:
        text = z.read("chinese_idiom.txt").decode("utf-8")
    return [line.split("\t", 1)[0] for line in text.splitlines() if line]


@lru_cache(maxsize=1)
def read_countries() -> frozenset[str]:
    """Short and official names of the countries other than China, from jionlp's world_location.txt
    (continent lines end with a colon; each country line is name<TAB>official name<TAB>capital...)."""
    text = _data_file().with_name("world_location.txt").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if "\t" in line]
    return frozenset(name for row in rows if row[0] != "中国" for name in row[:2] if name)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    with zipfile.ZipFile(_data_file()) as z:
        text = z.read("china_location.txt").decode("utf-8")
    return Gazetteer(parse(text))
