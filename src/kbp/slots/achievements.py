"""Achievement facts: competition results (medal, rank, time, event, year, place) and
records.

A result is anchored on a medal word, a ranked finish or a finishing time, and
completed from the sentence (competition, year, place, event) or, when the
sentence only says "the race", from the competition the text last talked about.
Relative years ("this year", "twelve years ago") are resolved against the
document's year; when the document has no date, that year is inferred from a
result the text states twice, once with a relative and once with an absolute year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from kbp.nlp import gazetteer
from kbp.nlp.normalize import (
    duration_seconds,
    format_hms,
    normalize_duration,
    parse_number_word,
)
from kbp.slots.base import SlotContext, nearest_person
from kbp.types import Entity, Fact

MEDALS = {"gold": "gold", "golds": "gold", "silver": "silver", "silvers": "silver",
          "bronze": "bronze", "bronzes": "bronze"}
MEDAL_RANK = {"gold": "1", "silver": "2", "bronze": "3"}
FINISH_VERBS = frozenset({"finish", "place", "come", "end"})
#: Cheap test on the sentence text before any token is looked at.
ANCHOR_TRIGGER = re.compile(
    r"gold|silver|bronze|place|finish|came|ended|world (?:record|best)|title", re.I)
RECORD_RE = re.compile(r"\bworld (?:record|best(?: performance)?)\b", re.I)
_COMPETITION_WORDS = (
    r"Olympic Games|Olympics|Olympic|Paralympic Games|Paralympics|Commonwealth Games|"
    r"Asian Games|Pan-American Games|Pan American Games|Games|World Championships?|"
    r"Championships?|World Cup|Cup|Grand Prix|Marathon|Challenge|Open|Trophy|Tour|Classic|"
    r"Diamond League"
)
COMPETITION_RE = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})\s+)?"
    r"(?P<name>(?:[A-Z][\w'.\-]*\s+){0,5}?(?:" + _COMPETITION_WORDS + r"))"
    # a place or body named after the Games is no competition: "the Olympic stadium",
    # "the International Olympic Committee"
    r"(?!\s+(?:[Ss]tadium|[Pp]ark|[Vv]illage|[Pp]ool|[Cc]ommittee|[Tt]orch|[Ff]lame|"
    r"[Mm]ovement|[Mm]useum|[Cc]harter)\b)"
    r"(?:\s+of\s+(?P<of>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}))?"
)
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
RELATIVE_YEAR_RE = re.compile(
    r"\b(?:(?P<this>this|last|next) year|(?P<n>\w+) years? ago)\b", re.I)
EVENT_RE = re.compile(
    r"\b(?P<dist>\d+(?:\.\d+)?)\s*-?\s*(?P<unit>kilometers?|kilometres?|km|k|meters?|metres?|m|"
    r"miles?)\b(?:[\s-]+(?P<disc>race[\s-]?walk(?:ing)?|walk|run|marathon|hurdles|"
    r"steeplechase|freestyle|backstroke|breaststroke|butterfly|relay))?",
    re.I,
)
UNITS = {"k": "km", "km": "km", "kilometer": "km", "kilometre": "km", "m": "m", "meter": "m",
         "metre": "m", "mile": "mile"}


@dataclass(frozen=True)
class YearSpec:
    """An absolute year, or an offset from the document's year."""

    year: int | None = None
    offset: int | None = None

    def resolve(self, doc_year: int | None) -> int | None:
        if self.year is not None:
            return self.year
        if self.offset is not None and doc_year is not None:
            return doc_year + self.offset
        return None


@dataclass(frozen=True)
class Competition:
    name: str
    start: int
    end: int
    year: YearSpec | None = None
    place: str | None = None


@dataclass
class Result:
    subject: Entity
    span: tuple[int, int]
    sent: Span
    competition: Competition | None
    year: YearSpec | None
    medal: str | None = None
    rank: str | None = None
    time: str | None = None
    event: str | None = None
    place: str | None = None
    record: str | None = None
    from_context: bool = False
    extra: list[Result] = field(default_factory=list)
    #: Where the time was read (a derived time cites it).
    time_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Margin:
    """"A finished 14 seconds ahead of B": B's time is A's plus the margin."""

    leader: Entity
    trailer: Entity
    seconds: float
    span: tuple[int, int]
    sent: Span
    competition: str


