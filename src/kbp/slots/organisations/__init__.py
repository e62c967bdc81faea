"""Pattern extractors for organisation slots and for employment.

Leaders and staff ("X is the chief executive of Y", "Y's CEO X", "X, a professor at
Y"), employment verbs ("X joined Y", "X plays for Y"), founding ("Y was founded in
1998 by X"), headquarters ("Y, headquartered in Z"), parent companies ("Y, a subsidiary
of Z", "Z acquired Y") and political parties ("Republican senator X").

Every extractor reads one sentence of the parse.  A relation is read off the
dependency tree (or, for a few fixed phrasings such as "Microsoft CEO Satya Nadella",
off the order of the mentions), and both ends must be entity mentions of the right
type: an organisation is an ORG mention, never a bare common noun.

Organisations referred to without their name: a relative "which"/"that" stands for
the organisation it follows; "it", "its" and "the company", "the firm" (and the other
nouns of :data:`ORG_ANAPHORS`), as a subject ("It is headquartered in Z"), an object
("X founded it") or a possessor ("its CEO X"), stand for the last organisation that was
a grammatical subject in the :data:`ANAPHOR_WINDOW` tokens before (a newer subject
that could also be "it", a place, cancels the reference).  The coreference stage
resolves pronouns for people only, so this is done here, and only for these patterns.
An organisation written again in parentheses ("Stanley Black & Decker (SWK)",
"Y (formerly Z)") gets the same facts.

Title words, verbs and nouns are tables in :mod:`kbp.slots.organisations.tables`.

Layout: :mod:`.tables` (title words, verbs, nouns), :mod:`.mentions` (the sentence's
mentions by token), :mod:`.common` (tree helpers and ORG reference resolution),
:mod:`.people` (leaders, staff, employment, parties), :mod:`.founding`, :mod:`.places`
(headquarters), :mod:`.ownership` (parents and subsidiaries), :mod:`.aliases` (names in
parentheses) and :mod:`.registry` (the extractor table).
"""

from kbp.slots.organisations.registry import ORG_EXTRACTORS

__all__ = ["ORG_EXTRACTORS"]
