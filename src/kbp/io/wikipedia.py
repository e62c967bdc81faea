"""Wikipedia XML dumps (the MediaWiki export format) as a reference KB.

A dump is streamed page by page: ``mwxml`` walks the XML (``.xml``, or ``.xml.bz2``
decompressed on the fly) and ``mwparserfromhell`` parses each page's wikitext.  Only
main-namespace pages (``<ns>0</ns>``) are read, and of each page only its newest
revision.  Memory holds one page at a time, plus names only: one title per article
read and the aliases that redirects and disambiguation pages give (see
:func:`read_wikipedia`).  Expect a few thousand small pages a second: mwxml's walk of
the XML and the wikitext parse take most of the time, bzip2 decompression comes on top.

- An article page becomes a :class:`~kbp.types.KBEntry` (see :func:`read_wikipedia`).
- A redirect page makes its title an alias of the target article.
- A disambiguation page (title ending "(disambiguation)", or a ``{{disambiguation}}``,
  ``{{disambig}}`` or ``{{dab}}`` template) is not an entry: the article each of its
  lines links to first gets the page's base title as an alias ("Mercury
  (disambiguation)" gives "Mercury" to "Mercury (planet)" and "Mercury (element)").
"""

from __future__ import annotations

import bz2
import html
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

import mwparserfromhell
import mwxml
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode
from mwxml.element_iterator import ElementIterator
from mwxml.errors import MalformedXML

from kbp.errors import EmptyInputError, InputError, InputTooLargeError, MalformedInputError
from kbp.io.files import Reporter, check_binary, read_head, too_large_message
from kbp.io.langcodes import WIKI_CODES
from kbp.types import Document, Fact, KBEntry, Provenance

log = logging.getLogger("kbp.io")

__all__ = ["guess_type", "is_bz2_dump", "normalize_title", "read_wikipedia", "wikitext_entry"]

# -- titles and namespaces ----------------------------------------------------------

_NS_MEDIA = -2
_NS_FILE = 6
_NS_CATEGORY = 14
#: English names of the standard namespaces; a dump's ``<siteinfo>`` adds its own.
_DEFAULT_NAMESPACES: dict[str, int] = {
    "media": -2, "special": -1, "talk": 1, "user": 2, "user talk": 3, "wikipedia": 4,
    "project": 4, "wp": 4, "wikipedia talk": 5, "file": 6, "image": 6, "file talk": 7,
    "mediawiki": 8, "template": 10, "template talk": 11, "help": 12, "category": 14,
    "category talk": 15, "portal": 100, "draft": 118, "timedtext": 710, "module": 828,
}
#: Interwiki prefixes to sister projects: such links are not links to articles.
_INTERWIKI = frozenset(
    "wikt wiktionary commons wikisource s wikiquote q wikibooks b wikinews n wikispecies "
    "species wikiversity v wikivoyage voy meta m mw d wikidata w wikipedia foundation "
    "wmf phab mediawikiwiki".split()
)


def normalize_title(title: str) -> str:
    """A page title as MediaWiki stores it: section anchor dropped, underscores as
    spaces, whitespace collapsed, first letter upper-cased; ``""`` for a bare anchor."""
    title = html.unescape(title).split("#", 1)[0].replace("_", " ")
    title = " ".join(title.split())
    return title[:1].upper() + title[1:]


def _ns_key(prefix: str) -> str:
    return " ".join(prefix.replace("_", " ").split()).casefold()


