"""A table's rows, and tables printed one cell per line rebuilt into rows.

A page copied from a PDF or a web table often prints each cell on a line of its own, row
after row: a label line, then that row's figures, one per line, then the next label:

    航线
    今年上半年
    去年上半年
    变动幅度
    太平洋航线
    640,131
    637,226
    0.5%
    欧地线
    722,023
    …
    合计
    3,897,282

The form itself says where the rows are: labels each followed by the same number of
figure lines. Three or more such rows make a table; the label lines right before the first
row, as many as its cells, are its column headers. Nothing here depends on the words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from auditor.discover.scope import NOT_LEVELS
from auditor.discover.text import Page, as_read, compact
from auditor.extract.figures import SCALES
from auditor.extract.patterns import UNITS
from auditor.model import Figure

MIN_ROWS = 3
MIN_CELLS = 3  # numbers in a row of a table run together into one line (see flattened)
SIGNED_GAP = re.compile(r"[ \t\u3000]+([-−－])?")
SPACES = re.compile(r"[ \t\u3000]+")
MARK = re.compile(r"\d{1,2}[.、．](?!\d)")  # 1.外出农民工: the number of an item, no cell
DASH: tuple[str, None] = ("-", None)  # an empty cell printed as a dash
DASHES = frozenset({"-", "—", "–", "－", "/", "…"})
OTHER: tuple[str, None] = ("\n", None)  # a line that is neither a label nor one figure
PIPES = "|│｜┃"
RATE_UNITS = ("%", "％", "‰", "百分点", "个百分点")
ITEM = re.compile(rf"^(?:{MARK.pattern}|[（(]\d{{1,2}}[)）])")  # 1.外国人, (2)港澳同胞: a numbered row label
TRADITIONAL_SCALE = str.maketrans("萬億", "万亿")
MONEY = ("元", "美元", "港元", "澳门元", "新台币", "人民币")
RATE_HEAD = re.compile(r"[%％]|率|增速|增幅|降幅|增减|增減|比")
SCALE = re.compile(r"^(?:百万|千万|万亿|万|亿|千|百萬|千萬|萬億|萬|億)")
BODY = 4  # tokens before a line that say it is among a table's cells
ENGLISH = re.compile(r"[A-Za-z][A-Za-z0-9 .,:;'&()/\-]*")  # a label's translation in a bilingual yearbook
MAX_LABEL = 24  # characters of a row label or a column header printed on a line of its own (归属于本行股东扣除非经常性损益的净利润)


@dataclass(frozen=True)
class Line:
    """One row of a table: its words before the first figure, and its cells by column."""

    label: str
    cells: tuple[Figure | None, ...]
    texts: tuple[str, ...]
    groups: tuple[tuple[Figure, ...], ...] = ()  # every figure of each cell


DATE_UNITS = frozenset({"年", "月", "日"})


def number(figure: Figure) -> bool:
    """A count or amount; in a cell, a bare four-digit number that only looks like a year
    (1900) is a count too. A Taiwan year (110年) or a month beginning a row is its label."""
    if figure.kind == "date":
        return figure.text.strip().isdigit()
    return not figure.chinese and not figure.qualifier and figure.unit not in NOT_LEVELS and \
        figure.unit not in DATE_UNITS and figure.kind in ("count", "amount", "quantity")


def stacked(page: Page) -> list[list[Line]]:
    """The tables of a page printed one cell per line."""
    tokens = _tokens(page)
    found = []
    i = 0
    while i < len(tokens):
        rows, end = _rows(tokens, i)
        if sum(1 for row in rows if row[1]) >= MIN_ROWS:
            header = _header(tokens, i, len(rows[0][1]))
            rates = _rate_columns(rows, header[0].texts[1:] if header else ())
            found.append(header + [_line(label, _scaled(cells, unit, rates), unit in RATE_UNITS)
                                   for label, cells, unit in rows])
            i = end
        else:
            i += 1
    return found


def paned(page: Page) -> list[list[Line]]:
    """Tables of a label and one figure a row, printed one cell per line, perhaps side by side
    in panes (a budget's 收支平衡表: 收入 | 执行数 | 支出 | 执行数, then 总计 | 795243 | 总计 |
    795243 | 一、本级收入 | 141461 | 一、本级支出 | 729850 …). The header says how many panes:
    its value columns repeat one heading (执行数, 执行数). Pair after pair goes to pane after
    pane, an empty pair (||) keeping its place; each pane is a table of its own."""
    tokens = _tokens(page)
    found: list[list[Line]] = []
    i = 0
    while i < len(tokens):
        pairs, end = _pairs(tokens, i)
        panes = _pane_count(tokens, i)
        if sum(1 for pair in pairs if pair) >= MIN_ROWS * panes:
            tables = [[_line(*pair) for pair in pairs[k::panes] if pair] for k in range(panes)]
            found += [table for table in tables if len(table) >= MIN_ROWS]
            i = end
        else:
            i += 1
    return found


def _pairs(tokens: list[tuple[str, Figure | None]], at: int) -> tuple[list[tuple[str, list[Figure | None]] | None], int]:
    """The run of (label, one figure) pairs from a label token; a dash alone (||) is an empty
    pair, None. The run ends where a label has no figure after it, or two figures follow."""
    pairs: list[tuple[str, list[Figure | None]] | None] = []
    i = at
    while i < len(tokens):
        if tokens[i] is DASH:
            pairs.append(None)
            i += 1
            continue
        if not (_is_label(tokens[i]) and i + 1 < len(tokens) and tokens[i + 1][1] is not None
                and (i + 2 == len(tokens) or tokens[i + 2][1] is None)):
            break
        pairs.append((tokens[i][0], [tokens[i + 1][1]]))
        i += 2
    while pairs and pairs[-1] is None:
        pairs.pop()
    return pairs, i


def _pane_count(tokens: list[tuple[str, Figure | None]], at: int, most: int = 4) -> int:
    """How many panes the header right before `at` heads: P pairs of labels whose value
    headings are one word (收入 | 执行数 | 支出 | 执行数 is two); one when none repeats."""
    heads: list[str] = []
    i = at - 1
    while i >= 0 and _is_label(tokens[i]) and len(heads) < 2 * most:
        heads.insert(0, tokens[i][0])
        i -= 1
    for panes in range(most, 1, -1):
        values = heads[-2 * panes + 1::2] if len(heads) >= 2 * panes else []
        if values and len(set(values)) == 1:
            return panes
    return 1


def flattened(page: Page) -> list[list[Line]]:
    """Tables whose lines were run together into one (a web table pasted as text): 农民工总量
    24223 25278 26261 1.外出农民工 15335 15863 16336 (1)住户中外出农民工 12264 12584 12961 …:
    labels each followed by the same number (MIN_CELLS or more) of numbers parted by spaces
    alone. Three or more such rows in a row make a table; a row's 1. or (1) numbers the row."""
    runs = _space_runs(page)
    found, table = [], []
    for (label, cells), nxt in zip(runs, runs[1:] + [("", [])]):
        table.append(_line(label, cells))
        if not nxt[1] or len(nxt[1]) != len(cells) or not nxt[0]:
            if len(table) >= MIN_ROWS:
                found.append(table)
            table = []
    return found


