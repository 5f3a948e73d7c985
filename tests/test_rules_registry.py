"""The rule catalogue: `python -m pipeline rules`, the --disable-rule check, and every rule id that
a run writes is in the catalogue."""

from __future__ import annotations

import json
import re

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from pipeline import rules_registry
from pipeline.__main__ import app
from schemas.rules import RuleFileError

runner = CliRunner()

# Invented texts that reach many rules: carried periods, ranges, ranks, dates, byline, footer lines.
_TEXTS = {
    "a.txt": "张掖市司法局召开2023年度工作会议\n发布时间：2024-01-15 来源：张掖市司法局\n"
    "2023年，全市共办理行政复议案件126件，同比增长12%，纠错率达15.6%。"
    "其中，甘州区受理45件。“十四五”以来，累计培训行政执法人员3000余人次。\n"
    "今年5月，市长李明华主持召开会议，学习《中华人民共和国行政复议法》和民法典。"
    "截至2023年底，全市建成公共法律服务站3至5家，营商环境评价位居全省第二。\n"
    "县领导王伟、张强、刘洋出席会议。\n责任编辑：陈某\n版权所有：张掖市司法局 备案号：陇ICP备12345678号\n",
    "b.txt": "關於印發某縣行政執法公示辦法的通知\n各鄉鎮人民政府：\n"
    "2022年上半年，我县化解矛盾纠纷230件，调解成功率98%。去年全县发放宣传资料2万余份。"
    "到2025年，法律援助受援人数达到5000人。\n（完）\n",
    "c.html": "<html><head><title>某县开展法治宣传活动_某县人民政府</title></head><body>"
    "<div>首页 > 新闻中心 > 工作动态</div><h1>某县开展法治宣传活动</h1>"
    "<div>来源：某县司法局　作者：王小明　发布时间：2024-03-15</div>"
    "<div><p>3月14日，某县司法局在县城广场开展法治宣传活动，发放宣传资料2000余份，解答群众咨询150人次。</p>"
    "<p>活动现场，工作人员向群众讲解《中华人民共和国民法典》等法律法规，引导群众依法维权。</p>"
    "<p>下一步，县司法局将持续开展普法宣传，全年计划举办各类活动30场次，覆盖全县12个乡镇。</p></div>"
    "<div>分享到：</div><div>版权所有：某县人民政府</div></body></html>",
    # text from a PDF: lines of one width, a page number between them, blanks around numbers
    "d.txt": "\n".join(["县司法局全年办理行政复议案件 96 件，审查规范性文件 58 件，按期办"] * 3)
    + "\n- 2 -\n结率达 98.6%。\n",
}


def _ids_of(tables) -> set[str]:
    """Rule ids in the method columns and the warnings of one batch's tables."""
    ids = set()
    columns = {name: ["method"] for name in ("mentions", "places", "officials", "regulations")}
    columns["indicators"] = ["method", "scope_method", "period_method"]
    for name, cols in columns.items():
        for col in cols:
            ids |= {
                m.removeprefix("rule:")
                for m in tables[name].column(col).to_pylist()
                if m and m.startswith("rule:")
            }
    for ws in tables["documents"].column("warnings").to_pylist():
        ids |= {_warning_id(w) for w in ws or () if ":" in w}
    return ids


def _warning_id(warning: str) -> str:
    """``boilerplate:<id>: …`` and ``meta:<id>: …`` name the rule; ``script:t2s`` is script.t2s."""
    space, rule = warning.split(":")[:2]
    return rule if space in ("boilerplate", "meta") else f"{space}.{rule}"


def _run_ids(paths) -> set[str]:
    from pipeline.batch import BatchSettings, process_batch
    from pipeline.ingest import discover

    refs, _ = discover([str(p) for p in paths])
    result = process_batch(refs, BatchSettings("run-1", "v1", ner_mode="off"))
    assert result.items >= len(refs)
    return _ids_of(result.tables)


def test_every_rule_id_a_run_writes_is_listed(tmp_path):
    for name, text in _TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ids = _run_ids([EXAMPLES, tmp_path])
    assert len(ids) > 20  # the run reached many rules (else the check says nothing)
    assert sorted(ids - set(rules_registry.catalog())) == []


def test_a_dropped_id_would_be_caught(monkeypatch):
    """The check above can fail: without one code rule, its id is unknown."""
    full = rules_registry.catalog()
    less = {k: v for k, v in full.items() if k != "reg.bare_law"}
    monkeypatch.setattr(rules_registry, "catalog", lambda: less)
    assert rules_registry.unknown(["reg.bare_law", "reg.book_title"]) == ["reg.bare_law"]


