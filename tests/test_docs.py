"""The README stays a user's page: short, the two commands first, no session logs in Markdown."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_is_short_and_opens_with_the_two_commands():
    text = (ROOT / "README.md").read_text("utf-8")
    assert len(text.splitlines()) <= 200
    first_block = re.search(r"```bash\n(.*?)```", text, re.S).group(1).strip().splitlines()
    assert len(first_block) == 2
    assert first_block[0].startswith("python3 -m venv .venv") and "pipeline run examples" in first_block[0]
    assert "pytest" in first_block[1]


def test_markdown_holds_no_session_logs():
    for md in [*ROOT.glob("*.md"), *ROOT.glob("docs/*.md"), *ROOT.glob("training/*.md")]:
        text = md.read_text("utf-8")
        assert not re.search(r"\b[Ss]ession \d+\b", text), md
        assert not re.search(r"\bbranch `\w+`", text), md