def minus(figure: Figure) -> Figure:
    """The figure with a minus sign printed before it, which the extractor left out."""
    return replace(figure, number="-" + figure.number, value=-figure.value, text="-" + figure.text)


def _rate(figure: Figure) -> bool:
    return figure.unit in ("%", "％") and figure.kind == "percent" and not figure.qualifier


def _space_runs(page: Page) -> list[tuple[str, list[Figure]]]:
    """(label, numbers) for each run of MIN_CELLS or more numbers parted by spaces alone, the
    label being the short words right before the run (none when they are too long or part
    the run from the one before with more than words)."""
    figures = [f for f in page.figures if (number(f) or _rate(f)) and not MARK.match(page.text, f.span.start)
               and not (f.span.start and page.text[f.span.start - 1] in "(（")]
    runs: list[tuple[str, list[Figure]]] = []
    run: list[Figure] = []
    for f in figures + [None]:  # type: ignore[list-item]
        # Rates may end a row of levels (台北市 1,604 2,331 2,128 -8.7% 32.7%), never start one.
        gap = page.text[run[-1].span.end:f.span.start] if f is not None and run else ""
        if f is not None and run and number(f) and not any(_rate(g) for g in run) and SPACES.fullmatch(gap):
            run.append(f)
            continue
        # …2,128 -8.7% 32.7%: the extractor reads a dash after a number and a space as a range's;
        # before a rate ending a row of levels it is the rate's minus.
        if f is not None and run and _rate(f) and sum(1 for g in run if number(g)) >= MIN_CELLS \
                and (signed := SIGNED_GAP.fullmatch(gap)) is not None:
            run.append(minus(f) if signed.group(1) else f)
            continue
        if f is not None and not number(f):
            f = None  # a rate alone starts no run
        if len(run) >= MIN_CELLS:
            start = run[0].span.start
            words = page.text[max(page.lo, start - MAX_LABEL * 2):start]
            label = compact(re.split(r"[\d，,。；;：:\n]", words.rstrip())[-1]).lstrip(").．、）")
            runs.append((label if 0 < len(label) <= MAX_LABEL else "", run))
        run = [f] if f is not None else []
    return runs


