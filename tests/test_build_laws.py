"""The build step that makes the national law list (training/build_laws.py), on an invented laws.db."""

import sqlite3

from typer.testing import CliRunner

from training.build_laws import HEADER, short_names
from training.cli import app

ROWS = [
    ("中华人民共和国宪法修正案（2018年）", "修正案", "有效"),  # the date suffix goes
    ("中华人民共和国行政处罚法", "法律", "有效"),
    ("中华人民共和国水法", "法律", "有效"),  # two characters: too bare to match alone
    ("中华人民共和国某某管理法", "法律", "已废止"),  # repealed
    ("全国人民代表大会常务委员会关于修改某法的决定", "法律", "有效"),  # a decision, not a law name
    ("某某管理条例", "行政法规", "有效"),  # not a national law
]


def _db(tmp_path):
    db = tmp_path / "laws.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table laws (law_name text, doc_type text, status text)")
        conn.executemany("insert into laws values (?, ?, ?)", ROWS)
    return db


def test_short_names_keep_current_national_laws_without_the_prefix(tmp_path):
    assert short_names(_db(tmp_path)) == ["宪法修正案", "行政处罚法"]


def test_the_command_writes_the_list_under_its_header(tmp_path):
    out = tmp_path / "national_laws.txt"
    result = CliRunner().invoke(app, ["build-laws", str(_db(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == HEADER + "宪法修正案\n行政处罚法\n"


def test_a_missing_database_is_one_line_and_a_failure(tmp_path):
    result = CliRunner().invoke(app, ["build-laws", str(tmp_path / "nope.db")])
    assert result.exit_code == 1 and "no laws.db" in result.output
