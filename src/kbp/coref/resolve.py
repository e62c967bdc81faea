"""Within-document coreference: name variants, pronouns and role nominals.

Rules rather than a neural model: the small English pipeline has no coreference
component, and for KBP the decisive cases are name variants ("Jefferson Perez",
"Perez", "Jefferson", accent-folded "Pérez"; an organisation's rare first word or
initials: "Activision", "IAAF") and pronouns that refer to the
person or the organisation the text is about.  Each rule is deliberately
conservative: a mention left unresolved loses a fact; a mention attached to the
wrong entity invents one.

Layout: :mod:`.clusters` (the clusters being built), :mod:`.gender` (the gender of
the people named, from the document), :mod:`.pronouns` (pronouns, relative pronouns
and definite descriptions) and this module (names, and the order of the steps).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kbp.coref.clusters import NOT_NAMES, Cluster, organisation_match, person_match
from kbp.coref.gender import learn_genders
from kbp.coref.pronouns import PERSON_NOMINALS, Resolver
from kbp.kb.text import fold
from kbp.nlp.annotate import Analysis
from kbp.types import ENTITY_TYPES, Entity, Mention

__all__ = ["PERSON_NOMINALS", "Resolution", "birth_name_starts", "resolve"]


@dataclass
class Resolution:
    """Entities of one document and a lookup from token index to entity."""

    entities: list[Entity]
    by_token: dict[int, Entity]
    topic: Entity | None = None

    def entity_at(self, token_i: int) -> Entity | None:
        return self.by_token.get(token_i)


def _pick(clusters: list[Cluster], m: Mention, headline: bool = False) -> Cluster:
    """The cluster a name matching several belongs to: the topic's, else one named in
    full before it, else the one named most, else the one named last; in a headline,
    the one the story names in full first.  "Morrison, 88" in an obituary of Toni
    Morrison is hers, not her husband Harold Morrison's, named later; "Kilpatrick, 42"
    after "Kwame Kilpatrick" is not his mother Carolyn's."""
    def key(c: Cluster) -> tuple:
        first = _first_full(c)
        return (c.topic, first < m.start, -first if headline else 0, len(c.mentions),
                c.last)
    return max(clusters, key=key)


def _first_full(c: Cluster) -> int:
    """Where the cluster is first named in more than one word (a large number if never)."""
    return min((x.start for x in c.mentions if len(x.text.split()) > 1), default=1 << 30)


def resolve(analysis: Analysis, topic_names: tuple[str, ...] = (), *,
            unnamed: bool = False) -> Resolution:
    """Cluster the entity mentions of ``analysis``; ``topic_names`` seeds the entity a
    KB entry is about, so its pronouns and name parts resolve to it.

    With ``unnamed``, pronouns that have no named antecedent make entities of their own
    (named after their first mention, with no ``names``): for scoring text spans of
    passages that never name their subject; a knowledge base should leave it off.
    """
    clusters: list[Cluster] = []
    topic = Cluster("PER", topic_names, topic=True) if topic_names else None
    if topic is not None:
        clusters.append(topic)
    names = [m for m in analysis.mentions if m.type in ENTITY_TYPES]
    # Full names first, so "Perez" can find "Jefferson Perez" however they are ordered.
    for m in sorted(names, key=lambda m: (len(m.text.split()) == 1, m.start)):
        key = tuple(fold(m.text).split())
        if m.type == "PER":
            hits = [c for c in clusters if c.type == "PER" and person_match(key, c)]
        elif m.type == "ORG":
            hits = [c for c in clusters if c.type == "ORG" and organisation_match(m, key, c)]
        else:
            hits = [c for c in clusters if c.type == m.type and key in c.names]
        if hits:
            _pick(hits, m, _in_headline(analysis, m)).add(m)
        else:
            c = Cluster(m.type)
            c.add(m)
            clusters.append(c)

    token_cluster: dict[int, Cluster] = {}
    spans = []
    for c in clusters:
        for m in c.mentions:
            span = analysis.span(m)
            spans.append((c, span))
            for t in span:
                token_cluster[t.i] = c
    learn_genders(spans, token_cluster)

    resolver = Resolver(analysis.doc, analysis.document.text, analysis.document.id,
                        clusters, token_cluster, topic, unnamed)
    for c, m in resolver.run():
        c.mentions.append(m)
    _join_birth_names(analysis, clusters, token_cluster)
    return _resolution(analysis, clusters, topic_names)