def normalise_competition(name: str, places: set[str]) -> tuple[str, str | None]:
    """"Atlanta Olympic Games" -> ("Olympic Games", "Atlanta"); "Summer Olympics" ->
    "Olympic Games"."""
    words = name.split()
    place = None
    # A host city is not part of a Games' name ("Atlanta Olympic Games"), but it is of a
    # city race's ("Valencia Marathon").
    games = words[-1] in ("Games", "Olympics", "Olympic", "Paralympics")
    while games and len(words) > 1 and (words[0] in places or gazetteer.country_of_city(words[0])):
        place = words.pop(0)
    while words and words[0].lower() in ("the", "final"):
        words.pop(0)
    text = " ".join(words)
    text = re.sub(r"^Summer\s+", "", text)
    text = re.sub(r"\bParalympics\b", "Paralympic Games", text)
    text = re.sub(r"\bOlympics\b|\bOlympic Games\b|\bOlympic\b$", "Olympic Games", text)
    text = re.sub(r"\bOlympic\b(?! Games)", "Olympic Games", text)
    return text, place


def _competitions(ctx: SlotContext, sent: Span) -> list[Competition]:
    places = {m.text for m in ctx.mentions_in(sent, ("GPE", "LOC"))}
    out = []
    for match in COMPETITION_RE.finditer(ctx.sent_text(sent)):
        name, place = normalise_competition(match.group("name"), places)
        if not name or name in ("Games", "Cup", "Open", "Challenge", "Tour", "Classic"):
            continue
        of = match.group("of")
        if of and of in places:
            place = place or of
        elif of:
            name = f"{name} of {of}"
        year = YearSpec(int(match.group("year"))) if match.group("year") else None
        base = sent.start_char
        out.append(Competition(name, base + match.start(), base + match.end(), year, place))
    return out


def _years(sent: Span, text: str) -> list[tuple[int, YearSpec]]:
    """Absolute and relative years of a sentence with their character offsets."""
    out = [(sent.start_char + m.start(), YearSpec(int(m.group()))) for m in
           YEAR_RE.finditer(text)]
    for m in RELATIVE_YEAR_RE.finditer(text):
        if m.group("this"):
            offset = {"this": 0, "last": -1, "next": 1}[m.group("this").lower()]
        else:
            n = parse_number_word(m.group("n"))
            if n is None:
                continue
            offset = -n
        out.append((sent.start_char + m.start(), YearSpec(offset=offset)))
    return sorted(out, key=lambda x: x[0])


def _event(text: str) -> str | None:
    m = EVENT_RE.search(text)
    if not m:
        return None
    unit = UNITS.get(m.group("unit").lower().rstrip("s"), m.group("unit").lower())
    if unit == "m" and not m.group("disc") and float(m.group("dist")) < 60:
        return None  # "1.67 m" is a height, not a race
    disc = (m.group("disc") or "").lower().replace("-", " ")
    if disc.startswith("race walk") or disc == "walk":
        disc = "race walk"
    dist = m.group("dist").rstrip("0").rstrip(".") if "." in m.group("dist") else m.group("dist")
    return " ".join(x for x in (f"{dist} {unit}", disc) if x)


def _anchors(ctx: SlotContext, sent: Span) -> list[tuple[str, Token, str]]:
    """(kind, token, value) for every medal, ranked finish and record in a sentence."""
    text = ctx.sent_text(sent)
    if not ANCHOR_TRIGGER.search(text):
        return []
    out = []
    for tok in sent:
        low = tok.lower_
        if low in MEDALS and tok.pos_ in ("NOUN", "ADJ", "PROPN"):
            out.append(("medal", tok, MEDALS[low]))
        elif low == "title" and tok.head.lemma_ == "win":
            out.append(("medal", tok, "gold"))  # "won the Olympic title": the winner
        elif tok.ent_type_ == "ORDINAL" or tok.tag_ == "JJ" and low in _ORDINALS:
            rank = _ordinal(low)
            nxt = [t.lower_ for t in ctx.doc[tok.i + 1 : tok.i + 3]]
            prev = ctx.doc[max(sent.start, tok.i - 2) : tok.i]
            if rank and (
                "place" in nxt or "finish" in nxt or "finishes" in nxt
                or any(t.lemma_ in FINISH_VERBS for t in prev)
            ):
                out.append(("rank", tok, rank))
    for m in RECORD_RE.finditer(text):
        if re.search(r"\bno\s+$", text[max(0, m.start() - 4) : m.start()]):
            continue  # "there are no world records in race walking"
        tok = ctx.doc[sent[0].i]
        for t in sent:
            if t.idx >= sent.start_char + m.start():
                tok = t
                break
        out.append(("record", tok, m.group().lower().replace(" performance", "")))
    return sorted(out, key=lambda a: a[1].i)


