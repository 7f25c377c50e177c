"""Hostile and odd articles: each gives a clean verdict, or exit 2 naming the file; never a
traceback, never a modified article, never a half-written report."""
from __future__ import annotations

import builtins
import os
import html.parser
import json
import tracemalloc
from pathlib import Path

import pytest

from auditor import output
from auditor.cli import main
from tests.conftest import SEED

CLEAN = (0, 1)


def audit(path: Path, capsys, *extra: str) -> tuple[int, dict | None, str]:
    code = main(["check", str(path), "--no-rules", "--format", "json", *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, (json.loads(out)["articles"][0] if code in CLEAN else None), err


def write(tmp_path: Path, data: bytes, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "data"), [
    ("empty", b""),
    ("whitespace", b" \n\t\r\n\xe3\x80\x80\n"),
    ("only-punctuation", "，。；：、".encode() * 100),
], ids=lambda v: v if isinstance(v, str) else "")
def test_nothing_to_check_is_a_clean_empty_verdict(tmp_path, capsys, name, data):
    code, article, _ = audit(write(tmp_path, data), capsys)
    assert code == 0 and article["figures"] == [] and article["findings"] == []


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("binary", bytes(range(256)) * 64, "binary"),
    ("nul-bytes", "林长6674人".encode() + b"\x00\x00" + "合计".encode(), "NUL"),
    ("invalid-utf8", "林长总人数达6674人".encode() + b"\xff\xfe\xfa\xc3" + "其中32人".encode(), "byte 25"),
    ("truncated-utf16", b"\xff\xfe" + "林长6674人".encode("utf-16-le")[:-1], "utf-16"),
], ids=lambda v: v if isinstance(v, str) and v.isascii() and len(v) < 20 else "")
def test_unreadable_bytes_exit_2_naming_the_file(tmp_path, capsys, name, data, reason):
    path = write(tmp_path, data, f"{name}.txt")
    code, _, err = audit(path, capsys)
    assert code == 2 and f"{path}:" in err and reason in err, err