def _tokens(page: Page) -> list[tuple[str, Figure | None]]:
    """The page's line tokens (_read_tokens), read once for the stacked and paned tables."""
    return page.kept("rows.tokens", lambda: _read_tokens(page))


def _read_tokens(page: Page) -> list[tuple[str, Figure | None]]:
    """Each non-blank line of the page: (label, None) for a short line of words, ("", figure)
    for a line that is one figure and nothing else, OTHER for anything else."""
    tokens: list[tuple[str, Figure | None]] = []
    start = page.lo
    closed = False  # whether the line before ended with its cell's pipe
    translating = False  # whether the line before was an English translation of a label
    while start < page.end:
        end = page.text.find("\n", start, page.end)
        end = page.end if end == -1 else end
        # A pipe left at the end of each cell (营业收入 |, 187,584 |) when a web table is
        # copied one cell per line is no part of the cell.
        raw = compact(page.text[start:end])
        words = raw.strip(PIPES)
        if not words and raw and closed:
            tokens.append(DASH)  # 113 |⏎|⏎580 |: a pipe alone after a closed cell is an empty cell
        # A pipe alone after an unclosed cell (1117⏎|) closes it, broken onto a line of its own: no token.
        closed = raw.endswith(tuple(PIPES))
        if words:
            inside = page.figures_between(start, end)
            if words in DASHES:
                tokens.append(DASH)  # a cell left empty: - or — in a yearbook's column
                start = end + 1
                continue
            if ITEM.match(words) and len(inside) == 1 and not ITEM.sub("", words).startswith(as_read(inside[0])):
                inside = []  # the 1 of 1.外国人 numbers the row
            in_row = any(t[1] is not None or t is DASH for t in tokens[-BODY:])
            if len(inside) == 1 and as_read(inside[0]) == words and inside[0].kind == "date" \
                    and not (in_row and words.isdigit()):
                # 2019年 on a line of its own heads a column; a bare 2014 among the table's
                # cells (… 1387 | 2014 | 1747 …, 甲类 | 2000 | …) is a count that looks like a year.
                tokens.append((words, None))
            elif len(inside) == 1 and as_read(inside[0]) == words:
                tokens.append(("", inside[0]))
            elif not inside and ENGLISH.fullmatch(words) and tokens and _is_label(tokens[-1]) \
                    and (translating or not ENGLISH.fullmatch(tokens[-1][0])):
                # 寿险⏎Life Insurance⏎3062.64 (or New Business⏎Premium over two lines): a bilingual
                # yearbook's translation of the label above it, no label of its own, however long.
                translating = True
                start = end + 1
                continue
            elif all(f.chinese for f in inside) and len(words) <= MAX_LABEL and not any(c.isdigit() for c in ITEM.sub("", words)):
                # 五大产业合计, 第一产业: a numeral in words names the row, it is no cell
                tokens.append((words, None))
            else:
                tokens.append(OTHER)
        translating = False
        start = end + 1
    return tokens


