"""Boilerplate removal as data: the rules in ``data/boilerplate.yaml``, each with an id."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from pipeline.switches import on
from schemas.rules import check


@dataclass(frozen=True)
class Rule:
    id: str
    scope: str
    pattern: re.Pattern
    max_len: int


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    text = resources.files("pipeline.clean").joinpath("data/boilerplate.yaml").read_text("utf-8")
    spec = check("boilerplate.yaml", yaml.safe_load(text), "pipeline/clean/data/boilerplate.yaml")["rules"]
    return tuple(
        Rule(r["id"], r["scope"], re.compile(r["pattern"]), int(r.get("max_len", 120))) for r in spec
    )


def match_line(line: str, active: tuple[Rule, ...] | None = None) -> Rule | None:
    """The first rule that removes this (stripped) line, if any (rules switched off do not)."""
    for rule in active if active is not None else rules():
        if len(line) <= rule.max_len and rule.pattern.search(line) and on(rule.id):
            return rule
    return None


def boilerplate_lines(lines: list[str], protected: set[int] = frozenset()) -> dict[int, str]:
    """Line index → rule id for every line to remove. Tail rules cut from their line to the end,
    but only in the second half of the document, so an early match cannot empty an article."""
    removed: dict[int, str] = {}
    for i, line in enumerate(lines):
        if i in protected:
            continue
        rule = match_line(line)
        if rule is None or (rule.id == "nav.link_row" and _heads_figures(lines, i)):
            continue
        if rule.scope == "tail" and i >= len(lines) // 2:
            for j in range(i, len(lines)):
                removed.setdefault(j, rule.id)
            break
        removed[i] = rule.id
    return removed


def _heads_figures(lines: list[str], i: int) -> bool:
    """The bar row at i heads a table: the next line is a bar row with figures (申请事项 | 举报投诉处理 |…
    over 数量 | 75件 | 16件 |…), so it names the columns and is no row of links."""
    following = next((line for line in lines[i + 1 : i + 3] if line.strip()), "")
    return "|" in following and bool(re.search(r"\d", following))
