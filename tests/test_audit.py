"""Audit report: every mention highlighted once at its offsets, gold marks, escaping, a real click."""

import json
import shutil
import subprocess
import sys
from collections import defaultdict

import pandas as pd
import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import EXAMPLES, ROOT
from pipeline.audit.report import build_report, write_report

HOSTILE = "宜昌市召开法治政府建设会议。<script>alert(1)</script>全市培训执法人员800余名。<b>粗体</b>"


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    base = tmp_path_factory.mktemp("audit")
    inputs = base / "in"
    shutil.copytree(EXAMPLES, inputs)
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = base / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    gold = base / "gold"
    gold.mkdir()
    (gold / "yichang_notice.json").write_text(json.dumps({
        "meta": {}, "officials": [], "regulations": [],
        "places": [{"text": "宜昌", "name": "宜昌市", "level": "city"}, {"text": "西陵区", "name": "西陵区", "level": "county"}],
        "indicators": []}, ensure_ascii=False), encoding="utf-8")
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
        assert section.css_first("div.text").text().replace("\n", "") == docs.loc[doc_id, "clean_text"].replace("\n", "")


def test_markup_in_a_document_renders_as_text(audited):
    out, _ = audited
    page = build_report(out)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>粗体</b>" not in page


def test_gold_misses_and_false_positives_are_marked(audited):
    out, gold = audited
    page = build_report(out, gold=gold)
    tree = LexborHTMLParser(page)
    assert "miss · places: 西陵区" in tree.text()
    assert "not found in the clean text: places: 西陵区" in page
    fp_texts = {m.text() for m in tree.css("mark.m.fp")}
    assert "湖北省" in fp_texts  # predicted, not in this gold file


def test_click_shows_the_normalized_value_in_a_real_browser(audited, tmp_path):
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    out, _ = audited
    report = write_report(out, tmp_path / "report.html")
    mentions = pd.read_parquet(out / "mentions")
    target = mentions[mentions["label"] == "INDICATOR"].iloc[0]
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1000"):
        opts.add_argument(flag)
    browser = webdriver.Chrome(service=Service(driver), options=opts)
    try:
        browser.get(report.resolve().as_uri())
        mark = browser.find_element(By.CSS_SELECTOR, f"mark[data-mid='{target.mention_id}'][data-first]")
        browser.execute_script("arguments[0].scrollIntoView()", mark)
        mark.click()
        shown = browser.find_element(By.CSS_SELECTOR, "#detail dd.d-normalized").text
        browser.save_screenshot(str(tmp_path / "clicked.png"))
    finally:
        browser.quit()
    assert shown == target.normalized
    assert (tmp_path / "clicked.png").stat().st_size > 0