def _rows(tokens: list[tuple[str, Figure | None]], at: int) -> tuple[list[tuple[str, list[Figure], str]], int]:
    """The rows starting at a label token: each a label and the same number (two or more) of
    figure lines after it."""
    rows: list[tuple[str, list[Figure | None], str]] = []
    i = at
    while i < len(tokens) and _is_label(tokens[i]):
        # 按性别分: between rows, a sub-heading with no cells of its own is kept as a row
        # without figures: it parts a total's breakdowns (by 农业, then by 性别), as a
        # heading row does in a table printed with its rows on one line.
        if rows and i + 2 < len(tokens) and _is_label(tokens[i + 1]) and not _is_unit(tokens[i + 1]) \
                and tokens[i + 2][1] is not None:
            rows.append((tokens[i][0], [], ""))
            i += 1
            continue
        empty = next((k for k in range(i + 1, len(tokens)) if tokens[k] is not DASH), len(tokens))
        if rows and empty > i + 1 and empty < len(tokens) and _is_label(tokens[empty]):
            rows.append((tokens[i][0], [], ""))  # 按城乡分: |⏎|⏎|: a heading over empty cells
            i = empty
            continue
        cells: list[Figure | None] = []
        j = i + 1
        unit = ""
        if j + 1 < len(tokens) and _is_unit(tokens[j]) and tokens[j + 1][1] is not None:
            unit = tokens[j][0]  # 旅游业收入 | 亿元 | 210.23 | 227.44: a unit column
            j += 1
        while j < len(tokens) and (tokens[j][1] is not None or tokens[j] is DASH):
            cells.append(tokens[j][1])
            j += 1
        if rows and len(cells) == len(rows[0][1]) + 1 and cells[-1] is None:
            cells.pop()  # the pipe alone that closes the table's last row
        if sum(c is not None for c in cells) < 2 or (rows and len(cells) != len(rows[0][1])):
            if rows and not rows[-1][1]:
                rows.pop()  # a heading over no rows heads what follows the table
                i -= 1
            break
        # 客房开房率 | % | 48.64 | 49.00 | 0.4: a row of rates, whose change is in points: no
        # levels for the table's columns of changes and sums.
        rows.append((tokens[i][0], cells, unit))  # type: ignore[arg-type]
        i = j
    return rows, i


def _rate_columns(rows: list[tuple[str, list[Figure | None], str]], heads: tuple[str, ...]) -> list[bool]:
    """Which columns hold rates: headed so (增长%), or, with no header, signed (-6.8) or all
    printed with decimals."""
    width = max(len(cells) for _, cells, _ in rows)
    columns = [[cells[j] for _, cells, _ in rows if j < len(cells) and cells[j] is not None] for j in range(width)]
    if heads:
        return [j < len(heads) and RATE_HEAD.search(heads[j]) is not None for j in range(width)]
    return [bool(column) and (any(c.value < 0 for c in column) or all(c.decimals for c in column)) for column in columns]


def _scaled(cells: list[Figure | None], unit: str, rates: list[bool]) -> list[Figure | None]:
    """A row's cells in the unit its unit column gives (资源税 | 万元 | 2054 | 2202 | -6.8): amounts
    in 万 or 亿, each rounded to its last digit, not exact counts; a column of rates keeps its cells."""
    scale = SCALE.match(unit)
    base = SCALE.sub("", unit)
    if scale is None or base not in MONEY:
        return cells
    factor = SCALES[scale.group().translate(TRADITIONAL_SCALE)]
    return [c if c is None or c.unit or c.scale != 1 or (j < len(rates) and rates[j])
            else replace(c, scale=factor, value=c.value * factor, unit=base, kind="amount")
            for j, c in enumerate(cells)]


def _is_unit(token: tuple[str, Figure | None]) -> bool:
    """A unit cell (亿元, 人次, 万美元, %) printed on a line of its own after the row label: a
    unit the figures are read in, perhaps after a multiplier."""
    return _is_label(token) and SCALE.sub("", token[0]) in UNITS


def _is_label(token: tuple[str, Figure | None]) -> bool:
    return token[1] is None and token != OTHER and token is not DASH


def _header(tokens: list[tuple[str, Figure | None]], at: int, width: int) -> list[Line]:
    """The column headers: the label lines right before the first row, one per cell (and a
    corner one over the row labels, if printed)."""
    labels: list[str] = []
    i = at - 1
    while i >= 0 and _is_label(tokens[i]) and len(labels) < width + 1:
        labels.insert(0, tokens[i][0])
        i -= 1
    if len(labels) < width:
        return []
    heads = labels[-width:]
    return [Line("", (None,) * (width + 1), ("", *heads), ((),) * (width + 1))]


def _line(label: str, cells: list[Figure | None], rates: bool = False) -> Line:
    return Line(label, (None, *(f if f is not None and number(f) and not rates else None for f in cells)),
                (label, *(as_read(f) if f is not None else "-" for f in cells)),
                ((), *((f,) if f is not None else () for f in cells)))
