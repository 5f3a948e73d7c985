"""Every rule id the pipeline knows, with its kind, the file that defines it and one line about it.

Ids come from two places: the rule data files that give their entries ids (boilerplate lines, HTML
trims, headline vetoes, unbracketed titles, category rules, metrics), and ``code_rules.yaml`` for the
rules whose logic is Python. ``python -m pipeline rules`` lists them; ``--disable-rule`` checks
against them. Reading only: nothing here changes what a run extracts.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources

import yaml

from schemas.rules import check


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # producer, veto, filter, classifier, repair, metric
    file: str
    description: str

    @property
    def switchable(self) -> bool:
        """--disable-rule drops the rows and mentions a producer of the extract stage made, and keeps a
        veto or a filter from acting (``pipeline.switches``); a metadata producer of the text is not
        used (the next rule is tried); classifiers, repairs and web-page metadata producers have no
        switch yet."""
        if self.kind in ("veto", "filter"):
            return True
        return self.kind == "producer" and (
            self.file.startswith("pipeline/extract/") or self.file == "pipeline/clean/metadata.py"
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "switchable": self.switchable}


# (package, data file, section, kind): the sections of rule files whose entries carry an id
_DATA_SECTIONS = (
    ("pipeline.clean", "boilerplate.yaml", "rules", "filter"),
    ("pipeline.clean", "html_body.yaml", "head", "filter"),
    ("pipeline.clean", "html_body.yaml", "stop", "filter"),
    ("pipeline.clean", "metadata.yaml", "not_title", "veto"),
    ("pipeline.extract", "regulations.yaml", "unbracketed_titles", "producer"),
    ("pipeline.extract", "regulations.yaml", "category_rules", "classifier"),
    ("pipeline.extract", "metrics.yaml", "metrics", "metric"),
)


@lru_cache(maxsize=1)
def catalog() -> dict[str, Rule]:
    """Id → rule, code rules first, then the data files' entries (sorted by id)."""
    found: dict[str, Rule] = {}
    for rule in [*_code_rules(), *_data_rules()]:
        found.setdefault(rule.id, rule)
    return dict(sorted(found.items()))


def unknown(ids) -> list[str]:
    """The ids of ``ids`` that no rule has, in the order given."""
    known = catalog()
    return [i for i in ids if i not in known]


def not_switchable(ids) -> list[str]:
    """The known ids of ``ids`` that --disable-rule cannot switch off."""
    known = catalog()
    return [i for i in ids if i in known and not known[i].switchable]


def close_ids(rule_id: str, n: int = 5) -> list[str]:
    """The known ids nearest to a mistyped one (difflib's ratio), best first."""
    return difflib.get_close_matches(rule_id, list(catalog()), n=n, cutoff=0.5)


def _code_rules() -> list[Rule]:
    text = resources.files(__package__).joinpath("code_rules.yaml").read_text("utf-8")
    spec = check("code_rules.yaml", yaml.safe_load(text), "pipeline/rules_registry/code_rules.yaml")
    variants = spec.get("variants") or {}
    out = []
    for r in spec["rules"]:
        out.append(Rule(r["id"], r["kind"], r["file"], r["description"]))
        out += [
            Rule(f"{r['id']}.{v}", r["kind"], r["file"], f"{r['description']}; {variants[v]}")
            for v in r.get("variants", ())
        ]
    return out


def _data_rules() -> list[Rule]:
    out = []
    for package, name, section, kind in _DATA_SECTIONS:
        text = resources.files(package).joinpath(f"data/{name}").read_text("utf-8")
        where = f"{package.replace('.', '/')}/data/{name}"
        for entry in (yaml.safe_load(text) or {}).get(section) or ():
            if isinstance(entry, dict) and entry.get("id"):
                rid = str(entry["id"])
                out.append(Rule(rid, kind, where, _describe(entry, text, rid)))
    return out


def _describe(entry: dict, text: str, rule_id: str) -> str:
    """An entry's own description or label, else its comment in the file, else its pattern."""
    for key in ("description", "label"):
        if entry.get(key):
            return str(entry[key])
    comment = _comment(text, rule_id)
    if comment:
        return comment
    pattern = str(entry.get("pattern", ""))
    scope = f"{entry['scope']} " if entry.get("scope") else ""
    scope = f"category {entry['category']} by " if entry.get("category") else scope
    return f"{scope}pattern {pattern[:70]}{'…' if len(pattern) > 70 else ''}".strip()


def _comment(text: str, rule_id: str) -> str | None:
    """The comment on an id's line (``- id: x   # …``) or the comment line right above it."""
    lines = text.splitlines()
    for k, line in enumerate(lines):
        if re.search(rf"\bid:\s*{re.escape(rule_id)}\s*(#|,|$|\}})", line):
            inline = line.split("#", 1)[1].strip() if re.search(rf"{re.escape(rule_id)}\s+#", line) else ""
            above = lines[k - 1].strip() if k else ""
            if inline:
                return inline
            return above.lstrip("#").strip() if above.startswith("#") else None
    return None
