"""Within-document coreference: name variants, pronouns and role nominals.

Rules rather than a neural model: the small English pipeline has no coreference
component, and for KBP the decisive cases are name variants ("Jefferson Perez",
"Perez", "Jefferson", accent-folded "Pérez") and pronouns that refer to the
person the text is about.  Each rule is deliberately conservative: a mention left
unresolved loses a fact; a mention attached to the wrong person invents one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Token

from kbp.kb.text import fold
from kbp.nlp.annotate import Analysis
from kbp.types import ENTITY_TYPES, Entity, Mention

PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
            "she": "f", "her": "f", "hers": "f", "herself": "f"}

#: Head nouns of definite descriptions that refer back to a person ("the veteran race
#: walker", "this remarkable athlete").
PERSON_NOMINALS = frozenset(
    "athlete walker racewalker runner sprinter star champion veteran player swimmer cyclist "
    "skier boxer wrestler footballer golfer driver rider medalist medallist winner "
    "politician candidate leader singer actor actress writer author artist "
    "businessman businesswoman executive official".split()
)


@dataclass
class Resolution:
    """Entities of one document and a lookup from token index to entity."""

    entities: list[Entity]
    by_token: dict[int, Entity]
    topic: Entity | None = None

    def entity_at(self, token_i: int) -> Entity | None:
        return self.by_token.get(token_i)


class _Cluster:
    def __init__(self, type_: str, names: tuple[str, ...] = (), topic: bool = False) -> None:
        self.type = type_
        self.mentions: list[Mention] = []
        self.names: list[tuple[str, ...]] = [tuple(fold(n).split()) for n in names]
        self.topic = topic
        self.last = -1

    def tokens(self) -> set[str]:
        return {t for n in self.names for t in n}

    def add(self, m: Mention, proper: bool = True) -> None:
        self.mentions.append(m)
        self.last = m.start
        if proper:
            self.names.append(tuple(fold(m.text).split()))


def _person_match(name: tuple[str, ...], cluster: _Cluster) -> bool:
    if not name:
        return False
    for other in cluster.names:
        if name == other:
            return True
        if len(name) == 1:
            # a lone given name or surname matches either end of a full name
            if name[0] in (other[0], other[-1]) or name[0] in other[1:-1] and len(other) > 2:
                return True
        elif set(name) <= set(other) or (len(other) > 1 and set(other) <= set(name)):
            return True
    return False


def _pick(clusters: list[_Cluster]) -> _Cluster:
    return max(clusters, key=lambda c: (c.topic, len(c.mentions), c.last))


def resolve(analysis: Analysis, topic_names: tuple[str, ...] = ()) -> Resolution:
    """Cluster the entity mentions of ``analysis``; ``topic_names`` seeds the entity a
    KB entry is about, so its pronouns and name parts resolve to it."""
    clusters: list[_Cluster] = []
    topic = _Cluster("PER", topic_names, topic=True) if topic_names else None
    if topic is not None:
        clusters.append(topic)
    names = [m for m in analysis.mentions if m.type in ENTITY_TYPES]
    # Full names first, so "Perez" can find "Jefferson Perez" however they are ordered.
    for m in sorted(names, key=lambda m: (len(m.text.split()) == 1, m.start)):
        key = tuple(fold(m.text).split())
        if m.type == "PER":
            hits = [c for c in clusters if c.type == "PER" and _person_match(key, c)]
        else:
            hits = [c for c in clusters if c.type == m.type and key in c.names]
        if hits:
            _pick(hits).add(m)
        else:
            c = _Cluster(m.type)
            c.add(m)
            clusters.append(c)

    token_cluster: dict[int, _Cluster] = {}
    for c in clusters:
        for m in c.mentions:
            span = analysis.span(m)
            for t in span:
                token_cluster[t.i] = c

    extra = _pronouns_and_nominals(analysis, clusters, token_cluster, topic)
    for c, m in extra:
        c.mentions.append(m)

    entities: list[Entity] = []
    by_token: dict[int, Entity] = {}
    topic_entity = None
    for c in clusters:
        if not c.mentions:
            continue
        c.mentions.sort(key=lambda m: m.start)
        proper = [m for m in c.mentions if m.source not in ("pronoun", "nominal")]
        name = max((m.text for m in proper), key=len, default=c.mentions[0].text)
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


def _salient(clusters: list[_Cluster], before: int) -> _Cluster | None:
    counts = Counter()
    for c in clusters:
        if c.type == "PER":
            n = sum(1 for m in c.mentions if m.start < before)
            if n or c.topic:
                counts[id(c)] = (c.topic, n)
    if not counts:
        return None
    best = max(counts, key=counts.get)
    return next(c for c in clusters if id(c) == best)


def _subject_cluster(sent, token_cluster, limit: int) -> _Cluster | None:
    """The person who is a grammatical subject in ``sent`` before token ``limit``."""
    found = None
    for t in sent:
        if t.i >= limit:
            break
        c = token_cluster.get(t.i)
        if c is not None and c.type == "PER" and t.dep_ in ("nsubj", "nsubjpass"):
            found = c
    return found


def _pronouns_and_nominals(analysis, clusters, token_cluster, topic):
    doc = analysis.doc
    out: list[tuple[_Cluster, Mention]] = []
    last_subject: _Cluster | None = None
    for sent in doc.sents:
        root_subj = next(
            (token_cluster.get(t.i) for t in sent.root.children if t.dep_ == "nsubj"), None
        )
        for tok in sent:
            low = tok.lower_
            target = None
            source = None
            if low in PRONOUNS and tok.pos_ == "PRON" or (low == "his" and tok.tag_ == "PRP$"):
                source = "pronoun"
                target = _subject_cluster(sent, token_cluster, tok.i)
                if target is None and root_subj is not None and root_subj.type == "PER" \
                        and tok.i < sent.root.i:
                    target = root_subj  # "Far from ... his finish, Perez is grateful"
                if target is None:
                    target = topic or last_subject or _salient(clusters, tok.idx)
            elif _is_person_nominal(tok, token_cluster):
                source = "nominal"
                target = topic or _salient(clusters, tok.idx)
            if target is None or source is None:
                continue
            end_tok = tok if source == "pronoun" else _nominal_head(tok)
            m = Mention(
                doc_id=analysis.document.id,
                start=tok.idx,
                end=end_tok.idx + len(end_tok.text),
                text=analysis.document.text[tok.idx : end_tok.idx + len(end_tok.text)],
                type="PER",
                source=source,
            )
            out.append((target, m))
            for i in range(tok.i, end_tok.i + 1):
                token_cluster.setdefault(i, target)
        subj = _subject_cluster(sent, token_cluster, sent.end)
        if subj is not None:
            last_subject = subj
    return out


def _is_person_nominal(tok: Token, token_cluster) -> bool:
    """A determiner opening a noun phrase headed by a person noun, with no name in it."""
    if tok.lower_ not in ("the", "this", "that") or tok.dep_ != "det":
        return False
    head = tok.head
    demonym = head.ent_type_ == "NORP" and head.i == tok.i + 1 and head.dep_ in (
        "nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos")
    if not demonym and (head.lemma_.lower() not in PERSON_NOMINALS or head.pos_ != "NOUN"):
        return False
    return not any(i in token_cluster for i in range(tok.i, head.i + 1))


def _nominal_head(tok: Token) -> Token:
    return tok.head
