"""The README's quoted output is what the tool prints today: a test, so the two cannot drift."""
from __future__ import annotations

import re

from auditor.cli import main
from tests.conftest import ROOT, SEED, SEED_RULES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_seed_line_the_readme_quotes(in_root, tmp_path, capsys):
    main(["check", "seeds/chengdu-daily-2023-12-14.txt", "--out", str(tmp_path)])
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert f"The first prints `{line}`" in README


def test_the_slipped_seed_lines_the_readme_quotes(tmp_path, capsys):
    article = tmp_path / "slipped.txt"
    article.write_text(SEED.read_text(encoding="utf-8").replace("总人数达6674人", "总人数达6647人"), encoding="utf-8")
    main(["check", str(article), "--rules", str(SEED_RULES), "--format", "text"])
    printed = capsys.readouterr().out.replace(str(tmp_path), "/tmp")
    quoted = [line[2:] for line in README.splitlines() if line.startswith("# /tmp/slipped.txt:") or
              re.match(r"#\s{5,}(建议|或者)", line)]
    assert quoted, "the README quotes the slipped seed's lines"
    for line in quoted:
        assert line.rstrip(" .") in printed, line
