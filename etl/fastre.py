"""Regexes that the engine scans quickly, with the same matches.

CPython's regex engine skips ahead to the next place a match can start only when a pattern
opens with a literal, a character class, or alternatives that each open with a literal:
it then checks one character per position against a table, in C. Any other pattern (one
that opens with a look-behind, a look-ahead, an optional word or a named group, like most
rules of the catalogue: `(?<![不未])立案#件`, `(?:委员)?联名提案`, the figure pattern) is tried
whole at every position of the text, five to ten times slower.

`compile_skipping` compiles such a pattern as `re.compile` does, and gives the compiled
code the table of the characters a match can start with (what the engine would have built
had the pattern opened with them). The pattern itself is not changed, so it matches what
it matched; the engine only stops trying it where no match can start. The table is found
on the parsed pattern: look-arounds and anchors in front take no character, optional parts
add theirs to what follows. A pattern that can match empty, or may start with any
character or a negated class, is compiled plainly.

The table is put in through CPython's own regex parser and compiler (`re._parser`,
`re._compiler`, `_sre`), which are not public: on a Python where they do not fit, every
pattern is compiled plainly. `tests/test_fast_paths.py` checks every pattern so compiled
against its plain form.
"""
from __future__ import annotations

import re
import weakref

try:  # CPython's own parser and compiler of regexes
    import _sre
    from re import _compiler as sre_compile
    from re import _constants as sre_c
    from re import _parser as sre_parse
    _ZERO_WIDTH = {sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT}
    _REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT)
except ImportError:  # pragma: no cover - another Python
    sre_parse = None

_skipping: weakref.WeakSet = weakref.WeakSet()


def compile_skipping(source: str) -> re.Pattern:
    """`re.compile(source)`, with a table of the characters a match can start with when
    the engine would not build one itself."""
    plain = re.compile(source)
    if sre_parse is None:
        return plain
    try:
        parsed = sre_parse.parse(source)
        flags = parsed.state.flags
        if flags & ~(re.UNICODE | re.ASCII):
            return plain  # ignore-case, multi-line, verbose ...: left as they are
        if sre_compile._get_literal_prefix(parsed, flags)[0] or sre_compile._get_charset_prefix(parsed, flags):
            return plain  # the engine builds its own
        if parsed.data and parsed.data[0][0] is sre_c.AT:
            return plain  # anchored (^, \A): the engine tries the start only, a table would scan on
        first = first_chars(parsed.data)
        code = sre_compile._code(parsed, flags)
        if not first or code[0] is not sre_c.INFO or code[3] == 0:
            return plain
        if len(first) == 1 and first[0][0] is sre_c.LITERAL:
            # one character: the engine scans for it as for a literal prefix, and (skip 0)
            # matches the whole pattern from there
            info = [sre_c.INFO, 0, sre_c.SRE_INFO_PREFIX, code[3], code[4], 1, 0, first[0][1], 0]
        else:
            charset, hascased = sre_compile._optimize_charset(first)
            if hascased:
                return plain
            info = [sre_c.INFO, 0, sre_c.SRE_INFO_CHARSET, code[3], code[4]]
            sre_compile._compile_charset(charset, flags, info)
        info[1] = len(info) - 1
        code = info + code[1 + code[1]:]   # the pattern's own code after its info block
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        fast = _sre.compile(source, flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - a construct or a Python this does not know
        return plain
    _skipping.add(fast)
    return fast


def is_skipping(pattern: re.Pattern) -> bool:
    """Whether `pattern` was given a table of first characters by `compile_skipping`."""
    return pattern in _skipping


def first_chars(items) -> list | None:
    """The characters a match of the parsed sequence `items` can start with, as items of
    a character class (literals, ranges, categories like \\d); None when unknown (any
    character, a negated class, a back-reference) or when the sequence can match empty."""
    first: list = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # look-arounds and anchors take no character
        nullable = False
        if op is sre_c.LITERAL:
            chars = [(op, av)]
        elif op is sre_c.IN:
            if any(o not in (sre_c.LITERAL, sre_c.RANGE, sre_c.CATEGORY) for o, _ in av):
                return None  # a negated class: nearly any character
            chars = list(av)
        elif op is sre_c.SUBPATTERN:
            if av[1] or av[2]:
                return None  # flags inside
            chars = first_chars(av[-1])
        elif op is sre_c.BRANCH:
            chars = []
            for alternative in av[1]:
                inner = first_chars(alternative)
                if inner is None:
                    return None
                chars += inner
        elif op in _REPEATS:
            low, _, sub = av
            chars = first_chars(sub)
            nullable = low == 0
        else:
            return None
        if chars is None:
            return None
        first += chars
        if not nullable:
            return first
    return None  # every part may be absent: the pattern can match empty