def test_rules_lists_ids_kinds_files_and_descriptions():
    result = runner.invoke(app, ["rules", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert rows["reg.bare_law"]["kind"] == "producer"
    assert rows["place.veto.person_name"]["kind"] == "veto"
    assert rows["footer.icp"]["file"] == "pipeline/clean/data/boilerplate.yaml"  # read from the data file
    assert rows["title.not.site"]["description"]  # its comment in metadata.yaml
    assert rows["period.year.carried"]["kind"] == "classifier"
    assert all(r["description"].strip() and r["file"] for r in rows.values())
    vetoes = runner.invoke(app, ["rules", "--kind", "veto", "--json"])
    assert {r["kind"] for r in json.loads(vetoes.output)} == {"veto"}


def test_rule_files_named_in_the_catalogue_exist():
    from conftest import ROOT

    assert all((ROOT / r.file).is_file() for r in rules_registry.catalog().values())


def test_unknown_disable_rule_is_refused_before_any_work(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(EXAMPLES), "--out", str(out), "--disable-rule", "reg.bare_laws"])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "reg.bare_laws" in lines[0] and "reg.bare_law," in lines[0]
    assert not out.exists()  # no work done, no folder made


def test_known_disable_rule_passes_the_check():
    from pipeline.__main__ import _check_rule_ids

    _check_rule_ids(["reg.bare_law", "reg.local_title", "date.md.anchored", "place.list.short_name"])
    _check_rule_ids(
        ["indicator.veto.rank_tier", "footer.icp", "head.widget", "title.not.site"]
    )  # vetoes, filters


def test_no_id_is_defined_twice():
    """The catalogue keeps the first of two rules with one id: a second would be silently hidden."""
    from collections import Counter

    ids = Counter(r.id for r in [*rules_registry._code_rules(), *rules_registry._data_rules()])
    assert len(ids) > 300
    assert [i for i, n in ids.items() if n > 1] == []


def test_a_rule_without_a_switch_is_refused_too():
    """A classifier is known but --disable-rule would silently do nothing with it."""
    args = ["run", str(EXAMPLES), "--out", "/nonexistent/x", "--disable-rule", "scope.national"]
    result = runner.invoke(app, args)
    assert result.exit_code != 0 and "scope.national (classifier)" in result.output
    rows = {r["id"]: r for r in json.loads(runner.invoke(app, ["rules", "--json"]).output)}
    assert rows["reg.bare_law"]["switchable"] and rows["place.veto.person_name"]["switchable"]
    assert rows["footer.icp"]["switchable"] and not rows["scope.national"]["switchable"]


# ---- rule files checked at load (schemas/rules.py) ------------------------------------------------

RULE_FILES = (
    [f"pipeline/clean/data/{n}.yaml" for n in ("boilerplate", "html_body", "metadata")]
    + [
        f"pipeline/extract/data/{n}.yaml"
        for n in ("regulations", "metrics", "period", "scope", "places", "titles", "confidence", "indicators")
    ]
    + ["pipeline/clean/data/radicals.yaml", "pipeline/rules_registry/code_rules.yaml"]
)


def test_shipped_rule_files_fit_their_models():
    from conftest import ROOT

    from schemas.rules import check_file

    for f in RULE_FILES:
        check_file(ROOT / f)


def test_bad_word_lists_and_numbers_fail_too(tmp_path):
    import pytest

    from schemas.rules import RuleFileError, check_file

    cases = [
        ("pipeline/extract/data/scope.yaml", "quote_max: 20", "quote_max: -1", "quote_max"),
        (
            "pipeline/extract/data/period.yaml",
            "plans: {十一五: 2006",
            "plans: {十一五: 二〇〇六",
            "plans.十一五",
        ),
        (
            "pipeline/extract/data/places.yaml",
            "country_pair_char: 中",
            "country_pair_char: 中国",
            "country_pair_char",
        ),
        ("pipeline/extract/data/confidence.yaml", "reg.bare_law: 0.9", "reg.bare_law: 9", "confidence"),
        (
            "pipeline/extract/data/indicators.yaml",
            "soft_break_min_line: 20",
            "soft_break_min_line: 0",
            "soft_break_min_line",
        ),
        (
            "pipeline/extract/data/indicators.yaml",
            "{万亿: 1000000000000",
            "{万亿: 1200000000000",
            "multipliers",
        ),
        (
            "pipeline/extract/data/indicators.yaml",
            "  人: [人, 人员",
            "  人口: [人, 人员",
            "bare_multiplier_units",
        ),
        ("pipeline/extract/data/indicators.yaml", "noun_units: [县市区", "noun_units: [县城", "noun_units"),
        ("pipeline/extract/data/indicators.yaml", "per_unit: '每", "per_unit: '(每", "per_unit"),
        ("pipeline/extract/data/indicators.yaml", "rank_lists: '百强", "rank_lists: '(百强", "rank_lists"),
        (
            "pipeline/extract/data/indicators.yaml",
            "point_nouns: [建议",
            "point_nouns: 3\nold_point_nouns: [建议",
            "point_nouns",
        ),
        (
            "pipeline/extract/data/scope.yaml",
            "town_acts: [党委",
            "town_acts: 3\nold_acts: [党委",
            "town_acts",
        ),
        ("pipeline/extract/data/indicators.yaml", "rank_tiers: [方阵", "rank_tiers: [''", "rank_tiers[0]"),
        ("pipeline/clean/data/radicals.yaml", '"⺁": 厂', '"⺁": 厂房', "⺁"),
        ("pipeline/clean/data/radicals.yaml", '"⺁": 厂', '"⺁⺁": 厂', "⺁⺁"),
        ("pipeline/rules_registry/code_rules.yaml", "variants: [carried]", "variants: [carry]", "variants"),
        ("pipeline/extract/data/confidence.yaml", "  reg: 0.95", "  Reg: 0.95", "confidence"),
        (
            "pipeline/extract/data/titles.yaml",
            "unit_endings: [局",
            "unit_endings: []\nold_units: [局",
            "unit_endings",
        ),
        (
            "pipeline/clean/data/html_body.yaml",
            "org_endings: [人民政府",
            "org_endings: []\nold_orgs: [人民政府",
            "org_endings",
        ),
    ]
    for rel, old, new, field in cases:
        with pytest.raises(RuleFileError, match=rf": {re.escape(field)}: "):
            check_file(_broken_copy(tmp_path, rel, old, new))


def _broken_copy(tmp_path, rel: str, old: str, new: str):
    from conftest import ROOT

    text = (ROOT / rel).read_text("utf-8")
    assert old in text
    path = tmp_path / rel.rsplit("/", 1)[1]
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_bad_rule_file_fails_with_one_line_naming_file_rule_and_field(tmp_path):
    import pytest

    from schemas.rules import RuleFileError, check_file

    cases = [  # (file, text to break, broken text, rule id, field)
        (
            "pipeline/clean/data/boilerplate.yaml",
            "  scope: tail\n",
            "  scope: page\n",
            "tail.the_end",
            "scope",
        ),
        ("pipeline/clean/data/html_body.yaml", "id: head.field", "id: Head Field", "Head Field", "id"),
        ("pipeline/clean/data/html_body.yaml", "max_len: 10", "max_len: ten", "stop.attachment", "max_len"),
        (
            "pipeline/extract/data/regulations.yaml",
            "category: 法律}",
            "categry: 法律}",
            "reg.cat.constitution",
            "category",
        ),
        (
            "pipeline/extract/data/metrics.yaml",
            "units: [件, 起], any: [准予执行]",
            "units: [件, 起], any: [准予执行(]",
            None,
            None,
        ),
        (
            "pipeline/extract/data/metrics.yaml",
            "id: enforcement_granted,",
            "id: enforcement_granted_rate,",
            "enforcement_granted_rate",
            "id",
        ),
        (
            "pipeline/clean/data/boilerplate.yaml",
            "pattern: '^(Top|TOP",
            "pattern: '^((Top|TOP",
            "widget.top",
            "pattern",
        ),
        (
            "pipeline/clean/data/metadata.yaml",
            "- id: title.not.table",
            "- id: title.not.table\n    scope: line",
            "title.not.table",
            "scope",
        ),
    ]
    for rel, old, new, rule, field in cases:
        path = _broken_copy(tmp_path, rel, old, new)
        if rule is None:  # a word list is no regex: 准予执行( is a fine word
            check_file(path)
            continue
        with pytest.raises(RuleFileError) as e:
            check_file(path)
        message = str(e.value)
        assert "\n" not in message and str(path) in message, message
        assert f"rule {rule}: {field}" in message, message


def test_loaders_check_their_files(monkeypatch):
    """The extract loader runs the check: a broken file it reads fails at load, in one line."""
    import pytest

    from pipeline.extract import rules
    from schemas import rules as schema

    bad = {
        "metrics": [{"id": "x", "label": "X", "units": [], "any": ["y"]}],
        "change_words": [],
        "share_words": [],
        "follow_pattern": "a",
    }
    monkeypatch.setattr(rules.yaml, "safe_load", lambda text: bad)
    rules.load.cache_clear()
    try:
        with pytest.raises(schema.RuleFileError, match=r"metrics.yaml: rule x: units: "):
            rules.load("metrics")
    finally:
        rules.load.cache_clear()


def test_every_extract_producer_has_a_confidence_from_the_data_file():
    from pipeline.extract import rules

    table = rules.load("confidence")["confidence"]
    producers = [
        r.id
        for r in rules_registry.catalog().values()
        if r.kind == "producer" and r.file.startswith("pipeline/extract/")
    ]
    assert len(producers) > 20
    for rule_id in producers:
        assert 0 < rules.confidence(rule_id) <= 1, rule_id
    assert rules.confidence("reg.bare_law") == table["reg.bare_law"] != table["reg"]
    assert rules.confidence("reg.book_title") == table["reg"]  # the longest key that leads its id
    assert rules.confidence("ner:fazhi@0123456789") == table["ner"]
    import pytest

    with pytest.raises(KeyError, match=r"confidence\.yaml"):
        rules.confidence("nothing.known")


def test_confidence_comes_from_the_file(monkeypatch):
    """The figure a mention carries is the file's: change the file, the mention changes."""
    from pipeline.extract import extract, rules

    load = rules.load
    changed = {"confidence": {**load("confidence")["confidence"], "reg": 0.42}}
    monkeypatch.setattr(rules, "load", lambda name: changed if name == "confidence" else load(name))
    rules.confidence.cache_clear()
    try:
        found = extract("学习《某市行政执法公示办法》。")
        assert [m.confidence for m in found.mentions if m.label == "REGULATION"] == [0.42]
    finally:
        rules.confidence.cache_clear()


def test_every_yaml_rule_file_has_a_model():
    """No rule file is read as an unchecked dict: each YAML file of the package has its model."""
    from conftest import ROOT

    from schemas.rules import MODELS

    files = sorted((ROOT / "pipeline").rglob("*.yaml"))
    assert len(files) >= 12
    assert [f.name for f in files if f.name not in MODELS] == []


def test_a_bad_code_rules_entry_names_its_rule_and_field(tmp_path):
    import pytest

    from schemas.rules import RuleFileError, check_file

    old = "  - id: place.veto.person_name\n    kind: veto\n"
    path = _broken_copy(
        tmp_path, "pipeline/rules_registry/code_rules.yaml", old, old.replace("veto\n", "vetoo\n")
    )
    with pytest.raises(RuleFileError, match=r"code_rules\.yaml: rule place\.veto\.person_name: kind: "):
        check_file(path)


@pytest.mark.parametrize(
    ("module", "loader", "name", "bad", "expected"),
    [
        ("pipeline.clean.script", "radical_table", "radicals.yaml", {"⺁": "厂房"}, r"radicals\.yaml: ⺁: "),
        (
            "pipeline.extract.rules",
            "load",
            "indicators.yaml",
            {"units": {"元": ["元"]}},
            r"indicators\.yaml: bare_multiplier_units: Field required",
        ),
    ],
)
def test_the_newly_checked_files_are_checked_by_their_loaders(
    monkeypatch, module, loader, name, bad, expected
):
    """The loaders of indicators.yaml and radicals.yaml run the check: a broken file fails at load."""
    import importlib

    mod = importlib.import_module(module)
    load = getattr(mod, loader)
    monkeypatch.setattr(mod.yaml, "safe_load", lambda text: bad)
    load.cache_clear()
    try:
        with pytest.raises(RuleFileError, match=expected):
            load("indicators") if loader == "load" else load()
    finally:
        load.cache_clear()


def test_the_registry_checks_code_rules_yaml(monkeypatch):
    from pipeline import rules_registry as registry

    bad = {"variants": {}, "rules": [{"id": "x.y", "kind": "veto", "file": "pipeline/x.py"}]}
    monkeypatch.setattr(registry.yaml, "safe_load", lambda text: bad)
    with pytest.raises(RuleFileError, match=r"code_rules\.yaml: rule x\.y: description: Field required"):
        registry._code_rules()