_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
             "sixth": "6", "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10"}


def _ordinal(word: str) -> str | None:
    if word in _ORDINALS:
        return _ORDINALS[word]
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return m.group(1) if m else None


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    hms: str
    #: "ahead"/"behind" for a margin ("14 seconds ahead of ..."), None for a time
    margin: str | None


#: A word before a duration that makes it a moment or a span of a race or match, not a
#: finishing time: "after ten minutes", "for two hours", "within a minute".
_ELAPSED = re.compile(r"\b(?:after|within|for|every|during|than)[ \t]+$", re.I)


def _times(ctx: SlotContext, sent: Span) -> list[_Time]:
    """Durations of a sentence; "14 seconds ahead/behind" is a margin, not a time."""
    out = []
    for m in ctx.mentions_in(sent, ("DURATION",)):
        hms = normalize_duration(m.text)
        if not hms:
            continue
        if _ELAPSED.search(ctx.text, max(0, m.start - 8), m.start):
            continue  # "opened the scoring after ten minutes": a moment, not a time
        after = ctx.text[m.end : m.end + 12].lower().split()
        margin = after[0] if after and after[0] in ("ahead", "behind") else None
        if after and after[0] in ("clear", "slower", "faster"):
            continue  # a gap without a clear direction: neither a time nor a usable margin
        out.append(_Time(m.start, m.end, hms, margin))
    return out


def _margin(ctx: SlotContext, sent: Span, t: _Time, competition: str) -> Margin | None:
    """"X finished 14 seconds ahead of Y" / "Y was 14 seconds behind X"."""
    word = next((tok for tok in sent if tok.idx >= t.end and tok.lower_ == t.margin), None)
    if word is None:
        return None
    other = None
    # "ahead of Y" hangs Y under "of"; "behind Y" takes it directly
    for child in word.children:
        objects = child.children if child.lower_ == "of" else [child]
        for c in objects:
            if c.dep_ == "pobj" and ctx.person_at(c.i) is not None:
                other = ctx.person_at(c.i)
    if other is None:
        return None
    mover = nearest_person(ctx, sent, word.i, exclude=(other,))
    if mover is None:
        return None
    leader, trailer = (mover, other) if t.margin == "ahead" else (other, mover)
    return Margin(leader, trailer, duration_seconds(t.hms), (t.start, t.end), sent, competition)


def _winner_of_loss(ctx: SlotContext, tok: Token) -> Entity | None:
    """"Perez lost the gold to Borchin": the medal goes to the object of 'to'."""
    verb = tok.head
    if verb.lemma_ != "lose":
        return None
    for prep in verb.children:
        if prep.lower_ == "to":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return ctx.person_at(obj.i)
    return None


#: A sentence about an earlier time than the story's: its competition is background.
_BACKGROUND = re.compile(r"\blast (?:week|month|year|season|summer|winter)\b|"
                         r"\b\w+ (?:weeks|months|years) ago\b", re.IGNORECASE)
#: Words after a competition's name that make it part of a person's title.
_TITLE_USE = re.compile(r"\s+(?:champions?|(?:gold |silver |bronze )?medall?ists?|"
                        r"record[- ]holders?|finalists?)\b", re.IGNORECASE)


