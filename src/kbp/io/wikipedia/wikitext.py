"""Wikitext to plain text: titles and namespaces, and the renderer that keeps an
article's prose, bold names and headings."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

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

from kbp.io.langcodes import WIKI_CODES

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
class Namespaces:
    """Namespace prefixes (case-folded) to namespace numbers."""

    ids: dict[str, int] = field(default_factory=lambda: dict(_DEFAULT_NAMESPACES))

    @classmethod
    def from_site_info(cls, site_info: mwxml.SiteInfo | None) -> Namespaces:
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
HIDDEN_TAGS = frozenset(
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


def template_name(template: Template) -> str:
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
class Page:
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


class Renderer:
    """Renders wikitext as plain text, collecting links, categories and the infobox.

    Templates print nothing, except a few that only format inline text (dates,
    ``{{lang}}``, ``{{nowrap}}``, ``{{convert}}``), which print that text.  References,
    tables, files, comments and the closing sections (references, external links,
    see also, ...) are dropped; a link prints its label.
    """

    def __init__(self, namespaces: Namespaces) -> None:
        self.ns = namespaces
        self.parts: list[str] = []
        self.line = 0
        self.page = Page()

    # output
    def _emit(self, s: str) -> None:
        if s:
            self.parts.append(s)
            self.line += s.count("\n")

    def render(self, code: Wikicode) -> Page:
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
        elif isinstance(node, Template) and _is_disambiguation(template_name(node)):
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
        name = template_name(template)
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
        if name in HIDDEN_TAGS:
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
