"""The corpus split, fixed before discovery was redesigned (issue #11).

Passages are numbered 01–65 in ../shared/corpus. Discovery is developed on DEV: it may be
read, debugged and tuned against. HELD_OUT is only ever scored: nobody reads its passages or
its per-relation misses while changing discovery, so its figures estimate what a user can
expect on an article nobody has seen. HELD_OUT takes every other passage of 36–65 (the
passages from outlets the first discovery never saw), so each outlet there has passages on
both sides.

Sets annotated later from other outlets have a split of their own: benchmarks/fresh-sources.md
names the sets never tuned on (AB, AC, AE, AK, AL, AM, AN, AO, AR, AT, AV, AW, AY, BA, and later
CA, CB, CC, GD, HD, HE, HF, HI, HJ, HM, HN, and later ID, IE, IF, IH, JD, JE, JF, LA, LB, LC, LD, and later MC, MG, MH), which are only
scored, like HELD_OUT.
"""
from __future__ import annotations

HELD_OUT: frozenset[int] = frozenset(range(36, 66, 2))  # 36, 38, …, 64
DEV: frozenset[int] = frozenset(range(1, 66)) - HELD_OUT


def number(filename: str) -> int:
    """The passage number a corpus file name starts with (`37-sports-…txt` -> 37)."""
    return int(filename.split("-", 1)[0])


def part_of(filename: str) -> str:
    return "held-out" if number(filename) in HELD_OUT else "dev"