@dataclass(frozen=True)
class _Namespaces:
    """Namespace prefixes (case-folded) to namespace numbers."""

    ids: dict[str, int] = field(default_factory=lambda: dict(_DEFAULT_NAMESPACES))

    @classmethod
    def from_site_info(cls, site_info: mwxml.SiteInfo | None) -> _Namespaces:
        ids = dict(_DEFAULT_NAMESPACES)
        for ns in getattr(site_info, "namespaces", None) or ():
            for name in (ns.name, ns.canonical, *(ns.aliases or ())):
                if name and ns.id != 0:
                    ids[_ns_key(name)] = ns.id
        return cls(ids)

    def classify(self, raw: str) -> tuple[str, str]:
        """``(kind, value)`` of a wikilink target as written.

        ``kind`` is ``"article"`` (value: the normalised title), ``"category"``
        (value: the category name), ``"hidden"`` (files and interlanguage links,
        which print nothing) or ``"other"`` (links elsewhere that print their text).
        """
        target = html.unescape(raw).strip()
        colon = target.startswith(":")
        if colon:
            target = target[1:].lstrip()
        prefix, sep, rest = target.partition(":")
        if sep:
            key = _ns_key(prefix)
            ns = self.ids.get(key)
            if ns is not None:
                if colon:
                    return "other", ""
                if ns == _NS_CATEGORY:
                    name = normalize_title(rest)
                    return ("category", name) if name else ("hidden", "")
                if ns in (_NS_FILE, _NS_MEDIA):
                    return "hidden", ""
                return "other", ""
            if key in WIKI_CODES:
                return ("other", "") if colon else ("hidden", "")
            if key in _INTERWIKI:
                return "other", ""
        title = normalize_title(target)
        return ("article", title) if title else ("other", "")


# -- wikitext to plain text ---------------------------------------------------------

# Private-use characters mark bold text and headings while the text is cleaned up;
# they are removed (and their positions recorded) at the end.
_BOLD_ON, _BOLD_OFF, _HEAD_ON, _HEAD_OFF = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKS = re.compile("[\ue000-\ue003]")
_SWITCH = re.compile(r"__[A-Z]+__")
_QUOTES = re.compile(r"'{2,}")
#: Tags whose content is not shown as text (references, galleries, maths, ...).
_HIDDEN_TAGS = frozenset(
    "ref references gallery math chem ce score timeline imagemap graph templatedata "
    "templatestyles syntaxhighlight source mapframe maplink categorytree inputbox hiero "
    "indicator includeonly section charinsert table".split()
)
#: Sections at the end of an article that hold references and lists, not prose.
_TAIL_SECTIONS = frozenset({
    "references", "notes", "footnotes", "citations", "sources", "bibliography",
    "further reading", "external links", "see also", "notes and references",
    "references and notes", "works cited",
})
_DAB_TEMPLATES = frozenset({"disambiguation", "disambig", "dab", "disamb"})
_DATE_TEMPLATES = frozenset({
    "birth date", "death date", "birth date and age", "death date and age", "start date",
    "end date", "start date and age", "birth year and age", "death year and age",
})
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _template_name(template: Template) -> str:
    name = _ns_key(template.name.strip_code() if template.name else "")
    return name.removeprefix("template:").strip()


def _is_disambiguation(name: str) -> bool:
    """``{{disambiguation}}`` and its short forms, and ``{{human name disambiguation}}``
    and the like."""
    return name in _DAB_TEMPLATES or name.endswith(" disambiguation")


def _positional(template: Template) -> list[Wikicode]:
    return [p.value for p in template.params if not p.showkey]


def _date_text(values: list[Wikicode]) -> str:
    """``2 October 1970`` (or ``October 1970``, ``1970``) from year, month, day params."""
    parts = [str(v).strip() for v in values[:3]]
    if not parts or not parts[0].isdigit():
        return ""
    year = parts[0]
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 0
    if not 1 <= month <= 12:
        return year
    month_year = f"{_MONTHS[month - 1]} {year}"
    return f"{day} {month_year}" if 1 <= day <= 31 else month_year


