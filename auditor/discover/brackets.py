"""Counting what a list names, and where a bracket closes (used by the sum kind).

汕头市和东莞市各6例 lists two places for one count; 广州市15例（荔湾区4例，…）opens a bracket
that holds the count's breakdown. Both are read by form, whatever the list is of.
"""
from __future__ import annotations

import re

from auditor.model import Figure

BRACKET_REACH = 200  # characters a breakdown's bracket may hold
EACH = re.compile(r"(?P<names>[^，,。；;：:（）()]+?)(?:分别|分別)?各(?:有|为|為|是|达|達)?\s*$")
NAME_END_JOIN = re.compile(r"(?<=[市区區县縣省镇鎮乡鄉州国國村岛島旗盟街院校所队隊组組站厂廠园園场場])(?:和|及|与|與|以及)")
JOIN = re.compile(r"(?<=.)(?:和|及|与|與)")  # a join inside a name, not one opening it (和平区)
LAST_JOIN = re.compile(r"([\u4e00-\u9fff]{2,})(?<!以)(?:和|及|与|與)([\u4e00-\u9fff]{2,})")
LIST_OPENER = re.compile(r"^(?:其中|当中|當中|包括|另有|另)")
CLAUSE = re.compile(r"[，,。；;：:]")
DIGIT = re.compile(r"[0-9０-９]")


def each(text: str, parts: list[Figure]) -> list[Figure]:
    """汕头市和东莞市各6例: a figure after 各 (each) counts once for every name listed before it
    in its clause, so it is a part that many times. [] when the names cannot be counted."""
    out: list[Figure] = []
    for part in parts:
        clause = CLAUSE.split(text[max(0, part.span.start - 40):part.span.start])[-1]
        match = EACH.search(clause)
        listed = names(LIST_OPENER.sub("", match.group("names"))) if match else [""]
        # The names since the last figure (潮安区15例、湘桥区和枫溪区各1例: two, not three).
        own = listed[max((i + 1 for i, name in enumerate(listed) if DIGIT.search(name)), default=0):]
        if any(JOIN.search(name) for name in own):
            return []  # 甲公司和乙公司各1例: a join not after a name's end; how many names is unsure
        out += [part] * max(len(own), 1)
    return out


def names(text: str) -> list[str]:
    """The names of "甲市、乙区和丙县": 、 parts them; 和, 及 and 与 part two only after a name's
    last character (市, 区, 县 …), so 和平区 and 埃及 stay whole. Counting a name too few
    leaves a list unread; counting one too many would make a sum fail."""
    found: list[str] = []
    pieces = text.split("、")
    for at, piece in enumerate(pieces):
        named = [n for n in NAME_END_JOIN.split(piece) if n]
        last = LAST_JOIN.fullmatch(piece) if len(pieces) > 1 and at == len(pieces) - 1 else None
        # 辽宁、江苏、云南及新疆: a list of 、 closes with 及 or 和 before its last name, whatever
        # the names end with (云南 and 新疆 are no 市 or 省), when both sides are whole words.
        found += [last.group(1), last.group(2)] if last and len(named) == 1 else named
    return found or [""]


def closing(text: str, start: int) -> int:
    """Where the bracket opened just before `start` closes (nested brackets skipped), or -1."""
    depth = 1
    for at in range(start, min(len(text), start + BRACKET_REACH)):
        depth += text[at] in "(（"
        depth -= text[at] in ")）"
        if depth == 0:
            return at
    return -1
