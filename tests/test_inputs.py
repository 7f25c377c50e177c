"""Inputs: GBK, Big5, .docx, .md and .html copies of the seed give the findings of the .txt,
with spans that point into each original file."""
from __future__ import annotations

import html
import json
from pathlib import Path

import docx
import pytest

from auditor.cli import main
from auditor.read import read_article
from auditor.read.normalize import TABLE
from tests.conftest import SEED, SEED_RULES

SEED_TEXT = SEED.read_text(encoding="utf-8")
TO_TRADITIONAL = {v: chr(k) for k, v in TABLE.items() if v != "元"}  # 圓 and 元 both read 元


def findings(path: Path, capsys) -> tuple[list, dict]:
    main(["check", str(path), "--rules", str(SEED_RULES), "--format", "json"])
    article = json.loads(capsys.readouterr().out)["articles"][0]
    digest = sorted((f["id"], f["status"], tuple("".join(g["text"].split()) for g in f["figures"]))
                    for f in article["findings"])
    return digest, article


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_encodings(tmp_path, capsys, encoding):
    text = SEED_TEXT.encode(encoding, errors="replace").decode(encoding)  # • is not in GBK
    plain, _ = findings(write(tmp_path, "a.txt", text.encode("utf-8")), capsys)
    encoded, _ = findings(write(tmp_path, "b.txt", text.encode(encoding)), capsys)
    assert encoded == plain and len(plain) == 34


def test_big5_traditional_copy(tmp_path, capsys):
    traditional = "".join(TO_TRADITIONAL.get(ch, ch) for ch in SEED_TEXT)
    readable = traditional.encode("big5", errors="replace").decode("big5")
    plain, _ = findings(write(tmp_path, "a.txt", readable.encode("utf-8")), capsys)
    big5, _ = findings(write(tmp_path, "b.txt", readable.encode("big5")), capsys)
    # Simplified characters outside Big5 become "?" in both copies, so some selectors no longer
    # bind (and a "?" ends a sentence: 去年 no longer names the year of 3489家 … 日均约10家);
    # what matters is that the Big5 bytes read exactly like the text they encode.
    assert big5 == plain and sum(1 for _, status, _ in plain if status == "holds") >= 19


def test_traditional_characters_extract_like_simplified(tmp_path, capsys):
    traditional = "".join(TO_TRADITIONAL.get(ch, ch) for ch in SEED_TEXT)
    simplified, _ = findings(SEED, capsys)
    converted, article = findings(write(tmp_path, "t.txt", traditional.encode("utf-8")), capsys)
    assert [(i, s) for i, s, _ in converted] == [(i, s) for i, s, _ in simplified]
    assert any("萬" in f["text"] or "億" in f["text"] for f in article["figures"])


def test_docx_copy(tmp_path, capsys):
    document = docx.Document()
    for line in SEED_TEXT.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "seed.docx"
    document.save(path)
    assert findings(path, capsys)[0] == findings(SEED, capsys)[0]


def test_markdown_copy_maps_spans_into_the_file(tmp_path, capsys):
    marked = SEED_TEXT.replace("6834.7亿元", "**6834.7亿元**", 1).replace("成都市已有林长6674人", "## 成都市已有林长6674人")
    source = "---\ntitle: 成都日报\nauditor: {note: 测试}\n---\n" + marked
    path = write(tmp_path, "seed.md", source.encode("utf-8"))
    digest, article = findings(path, capsys)
    assert digest == findings(SEED, capsys)[0]
    for figure in article["figures"]:
        assert source[figure["start"]:figure["end"]] == figure["text"]
    assert read_article(path).metadata["title"] == "成都日报"


def test_html_copy_drops_markup_and_maps_spans(tmp_path, capsys):
    source = ("<!DOCTYPE html><html><head><title></title><style>p{color:red}</style>"
              "<script>var total = 6647;</script></head><body><pre>" + html.escape(SEED_TEXT, quote=False)
              + "</pre></body></html>")
    path = write(tmp_path, "seed.html", source.encode("utf-8"))
    digest, article = findings(path, capsys)
    assert digest == findings(SEED, capsys)[0]
    for figure in article["figures"]:
        assert html.unescape(source[figure["start"]:figure["end"]]) == figure["text"]
    assert "6647" not in read_article(path).text


def test_pinyin_glosses_are_read_past_and_spans_still_point_into_the_file(tmp_path):
    """Mirror sites print pinyin after characters (點(diǎn)): read as markup, so 四十九點九 is
    one figure, and its span in the file covers the gloss it was printed with."""
    source = "首四月收入一百二十億元，比去年同期八十億元，增長了百分之四十九點(diǎn)九。結(jié)余(yú)高。\n"
    path = write(tmp_path, "glossed.txt", source.encode("utf-8"))
    article = read_article(path)
    assert "(diǎn)" not in article.text and "結余高" in article.text
    start = article.text.index("百分之")
    begin, end = article.source_span(start, start + len("百分之四十九點九"))
    assert source[begin:end] == "百分之四十九點(diǎn)九"
    plain = write(tmp_path, "plain.txt", "A股(600036)上涨(10%)。\n".encode("utf-8"))
    assert read_article(plain).text == "A股(600036)上涨(10%)。\n"  # brackets without a tone mark stay


def test_undecodable_file_names_itself(tmp_path, capsys):
    path = write(tmp_path, "odd.txt", bytes(range(0x80, 0x100)) * 4)
    assert main(["check", str(path), "--no-rules"]) == 2
    assert "odd.txt" in capsys.readouterr().err


def test_pinyin_readings_are_blank_to_the_patterns_and_spans_stay():
    from auditor.read.normalize import simplified

    printed = "动车组共发(fā)送旅客1249.4万(wàn)人次，比(bǐ)去年(2023年)多，(an) 12"
    read = simplified(printed)
    assert len(read) == len(printed)
    assert "发    送" in read and "万     人次" in read and "比    去年" in read
    assert "去年(2023年)" in read and "，(an) 12" in read  # only pinyin, only after a character
