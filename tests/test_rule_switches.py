"""--disable-rule on vetoes and filters: a veto switched off lets through what it drops, in the extract
stage and in the clean stage, and every veto or filter the code asks about is a listed, switchable id."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from pipeline import rules_registry, switches
from pipeline.extract import extract

# (veto id, invented text the veto acts on): with the veto on, the row is not there; off, it is
VETOED = [
    ("official.veto.redaction", "会上，县长张某某主持会议。"),
    ("official.veto.company", "五峰农商银行行长李明华出席会议。"),
    ("indicator.veto.rank_tier", "全市营商环境位居全省第一方阵。"),
    ("indicator.veto.not_qualifier", "学校附近两所医院开展义诊。"),
    ("indicator.veto.article_one", "全县举办一场宣传晚会。"),
    ("reg.veto.generic_title", "各地认真学习《实施方案》。"),
    ("place.veto.generic_district", "这是一个老城区的改造项目。"),
    ("place.veto.country_pair", "巴基斯坦总理表示，巴中关系牢不可破。"),
]


def _rows(text: str, disabled: frozenset[str] = frozenset()) -> set:
    x = extract(text, disabled)
    return (
        {("official", o.name) for o in x.officials}
        | {("indicator", i.value, i.unit) for i in x.indicators}
        | {("regulation", r.name) for r in x.regulations}
        | {("place", p.name) for p in x.places}
    )


@pytest.mark.parametrize(("rule_id", "text"), VETOED, ids=[v[0] for v in VETOED])
def test_disabling_a_veto_lets_the_vetoed_row_through(rule_id, text):
    kept = _rows(text)
    let_through = _rows(text, frozenset({rule_id}))
    assert kept < let_through, (kept, let_through)
    assert _rows(text) == kept  # the switch does not outlive the call


def test_another_veto_switched_off_changes_nothing():
    text = VETOED[0][1]
    assert _rows(text, frozenset({"indicator.veto.rank_tier"})) == _rows(text)


def test_switches_nest_and_reset():
    assert switches.on("x.y")
    with switches.off(["x.y"]):
        assert not switches.on("x.y")
        with switches.off(["z"]):
            assert not switches.on("x.y") and not switches.on("z")
        assert switches.on("z")
    assert switches.on("x.y")


def test_clean_stage_filters_honour_the_switch():
    from pipeline.clean import boilerplate, metadata
    from pipeline.html_body import head_rule

    icp = "备案号：陇ICP备12345678号"
    assert boilerplate.match_line(icp).id == "footer.icp"
    assert metadata.not_title_rule("某某市人民政府门户网站") == "title.not.site"
    assert head_rule("分享到：") == "head.widget"
    with switches.off(["footer.icp", "title.not.site", "head.widget"]):
        assert getattr(boilerplate.match_line(icp), "id", None) != "footer.icp"
        assert metadata.not_title_rule("某某市人民政府门户网站") != "title.not.site"
        assert head_rule("分享到：") is None


def test_a_run_without_a_filter_keeps_the_lines_it_drops(tmp_path):
    """Through process_batch, as `run --disable-rule footer.icp` calls it: the clean stage asks too."""
    from pipeline.batch import BatchSettings, process_batch
    from pipeline.ingest import discover

    body = "全市共办理行政复议案件126件，同比增长12%。\n" * 6
    (tmp_path / "a.txt").write_text(
        f"某县司法局召开工作会议\n{body}版权所有：某县司法局 备案号：陇ICP备12345678号\n", encoding="utf-8"
    )
    refs, _ = discover([str(tmp_path)])

    def clean_text(disabled: frozenset[str]) -> str:
        result = process_batch(refs, BatchSettings("run-1", "v1", disabled_rules=disabled, ner_mode="off"))
        return result.tables["documents"].column("clean_text").to_pylist()[0]

    assert "ICP" not in clean_text(frozenset())
    assert "ICP备12345678号" in clean_text(frozenset({"footer.icp", "footer.copyright"}))


_ASKED = re.compile(r"""\bon\(\s*["']([a-z][a-z0-9_.]*)["']\s*\)""")


def _asked_ids() -> dict[str, set[str]]:
    """Rule id → the files under pipeline/ that ask ``on("<id>")``."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "pipeline").rglob("*.py"):
        for rule_id in _ASKED.findall(path.read_text("utf-8")):
            found.setdefault(rule_id, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_id_the_code_asks_about_is_a_listed_switchable_rule():
    """A mistyped id in on("…") would never be off: each one is in the catalogue, in its file."""
    catalog = rules_registry.catalog()
    asked = _asked_ids()
    assert len(asked) > 40
    for rule_id, files in asked.items():
        assert rule_id in catalog, rule_id
        assert catalog[rule_id].switchable and catalog[rule_id].file in files, (rule_id, files)


def test_every_code_veto_and_filter_is_asked_about():
    """Each veto or filter the catalogue lists for a Python file is switched there (by a literal
    on("<id>") or, for the trims named in a variable, by the id written in the file)."""
    asked = _asked_ids()
    for rule in rules_registry.catalog().values():
        if rule.kind not in ("veto", "filter") or not rule.file.endswith(".py"):
            continue
        text = (ROOT / rule.file).read_text("utf-8")
        assert rule.id in asked or (f'"{rule.id}"' in text and "on(rule)" in text), rule.id


def test_a_metadata_veto_switched_off_lets_its_value_through():
    from pipeline.clean import metadata

    lines = [
        "某县开展法治宣传活动",
        "来源：网络 发布时间：2024-03-15",
        "3月14日，某县司法局开展法治宣传活动。",
    ]
    assert metadata.extract(lines, {}, {}).source is None  # 网络 is no publisher (not_sources)
    with switches.off(["source.not.listed"]):
        assert metadata.extract(lines, {}, {}).source == "网络"


def test_a_metadata_producer_switched_off_leaves_the_field_to_the_next_rule():
    from pipeline.clean import metadata

    lines = [
        "某县开展法治宣传活动",
        "来源：某县司法局 发布时间：2024-03-15",
        "3月14日，某县司法局开展法治宣传活动。",
    ]
    md = metadata.extract(lines, {}, {})
    assert (md.source, str(md.publish_date)) == ("某县司法局", "2024-03-15")
    assert rules_registry.catalog()["source.label"].switchable
    with switches.off(["source.label", "date.label"]):
        md = metadata.extract(lines, {}, {})
    assert (md.source, md.publish_date, md.notes) == (None, None, ["meta:title.header: title"])


def test_a_date_rule_switched_off_leaves_the_date_to_the_next_rule():
    from pipeline.clean import metadata

    lines = ["某县开展法治宣传活动", "发布时间：2024-03-15", "3月14日，某县司法局开展法治宣传活动。"]
    hints = {"publish_date": "2024-03-20"}  # what the input file said: the next rule in order
    assert str(metadata.extract(lines, {}, hints).publish_date) == "2024-03-15"
    with switches.off(["date.label"]):
        md = metadata.extract(lines, {}, hints)
    assert (str(md.publish_date), md.notes[-1]) == ("2024-03-20", "meta:date.hint: publish_date")


def test_a_title_rule_switched_off_leaves_the_title_to_the_next_rule():
    from pipeline.clean import metadata

    lines = ["某县开展法治宣传活动", "发布时间：2024-03-15", "3月14日，某县司法局开展法治宣传活动。"]
    hints = {"title": "某县举办宪法宣传周启动仪式 - 某县人民政府"}  # the page's <title> tag
    assert metadata.extract(lines, {}, hints).title == "某县举办宪法宣传周启动仪式"
    with switches.off(["title.hint"]):
        md = metadata.extract(lines, {}, hints)
    assert (md.title, md.notes[0]) == ("某县开展法治宣传活动", "meta:title.header: title")