def _join_birth_names(analysis: Analysis, clusters: list[Cluster],
                      token_cluster: dict[int, Cluster]) -> None:
    """A name given at birth is the person's: "She was born Carolyn Wood", "Adam Ant
    (born Stuart Leslie Goddard)", "Laura Ashley was born ... as Laura Mountney", "Born
    Chloe Ardelia Wofford in Lorain, Morrison ...".  The birth name's cluster joins the
    cluster of whoever was born, when that is another person; the entity keeps the name
    the person goes by."""
    doc = analysis.doc
    for tok in doc:
        if tok.lower_ != "born":
            continue
        sent = tok.sent
        name = next((c for i in birth_name_starts(tok)
                     if (c := _person(token_cluster, i)) is not None), None)
        if name is None:
            continue
        born = next((token_cluster.get(c.i) for c in tok.children if c.dep_ == "nsubjpass"),
                    None)
        if born is None and tok.i > sent.start and doc[tok.i - 1].text == "(":
            born = next((c for t in reversed(doc[sent.start : tok.i - 1])
                         if (c := _person(token_cluster, t.i)) is not None), None)
        if born is None and tok.i == sent.start:  # "Born X ..., he ...": the main subject
            born = next((c for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")
                         and (c := _person(token_cluster, t.i)) not in (None, name)), None)
        if born is None or born is name or name.topic:
            continue  # the entity a KB entry is about stays whole
        born.mentions.extend(name.mentions)
        born.names.extend(name.names)
        born.birth_names.update((m.start, m.end) for m in name.mentions)
        name.mentions = []
        for i, c in list(token_cluster.items()):
            if c is name:
                token_cluster[i] = born


def birth_name_starts(born: Token) -> list[int]:
    """Where a name given at birth may start after the word "born": right after it
    ("born Stuart Leslie Goddard"), or after the first "as" of its sentence ("born on
    September 7, 1925 in Dolwais as Laura Mountney")."""
    sent = born.sent
    starts = [born.i + 1] + [next((t.i + 1 for t in born.doc[born.i + 1 : sent.end]
                                   if t.lower_ == "as"), sent.end)]
    return [i for i in starts if i < sent.end]


def _person(token_cluster: dict[int, Cluster], i: int) -> Cluster | None:
    c = token_cluster.get(i)
    return c if c is not None and c.type == "PER" else None


def _in_headline(analysis: Analysis, m: Mention) -> bool:
    return any(a <= m.start < b for a, b in analysis.document.headlines)


def _resolution(analysis: Analysis, clusters: list[Cluster],
                topic_names: tuple[str, ...]) -> Resolution:
    entities: list[Entity] = []
    by_token: dict[int, Entity] = {}
    topic_entity = None
    for c in clusters:
        if not c.mentions:
            continue
        c.mentions.sort(key=lambda m: m.start)
        proper = [m for m in c.mentions if m.source not in NOT_NAMES]
        # the name a person goes by, not the one given at birth
        usual = [m for m in proper if (m.start, m.end) not in c.birth_names] or proper
        # the longest, but a dateline's capitals ("NEW YORK (AP) -") only when nothing
        # else names the entity
        name = max((m.text for m in usual), key=lambda t: (not t.isupper(), len(t)),
                   default=c.mentions[0].text)
        if c.topic and topic_names:
            name = topic_names[0]
        ent = Entity(
            id=f"{analysis.document.id}#{len(entities) + 1}",
            doc_id=analysis.document.id,
            name=name,
            type=c.type,
            mentions=tuple(c.mentions),
        )
        entities.append(ent)
        if c.topic:
            topic_entity = ent
        for m in c.mentions:
            for t in analysis.span(m):
                by_token[t.i] = ent
    return Resolution(entities, by_token, topic_entity)