class ResultCollector:
    """Walks a document's sentences and collects results, keeping competition context."""

    def __init__(self, ctx: SlotContext) -> None:
        self.ctx = ctx
        self.context: Competition | None = None
        self.context_year: YearSpec | None = None
        self.results: list[Result] = []
        self.margins: list[Margin] = []

    def sentence(self, sent: Span) -> None:
        ctx = self.ctx
        text = ctx.sent_text(sent)
        comps = _competitions(ctx, sent)
        years = _years(sent, text)
        anchors = _anchors(ctx, sent)
        all_times = _times(ctx, sent)
        times = [t for t in all_times if t.margin is None]
        event = _event(text)
        current = (comps[-1] if comps else self.context)
        for t in all_times:
            if t.margin and current is not None:
                margin = _margin(ctx, sent, t, current.name)
                if margin is not None:
                    self.margins.append(margin)
        if not anchors and times:
            anchors = [("time", ctx.analysis.doc.char_span(t.start, t.start + 1,
                                                           alignment_mode="expand")[0], t.hms)
                       for t in times[:1]]
        for k, (kind, tok, value) in enumerate(anchors):
            nxt = anchors[k + 1][1].idx if k + 1 < len(anchors) else sent.end_char
            subject = _winner_of_loss(ctx, tok) if kind == "medal" else None
            if subject is None and kind == "medal" and tok.head.lemma_ == "lose":
                continue  # the winner is not a recognised person: credit nobody
            subject = subject or nearest_person(ctx, sent, tok.i)
            if subject is None:
                continue
            seg_comps = [c for c in comps if tok.idx <= c.start < nxt]
            pairs = self._place_year_pairs(sent, tok.idx, nxt)
            targets: list[tuple[Competition | None, YearSpec | None, str | None]] = []
            if len(seg_comps) > 1:
                targets = [(c, c.year or self._year_near(years, c.end), c.place)
                           for c in seg_comps]
            elif len(pairs) > 1:  # "golds at Paris in 2003, Helsinki in 2005 (at the WC)"
                before = [c for c in comps if c.start < tok.idx] or comps
                comp = seg_comps[0] if seg_comps else (before[-1] if before else self.context)
                targets = [(comp, y, p) for p, y in pairs]
            else:
                comp = (seg_comps or [c for c in comps if c.start < tok.idx] or comps
                        or [None])[-1 if not seg_comps else 0]
                # the year nearest the competition's name: "born in 1984, won gold at the
                # Tokyo Olympics in 2021" is 2021, though 1984 is nearer the medal
                year = (comp.year if comp and comp.year else None) or self._year_near(
                    years, comp.end if comp else tok.idx)
                targets = [(comp, year, comp.place if comp else None)]
            for comp, year, place in targets:
                from_ctx = comp is None
                if from_ctx and kind == "record":
                    continue  # a record needs its competition or year in the sentence
                if comp is None:
                    comp = self.context
                    year = year or self.context_year
                if comp is None:
                    continue
                r = Result(subject, (tok.idx, tok.idx + len(tok)), sent, comp, year,
                           place=place, event=event, from_context=from_ctx)
                if kind == "medal":
                    r.medal, r.rank = value, MEDAL_RANK[value]
                elif kind == "rank":
                    r.rank = value
                elif kind == "record":
                    r.record = value
                elif kind == "time":
                    r.time, r.time_span = value, (times[0].start, times[0].end)
                if kind != "time" and (len(anchors) == 1 or kind == "record") and times:
                    r.time, r.time_span = times[0].hms, (times[0].start, times[0].end)
                self.results.append(r)
        # "the Olympic champion" describes a person, "who won the Olympic title" and
        # "won the Olympic title last month" a past event: none replaces the event later
        # sentences report on ("won the women's race" is still the story's marathon)
        background = self.context is not None and _BACKGROUND.search(text)
        events = [] if background else [
            c for c in comps if not _TITLE_USE.match(ctx.text, c.end)
            and not _in_relative_clause(ctx, c)]
        if events:
            last = events[-1]
            year = last.year or self._year_near(years, last.end)
            if year is None and self.context is not None and last.name == self.context.name:
                year = self.context_year  # "the Olympics" again: still the same Games
            self.context, self.context_year = last, year

    @staticmethod
    def _year_near(years: list[tuple[int, YearSpec]], offset: int) -> YearSpec | None:
        if not years:
            return None
        return min(years, key=lambda y: abs(y[0] - offset))[1]

    def _place_year_pairs(self, sent: Span, lo: int, hi: int) -> list[tuple[str, YearSpec]]:
        """"at Paris in 2003, Helsinki in 2005" -> [(Paris, 2003), (Helsinki, 2005)]."""
        out = []
        for m in self.ctx.mentions_in(sent, ("GPE",)):
            if not lo <= m.start < hi:
                continue
            tail = self.ctx.text[m.end : m.end + 10]
            y = re.match(r",?\s+in\s+((?:19|20)\d{2})", tail)
            if y:
                out.append((m.text, YearSpec(int(y.group(1)))))
        return out


def _in_relative_clause(ctx: SlotContext, c: Competition) -> bool:
    span = ctx.analysis.doc.char_span(c.start, c.end, alignment_mode="expand")
    return span is not None and any(t.dep_ == "relcl" for t in span.root.ancestors)


