"""Closed intervals over exact rationals, with optional infinite ends.

An n-th root (compound growth over n years) is rarely rational: `root` encloses it between
two rationals 2**-ROOT_BITS apart, outward for intervals, so a check can only err toward
"holds"; a root that is rational (8/27 → 2/3) is exact.

Bounds are exact rationals (`Q`), or ±`math.inf` for the one-sided soft readings of 超 and 不足.
The only floats that ever appear are those two infinities; the helpers below keep
0 × ∞ and 1 / ∞ from turning into NaN or a float zero.
"""
from __future__ import annotations

import math
from typing import Union

import gmpy2

from auditor.evaluate.rational import ONE, ZERO, Q

Bound = Union[Q, float]  # float only for ±inf
ROOT_BITS = 128


class DomainError(ArithmeticError):
    """An even root of a negative number (or any root: growth rates compound positive levels)."""


def infinite(x: Bound) -> bool:
    """Whether a bound is ±inf. Only floats can be: math.isinf on a rational converts it to
    a float first, which overflows for a figure of 320 digits."""
    return isinstance(x, float) and math.isinf(x)


def _mul(a: Bound, b: Bound) -> Bound:
    if a == 0 or b == 0:
        return ZERO
    return a * b


def _inv(a: Bound) -> Bound:
    return ZERO if infinite(a) else 1 / a


class Interval:
    """[lo, hi] with exact arithmetic; natural interval extension of + − × ÷ and powers."""

    __slots__ = ("lo", "hi")

    def __init__(self, lo: Bound, hi: Bound) -> None:
        self.lo = lo
        self.hi = hi

    @classmethod
    def point(cls, x: Q) -> Interval:
        return cls(x, x)

    def __repr__(self) -> str:
        return f"Interval({self.lo}, {self.hi})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Interval) and (self.lo, self.hi) == (other.lo, other.hi)

    def __hash__(self) -> int:
        return hash((self.lo, self.hi))

    @staticmethod
    def lift(x: Interval | Q | int) -> Interval:
        return x if isinstance(x, Interval) else Interval(Q(x), Q(x))

    def __add__(self, other: Interval | Q | int) -> Interval:
        o = Interval.lift(other)
        return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __pos__(self) -> Interval:
        return self

    def __sub__(self, other: Interval | Q | int) -> Interval:
        return self + (-Interval.lift(other))

    def __rsub__(self, other: Interval | Q | int) -> Interval:
        return Interval.lift(other) - self

    def __mul__(self, other: Interval | Q | int) -> Interval:
        o = Interval.lift(other)
        products = (_mul(self.lo, o.lo), _mul(self.lo, o.hi), _mul(self.hi, o.lo), _mul(self.hi, o.hi))
        return Interval(min(products), max(products))

    __rmul__ = __mul__

    def contains_zero(self) -> bool:
        return self.lo <= 0 <= self.hi

    def reciprocal(self) -> Interval:
        if self.contains_zero():
            raise ZeroDivisionError("division by an interval that contains zero")
        return Interval(_inv(self.hi), _inv(self.lo))

    def __truediv__(self, other: Interval | Q | int) -> Interval:
        return self * Interval.lift(other).reciprocal()

    def __rtruediv__(self, other: Interval | Q | int) -> Interval:
        return Interval.lift(other) * self.reciprocal()

    def __pow__(self, n: int) -> Interval:
        if n < 0:
            return (self ** -n).reciprocal()
        if n == 0:
            return Interval(ONE, ONE)
        ends = (_pow(self.lo, n), _pow(self.hi, n))
        if n % 2 == 0 and self.contains_zero():
            return Interval(ZERO, max(ends))
        return Interval(min(ends), max(ends))

    def __abs__(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(ZERO, max(-self.lo, self.hi))

    @property
    def width(self) -> Bound:
        return self.hi - self.lo

    def midpoint(self) -> Q:
        if infinite(self.lo) or infinite(self.hi):
            return Q(self.lo if not infinite(self.lo) else self.hi)
        return (self.lo + self.hi) / 2


def _pow(x: Bound, n: int) -> Bound:
    if infinite(x):
        return math.inf if (x > 0 or n % 2 == 0) else -math.inf
    return x**n


def imin(*args: Interval) -> Interval:
    return Interval(min(a.lo for a in args), min(a.hi for a in args))


def imax(*args: Interval) -> Interval:
    return Interval(max(a.lo for a in args), max(a.hi for a in args))


def root(x: Interval | Q, n: int) -> Interval | Q:
    """The n-th root of a non-negative value: an outward enclosure for an interval (its
    negative part, outside the root's domain, left out), the lower enclosing rational for
    a point (within 2**-ROOT_BITS; exact when the root is rational)."""
    if isinstance(x, Interval):
        if x.hi < 0:
            raise DomainError(f"root of a negative range [{x.lo}, {x.hi}]")
        return Interval(_root(max(x.lo, ZERO), n, up=False), _root(x.hi, n, up=True))
    if x < 0:
        raise DomainError(f"root of a negative number {x}")
    return _root(Q(x), n, up=False)


def _root(x: Bound, n: int, up: bool) -> Bound:
    if isinstance(x, float):  # +inf: the root of an unbounded end is unbounded
        return x
    p, q = x.numerator, x.denominator
    rp, p_exact = gmpy2.iroot(p, n)
    rq, q_exact = gmpy2.iroot(q, n)
    if p_exact and q_exact:
        return Q(rp, rq)
    scaled = p << (ROOT_BITS * n)
    low, _ = gmpy2.iroot(scaled // q, n)  # low**n <= x * 2**(ROOT_BITS*n) < (low + 1)**n
    return Q(low + (1 if up else 0), 1 << ROOT_BITS)