def test_mixed_encodings_give_a_verdict_or_a_named_refusal(tmp_path, capsys):
    data = "林长总人数达6674人，".encode() + "其中市级林长32人。".encode("gbk")
    code, _, err = audit(write(tmp_path, data), capsys)
    assert code in CLEAN or (code == 2 and "a.txt" in err)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # 50 MB, sparse: the size alone must refuse it
        handle.truncate(50_000_000)
    tracemalloc.start()
    try:
        code, _, err = audit(path, capsys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 2 and "huge.txt: file is 50,000,000 bytes; the limit is 2,000,000 (--max-bytes)" in err
    assert peak < 20_000_000


def test_the_size_limit_is_configurable(tmp_path, capsys):
    path = write(tmp_path, "林长总人数达6674人。".encode() * 100)
    assert audit(path, capsys, "--max-bytes", "1KB")[0] == 2
    assert audit(path, capsys, "--max-bytes", "1MB")[0] == 0
    (tmp_path / "auditor.yaml").write_text("max_bytes: 1000\n", encoding="utf-8")
    code, _, err = audit(path, capsys, "--config", str(tmp_path / "auditor.yaml"))
    assert code == 2 and "the limit is 1,000" in err


def test_one_ten_megabyte_line(tmp_path, capsys):
    line = ("今天全市天气晴好，市民纷纷外出散步赏花" * 50 + "林长总人数达6674人，") * 3_520
    path = write(tmp_path, line.encode())
    assert path.stat().st_size > 10_000_000
    code, article, _ = audit(path, capsys, "--max-bytes", "20MB")
    assert code in CLEAN and len(article["figures"]) == 3_520


def test_a_hundred_thousand_figures(tmp_path, capsys):
    text = "".join(f"第{i % 9 + 1}组有{i}人。" for i in range(100_000))  # 2.4 MB: over the default limit
    code, article, _ = audit(write(tmp_path, text.encode()), capsys, "--max-bytes", "5MB")
    assert code in CLEAN
    assert article["coverage"]["quantity_figures"] >= 100_000
    assert "discovery looked at the first" in article["notes"][0]


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def test_markup_in_the_article_is_text_in_the_html_report(tmp_path, capsys):
    hostile = ('<script>alert(1)</script>林长总人数达6674人，其中市级林长32人、县级林长382人、'
               '"><img src=x onerror=alert(2)>镇级林长1990人、村级林长4270人。</textarea><svg onload=alert(3)>')
    path = write(tmp_path, hostile.encode())
    code = main(["check", str(path), "--no-rules", "--format", "html", "--out", str(tmp_path / "out")])
    capsys.readouterr()
    assert code in CLEAN
    parser = _Tags()
    parser.feed((tmp_path / "out" / "a.html").read_text(encoding="utf-8"))
    assert not {"script", "img", "svg", "textarea"} & set(parser.tags)
    assert "onerror" not in parser.attrs and "onload" not in parser.attrs
    text = "".join(parser.data)
    assert "<script>alert(1)</script>" in text and "onerror=alert(2)" in text


def test_invisible_characters_inside_numbers_do_not_split_them(tmp_path, capsys):
    # Not the bidi overrides, which reorder what the reader sees (test_reach.py covers them).
    text = "林长总人数达66\u200b74人，占比7\u20609.2%，共\ufeff32人，增长1\u00ad2.5%。"
    _, article, _ = audit(write(tmp_path, text.encode()), capsys)
    assert [f["number"] for f in article["figures"]] == ["6674", "79.2", "32", "12.5"]
    for figure in article["figures"]:
        assert text[figure["start"]:figure["end"]] == figure["text"]


def test_five_hundred_digit_numbers_keep_every_digit(tmp_path, capsys):
    digits = "9" * 500
    text = f"营业收入{digits}亿元，同比增长{'1' * 500}%。"
    _, article, _ = audit(write(tmp_path, text.encode()), capsys)
    first, second = article["figures"]
    assert first["value"] == digits + "0" * 8 and second["value"] == "1" * 500


def test_tiny_decimals_are_exact(tmp_path, capsys):
    tiny = "0." + "0" * 299 + "3"
    text = f"甲类占比{tiny}%，乙类占比{tiny}%，合计占比0.{'0' * 299}6%。金额1e-300亿元。"
    code, article, _ = audit(write(tmp_path, text.encode()), capsys)
    assert code in CLEAN
    assert article["figures"][0]["value"] == tiny and article["figures"][0]["decimals"] == 300


def test_the_article_is_never_opened_for_writing(tmp_path, capsys, monkeypatch):
    path = write(tmp_path, SEED.read_bytes())
    path.chmod(0o444)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    modes: list[str] = []
    flags: list[int] = []
    real_open, real_os_open = builtins.open, os.open

    def watching_open(file, mode="r", *args, **kwargs):  # noqa: ANN001, ANN202 - open's signature
        if isinstance(file, (str, Path)) and Path(file).resolve() == path.resolve():
            modes.append(mode)
        return real_open(file, mode, *args, **kwargs)

    def watching_os_open(file, flag, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's signature
        if isinstance(file, (str, Path)) and Path(file).resolve() == path.resolve():
            flags.append(flag)
        return real_os_open(file, flag, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watching_open)
    monkeypatch.setattr(os, "open", watching_os_open)
    code = main(["check", str(path), "--no-rules", "--format", "html", "--format", "json",
                 "--out", str(tmp_path / "out")])
    capsys.readouterr()
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    assert code in CLEAN and (modes or flags)
    assert all(set(m) <= {"r", "b", "t"} for m in modes) and not any(f & writing for f in flags)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_an_interrupted_write_leaves_the_old_report_whole(tmp_path, capsys, monkeypatch):
    article = write(tmp_path, SEED.read_bytes())
    out = tmp_path / "out"
    assert main(["check", str(article), "--no-rules", "--format", "json", "--out", str(out)]) in CLEAN
    report = out / "audit.json"
    old = report.read_bytes()

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        main(["check", str(article), "--no-rules", "--no-discover", "--format", "json", "--out", str(out)])
    capsys.readouterr()
    assert report.read_bytes() == old
    assert sorted(p.name for p in out.iterdir()) == ["audit.json"]  # no temporary file left behind


def test_reports_are_byte_identical_across_runs_and_jobs(tmp_path, capsys):
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(3):
        write(articles, SEED.read_bytes().replace(b"6674", str(6674 + i).encode()), f"a{i}.txt")
    seen = []
    for jobs in ("1", "2", "1", "3"):
        out = tmp_path / f"out{len(seen)}"
        main(["check", str(articles), "--no-rules", "--jobs", jobs, "--out", str(out),
              "--format", "json", "--format", "html", "--format", "sarif", "--format", "junit"])
        capsys.readouterr()
        seen.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert all(s == seen[0] for s in seen) and len(seen[0]) >= 4


def test_a_docx_that_unpacks_huge_is_refused_unread(tmp_path, capsys):
    import zipfile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\0" * 30_000_000)  # compresses to ~30 KB
    code, _, err = audit(path, capsys)
    assert code == 2 and "bomb.docx: unpacks to 30,000,000 bytes" in err


def test_a_damaged_docx_is_named(tmp_path, capsys):
    code, _, err = audit(write(tmp_path, b"PK\x03\x04 not really a zip", "broken.docx"), capsys)
    assert code == 2 and "broken.docx: not a readable .docx" in err
