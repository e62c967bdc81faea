"""Building text together with its :class:`~kbp.types.OffsetMap`.

Readers and cleaners copy runs of the raw string, replace entities and insert
separators.  :class:`TextBuilder` records one anchor per change, and
:func:`apply_edits` / :func:`compose` let a cleaning step run on the output of an
earlier step while the final map still points into the raw file.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from kbp.types import OffsetMap

#: ``(start, end, replacement)``: replace ``text[start:end]`` by ``replacement``.
Edit = tuple[int, int, str]


class TextBuilder:
    """Accumulates output text and the anchors that map it back to a source string."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._anchors: list[tuple[int, int]] = [(0, 0)]
        self.length = 0

    def _anchor(self, clean: int, raw: int) -> None:
        last_clean, last_raw = self._anchors[-1]
        if last_clean == clean:
            self._anchors[-1] = (clean, raw)
            if len(self._anchors) > 1:
                prev_clean, prev_raw = self._anchors[-2]
                if raw - clean == prev_raw - prev_clean:
                    self._anchors.pop()
        elif raw - clean != last_raw - last_clean:
            self._anchors.append((clean, raw))

    def copy(self, text: str, raw_pos: int) -> None:
        """Append ``text``, which is found verbatim at ``raw_pos`` in the source."""
        if not text:
            return
        self._anchor(self.length, raw_pos)
        self._parts.append(text)
        self.length += len(text)

    def put(self, text: str, raw_pos: int, raw_len: int = 0) -> None:
        """Append ``text`` that replaces ``source[raw_pos:raw_pos + raw_len]``.

        With ``raw_len == 0`` the text is inserted: each character maps to
        ``raw_pos``, the next real character.  Otherwise the i-th character maps to
        ``raw_pos + i`` while that stays inside the replaced span, then to its last
        character (an entity ``&amp;`` maps its ``&`` to the entity's first char).
        """
        last = max(raw_len - 1, 0)
        for i, ch in enumerate(text):
            self._anchor(self.length, raw_pos + min(i, last))
            self._parts.append(ch)
            self.length += 1
        # Whatever follows starts after the replaced span.
        self._anchor(self.length, raw_pos + raw_len)

    def extend(self, text: str, offsets: OffsetMap) -> None:
        """Append ``text`` whose own map (``offsets``) points into the same source."""
        if not text:
            return
        base = self.length
        for clean, _ in offsets.anchors:
            if clean < len(text):
                self._anchor(base + clean, offsets.to_raw(clean))
        self._parts.append(text)
        self.length += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        anchors = [a for a in self._anchors if a[0] <= self.length] or [(0, 0)]
        return "".join(self._parts), OffsetMap(tuple(anchors))


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping edits; the map points into ``text``."""
    out = TextBuilder()
    pos = 0
    for start, end, rep in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            raise ValueError(f"overlapping edit at {start}")
        out.copy(text[pos:start], pos)
        out.put(rep, start, end - start)
        pos = end
    out.copy(text[pos:], pos)
    return out.build()


def forward(edits: Iterable[Edit]) -> Callable[[int], int]:
    """A function mapping a position of the edited text's input to its output position."""
    starts: list[int] = []
    deltas: list[int] = []
    total = 0
    for start, end, rep in sorted(edits, key=lambda e: (e[0], e[1])):
        total += len(rep) - (end - start)
        starts.append(end)
        deltas.append(total)

    def fwd(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return pos + (deltas[i] if i >= 0 else 0)

    return fwd


def shift(offsets: OffsetMap, delta: int) -> OffsetMap:
    """The same map with every raw offset moved by ``delta``."""
    return OffsetMap(tuple((c, r + delta) for c, r in offsets.anchors))


def drop_prefix(offsets: OffsetMap, k: int) -> OffsetMap:
    """Map of ``text[k:]`` given the map of ``text``."""
    if k == 0:
        return offsets
    anchors = [(0, offsets.to_raw(k))]
    anchors += [(c - k, r) for c, r in offsets.anchors if c > k]
    return OffsetMap(tuple(anchors))


def compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """``inner.to_raw(outer.to_raw(x))`` as one map (outer: text2 -> text1 -> raw)."""
    inner_cleans = [c for c, _ in inner.anchors]
    points: set[int] = set()
    oa = outer.anchors
    for k, (x0, r0) in enumerate(oa):
        x1 = oa[k + 1][0] if k + 1 < len(oa) else None
        points.add(x0)
        r1 = None if x1 is None else r0 + (x1 - x0)
        lo = bisect.bisect_right(inner_cleans, r0)
        hi = len(inner_cleans) if r1 is None else bisect.bisect_left(inner_cleans, r1)
        for c in inner_cleans[lo:hi]:
            points.add(x0 + (c - r0))
    anchors: list[tuple[int, int]] = []
    for x in sorted(points):
        r = inner.to_raw(outer.to_raw(x))
        if anchors and r - x == anchors[-1][1] - anchors[-1][0]:
            continue
        anchors.append((x, r))
    return OffsetMap(tuple(anchors))
