"""A report's text as HTML with every extracted figure marked — safe to render.

The whole text is escaped first (html.escape, plus the characters Markdown would read), and
only then are `<mark>` tags inserted, tags this module writes itself. So whatever a report
contains (`<script>`, markup, Markdown) shows as text. Pages render the result with
st.markdown(unsafe_allow_html=True), and nothing else.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from etl.numbers import find_figures

CATEGORY_COLOURS = {
    "proposals": "#fde68a",
    "info": "#bfdbfe",
    "consultation": "#bbf7d0",
    "members": "#fbcfe8",
}
OTHER_COLOUR = "#e5e7eb"

# Characters Markdown (and Streamlit's extensions: $math$, :emoji:, :red[...]) would
# interpret; as entities they show as themselves.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "<>&\"'\\`*_{}[]()#+-.!|$:~"}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    anchor: str               # the element id, so a link can jump to it
    colour: str | None        # background; None: a number not taken (dotted underline)
    title: str                # shown on hover
    chosen: bool = False

    @property
    def style(self) -> str:
        if self.colour is None:
            return "background:none;border-bottom:2px dotted #9ca3af"
        style = f"background:{self.colour};padding:0 2px;border-radius:3px"
        return style + (";outline:2px solid #dc2626" if self.chosen else "")


def escape_text(text: str) -> str:
    """Plain text as HTML that shows exactly that text, line breaks kept, nothing interpreted."""
    escaped = "".join(_ENTITIES.get(ch, ch) for ch in text)
    # One line: a blank line would end the HTML block and let Markdown read what follows.
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def anchor_id(fact_id: str) -> str:
    """An element id from a fact id: letters, digits and dashes only."""
    return "fact-" + "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in str(fact_id))


def _non_overlapping(marks: Iterable[Mark]) -> list[Mark]:
    """Marks in text order, dropping any that overlaps one already kept (the chosen one first,
    then shorter spans, so a derived sum does not hide the figures it adds up)."""
    kept: list[Mark] = []
    for m in sorted(marks, key=lambda m: (not m.chosen, m.end - m.start, m.start)):
        if m.end > m.start and all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def highlighted_html(text: str, marks: Sequence[Mark]) -> str:
    """`text` escaped, with a `<mark>` around each (non-overlapping) span of `marks`."""
    parts, pos = [], 0
    for m in _non_overlapping(marks):
        if m.start < pos or m.end > len(text):
            continue
        parts.append(escape_text(text[pos:m.start]))
        parts.append(f'<mark id="{anchor_id(m.anchor)}" style="{m.style}" '
                     f'title="{html.escape(m.title, quote=True)}">'
                     f"{escape_text(text[m.start:m.end])}</mark>")
        pos = m.end
    parts.append(escape_text(text[pos:]))
    return '<div class="zx-report" style="line-height:1.9">' + "".join(parts) + "</div>"


def legend_html(colours: Sequence[tuple[str, str]], note: str) -> str:
    """Coloured chips naming what each highlight colour means, then `note`; all escaped."""
    chips = " ".join(f'<span style="background:{colour};padding:0 6px;border-radius:3px">{escape_text(name)}</span>'
                     for name, colour in colours)
    return f"{chips} &nbsp; {escape_text(note)}"


def untaken_figures(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Figures the number parser finds in `text` that no fact covers: (start, end, figure)."""
    out = []
    for fig in find_figures(text):
        if not any(fig.start < end and start < fig.end for start, end in taken):
            out.append((fig.start, fig.end, text[fig.start:fig.end]))
    return out


def context(text: str, start: int, end: int, width: int = 40) -> str:
    """The text around a span, on one line, for a list."""
    before = text[max(0, start - width):start].replace("\n", " ")
    after = text[end:end + width].replace("\n", " ")
    return f"…{before}【{text[start:end]}】{after}…"
