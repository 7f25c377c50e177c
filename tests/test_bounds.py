"""Bounded time and memory for hostile inputs, and rule files that are refused, not crashed
on: each hostile input is answered in under the limit below (issue #12). SECURITY.md says
what these tests stand for."""
from __future__ import annotations

import time
from typing import Callable

import pytest

from auditor.read import markup

LIMIT = 5.0  # seconds for any hostile input; the measured times are far below


def timed(work: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


# --- 1. Markdown and HTML stripping is linear -------------------------------------------

HOSTILE_MARKUP = {
    "less-than-signs": "<" * 80_000,
    "less-than-and-space": "< " * 40_000,
    "unclosed-tags": "<a " * 30_000,
    "unclosed-attribute-quotes": '<a b="' * 20_000,
    "unclosed-comments": "<!--" * 20_000,
    "unclosed-cdata": "<![CDATA[" * 10_000,
    "declarations": "<!" * 40_000,
    "processing-instructions": "<?" * 40_000,
    "end-tags": "</" * 40_000,
    "image-openers": "![" * 40_000,
    "link-targets": "](" * 40_000,
    "images-without-end": "![a](" * 20_000,
    "ampersands": "&" * 80_000,
    "scripts-never-closed": "<script>" * 20_000,
}


@pytest.mark.parametrize("strip", [markup.markdown, markup.html], ids=["markdown", "html"])
@pytest.mark.parametrize("name", list(HOSTILE_MARKUP))
def test_markup_stripping_is_linear_on_hostile_input(strip, name):
    text = HOSTILE_MARKUP[name]
    _, small = timed(lambda: strip(text))
    (plain, offsets, _), large = timed(lambda: strip(text * 4))
    assert len(plain) == len(offsets)
    assert small < 1.0 and large < 1.0, f"{name}: {small:.2f} s, then {large:.2f} s at four times the size"


def test_html_stripping_keeps_the_span_map():
    source = '<html><head><title>x</title><script>var a = "<p>9</p>";</script></head>' \
             '<body><p class="a>b">成都实现&amp;外贸<b>6834.7</b>亿元</p><p>a &lt; 5%</p></body></html>'
    plain, offsets, _ = markup.html(source)
    assert plain == "成都实现&外贸6834.7亿元\na < 5%\n"
    for i, char in enumerate(plain):
        if char not in "&<\n":
            assert source[offsets[i]] == char
    assert source[offsets[plain.index("&")]:].startswith("&amp;")


def test_markdown_stripping_keeps_the_span_map():
    source = "# 标题\n\n成都实现**外贸**[进出口](http://x/(1))6834.7亿元 <span>a</span>\n"
    plain, offsets, _ = markup.markdown(source)
    assert "成都实现外贸进出口" in plain and "6834.7亿元" in plain
    assert all(source[o] == c for c, o in zip(plain, offsets))
