"""Regexes that the engine scans for quickly, with the same matches.

CPython's regex engine skips ahead to the next possible start of a match only when a
pattern opens with a literal, a character class, or alternatives that each open with a
literal. Any other pattern (one that opens with a look-behind, a look-ahead or an optional
word, like most rules of the catalogue: `(?<![不未])立案#件`, `(?:委员)?联名提案`) is tried
whole at every position of the text, five to ten times slower.

`compile_skipping` rewrites such a pattern, on its parsed form, into alternatives that
each open with one literal character, in the order the engine would try them:

    (?<!和)(?:委员)?联名提案   ->   委(?<!和委)员联名提案 | 联(?<!和联)名提案

A look-behind in front moves behind the first character and takes it in; a look-ahead in
front becomes a look-behind over that character that holds it (`(?<=(?=X)c)`); an optional
part, a group without a name and alternatives are spread out. Leftmost-first matching is
kept: at any position only the alternatives of that position's character can match, in
their original order. The compiled pattern keeps its original source as `.pattern`.

Anything the rewrite does not know (a named or numbered group, a repeat, a class that is
not a list of characters, ^ $ \\b, flags) leaves the pattern as `re.compile` makes it.
`tests/test_fast_paths.py` checks every rewritten pattern of the catalogue against its
plain form. The rewrite uses CPython's regex parser and compiler (`re._parser`,
`re._compiler`, `_sre`), which are not public: on a Python they do not fit, every pattern
is compiled plainly.
"""
from __future__ import annotations

import re
import weakref

try:  # CPython's own parser and compiler of regexes
    import _sre
    from re import _compiler as sre_compile
    from re import _constants as sre_c
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - another Python
    sre_parse = None

MAX_ALTERNATIVES = 64   # more than this many and the pattern is left alone

_rewritten: weakref.WeakSet = weakref.WeakSet()


def compile_skipping(source: str) -> re.Pattern:
    """`re.compile(source)`, rewritten (when it helps and the rewrite knows every part in
    front) so that the engine skips to the characters a match can start with."""
    plain = re.compile(source)
    if sre_parse is None:
        return plain
    try:
        parsed = sre_parse.parse(source)
        if parsed.state.flags & ~(re.UNICODE | re.ASCII):
            return plain  # ignore-case, multi-line, verbose ...: left as they are
        if sre_compile._get_literal_prefix(parsed, parsed.state.flags)[0] or \
                sre_compile._get_charset_prefix(parsed, parsed.state.flags):
            return plain  # the engine already skips ahead
        alternatives = _split(list(parsed.data), parsed.state)
        if not alternatives or len(alternatives) > MAX_ALTERNATIVES:
            return plain
        tree = sre_parse.SubPattern(parsed.state, [_grouped(alternatives, parsed.state)])
        flags = parsed.state.flags
        code = sre_compile._code(tree, flags)
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        fast = _sre.compile(source, flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - a construct or a Python the rewrite does not know
        return plain
    _rewritten.add(fast)
    return fast


def is_rewritten(pattern: re.Pattern) -> bool:
    return pattern in _rewritten


def _split(items: list, state) -> list[tuple[int, list]] | None:
    """The sequence `items` as alternatives (first character, what follows it), in the
    order the engine tries them; None if something in front is not understood."""
    asserts = []
    for i, (op, av) in enumerate(items):
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            asserts.append((op, av))
            continue
        break
    else:
        return None  # nothing but look-arounds: may match empty
    op, av = items[i]
    rest = items[i + 1:]
    if op is sre_c.LITERAL:
        return [(av, _moved(asserts, av, state) + rest)]
    if op is sre_c.IN and av and all(o is sre_c.LITERAL for o, _ in av):
        # one character of a list: at a position at most one of them is there
        return [(c, _moved(asserts, c, state) + rest) for c in dict.fromkeys(a for _, a in av)]
    if op is sre_c.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if group is not None or add_flags or del_flags:
            return None
        return _split(asserts + list(sub.data) + rest, state)
    if op is sre_c.BRANCH:
        out = []
        for alternative in av[1]:
            part = _split(asserts + list(alternative.data) + rest, state)
            if part is None:
                return None
            out += part
        return out
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        sub = list(av[2].data)
        with_it, without = _split(asserts + sub + rest, state), _split(asserts + rest, state)
        if with_it is None or without is None:
            return None
        # greedy: with the optional part first; lazy: without it first
        return with_it + without if op is sre_c.MAX_REPEAT else without + with_it
    return None


def _moved(asserts: list, char: int, state) -> list:
    """The look-arounds that stood in front of `char`, said after it."""
    out = []
    for op, (direction, sub) in asserts:
        if direction < 0:   # look-behind: it now ends with the character
            out.append((op, (direction, sre_parse.SubPattern(state, list(sub.data) + [(sre_c.LITERAL, char)]))))
        else:               # look-ahead at the character: a look-behind over it that holds it
            inner = sre_parse.SubPattern(state, [(op, (direction, sub)), (sre_c.LITERAL, char)])
            out.append((sre_c.ASSERT, (-1, inner)))
    return out


def _grouped(alternatives: list[tuple[int, list]], state) -> tuple:
    """One alternative per first character (those of one character keep their order),
    each opening with its literal: the engine builds its skip set from them."""
    by_char: dict[int, list[list]] = {}
    for char, tail in alternatives:
        by_char.setdefault(char, []).append(tail)
    branches = []
    for char, tails in by_char.items():
        if len(tails) == 1:
            body = [(sre_c.LITERAL, char)] + tails[0]
        else:
            inner = (sre_c.BRANCH, (None, [sre_parse.SubPattern(state, t) for t in tails]))
            body = [(sre_c.LITERAL, char), (sre_c.SUBPATTERN, (None, 0, 0, sre_parse.SubPattern(state, [inner])))]
        branches.append(sre_parse.SubPattern(state, body))
    return (sre_c.BRANCH, (None, branches))
