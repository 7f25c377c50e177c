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
("and others") gives examples, so it is only checked to be no longer than the count.
Numbered formulas in quotes ("四个意识"、"四个自信"), lists of quoted slogans, items named by a
numeral (宿连三级航道, 两项补贴) and examples in brackets are left out.

A miscount is a warning, never a gate failure: on 420 real articles from outlets outside the
corpus (benchmarks/gate-probes/), none of the 55 counted lists that failed was a real error;
what a list names (places, qualifiers, dimensions) is often not what the number counts
(围绕增速、结构、效率提出5项指标; 央企、国企以及民营企业共7个项目).
"""
from __future__ import annotations

import re

from auditor.discover.relation import Relation
from auditor.discover.text import Page
from auditor.extract.patterns import CN_DIGITS
from auditor.model import Figure

MEASURES = ("个", "项", "大", "市", "级", "类", "种", "家", "条", "方面", "批", "所", "支", "座", "位", "名")
# The words between a count and its colon hold no other count (项目23项，未达进度2项为：… is 2's list).
COLON = re.compile(r"^[\"“”'」』]?\s*[^。；;：:0-9０-９]{0,12}?[：:]")
MAX_ITEM = 12
NUMERAL = re.compile(f"[{CN_DIGITS}]+")
BEFORE_COUNT = re.compile(r"(?:等|这|共|计|总计|共计)?$")


COUNTED_ITEM = re.compile(r"[0-9０-９]")
JOINED = re.compile(r"(?:以及|及|和|与|與|、)$")
QUOTES_OPEN, QUOTES_CLOSE = "“「『《\"", "”」』》\""
BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)")
# An item naming things by a numeral (宿连三级航道, 两项补贴): the list is of names, not a count's items.
NUMBERED = re.compile(f"[{CN_DIGITS}]+[级个项大类种条]")


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
    elif re.search(r"[，,]", body) and "、" in body:
        # 分别是：A，B，C、D: commas part the items and 、 parts words inside one (权属、侵权纠纷).
        # A comma alone parts clauses (原标题：15个城市上半年GDP：深圳总量第一，厦门增速最快).
        items = [i for i in re.split(r"[，,]", body) if i]
    else:  # （包括：A、B、C） and 分别是：A、B和C
        items = _names(body)
    if len(items) < 2 or any(NUMBERED.search(i) for i in items):
        return None
    if sum(1 for i in items if COUNTED_ITEM.search(i)) >= 2:
        return None  # 泊位27个，其中：万吨级泊位10个，…: items with counts of their own are a sum's parts
    return _relation(figure, len(items), sentence.evidence())


def _quoted(page: Page, figure: Figure) -> bool:
    """Whether the figure sits right after an opening quote or just before a closing one."""
    before = page.text[max(0, figure.span.start - 2):figure.span.start]
    after = page.text[figure.span.end:figure.span.end + 6]
    return any(q in before for q in QUOTES_OPEN) or any(q in after for q in QUOTES_CLOSE)


def _list_before(page: Page, figure: Figure) -> Relation | None:
    if _quoted(page, figure):
        return None  # "四个意识"、"四个自信": a numbered formula is a name, not the count of a list
    sentence = page.sentence(figure)
    text = BRACKETED.sub("", re.sub(r"\s+", "", page.text[sentence.start:figure.span.start]))
    clause = re.split(r"[，,。；;：:！？（(]", text)[-1]
    lead = BEFORE_COUNT.search(clause)
    head = clause[:lead.start()] if lead else clause
    if JOINED.search(head):
        return None  # 县医院、中医院及5个中心卫生院: the count is one more item of the list, not its count
    if "、" not in head or any(q in head for q in QUOTES_OPEN + QUOTES_CLOSE):
        return None  # a list of quoted formulas, or one running back into a quoted slogan
    items = _names(head)
    if len(items) < 2 or any(re.search(r"\d", i) or NUMERAL.fullmatch(i) or NUMBERED.search(i) for i in items) \
            or any(len(i) > MAX_ITEM for i in items[1:]) or len(items[-1]) > max(map(len, items[:-1])) + 1 or items[-1].endswith("的"):
        return None  # items carrying figures, or long phrases, are clauses, not a list of names;
        # a last item longer than every other ran on past the list, and one ending in 的 makes
        # the list a modifier (A、B认捐的8所学校: schools, not the 2 names)
    if lead and "等" in lead.group():  # "A、B、C等20余家": the list gives examples, not all
        return _relation(figure, len(items), sentence.evidence(), ">=")
    return _relation(figure, len(items), sentence.evidence())


def _names(text: str) -> list[str]:
    """The items of "A、B和C": 、 parts them, and 和 (及, 以及) joins only the last two; 与
    stays inside a name (月球与行星科学). So does 和 when the items before share a last
    character that the words before 和 lack and the words after it end with: 汽车制造业、
    食品制造业、燃气生产和供应业 is three industries, 平凉、白银、定西、临夏和兰州 five places."""
    *names, last = text.split("、")
    joined = re.split("以及|和|及", last, maxsplit=1)
    ends = {n[-1] for n in names if n}
    if len(joined) == 2 and len(names) >= 2 and len(ends) == 1 and joined[1].endswith(tuple(ends)) \
            and not joined[0].endswith(tuple(ends)):
        joined = [last]
    return [i for i in names + joined if i]


def _relation(figure: Figure, count: int, evidence: str, op: str = "==") -> Relation:
    printed = "".join(figure.text.split())
    listed = f"列出了{count}项" if op == "==" else f"至少列出了{count}项"
    flipped = {"==": "==", ">=": "<="}[op]
    return Relation("items", (figure,), (f"{count} {flipped} x0",), "medium",
                    evidence, f"{printed}：{listed}")
