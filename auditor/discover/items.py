"""A stated number of items matches the items listed.

## What it finds
* a count followed by a colon and a list: 强化了"四个抓手"：聚焦…；聚焦…；聚焦…；聚焦…;
* a list directly followed by its count: 成都、德阳、眉山、资阳四市; 文化、中医药、…和语言服务等7个领域.

## Why
A list edited after the count was written ("五项措施" over four items) is easy to miss.

## Passing example
市、区(县)、镇(街道)、村(社区)四级林长.

## Failing example
成都、德阳、眉山、资阳五市.

## Precision
Only counts written right after a list of short names are taken. A list ending in 等
("and others") gives examples, so it is only checked to be no longer than the count. A list
of two, or a count after 共 (A、B和C共7个项目 may count what the groups hold), is a warning.
"""
from __future__ import annotations

import re

from auditor.discover.relation import Relation
from auditor.discover.text import Page
from auditor.extract.patterns import CN_DIGITS
from auditor.model import Figure

MEASURES = ("个", "项", "大", "市", "级", "类", "种", "家", "条", "方面", "批", "所", "支", "座", "位", "名")
COLON = re.compile(r"^[\"“”'」』]?\s*[^。；;：:]{0,12}?[：:]")
MAX_ITEM = 12
NUMERAL = re.compile(f"[{CN_DIGITS}]+")
BEFORE_COUNT = re.compile(r"(?:等|这|共|计|总计|共计)?$")


def find(page: Page) -> list[Relation]:
    found = []
    for figure in page.figures:
        if figure.kind != "count" or figure.unit not in MEASURES or figure.value < 2 or figure.value > 30:
            continue
        relation = _colon_list(page, figure) or _list_before(page, figure)
        if relation is not None:
            found.append(relation)
    return found


def _colon_list(page: Page, figure: Figure) -> Relation | None:
    sentence = page.sentence(figure)
    rest = page.text[figure.span.end:sentence.end]
    match = COLON.match(rest)
    if not match:
        return None
    body = re.split(r"[）)。！？!?]", re.sub(r"\s+", "", rest[match.end():]), maxsplit=1)[0]
    if re.search(r"[；;]", body):
        items = [i for i in re.split(r"[；;]", body) if i]
    else:  # （包括：A、B、C） and 分别是：A、B和C
        items = _names(body)
    if len(items) < 2:
        return None
    return _relation(figure, len(items), _sure(items), sentence.evidence())


def _list_before(page: Page, figure: Figure) -> Relation | None:
    sentence = page.sentence(figure)
    clause = re.split(r"[，,。；;：:！？（(]", re.sub(r"\s+", "", page.text[sentence.start:figure.span.start]))[-1]
    lead = BEFORE_COUNT.search(clause)
    head = clause[:lead.start()] if lead else clause
    if "、" not in head:
        return None
    items = _names(head)
    if len(items) < 2 or any(re.search(r"\d", i) or NUMERAL.fullmatch(i) for i in items) \
            or any(len(i) > MAX_ITEM for i in items[1:]) or len(items[-1]) > max(map(len, items[:-1])) + 1 or items[-1].endswith("的"):
        return None  # items carrying figures, or long phrases, are clauses, not a list of names;
        # a last item longer than every other ran on past the list, and one ending in 的 makes
        # the list a modifier (A、B认捐的8所学校: schools, not the 2 names)
    if lead and "等" in lead.group():  # "A、B、C等20余家": the list gives examples, not all
        return _relation(figure, len(items), "medium", sentence.evidence(), ">=")
    # 央企、国企以及民营企业共7个项目: 共 may total what the listed groups hold, not count them.
    grouped = bool(lead and re.search("[共计]", lead.group()))
    return _relation(figure, len(items), "medium" if grouped else _sure(items), sentence.evidence())


def _sure(items: list[str]) -> str:
    """Two pieces joined by 、 are often no list (附件三、补充23条; 包括某人在内、至少6名): only a
    list of three or more is sure enough to fail the gate."""
    return "high" if len(items) >= 3 else "medium"


def _names(text: str) -> list[str]:
    """The items of "A、B和C": 、 parts them, and 和 (及, 以及) joins only the last two; 与
    stays inside a name (月球与行星科学)."""
    *names, last = text.split("、")
    return [i for i in names + re.split("以及|和|及", last, maxsplit=1) if i]


def _relation(figure: Figure, count: int, confidence: str, evidence: str, op: str = "==") -> Relation:
    printed = "".join(figure.text.split())
    listed = f"列出了{count}项" if op == "==" else f"至少列出了{count}项"
    flipped = {"==": "==", ">=": "<="}[op]
    return Relation("items", (figure,), (f"{count} {flipped} x0",), confidence,  # type: ignore[arg-type]
                    evidence, f"{printed}：{listed}")