def infer_doc_year(results: list[Result]) -> int | None:
    """The document year implied by a result stated once with a relative year and once
    with an absolute one (same person, competition and medal)."""
    for r in results:
        if r.year is None or r.year.offset is None or r.competition is None:
            continue
        for other in results:
            if (
                other.subject is r.subject
                and other.year is not None
                and other.year.year is not None
                and other.competition is not None
                and other.competition.name == r.competition.name
                and other.medal == r.medal
            ):
                return other.year.year - r.year.offset
    return None


def _merge(results: list[Result], doc_year: int | None) -> list[Result]:
    """One result per (person, competition, year): later mentions fill in blanks."""
    merged: list[Result] = []
    for r in results:
        year = r.year.resolve(doc_year) if r.year else None
        r = replace(r, year=YearSpec(year) if year else None)
        for m in merged:
            my = m.year.year if m.year else None
            if (
                m.subject is r.subject
                and m.competition.name == r.competition.name
                and (my == year or my is None or year is None)
                and (m.medal is None or r.medal is None or m.medal == r.medal)
                and (m.rank is None or r.rank is None or m.rank == r.rank)
            ):
                for attr in ("medal", "rank", "time", "time_span", "event", "place", "record"):
                    if getattr(m, attr) is None:
                        setattr(m, attr, getattr(r, attr))
                if my is None and year is not None:
                    m.year = YearSpec(year)
                m.extra.append(r)
                break
        else:
            merged.append(r)
    return merged


def results_to_facts(
    ctx: SlotContext, results: list[Result], margins: list[Margin] = ()
) -> Iterator[Fact]:
    merged = _merge(results, ctx.doc_year)
    yield from _derived_times(ctx, merged, margins)
    for r in merged:
        year = r.year.year if r.year else None
        q = {"competition": r.competition.name}
        if year:
            q["year"] = str(year)
        for key in ("event", "medal", "rank", "time", "place"):
            if getattr(r, key):
                q[key] = getattr(r, key)
        value = f"{year} {r.competition.name}" if year else r.competition.name
        conf = 0.8 - (0.1 if r.from_context else 0) - (0.15 if year is None else 0)
        facts = [ctx.fact(r.subject, "per:competition_result", value, r.span, r.sent,
                          round(conf, 2), "pattern.result", qualifiers=q)]
        for extra in r.extra:
            facts.append(ctx.fact(r.subject, "per:competition_result", value, extra.span,
                                  extra.sent, round(conf, 2), "pattern.result", qualifiers=q))
        if r.record:
            rq = dict(q, record=r.record)
            facts.append(ctx.fact(r.subject, "per:record", f"{r.record}: {value}", r.span,
                                  r.sent, round(conf - 0.05, 2), "pattern.record",
                                  qualifiers=rq))
        yield from facts


DERIVED_CONFIDENCE = 0.55


def _derived_times(ctx: SlotContext, merged: list[Result], margins) -> Iterator[Fact]:
    """A result whose time the text gives only as a margin behind a known time: the
    computed time cites both the margin and the leader's time, with a lower confidence."""
    for mg in margins:
        lead = next((r for r in merged if r.subject is mg.leader and r.time and r.time_span
                     and r.competition.name == mg.competition), None)
        if lead is None:
            continue
        trail = next((r for r in merged if r.subject is mg.trailer and not r.time
                      and r.competition.name == mg.competition
                      and (r.year is None or lead.year is None or r.year == lead.year)), None)
        if trail is None:
            continue
        time = format_hms(duration_seconds(lead.time) + mg.seconds)
        year = (trail.year or lead.year).year if (trail.year or lead.year) else None
        q = {"competition": trail.competition.name, "time": time,
             "derived": f"{lead.time} ({mg.leader.name}) + {format_hms(mg.seconds)}"}
        if year:
            q["year"] = str(year)
        for key in ("event", "medal", "rank"):
            if getattr(trail, key):
                q[key] = getattr(trail, key)
        provenance = (
            ctx.provenance(*mg.span, mg.sent, "derived.time"),
            ctx.provenance(*lead.time_span, lead.sent, "derived.time"),
        )
        yield Fact(mg.trailer.id, "per:competition_result",
                   f"{year} {trail.competition.name}" if year else trail.competition.name,
                   DERIVED_CONFIDENCE, provenance, qualifiers=q)