@dataclass
class _Page:
    """What rendering one page's wikitext found."""

    text: str = ""
    #: Bold names of the first paragraph.
    bold: list[str] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)
    #: ``(anchor text, target title, line number)`` of each article link shown.
    links: list[tuple[str, str, int]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    infobox: Template | None = None
    disambiguation: bool = False


class _Renderer:
    """Renders wikitext as plain text, collecting links, categories and the infobox.

    Templates print nothing, except a few that only format inline text (dates,
    ``{{lang}}``, ``{{nowrap}}``, ``{{convert}}``), which print that text.  References,
    tables, files, comments and the closing sections (references, external links,
    see also, ...) are dropped; a link prints its label.
    """

    def __init__(self, namespaces: _Namespaces) -> None:
        self.ns = namespaces
        self.parts: list[str] = []
        self.line = 0
        self.page = _Page()

    # output
    def _emit(self, s: str) -> None:
        if s:
            self.parts.append(s)
            self.line += s.count("\n")

    def render(self, code: Wikicode) -> _Page:
        skip_level = 0  # inside a closing section of this heading level
        for node in code.nodes:
            if isinstance(node, Heading):
                title = " ".join(node.title.strip_code().split()).casefold()
                if skip_level and node.level > skip_level:
                    continue
                skip_level = node.level if title in _TAIL_SECTIONS else 0
            if skip_level:
                self._scan(node)
            else:
                self._node(node)
        text, self.page.bold, self.page.headings = _finish("".join(self.parts))
        self.page.text = text
        return self.page

    def _scan(self, node: Node) -> None:
        """Categories and disambiguation templates in a section whose text is dropped."""
        if isinstance(node, Wikilink):
            kind, value = self.ns.classify(str(node.title))
            if kind == "category":
                self.page.categories.append(value)
        elif isinstance(node, Template) and _is_disambiguation(_template_name(node)):
            self.page.disambiguation = True

    def _code(self, code: Wikicode | None) -> None:
        if code is not None:
            for node in code.nodes:
                self._node(node)

    def _node(self, node: Node) -> None:
        if isinstance(node, Text):
            # an unpaired '' or ''' is left as text by the parser; it is markup all the same
            self._emit(_QUOTES.sub("", _SWITCH.sub("", _MARKS.sub("", node.value))))
        elif isinstance(node, HTMLEntity):
            self._emit(node.normalize().replace("\xa0", " "))
        elif isinstance(node, Wikilink):
            self._link(node)
        elif isinstance(node, Template):
            self._template(node)
        elif isinstance(node, Tag):
            self._tag(node)
        elif isinstance(node, Heading):
            self._emit("\n\n" + _HEAD_ON)
            self._code(node.title)
            self._emit(_HEAD_OFF + "\n\n")
        elif isinstance(node, ExternalLink):
            if node.title is not None:  # a bare URL prints nothing either
                self._code(node.title)
        elif isinstance(node, Comment):
            return
        # arguments ({{{1}}}) and anything else print nothing

    def _link(self, link: Wikilink) -> None:
        kind, target = self.ns.classify(str(link.title))
        if kind == "hidden":
            return
        if kind == "category":
            self.page.categories.append(target)
            return
        first = len(self.parts)
        line = self.line
        if link.text is not None:
            self._code(link.text)
        else:
            self._emit(html.unescape(str(link.title).strip().lstrip(":")))
        if kind == "article":
            anchor = " ".join(_MARKS.sub("", "".join(self.parts[first:])).split())
            if anchor:
                self.page.links.append((anchor, target, line))

    def _template(self, template: Template) -> None:
        name = _template_name(template)
        if _is_disambiguation(name):
            self.page.disambiguation = True
        elif name.startswith("infobox"):
            if self.page.infobox is None:
                self.page.infobox = template
        elif name in _DATE_TEMPLATES:
            self._emit(_date_text(_positional(template)))
        elif name in ("nowrap", "nobr", "lang") or name.startswith("lang-"):
            values = _positional(template)
            if name == "lang":
                values = values[1:]
            if values:
                self._code(values[-1] if name == "lang" else values[0])
        elif name in ("convert", "cvt"):
            values = [str(v).strip() for v in _positional(template)[:2]]
            if values and values[0]:
                self._emit(" ".join(values))

    def _tag(self, tag: Tag) -> None:
        name = str(tag.tag).strip().casefold()
        if name in _HIDDEN_TAGS:
            return
        if name in ("br", "hr"):
            self._emit("\n")
            return
        if tag.wiki_markup and name in ("li", "dt", "dd"):
            return  # the list marker itself; the item is the text that follows
        bold = name == "b"
        if bold:
            self._emit(_BOLD_ON)
        if tag.contents is not None:
            self._code(tag.contents)
        if bold:
            self._emit(_BOLD_OFF)


_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
_SPACE_BEFORE = re.compile(r" +(?=[,.;:!?)\]])")
_SPACE_AFTER = re.compile(r"(?<=[(\[]) +")
_EMPTY_PARENS = re.compile(r" ?\([\s,;:]*\)")
#: "a, , b" where something between two commas was removed
_REPEATED_COMMAS = re.compile(r"([,;])(?: ?[,;])+")
#: "(; 7 May 1901 ...)" where a pronunciation template before the ";" was removed
_PAREN_OPEN_PUNCT = re.compile(r"\((?: ?[,;:])+ ?")
_PAREN_CLOSE_PUNCT = re.compile(r"(?: ?[,;:])+ ?\)")
_BLANK_LINES = re.compile(r"\n{3,}")
_MARKED = re.compile(f"{_BOLD_ON}(.*?){_BOLD_OFF}|{_HEAD_ON}(.*?){_HEAD_OFF}", re.DOTALL)


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _SPACE_BEFORE.sub("", text)
    text = _SPACE_AFTER.sub("", text)
    text = _EMPTY_PARENS.sub("", text)
    text = _REPEATED_COMMAS.sub(r"\1", text)
    text = _PAREN_OPEN_PUNCT.sub("(", text)
    text = _PAREN_CLOSE_PUNCT.sub(")", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _finish(marked: str) -> tuple[str, list[str], list[tuple[int, int]]]:
    """Tidy rendered text; return it without marks, the bold names of its first
    paragraph, and the heading spans."""
    marked = _tidy(marked)
    first_para_end = marked.find("\n\n")
    if first_para_end < 0:
        first_para_end = len(marked)
    out: list[str] = []
    size = 0
    bold: list[str] = []
    headings: list[tuple[int, int]] = []
    pos = 0
    for m in _MARKED.finditer(marked):
        before = _MARKS.sub("", marked[pos : m.start()])
        out.append(before)
        size += len(before)
        inner = _MARKS.sub("", m.group(1) if m.group(1) is not None else m.group(2))
        if m.group(1) is not None and m.start() < first_para_end:
            name = " ".join(inner.split()).strip(" ,.;:\"'")
            if name:
                bold.append(name)
        elif m.group(2) is not None:
            inner = " ".join(inner.split())
            if inner:
                headings.append((size, size + len(inner)))
        out.append(inner)
        size += len(inner)
        pos = m.end()
    out.append(_MARKS.sub("", marked[pos:]))
    text = "".join(out)
    if text != text.strip():  # a mark at an edge hid surrounding space from _tidy
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        headings = [(s - lead, e - lead) for s, e in headings]
    return text, bold, [(s, e) for s, e in headings if 0 <= s < e <= len(text)]


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


def _value_link(code: Wikicode, ns: _Namespaces) -> tuple[str, str] | None:
    """``(anchor text, KB id)`` of the first article linked in ``code``, outside
    templates and references; the KB id is the target title with underscores."""
    for node in code.nodes:
        if isinstance(node, Wikilink):
            kind, target = ns.classify(str(node.title))
            if kind == "article":
                shown = node.text if node.text is not None else node.title
                return " ".join(shown.strip_code().split()), target.replace(" ", "_")
        elif isinstance(node, Tag) and node.contents is not None:
            if str(node.tag).strip().casefold() not in _HIDDEN_TAGS:
                found = _value_link(node.contents, ns)
                if found:
                    return found
    return None


def _infobox_facts(kb_id: str, infobox: Template, ns: _Namespaces) -> tuple[Fact, ...]:
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


def _disambiguation_aliases(title: str, page: _Page) -> tuple[tuple[str, str], ...]:
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
    parsed = _parse_page(title, wikitext, path, _Namespaces(), None)
    return parsed.entry, parsed.aliases


def _parse_page(
    title: str, wikitext: str, path: str, ns: _Namespaces, redirect: str | None
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

    page = _Renderer(ns).render(mwparserfromhell.parse(wikitext))
    if title.endswith(_DAB_SUFFIX) or page.disambiguation:
        return _Parsed(aliases=_disambiguation_aliases(title, page))

    kb_id = title.replace(" ", "_")
    infobox_name = _template_name(page.infobox) if page.infobox is not None else None
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


# -- the dump -----------------------------------------------------------------------


def is_bz2_dump(path: Path) -> bool:
    """Whether ``path`` names a bzip2-compressed XML dump (``*.xml.bz2``)."""
    return path.name.lower().endswith(".xml.bz2")


_POSITION = re.compile(r"^(.*?): line (\d+), column (\d+)")


def _xml_error(path: Path, exc: ParseError) -> MalformedInputError:
    message = str(exc)
    m = _POSITION.match(message)
    if m:
        return MalformedInputError(
            str(path), f"malformed XML: {m.group(1)} (column {m.group(3)})", int(m.group(2))
        )
    position = getattr(exc, "position", None)
    line = position[0] if position else None
    return MalformedInputError(str(path), f"malformed XML: {message[:200]}", line)


def _open(path: Path) -> IO[bytes]:
    if is_bz2_dump(path):
        if not read_head(path, 3).startswith(b"BZh"):
            raise MalformedInputError(str(path), "not a bzip2 file (no BZh header)")
        return bz2.open(path, "rb")
    head = read_head(path)
    check_binary(path, head)
    if not head.strip():
        raise EmptyInputError(str(path), "empty file, no pages")
    return open(path, "rb")


class _Aliases:
    """Aliases that redirects and disambiguation pages give to articles.

    ``pending`` holds them for articles not read yet (emitted with the article);
    ``late`` for articles already emitted (emitted as updates at the end).  Both map a
    title to a short list of names; ``emitted`` holds one title per article read,
    which is what it costs to tell the two cases apart.
    """

    def __init__(self) -> None:
        self.pending: dict[str, list[str]] = {}
        self.late: dict[str, list[str]] = {}
        self.emitted: set[str] = set()

    def add(self, target: str, alias: str) -> None:
        table = self.late if target in self.emitted else self.pending
        names = table.setdefault(target, [])
        if alias not in names and alias != target:
            names.append(alias)

    def take(self, title: str) -> list[str]:
        self.emitted.add(title)
        return self.pending.pop(title, [])


def _updates(path: Path, aliases: _Aliases) -> Iterator[KBEntry]:
    """Alias-only entries for articles that redirects named after they were emitted."""
    for title, names in aliases.late.items():
        if not names:
            continue
        kb_id = title.replace(" ", "_")
        # The Document has its own id, so a pipeline that records KB documents by id
        # does not replace the article's document (and what was read from it) with
        # this empty one.  The entry carries no text, type, facts or links.
        doc = Document(id=f"{kb_id}#aliases", text="", path=str(path), kind="kb", title=title)
        yield KBEntry(kb_id=kb_id, title=title, type=None, text=doc, aliases=tuple(names))
    if aliases.pending:
        log.debug("%s: aliases for %d titles not in the dump were dropped",
                  path, len(aliases.pending))


def _pages(path: Path, stream: IO[bytes]) -> Iterator[tuple[mwxml.Page, str | None, _Namespaces]]:
    """``(page, newest revision text, namespaces)`` for every page, streamed.

    Each page's XML is released once read: mwxml clears a page's element, and the
    emptied element is taken off the root here so the tree does not grow with the dump.
    """
    root_it = ElementIterator.from_file(stream)
    if root_it.tag != "mediawiki":
        raise MalformedInputError(str(path), f"<{root_it.tag}> is not a MediaWiki dump root")
    root = root_it.element
    dump = mwxml.Dump.from_element(root_it)
    ns = _Namespaces.from_site_info(dump.site_info)
    for page in dump.pages:
        newest = None
        for rev in page:  # revisions are listed oldest first; a timestamp decides
            if newest is None or not (rev.timestamp and newest.timestamp) \
                    or rev.timestamp >= newest.timestamp:
                newest = rev
        yield page, (newest.text if newest is not None else None), ns
        del root[:]


#: What a broken stream raises from inside mwxml, xml.etree and bz2: XML syntax errors,
#: mwxml's structural errors (and the plain errors its converters raise on missing or
#: non-numeric elements), a truncated or corrupt bzip2 stream, a failed read.
_STREAM_ERRORS = (
    ParseError, MalformedXML, InputError, AttributeError, TypeError, KeyError, ValueError,
    EOFError, OSError,
)


def _stream_error(path: Path, exc: BaseException) -> InputError:
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, ParseError):
        return _xml_error(path, exc)
    if isinstance(exc, EOFError):
        return MalformedInputError(str(path), f"truncated bzip2 file: {exc}")
    if isinstance(exc, OSError):
        if is_bz2_dump(path):
            return MalformedInputError(str(path), f"corrupt bzip2 data: {exc}")
        return InputError(str(path), f"cannot read file: {exc.strerror or exc}")
    if isinstance(exc, MalformedXML):
        return MalformedInputError(str(path), f"not a MediaWiki dump: {exc}")
    return MalformedInputError(
        str(path), f"not a MediaWiki dump: an element is missing or invalid ({exc})")


def read_wikipedia(path: Path, report: Reporter, max_bytes: int) -> Iterator[KBEntry]:
    """The articles of a MediaWiki XML dump (``.xml`` or ``.xml.bz2``) as KB entries.

    Each main-namespace article (newest revision) gives a KBEntry: ``kb_id`` is the
    title with spaces as underscores; ``type`` comes from the infobox name or the
    categories (:func:`guess_type`); the Document (``kind="kb"``, ``id=kb_id``) holds
    the article's plain text (templates, references, tables and files removed, links
    replaced by their text) and its offsets are the identity into that plain text, not
    into the dump; ``headlines`` are the section headings in it; ``facts`` come from
    the first infobox; ``categories`` are ``(name, 0, 0)``; ``aliases`` are the bold
    names of the first paragraph, plus the titles of redirects and disambiguation pages
    naming the article; ``links`` are the article links of the body as ``(anchor text,
    normalised target title)`` (:func:`normalize_title`), one pair per link.

    Redirects and disambiguation pages may come before or after their targets.  Names
    seen before the target are emitted with it; names seen after it are emitted at the
    end, one alias-only KBEntry per article: same ``kb_id`` and title, no type, facts,
    categories or links, and an empty-text Document whose id is ``<kb_id>#aliases``
    (its own id, so that it never replaces the article's Document).  Loading it adds
    the aliases to the existing entity.  Aliases for titles never read are dropped.

    An article whose text exceeds ``max_bytes`` characters is reported and skipped.
    Malformed XML, and a ``.bz2`` stream that is truncated or corrupt, raise
    :class:`~kbp.errors.MalformedInputError` (with the line when known) once the alias
    updates gathered so far are emitted.
    """
    aliases = _Aliases()
    error: InputError | None = None
    with _open(path) as stream:
        pages = _pages(path, stream)
        while True:
            try:
                page, text, ns = next(pages)
            except StopIteration:
                break
            except _STREAM_ERRORS as exc:
                error = _stream_error(path, exc)
                break
            if page.namespace != 0 or not page.title or text is None:
                continue
            title = " ".join(page.title.split())
            if len(text) > max_bytes:
                report(InputTooLargeError(
                    str(path), f"page {title!r}: " + too_large_message(len(text), max_bytes)))
                continue
            try:
                parsed = _parse_page(title, text, str(path), ns, page.redirect)
            except (mwparserfromhell.parser.ParserError, ValueError, RecursionError) as exc:
                report(MalformedInputError(str(path), f"page {title!r}: {exc}"))
                continue
            for target, alias in parsed.aliases:
                aliases.add(target, alias)
            if parsed.entry is not None:
                entry = parsed.entry
                extra = [a for a in aliases.take(entry.title) if a not in entry.aliases]
                yield replace(entry, aliases=(*entry.aliases, *extra)) if extra else entry
    yield from _updates(path, aliases)
    if error is not None:
        raise error
