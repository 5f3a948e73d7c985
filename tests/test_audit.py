"""Audit report: every mention highlighted once at its offsets, gold marks, escaping, a real click."""

import json
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict

import pandas as pd
import pytest
from conftest import EXAMPLES, ROOT
from selectolax.lexbor import LexborHTMLParser

from pipeline.audit.report import (
    COLORS,
    _highlight,
    _script_json,
    build_report,
    write_report,
)

HOSTILE = (
    "宜昌市召开法治政府建设会议。<script>alert(1)</script>全市培训执法人员800余名。<b>粗体</b><!-- <SCRIPT"
)
# The rules read 中共北镇市委书记 as one title; the model reads 中共北镇市委 (GOV) and 书记 (TITLE) inside it,
# so no character of the whole title lies outside a smaller mention.
NESTED = "中共北镇市委书记王建国出席会议并讲话。会议由北镇市人民政府市长李红主持。"


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    base = tmp_path_factory.mktemp("audit")
    inputs = base / "in"
    shutil.copytree(EXAMPLES, inputs)
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (inputs / "nested.txt").write_text(NESTED, encoding="utf-8")
    out = base / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    gold = base / "gold"
    gold.mkdir()
    (gold / "yichang_notice.json").write_text(
        json.dumps(
            {
                "meta": {},
                "officials": [],
                "regulations": [],
                "places": [
                    {"text": "宜昌", "name": "宜昌市", "level": "city"},
                    {"text": "西陵区", "name": "西陵区", "level": "county"},
                ],
                "indicators": [],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return out, gold


def test_run_writes_a_report_next_to_the_tables(audited):
    out, _ = audited
    assert (out / "report.html").stat().st_size > 1000


def test_a_rerun_with_no_new_documents_still_gets_a_report(audited):
    out, _ = audited
    tree = LexborHTMLParser(build_report(out, doc_ids=[]))
    assert not tree.css("section.doc")
    assert "documents shown" in tree.css_first("#overview").text() and tree.css("mark") == []


def test_report_shows_only_the_chosen_documents(audited):
    out, _ = audited
    docs = pd.read_parquet(out / "documents")
    one = docs["doc_id"].iloc[0]
    sections = LexborHTMLParser(build_report(out, doc_ids=[one])).css("section.doc")
    assert [s.attributes["id"] for s in sections] == [f"doc-{one}"]


def test_every_mention_is_highlighted_exactly_once_at_its_offsets(audited):
    out, _ = audited
    tree = LexborHTMLParser(build_report(out))
    firsts = defaultdict(int)
    for mark in tree.css("mark.m"):
        mid = mark.attributes["data-mid"]
        firsts[mid] += "data-first" in mark.attributes
    mentions = pd.read_parquet(out / "mentions")
    assert set(firsts) == set(mentions["mention_id"])
    assert all(n == 1 for n in firsts.values())
    data = json.loads(tree.css_first("#mentions-data").text())
    for m in mentions.itertuples():
        assert (data[m.mention_id]["start"], data[m.mention_id]["end"]) == (m.start, m.end)
    docs = pd.read_parquet(out / "documents").set_index("doc_id")
    for section in tree.css("section.doc"):  # the highlighted text is the clean text, unchanged
        doc_id = section.attributes["id"][4:]
        assert section.css_first("div.text").text().replace("\n", "") == docs.loc[
            doc_id, "clean_text"
        ].replace("\n", "")


def test_markup_in_a_document_renders_as_text(audited):
    out, _ = audited
    page = build_report(out)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>粗体</b>" not in page and "<!-- <SCRIPT" not in page


@pytest.mark.parametrize(
    "text", ["</script><script>alert(1)</script>", "<!-- <script", "</SCRIPT>", "a & b > c"]
)
def test_embedded_json_cannot_end_its_script(text):
    embedded = _script_json({"m": {"text": text, "row": [text]}})
    assert not re.search(r"<!--|<script|</script", embedded, re.IGNORECASE)
    assert json.loads(embedded) == {"m": {"text": text, "row": [text]}}


def test_highlighting_is_linear_in_text_and_mentions():
    text = "中共北镇市委书记王建国出席会议。\n" * 62_500  # 1 M characters
    spans = [
        (i + a, i + b, f"m{i}-{label}", label, "rule:x", False)
        for i in range(0, len(text), 17)
        for a, b, label in ((0, 8, "TITLE"), (0, 6, "GOV"), (2, 5, "PLACE"))
    ]
    started = time.perf_counter()
    body = _highlight(text, spans, [(0, 3, "places: 中共")])
    seconds = time.perf_counter() - started
    assert LexborHTMLParser(body).text() == text  # every character once, in order
    assert body.count("data-first") == len(spans) == 187_500
    assert seconds < 60, seconds  # the per-piece scan of every span would take hours here


def test_index_lists_every_document_with_its_counts_and_a_link(audited):
    out, _ = audited
    tree = LexborHTMLParser(build_report(out))
    docs = pd.read_parquet(out / "documents")
    links = {a.attributes["href"] for a in tree.css("#index a")}
    assert (
        links
        == {f"#doc-{d}" for d in docs["doc_id"]}
        == {"#doc-" + s.attributes["id"][4:] for s in tree.css("section.doc")}
    )
    head = [th.text() for th in tree.css("#index tr")[0].css("th")]
    indicators = pd.read_parquet(out / "indicators")["doc_id"].value_counts()
    for row in tree.css("#index tr")[1:]:
        doc_id = row.css_first("a").attributes["href"][5:]
        cells = dict(zip(head, (td.text() for td in row.css("td"))))
        assert int(cells["indicators"]) == indicators.get(doc_id, 0)


def test_legend_gives_each_label_its_own_colour(audited):
    out, _ = audited
    tree = LexborHTMLParser(build_report(out))
    boxes = tree.css("#f-label label")
    labels = {
        b.css_first("input").attributes["value"]: b.css_first("span.sw").attributes["style"] for b in boxes
    }
    assert set(labels) == set(pd.read_parquet(out / "mentions")["label"])
    assert len(set(labels.values())) == len(labels)  # GOV and ORG, PLACE and TITLE: all told apart
    assert COLORS["GOV"] != COLORS["ORG"]
    assert len(tree.css("button[data-select]")) == 4  # all / none for labels and for methods


def test_an_indicator_shows_its_metric_value_and_unit(audited):
    out, _ = audited
    tree = LexborHTMLParser(build_report(out))
    data = json.loads(tree.css_first("#mentions-data").text())
    rows = json.loads(tree.css_first("#rows-data").text())
    mentions = pd.read_parquet(out / "mentions").set_index("mention_id")
    for row in pd.read_parquet(out / "indicators").itertuples():
        mid = mentions.index[
            (mentions["doc_id"] == row.doc_id)
            & (mentions["start"] == row.start)
            & (mentions["label"] == "INDICATOR")
        ][0]
        shown = rows[data[mid]["row"]]
        assert (shown["metric"], shown["value"], shown["unit"]) == (row.metric, row.value, row.unit)


def test_an_unchanged_rerun_keeps_the_report(audited, tmp_path):
    from pipeline.flows import _report
    from pipeline.store import write_batch
    from schemas import Quarantine

    out, _ = audited
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    before = (copy / "report.html").read_bytes()
    assert _report(copy, [], "rerun-1") == str((copy / "report.html").resolve())  # nothing written: kept
    assert (copy / "report.html").read_bytes() == before
    row = Quarantine(
        run_id="rerun-2", source_path="in/empty.txt", stage="ingest", reason="empty", detail="0 bytes"
    )
    write_batch(copy, {"quarantine": [row]}, "q-test")  # only a new quarantine row: a report that says so
    _report(copy, [], "rerun-2")
    tree = LexborHTMLParser((copy / "report.html").read_text(encoding="utf-8"))
    assert tree.css_first(".note").text() == "Run rerun-2 wrote no new or changed document."
    assert "in/empty.txt" in tree.css_first("#overview").text() and not tree.css("section.doc")


def test_gold_misses_and_false_positives_are_marked(audited):
    out, gold = audited
    page = build_report(out, gold=gold)
    tree = LexborHTMLParser(page)
    assert "miss · places: 西陵区" in tree.text()
    assert "not found in the clean text: places: 西陵区" in page
    fp_texts = {m.text() for m in tree.css("mark.m.fp")}
    assert "湖北省" in fp_texts  # predicted, not in this gold file


def _covered_mention(mentions: pd.DataFrame):
    """A mention each of whose characters lies inside a smaller mention of its document."""
    for m in mentions.itertuples():
        others = mentions[
            (mentions["doc_id"] == m.doc_id)
            & (mentions["mention_id"] != m.mention_id)
            & (mentions["end"] - mentions["start"] < m.end - m.start)
        ]
        if all(((others["start"] <= i) & (i < others["end"])).any() for i in range(m.start, m.end)):
            return m
    return None


@pytest.fixture
def browser(tmp_path):
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1400,1000",
    ):
        opts.add_argument(flag)
    b = webdriver.Chrome(service=Service(driver), options=opts)
    yield b
    b.quit()


def test_clicks_in_a_real_browser(audited, tmp_path, browser):
    from selenium.webdriver.common.by import By

    out, _ = audited
    report = write_report(out, tmp_path / "report.html")
    mentions = pd.read_parquet(out / "mentions")
    nested = _covered_mention(mentions)
    assert nested is not None, "the NESTED document should give a mention lying entirely under others"
    indicator = mentions[mentions["label"] == "INDICATOR"].iloc[0]
    metric = (
        pd.read_parquet(out / "indicators")
        .set_index(["doc_id", "start"])
        .loc[(indicator.doc_id, indicator.start)]
    )
    browser.get(report.resolve().as_uri())

    def click(css):
        element = browser.find_element(By.CSS_SELECTOR, css)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def detail(key):
        return browser.find_element(By.CSS_SELECTOR, f"#detail dd.d-{key}").text

    click(f"mark[data-mid='{indicator.mention_id}'][data-first]")
    assert (detail("normalized"), detail("metric"), detail("unit")) == (
        indicator.normalized,
        metric.metric,
        metric.unit,
    )
    assert indicator.text in detail("sentence")
    # The nested mention: a click on its first character lists it among the mentions covering it.
    click(f"mark[data-mid='{nested.mention_id}'][data-first]")
    listed = browser.find_elements(By.CSS_SELECTOR, "#here li")
    assert nested.mention_id in [li.get_attribute("data-mid") for li in listed] and len(listed) >= 2
    click(f"#here li[data-mid='{nested.mention_id}']")
    assert (detail("text"), detail("label")) == (nested.text, nested.label)
    browser.execute_script(
        "window.scrollTo(0, document.getElementById(arguments[0]).offsetTop - 40)", f"doc-{nested.doc_id}"
    )
    browser.save_screenshot(str(tmp_path / "nested.png"))
    click("button[data-select='label'][value='0']")  # none: no mark stays lit
    assert not browser.find_elements(By.CSS_SELECTOR, "mark.m:not(.off)")
    click("button[data-select='label'][value='1']")  # all: every mark back
    assert not browser.find_elements(By.CSS_SELECTOR, "mark.m.off")
    click(f"#index a[href='#doc-{nested.doc_id}']")
    assert browser.execute_script("return location.hash") == f"#doc-{nested.doc_id}"
    assert (tmp_path / "nested.png").stat().st_size > 10_000
