"""The TAC-KBP reference knowledge base: ``<knowledge_base><entity ...>`` XML.

The files are gigabytes, so they are streamed with ``lxml.etree.iterparse`` and
each ``<entity>`` is cleared once read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from kbp.errors import EmptyInputError, InputTooLargeError, MalformedInputError
from kbp.io.files import Reporter, check_binary, read_head, too_large_message
from kbp.types import ENTITY_TYPES, Document, Fact, KBEntry, Provenance

_DISAMBIGUATOR = re.compile(r"\s*\([^()]*\)\s*$")


def _facts(kb_id: str, entity: etree._Element) -> tuple[Fact, ...]:
    from kbp.slots.infobox import infobox_fact  # slots is imported only when needed

    facts = []
    for fact in entity.iterfind("facts/fact"):
        name = fact.get("name") or ""
        value = " ".join("".join(fact.itertext()).split())
        if not name or not value:
            continue
        link = fact.find("link")
        prov = Provenance(
            doc_id=kb_id, start=0, end=0, snippet=f"{name}: {value}", extractor="infobox"
        )
        found = infobox_fact(
            kb_id, name, value, prov, link=link.get("entity_id") if link is not None else None
        )
        if found is not None:
            facts.append(found)
    return tuple(facts)


def _entry(path: Path, entity: etree._Element, max_bytes: int) -> KBEntry:
    line = entity.sourceline
    kb_id = (entity.get("id") or "").strip()
    if not kb_id:
        raise MalformedInputError(str(path), "<entity> has no id attribute", line)
    title = " ".join((entity.get("name") or entity.get("wiki_title") or "").split())
    title = title.replace("_", " ") if not entity.get("name") else title
    if not title:
        raise MalformedInputError(str(path), f"<entity> {kb_id} has no name", line)
    text = entity.findtext("wiki_text") or ""
    if len(text) > max_bytes:
        raise InputTooLargeError(
            str(path), f"entity {kb_id}: " + too_large_message(len(text), max_bytes), line
        )
    etype = (entity.get("type") or "").upper()
    first_line = text.split("\n", 1)[0]
    doc = Document(
        id=kb_id,
        text=text,
        path=str(path),
        kind="kb",
        title=title,
        headlines=((0, len(first_line)),) if first_line and first_line.strip() == title else (),
    )
    base = _DISAMBIGUATOR.sub("", title)
    return KBEntry(
        kb_id=kb_id,
        title=title,
        type=etype if etype in ENTITY_TYPES else None,
        text=doc,
        aliases=(base,) if base and base != title else (),
        facts=_facts(kb_id, entity),
    )


def read_tac_kb(path: Path, report: Reporter, max_bytes: int) -> Iterator[KBEntry]:
    """Every ``<entity>`` of a TAC-KBP KB XML file as a KBEntry.

    ``kb_id`` is the ``id`` attribute, ``title`` the ``name``, ``type`` PER/ORG/GPE
    (UKN and others become None).  The Document text is ``<wiki_text>`` and its
    offsets are the identity into that string, not into the XML file.  Infobox
    ``<fact>`` elements become facts through :mod:`kbp.slots.infobox`; their
    provenance names the entry (``doc_id`` = kb_id) with an empty span, since they
    are not part of the text.  ``max_bytes`` applies to each entity's text.
    """
    head = read_head(path)
    check_binary(path, head)
    if not head.strip():
        raise EmptyInputError(str(path), "empty file, no KB entries")
    context = etree.iterparse(
        str(path),
        events=("end",),
        tag="entity",
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
    )
    seen = 0
    try:
        for _, entity in context:
            seen += 1
            try:
                yield _entry(path, entity, max_bytes)
            except (MalformedInputError, InputTooLargeError) as exc:
                report(exc)
            finally:
                entity.clear(keep_tail=False)
                while entity.getprevious() is not None:
                    del entity.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise MalformedInputError(str(path), f"malformed XML: {exc.msg}", line) from exc
    if not seen:
        raise EmptyInputError(str(path), "no <entity> elements in the KB file")
