"""Which timex rules can match a text at all, told from strings every match of a rule must contain.

Scanning an article with each of a language's 30-odd time patterns costs
about 3 ms; most patterns need a word most articles lack (a month, a holiday,
"ago", "century").  ``anchors`` reads a compiled pattern (with Python's own
regex parser) and returns strings of which every match contains at least one:
the literal text of a required part, or one string per branch of a required
alternation ("january" ... "dec.").  A rule none of whose anchors is in the
lower-cased text cannot match it and is not scanned; a rule without anchors
(one that starts with a number, say) always is.

Lower-casing stands for the patterns' IGNORECASE, except for the few
characters that match a Latin letter under IGNORECASE while lower-casing to
something else ('ı', 'ſ', 'İ'): a text holding one is scanned with every rule.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

C: Any = None
P: Any = None
try:  # Python's regex parser: the module is private, so anything unexpected means "no anchors"
    C, P = importlib.import_module("re._constants"), importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - another Python
    pass

# Characters that IGNORECASE matches with a Latin letter but that str.lower() does not turn into it.
UNSAFE = frozenset("\u0130\u0131\u017f")


def _sequence(items: Any) -> set[str] | None:
    """Anchors of a sequence of parsed items: the most selective anchors of any one required item."""
    options: list[set[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            options.append({"".join(run)})
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av).lower())
            continue
        end_run()
        found: set[str] | None = None
        if op is C.SUBPATTERN:
            found = _sequence(av[-1])
        elif op is C.ATOMIC_GROUP:
            found = _sequence(av)
        elif op is C.BRANCH:
            branches = [_sequence(alt) for alt in av[1]]
            found = None if any(b is None for b in branches) else set().union(*branches)  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _sequence(av[2])
        if found:
            options.append(found)
    end_run()
    options = [o for o in options if all(o)]
    if not options:
        return None
    return max(options, key=lambda o: (min(len(s) for s in o), -len(o)))


def anchors(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased strings every match of ``regex`` (compiled with IGNORECASE) contains one of; None if unknown."""
    if P is None or not regex.flags & re.IGNORECASE:
        return None
    try:
        found = _sequence(P.parse(regex.pattern, regex.flags))
    except Exception:  # noqa: BLE001 - a parser that changed: scan with the rule, as without anchors
        return None
    if not found or any(ch in UNSAFE for s in found for ch in s):
        return None
    return frozenset(found)


def may_match(anchor_set: frozenset[str] | None, folded: str | None) -> bool:
    """Whether a rule with ``anchor_set`` can match the text whose lower-cased form is ``folded``
    (None: the text holds an UNSAFE character, so every rule is tried)."""
    return anchor_set is None or folded is None or any(a in folded for a in anchor_set)


def folded(text: str) -> str | None:
    """The text lower-cased for ``may_match``, or None when lower-casing cannot stand for IGNORECASE."""
    return None if any(ch in text for ch in UNSAFE) else text.lower()
