"""Pages to KB entries: the entity type, infobox facts, redirects and disambiguation
pages as aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import Tag, Template, Wikilink
from mwparserfromhell.wikicode import Wikicode

from kbp.io.wikipedia.wikitext import HIDDEN_TAGS, Namespaces, Page, Renderer, template_name
from kbp.types import Document, Fact, KBEntry, Provenance

# -- entity types -------------------------------------------------------------------

_PER_WORDS = re.compile(
    r"\b(?:person|people|officeholder|office holder|sportsperson|athlete|biography|"
    r"player|musical artist|actor|actress|writer|author|poet|scientist|military person|"
    r"politician|royalty|monarch|noble|president|prime minister|governor|senator|judge|"
    r"cricketer|boxer|golfer|cyclist|swimmer|wrestler|skier|skater|racing driver|"
    r"f1 driver|philosopher|artist|painter|architect|engineer|economist|journalist|"
    r"comedian|clergy|saint|pope|cardinal|astronaut|criminal|chef|mp|"
    r"(?:u\.s\. )?congressman|ambassador|coach|manager|dancer|composer|singer|"
    r"presenter|youtuber|representative|candidate)\b"
)
_ORG_WORDS = re.compile(
    r"\b(?:company|companies|organi[sz]ation|organi[sz]ations|university|universities|"
    r"college|school|club|clubs|team|political party|political parties|party|"
    r"non-profit|nonprofit|agency|union|airline|airlines|newspaper|broadcaster|"
    r"record label|publisher|league|institution|institute|band|corporation|"
    r"government agency|football club|sports team|brand|bank|banks)\b"
)
_GPE_WORDS = re.compile(
    r"\b(?:settlement|settlements|country|countries|city|cities|town|towns|village|"
    r"villages|state|states|province|provinces|county|counties|municipality|"
    r"municipalities|former country|territory|populated places|capital|capitals|"
    r"communes|commune|district|districts)\b"
)
_PER_CATEGORY = re.compile(r"(?:^|\s)(?:births|deaths)$|^living people$|^people from ")
_ORG_CATEGORY = re.compile(
    r"\b(?:companies|organi[sz]ations|universities|colleges|clubs|political parties|"
    r"schools|airlines|newspapers|record labels|banks|bands)\b"
)
_GPE_CATEGORY = re.compile(
    r"^(?:cities|towns|villages|countries|capitals|populated places|municipalities|"
    r"communes|states|provinces|counties)\b"
)


def guess_type(infobox: str | None, categories: list[str] | tuple[str, ...]) -> str | None:
    """PER, ORG or GPE from an infobox name ("Infobox officeholder"), else from the
    categories ("1970 births", "Companies based in Lyon", "Cities in France"), else
    None.  Person words are tried first: "Infobox college football player" is a
    person, "Infobox football club" an organisation."""
    if infobox:
        name = " ".join(infobox.replace("_", " ").split()).casefold()
        name = name.removeprefix("infobox").strip()
        for pattern, etype in ((_PER_WORDS, "PER"), (_ORG_WORDS, "ORG"), (_GPE_WORDS, "GPE")):
            if pattern.search(name):
                return etype
    folded = [c.casefold() for c in categories]
    for pattern, etype in (
        (_PER_CATEGORY, "PER"), (_ORG_CATEGORY, "ORG"), (_GPE_CATEGORY, "GPE")
    ):
        if any(pattern.search(c) for c in folded):
            return etype
    return None


# -- infobox facts ------------------------------------------------------------------


def _value_link(code: Wikicode, ns: Namespaces) -> tuple[str, str] | None:
    """``(anchor text, KB id)`` of the first article linked in ``code``, outside
    templates and references; the KB id is the target title with underscores."""
    for node in code.nodes:
        if isinstance(node, Wikilink):
            kind, target = ns.classify(str(node.title))
            if kind == "article":
                shown = node.text if node.text is not None else node.title
                return " ".join(shown.strip_code().split()), target.replace(" ", "_")
        elif isinstance(node, Tag) and node.contents is not None:
            if str(node.tag).strip().casefold() not in HIDDEN_TAGS:
                found = _value_link(node.contents, ns)
                if found:
                    return found
    return None


def _infobox_facts(kb_id: str, infobox: Template, ns: Namespaces) -> tuple[Fact, ...]:
    """Facts from the fields of the first infobox; see :func:`kbp.slots.infobox.infobox_fact`.

    A field's wikitext goes to ``infobox_fact`` as written (links keep their text there);
    the article it links to first is passed as ``link`` (its KB id) when the value's
    text starts with that link's text.  Provenance names
    the entry with an empty span: the infobox is not part of the plain text.
    """
    from kbp.slots.infobox import infobox_fact, strip_wiki_markup  # imported when needed

    facts = []
    for param in infobox.params:
        if not param.showkey:
            continue
        name = " ".join(param.name.strip_code().split())
        raw = str(param.value).strip()
        if not name or not raw:
            continue
        shown = strip_wiki_markup(raw)
        linked = _value_link(param.value, ns)
        # the link names the value only when the value starts with it: "[[Lyon]],
        # [[France]]" is Lyon, but "Mayor of [[Lyon]]" is not
        link = linked[1] if linked and linked[0] and shown.startswith(linked[0]) else None
        prov = Provenance(doc_id=kb_id, start=0, end=0, snippet=f"{name}: {shown or raw}",
                          extractor="infobox")
        fact = infobox_fact(kb_id, name, raw, prov, link=link)
        if fact is not None:
            facts.append(fact)
    return tuple(facts)


# -- pages to entries ---------------------------------------------------------------

_REDIRECT = re.compile(r"\s*#redirect\s*:?\s*\[\[([^\[\]|]+)", re.IGNORECASE)
_DAB_SUFFIX = " (disambiguation)"


@dataclass(frozen=True)
class _Parsed:
    """One main-namespace page, read: an entry, a disambiguation page or a redirect."""

    entry: KBEntry | None = None
    #: ``(target title, alias)`` pairs this page gives to other pages.
    aliases: tuple[tuple[str, str], ...] = ()


def _disambiguation_aliases(title: str, page: Page) -> tuple[tuple[str, str], ...]:
    base = title.removesuffix(_DAB_SUFFIX).strip() or title
    seen_lines: set[int] = set()
    pairs: dict[tuple[str, str], None] = {}
    for _, target, line in page.links:
        # the first link of a line is the entry; later links describe it
        if line in seen_lines:
            continue
        seen_lines.add(line)
        if target != base:
            pairs[(target, base)] = None
    return tuple(pairs)


def wikitext_entry(
    title: str, wikitext: str, *, path: str = ""
) -> tuple[KBEntry | None, tuple[tuple[str, str], ...]]:
    """One article's wikitext read as ``(entry, aliases for other pages)``.

    ``entry`` is None for a redirect or a disambiguation page; the pairs are
    ``(target title, alias)`` that such a page gives.  See :func:`read_wikipedia` for
    what the entry holds.
    """
    parsed = parse_page(title, wikitext, path, Namespaces(), None)
    return parsed.entry, parsed.aliases


def parse_page(
    title: str, wikitext: str, path: str, ns: Namespaces, redirect: str | None
) -> _Parsed:
    m = _REDIRECT.match(wikitext)
    if m:  # the wikitext keeps a section anchor that <redirect title=...> may lack
        redirect = m.group(1)
    if redirect is not None:
        # a redirect to a section names a part of the article, not its subject
        if "#" in redirect:
            return _Parsed()
        kind, target = ns.classify(redirect)
        return _Parsed(aliases=((target, title),)) if kind == "article" else _Parsed()

    page = Renderer(ns).render(mwparserfromhell.parse(wikitext))
    if title.endswith(_DAB_SUFFIX) or page.disambiguation:
        return _Parsed(aliases=_disambiguation_aliases(title, page))

    kb_id = title.replace(" ", "_")
    infobox_name = template_name(page.infobox) if page.infobox is not None else None
    categories = tuple(dict.fromkeys(page.categories))
    doc = Document(
        id=kb_id,
        text=page.text,
        path=path,
        kind="kb",
        title=title,
        headlines=tuple(page.headings),
    )
    aliases = tuple(dict.fromkeys(a for a in page.bold if a != title))
    return _Parsed(entry=KBEntry(
        kb_id=kb_id,
        title=title,
        type=guess_type(infobox_name, categories),
        text=doc,
        aliases=aliases,
        facts=_infobox_facts(kb_id, page.infobox, ns) if page.infobox is not None else (),
        # Categories are not part of the plain text, so they have no span in it: the
        # empty span (0, 0) says "this entry" without pointing at any characters.
        categories=tuple((name, 0, 0) for name in categories),
        links=tuple((anchor, target) for anchor, target, _ in page.links),
    ))
