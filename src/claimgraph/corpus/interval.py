"""The qualifier policy: how a worded figure becomes an interval.

Journalists round. A figure written with trailing zeros is read at the
*granularity* of its last non-zero digit (4,000 -> 1,000; 4,400 -> 100;
2,500 -> 100). Each qualifier maps the amount ``n`` and granularity ``g`` to
closed bounds:

==========================  =============================================
qualifier                   interval
==========================  =============================================
exact (bare figure)         [n - g/2, n + g/2] for a rounded figure
                            (g >= 10), else [n, n]
about, roughly, some,       [n - w, n + w], w = max(10% of n, g/2)
approximately, around
almost, nearly              [n - w, n]
more-than, over             [n, n + g]: up to the next round figure
at-least                    [n, n + g]
fewer-than, less-than       [n - g, n]
up-to                       [0, n]
dozens-of                   [24, 99]
hundreds-of                 [200, 999]
thousands-of                [2,000, 9,999]
tens-of-thousands           [20,000, 99,999]
hundreds-of-thousands       [200,000, 999,999]
a-few (with n: "a few       [2, 5] times n's unit, e.g. "a few thousand"
thousand" -> n=1000)        -> [2,000, 5,000]
several                     [3, 9] times n's unit
range                       the annotator's [lower, upper]
==========================  =============================================

Explicit ``lower``/``upper`` in an annotation override the policy.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["QUALIFIERS", "granularity", "bounds"]

_VAGUE = {
    "dozens-of": (Decimal(24), Decimal(99)),
    "hundreds-of": (Decimal(200), Decimal(999)),
    "thousands-of": (Decimal(2000), Decimal(9999)),
    "tens-of-thousands": (Decimal(20000), Decimal(99999)),
    "hundreds-of-thousands": (Decimal(200000), Decimal(999999)),
}
_MULTIPLES = {"a-few": (2, 5), "several": (3, 9)}
_ALIASES = {
    "roughly": "about", "some": "about", "approximately": "about", "around": "about",
    "nearly": "almost", "over": "more-than", "less-than": "fewer-than",
}
QUALIFIERS = frozenset(
    {"exact", "about", "almost", "more-than", "at-least", "fewer-than", "up-to", "range"}
    | set(_VAGUE) | set(_MULTIPLES) | set(_ALIASES)
)


def granularity(amount: Decimal) -> Decimal:
    """The rounding unit a figure is written at.

    Examples
    --------
    >>> granularity(Decimal(4000)), granularity(Decimal(4400)), granularity(Decimal(160))
    (Decimal('1000'), Decimal('100'), Decimal('10'))
    >>> granularity(Decimal("2.5"))
    Decimal('0.1')
    """
    amount = abs(Decimal(amount))
    if amount == 0:
        return Decimal(1)
    exponent = amount.normalize().as_tuple().exponent
    return Decimal(10) ** exponent


def bounds(qualifier: str, amount: Decimal | None = None,
           lower: Decimal | None = None, upper: Decimal | None = None) -> tuple[Decimal, Decimal]:
    """Lower and upper bound for a qualified figure (see the module table).

    Examples
    --------
    >>> bounds("about", Decimal(2500))
    (Decimal('2250'), Decimal('2750'))
    >>> bounds("more-than", Decimal(4000)), bounds("more-than", Decimal(4400))
    ((Decimal('4000'), Decimal('5000')), (Decimal('4400'), Decimal('4500')))
    >>> bounds("exact", Decimal(48000))
    (Decimal('47500'), Decimal('48500'))
    >>> bounds("range", lower=Decimal(3000), upper=Decimal(4000))
    (Decimal('3000'), Decimal('4000'))
    >>> bounds("about", Decimal(10) ** 12)
    (Decimal('500000000000'), Decimal('1500000000000'))
    >>> bounds("almost", Decimal(25))
    (Decimal('22.5'), Decimal('25'))
    >>> bounds("a-few", Decimal(1000))
    (Decimal('2000'), Decimal('5000'))
    >>> bounds("range", lower=Decimal(5), upper=Decimal(4))
    Traceback (most recent call last):
    ...
    ValueError: lower bound 5 is above upper bound 4
    """
    qualifier = _ALIASES.get(qualifier, qualifier)
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}; known: {', '.join(sorted(QUALIFIERS))}")
    low, high = (_tidy(b) for b in _policy(qualifier, amount))
    low = Decimal(lower) if lower is not None else low
    high = Decimal(upper) if upper is not None else high
    if low is None or high is None:
        raise ValueError(f"qualifier {qualifier!r} needs an amount (or lower and upper)")
    if low > high:
        raise ValueError(f"lower bound {low} is above upper bound {high}")
    return low, high


def _tidy(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _policy(qualifier: str, amount: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    if qualifier in _VAGUE:
        return _VAGUE[qualifier]
    if amount is None:
        return None, None
    n = Decimal(amount)
    if qualifier in _MULTIPLES:
        low_factor, high_factor = _MULTIPLES[qualifier]
        return n * low_factor, n * high_factor
    g = granularity(n)
    width = max(n / 10, g / 2)
    match qualifier:
        case "exact":
            return (n - g / 2, n + g / 2) if g >= 10 else (n, n)
        case "about":
            return n - width, n + width
        case "almost":
            return n - width, n
        case "more-than" | "at-least":
            return n, n + g
        case "fewer-than":
            return n - g, n
        case "up-to":
            return Decimal(0), n
    return None, None  # range: bounds come from the annotator
