"""The sentence's mentions by token, and clean-up of the mentions read."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from kbp.nlp import gazetteer
from kbp.slots.base import US_STATE_CODES, SlotContext
from kbp.slots.organisations.tables import _ORG, _PER, _POSSESSIVE, TITLES
from kbp.types import Entity, Mention


# -- mentions -------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Ref:
    """An entity and the mention of it the extractor read (its span is the filler)."""

    entity: Entity
    mention: Mention

    @property
    def text(self) -> str:
        """The value: the name read, or for a pronoun the entity's name."""
        if self.mention.source in ("pronoun", "nominal"):
            return self.entity.name
        return self.mention.text

    @property
    def span(self) -> tuple[int, int]:
        return self.mention.start, self.mention.end


class _Index:
    """The sentence's mentions by token."""

    def __init__(self, ctx: SlotContext, sent: Span) -> None:
        self.ctx = ctx
        self.sent = sent
        self.by_token: dict[int, Mention] = {}
        self.mentions = list(ctx.mentions_in(sent))
        for m in self.mentions:
            for t in ctx.analysis.span(m):
                self.by_token.setdefault(t.i, m)

    def mention(self, tok: Token, types: tuple[str, ...]) -> Mention | None:
        m = self.by_token.get(tok.i)
        return m if m is not None and m.type in types else None

    def org(self, tok: Token) -> _Ref | None:
        """The organisation named at ``tok`` (a relative 'which'/'that' stands for the
        name it follows)."""
        if tok.lower_ in ("which", "that") and tok.head.dep_ == "relcl":
            tok = tok.head.head
        m = self.mention(tok, _ORG)
        if m is None or not _plausible_org(m.text):
            return None
        ent = self.ctx.entity_at(tok.i)
        if ent is None or ent.type != "ORG":
            return None
        return _Ref(ent, _strip_possessive(m))

    def person(self, tok: Token) -> _Ref | None:
        """The person named or referred to at ``tok`` (a name, or a resolved pronoun)."""
        ent = self.ctx.person_at(tok.i)
        if ent is None:
            return None
        m = self.mention(tok, _PER)
        if m is None:
            m = next((x for x in ent.mentions if x.start <= tok.idx < x.end), None)
        if m is None:
            return None
        m = _strip_titles(m)
        return _Ref(ent, m) if m is not None else None

    def place(self, tok: Token) -> Mention | None:
        return self.mention(tok, ("GPE",))


def _strip_possessive(m: Mention) -> Mention:
    """"Acme Corporation's" -> "Acme Corporation"."""
    match = _POSSESSIVE.search(m.text)
    if match and match.start() > 0:
        end = m.start + match.start()
        return replace(m, end=end, text=m.text[: match.start()])
    return m


_TITLE_PREFIX = re.compile(
    r"^(?:(?:" + "|".join(sorted(map(re.escape, TITLES), key=len, reverse=True))
    + r")\b[\s,]*(?:and\s+|&\s+)?)+", re.I)


def _strip_titles(m: Mention) -> Mention | None:
    """"CEO Tim Cook" (a title the model put inside the name) -> "Tim Cook"; None when
    no name is left ("General Secretary", "Professor Emeritus of Economics").  A single
    word left is taken for a surname only after an upper-case title ("CEO Cook"), as
    "Dean Mercado" is a name."""
    match = _TITLE_PREFIX.match(m.text)
    if not match:
        return m
    rest = m.text[match.end() :]
    if not rest[:1].isupper():
        return None
    if len(rest.split()) < 2 and not match.group(0).strip().isupper():
        return m
    return Mention(m.doc_id, m.start + match.end(), m.end, rest, m.type, m.source, m.norm)


#: Words the model tags as an organisation that name none on their own.
_GENERIC_ORGS = frozenset({"state", "states", "government", "board", "committee", "council",
                           "senate", "congress", "parliament", "company", "university"})
_TITLE_END = re.compile(r"\b(?:ceo|president|chairman|director|founder|of|and|for|the)\.?$",
                        re.I)


def _plausible_org(text: str) -> bool:
    """Whether an ORG mention looks like a name: capitalised, not a lone generic word,
    not ending on a title or a function word ("Board & CEO", "Board of Directors of")."""
    text = _POSSESSIVE.sub("", text).strip()
    if not any(c.isupper() or c.isdigit() for c in text):
        return False
    if text in US_STATE_CODES or gazetteer.canonical_country(text) or \
            gazetteer.is_state_or_province(text) or gazetteer.country_of_city(text):
        return False  # "IL", "Texas": a place the model took for an organisation
    low = re.sub(r"^the\s+", "", text.lower())
    if low in _GENERIC_ORGS or re.fullmatch(r"board of (?:directors|trustees|governors)", low):
        return False
    return not _TITLE_END.search(text)
