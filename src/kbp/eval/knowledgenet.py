"""KnowledgeNet end to end: kbp's slot facts scored as KnowledgeNet facts.

Data: ``<benchmarks>/knowledgenet/folds1-4.jsonl`` (one document per line, the schema
of the dataset's ``train.json``).  Folds 1-3 are for development; fold 4 is held out
(report only).  The document text outside the annotated passages is blank, so each
passage is run on its own: it becomes one :class:`~kbp.types.Document` whose text is
the passage and whose offset map shifts every offset by ``passageStart``, so the
provenance kbp writes is already in document offsets, as the gold is.

Each passage goes through the pipeline's stages without a store (parse and mention
detection, within-document coreference, slot extraction); each fact is turned into
KnowledgeNet facts by :data:`RULES` and :func:`span_facts`, and the whole is scored by
:func:`kbp.eval.slots.score_knowledgenet`.

Shared with :mod:`kbp.eval.redocred`: :class:`Rule`, :class:`FactView`,
:func:`fact_views` and the conditions (:func:`is_party` and the others).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbp.errors import MalformedInputError, MissingInputError
from kbp.eval.slots import SpanFact, overlaps, score_knowledgenet
from kbp.types import Document, Entity, Fact, OffsetMap

__all__ = [
    "FOLDS",
    "HELD_OUT_FOLD",
    "PROPERTIES",
    "RULES",
    "FactView",
    "Rule",
    "fact_views",
    "load_documents",
    "passage_document",
    "predict_passages",
    "prediction_records",
    "read_predictions",
    "run_knowledgenet",
    "span_facts",
    "write_predictions",
]

#: KnowledgeNet property ids and names.
PROPERTIES: dict[str, str] = {
    "1": "SUBSIDIARY_OF",
    "2": "FOUNDED_BY",
    "3": "EMPLOYEE_OR_MEMBER_OF",
    "4": "CEO",
    "5": "DATE_FOUNDED",
    "6": "HEADQUARTERS",
    "9": "EDUCATED_AT",
    "10": "NATIONALITY",
    "11": "PLACE_OF_RESIDENCE",
    "12": "PLACE_OF_BIRTH",
    "14": "DATE_OF_DEATH",
    "15": "DATE_OF_BIRTH",
    "25": "SPOUSE",
    "34": "CHILD_OF",
    "45": "POLITICAL_AFFILIATION",
}
FOLDS = (1, 2, 3, 4)
HELD_OUT_FOLD = 4

Span = tuple[int, int]


# -- facts seen in their text ------------------------------------------------------------
@dataclass(frozen=True)
class FactView:
    """One kbp fact with what the mapping rules look at, all offsets in raw (document)
    characters.

    ``filler`` is the provenance span (where the slot's value was read); ``sentence``
    the justifying sentence's span; ``subject_spans`` / ``object_spans`` the mentions of
    the subject entity and of the filler's entity (empty when the filler is not an
    entity) in the whole document.
    """

    fact: Fact
    subject: Entity
    object: Entity | None
    filler: Span
    sentence: Span
    filler_text: str
    sentence_text: str
    #: The sentence's text before the filler.
    before_text: str
    subject_spans: tuple[Span, ...]
    object_spans: tuple[Span, ...]


def _to_clean(offsets: OffsetMap, raw: int) -> int:
    """Inverse of :meth:`OffsetMap.to_raw` for a raw offset inside a mapped stretch."""
    raws = [r for _, r in offsets.anchors]
    i = max(0, bisect.bisect_right(raws, raw) - 1)
    clean, r = offsets.anchors[i]
    return clean + (raw - r)


def _raw_spans(document: Document, entity: Entity | None) -> tuple[Span, ...]:
    if entity is None:
        return ()
    return tuple(sorted({document.raw_span(m.start, m.end) for m in entity.mentions}))


def fact_views(document: Document, entities: Sequence[Entity],
               facts: Iterable[Fact]) -> Iterator[FactView]:
    """A :class:`FactView` of every fact whose subject is one of ``entities``."""
    by_id = {e.id: e for e in entities}
    text = document.text
    for fact in facts:
        subject = by_id.get(fact.subject)
        if subject is None:
            continue
        obj = by_id.get(fact.object) if fact.object else None
        prov = fact.provenance[0]
        filler = (prov.start, prov.end)
        sentence = (prov.sent_start if prov.sent_start is not None else prov.start,
                    prov.sent_end if prov.sent_end is not None else prov.end)
        f0, f1 = (_to_clean(document.offsets, x) for x in filler)
        s0, s1 = (_to_clean(document.offsets, x) for x in sentence)
        yield FactView(
            fact=fact,
            subject=subject,
            object=obj,
            filler=filler,
            sentence=sentence,
            filler_text=text[f0:f1],
            sentence_text=text[s0:s1],
            before_text=text[s0:f0],
            subject_spans=_raw_spans(document, subject),
            object_spans=_raw_spans(document, obj),
        )


# -- mapping rules ------------------------------------------------------------------------
Condition = Callable[[FactView], bool]


@dataclass(frozen=True)
class Rule:
    """One kbp slot read as one target property (a KnowledgeNet id or a Wikidata id).

    By default the target's subject is the slot's subject and its object the filler.
    ``inverse``: the target's subject is the filler and its object the slot's subject.
    ``symmetric``: emitted in both directions.  ``when``: a condition on the fact.
    """

    slot: str
    target: str
    inverse: bool = False
    symmetric: bool = False
    when: Condition | None = None
    why: str = ""

    def applies(self, view: FactView) -> bool:
        return view.fact.slot == self.slot and (self.when is None or self.when(view))


_PARTY = re.compile(
    r"\b(?:part(?:y|ies|i|ido|ito|ei)|democrat(?:s|ic)?|republicans?|labou?r|tor(?:y|ies)|"
    r"conservatives?|liberals?|socialists?|communists?|greens|whigs?|federalists?|"
    r"peronists?|justicialist|unionists?|nationalists?)\b", re.I)
_CEO = re.compile(r"\b(?:chief executive|C\.?E\.?O\b)", re.I)
_CHAIR = re.compile(r"\bchair(?:man|woman|person)?\b", re.I)
_TEAM_NAME = re.compile(
    r"\b(?:F\.?C|A\.?F\.?C|S\.?C|C\.?F|United|Rovers|Wanderers|Athletic|Albion|Hotspur|"
    r"Sporting|Dynamo|Dinamo|Olympique|Juventus|Lakers|Celtics|Knicks|Yankees|Dodgers|"
    r"Giants|Rangers|Kings|Bulls|Bears|Packers|Red Sox|Cubs|Braves|\d+ers)\b")
_TEAM_CUE = re.compile(r"\b(?:play(?:s|ed|ing)? (?:for|with)|signed (?:for|with)|on loan|"
                       r"drafted|transferred to|club|team|season)\b", re.I)
_MEMBER_ORG = re.compile(
    r"\b(?:association|society|academy|union|council|league|federation|band|committee|"
    r"assembly|parliament|congress|senate|guild|order|fraternity|sorority|club|orchestra|"
    r"choir|group)\b", re.I)
_PARENT_WORD = re.compile(r"\b(father|dad|papa|mother|mom|mum|mama)[\s,:]*$", re.I)
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}


def is_party(view: FactView) -> bool:
    """The filler names a political party ("Labour Party", "the Democrats"), or the
    extractor said so (party names without a party word: "Fine Gael")."""
    return (view.fact.qualifiers.get("kind") == "political_party"
            or bool(_PARTY.search(view.filler_text)))


def not_party(view: FactView) -> bool:
    return not is_party(view)


def says_ceo(view: FactView) -> bool:
    """The fact's title qualifier, else its sentence, says chief executive (CEO)."""
    title = view.fact.qualifiers.get("title")
    return bool(_CEO.search(title if title else view.sentence_text))


def says_chair(view: FactView) -> bool:
    """The fact's title qualifier, else its sentence, says chairman or chairwoman."""
    title = view.fact.qualifiers.get("title")
    return bool(_CHAIR.search(title if title else view.sentence_text))


def is_team(view: FactView) -> bool:
    """The filler looks like a sports team: a club name word ("FC", "United", "76ers")
    or a sentence that speaks of playing for a team."""
    return not is_party(view) and bool(
        _TEAM_NAME.search(view.filler_text) or _TEAM_CUE.search(view.sentence_text))


def is_member_org(view: FactView) -> bool:
    """The filler is an organisation one is a member of rather than employed by (an
    association, academy, band, parliament, ...), or the sentence says "member of"."""
    if is_party(view) or is_team(view):
        return False
    return bool(_MEMBER_ORG.search(view.filler_text)) or "member of" in view.sentence_text


def is_employer(view: FactView) -> bool:
    return not (is_party(view) or is_team(view) or is_member_org(view))


def _entity_gender(entity: Entity | None) -> str | None:
    if entity is None:
        return None
    votes = [_PRONOUN_GENDER[m.text.lower()] for m in entity.mentions
             if m.text.lower() in _PRONOUN_GENDER]
    if votes and len(set(votes)) == 1:
        return votes[0]
    return None


def _kin_word_gender(before: str) -> str | None:
    """The gender of a parent word ("father", "mother") right before the filler ("his
    father, John"); None when the filler does not follow one."""
    m = _PARENT_WORD.search(before)
    if m is None:
        return None
    return "m" if m.group(1).lower() in ("father", "dad", "papa") else "f"


def _filler_parent_gender(view: FactView) -> str | None:
    return _kin_word_gender(view.before_text) or _entity_gender(view.object)


def filler_is_father(view: FactView) -> bool:
    return _filler_parent_gender(view) == "m"


def filler_is_mother(view: FactView) -> bool:
    return _filler_parent_gender(view) == "f"


def subject_is_father(view: FactView) -> bool:
    return _entity_gender(view.subject) == "m"


def subject_is_mother(view: FactView) -> bool:
    return _entity_gender(view.subject) == "f"


def _places(kind: str, target: str, why: str) -> tuple[Rule, ...]:
    pattern = {"birth": ("per:{}_of_birth", ("country", "stateorprovince", "city")),
               "death": ("per:{}_of_death", ("country", "stateorprovince", "city")),
               "residence": ("per:{}_of_residence",
                             ("countries", "statesorprovinces", "cities")),
               "headquarters": ("org:{}_of_headquarters",
                                ("country", "stateorprovince", "city"))}[kind]
    return tuple(Rule(pattern[0].format(level), target, why=why) for level in pattern[1])


#: kbp slot -> KnowledgeNet property, one row per reading.  A slot may have several
#: rows (each with its condition); a fact becomes every row that applies to it.
RULES: tuple[Rule, ...] = (
    Rule("per:employee_or_member_of", "3", when=not_party,
         why="employer or organisation of a person; a party goes to POLITICAL_AFFILIATION"),
    Rule("per:employee_or_member_of", "45", when=is_party,
         why="membership of a political party is POLITICAL_AFFILIATION (Wikidata P102)"),
    Rule("org:political_religious_affiliation", "45", when=is_party,
         why="an organisation's party ties; religious ties have no KnowledgeNet property"),
    Rule("org:top_members_employees", "4", when=says_ceo,
         why="CEO runs organisation -> person in the gold (Wikidata P169), as the slot "
             "does, so it is not inverted; only when the title or sentence says chief "
             "executive (other leaders are not CEOs)"),
    Rule("org:founded_by", "2", why="organisation -> founder"),
    Rule("org:date_founded", "5", why="organisation -> date"),
    *_places("headquarters", "6", "city, state and country of headquarters alike"),
    Rule("per:schools_attended", "9", why="person -> school"),
    Rule("per:origin", "10",
         why="the object is the nationality word the fact was read from ('American'), "
             "which is what the gold marks"),
    *_places("residence", "11", "city, state and country of residence alike"),
    *_places("birth", "12", "city, state and country of birth alike"),
    Rule("per:date_of_death", "14", why="person -> date"),
    Rule("per:date_of_birth", "15", why="person -> date"),
    Rule("per:spouse", "25", symmetric=True,
         why="the gold has every SPOUSE fact in both directions"),
    Rule("per:parents", "34", why="CHILD_OF runs child -> parent, as per:parents"),
    Rule("per:children", "34", inverse=True, why="per:children runs parent -> child"),
    Rule("org:parents", "1", why="SUBSIDIARY_OF runs subsidiary -> parent, as org:parents"),
    Rule("org:subsidiaries", "1", inverse=True, why="org:subsidiaries runs parent -> child"),
)


def _gap(a: Span, b: Span) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _pick(spans: Sequence[Span], sentence: Span, near: Span, every: bool) -> list[Span]:
    """The spans inside ``sentence`` (all of them, or the one nearest ``near``); when
    none is inside it, the one nearest ``near``."""
    inside = [s for s in spans if sentence[0] <= s[0] and s[1] <= sentence[1]]
    if not inside:
        return [min(spans, key=lambda s: (_gap(s, near), s))] if spans else []
    if every:
        return inside
    return [min(inside, key=lambda s: (_gap(s, near), s))]


def span_facts(view: FactView, rules: Sequence[Rule] = RULES,
               all_mentions: bool = True) -> list[SpanFact]:
    """The KnowledgeNet facts one kbp fact stands for.

    The subject side is the subject entity's mentions inside the fact's sentence (with
    ``all_mentions=False`` only the one nearest the filler; with none inside the
    sentence, the nearest mention anywhere).  The object side is the filler span, and
    with ``all_mentions`` also the filler entity's other mentions in the sentence.
    KnowledgeNet's gold has one fact per pair of coreferent mentions in a passage
    ("<Gleb> SPOUSE <Agnes>", "<his> SPOUSE <Agnes>"), hence the default.  Pairs whose
    two spans overlap are dropped.
    """
    hits = [r for r in rules if r.applies(view)]
    if not hits:
        return []
    subjects = _pick(view.subject_spans, view.sentence, view.filler, all_mentions)
    objects = [view.filler]
    if all_mentions and view.object is not None:
        objects += [s for s in _pick(view.object_spans, view.sentence, view.filler, True)
                    if not overlaps(s, view.filler)]
    out: list[SpanFact] = []
    for rule in hits:
        for s in subjects:
            for o in objects:
                if overlaps(s, o):
                    continue
                pairs = [(o, s)] if rule.inverse else [(s, o)]
                if rule.symmetric:
                    pairs.append((pairs[0][1], pairs[0][0]))
                out.extend(SpanFact(a, b, rule.target) for a, b in pairs)
    return list(dict.fromkeys(out))


# -- data ------------------------------------------------------------------------------------
def load_documents(path: str | Path, folds: Iterable[int] | None = None,
                   limit: int | None = None) -> list[dict[str, Any]]:
    """Documents of a KnowledgeNet JSON-lines file (those of ``folds``; the first
    ``limit`` of them)."""
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(str(path), "no such file")
    wanted = set(folds) if folds is not None else None
    docs = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInputError(str(path), f"not JSON ({exc.msg})", lineno) from None
            if not isinstance(doc, dict) or not isinstance(doc.get("passages"), list):
                raise MalformedInputError(str(path), 'no "passages" list', lineno)
            if wanted is not None and doc.get("fold") not in wanted:
                continue
            docs.append(doc)
            if limit is not None and len(docs) >= limit:
                break
    return docs


def passage_document(passage: Mapping[str, Any]) -> Document:
    """A passage as a Document of its own whose offsets map to document offsets."""
    start = int(passage["passageStart"])
    return Document(id=str(passage["passageId"]), text=str(passage["passageText"]),
                    offsets=OffsetMap(((0, start),)))


def predict_passages(
    documents: Iterable[Mapping[str, Any]],
    nlp: Any = None,
    all_mentions: bool = True,
    batch_size: int = 32,
    classifier: bool = True,
    model: Any = None,
) -> dict[str, list[SpanFact]]:
    """passageId -> the KnowledgeNet facts kbp finds in it (document offsets);
    ``classifier`` and ``model`` as in :func:`kbp.slots.extract.extract_facts`."""
    from kbp.coref.resolve import resolve
    from kbp.nlp.annotate import analyse
    from kbp.slots.extract import extract_facts

    if nlp is None:
        from kbp.nlp.model import load_nlp

        nlp = load_nlp()
    passages = [passage_document(p) for d in documents for p in d["passages"]]
    predicted: dict[str, list[SpanFact]] = {}
    for i in range(0, len(passages), batch_size):
        for analysis in analyse(passages[i : i + batch_size], nlp, batch_size=batch_size):
            # pronouns with no name in the passage still carry facts ("He was born in
            # Lima."); their spans are what the gold marks
            resolution = resolve(analysis, unnamed=True)
            facts = extract_facts(analysis, resolution, classifier=classifier, model=model)
            out: list[SpanFact] = []
            for view in fact_views(analysis.document, resolution.entities, facts):
                out.extend(span_facts(view, all_mentions=all_mentions))
            predicted[analysis.document.id] = list(dict.fromkeys(out))
    return predicted


def prediction_records(
    documents: Iterable[Mapping[str, Any]], predicted: Mapping[str, Iterable[SpanFact]]
) -> Iterator[dict[str, Any]]:
    """Predictions in KnowledgeNet's format: one record per document, its passages with
    their predicted facts (URIs are left empty: the facts are not linked)."""
    for doc in documents:
        text = str(doc.get("documentText", ""))
        passages = []
        for p in doc["passages"]:
            facts = []
            for f in predicted.get(str(p["passageId"]), ()):
                facts.append({
                    "subjectStart": f.subject[0], "subjectEnd": f.subject[1],
                    "subjectText": text[f.subject[0] : f.subject[1]],
                    "objectStart": f.object[0], "objectEnd": f.object[1],
                    "objectText": text[f.object[0] : f.object[1]],
                    "propertyId": f.property,
                    "subjectUri": "", "objectUri": "",
                })
            passages.append({"passageId": p["passageId"], "passageStart": p["passageStart"],
                             "passageEnd": p["passageEnd"], "facts": facts})
        yield {"documentId": doc["documentId"], "passages": passages}


def write_predictions(path: str | Path, documents: Iterable[Mapping[str, Any]],
                      predicted: Mapping[str, Iterable[SpanFact]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for record in prediction_records(documents, predicted):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_predictions(path: str | Path) -> dict[str, list[SpanFact]]:
    """passageId -> facts, from a file in KnowledgeNet's format."""
    from kbp.eval.slots import span_fact

    out: dict[str, list[SpanFact]] = {}
    for doc in load_documents(path):
        for p in doc["passages"]:
            out.setdefault(str(p["passageId"]), []).extend(
                span_fact(f) for f in p.get("facts", ()))
    return out


def run_knowledgenet(
    path: str | Path,
    folds: Iterable[int] = (HELD_OUT_FOLD,),
    limit: int | None = None,
    nlp: Any = None,
    all_mentions: bool = True,
    predictions_out: str | Path | None = None,
    classifier: bool = True,
    model: Any = None,
) -> dict[str, Any]:
    """Run kbp over the passages of ``folds`` (the first ``limit`` documents) and score
    them with :func:`~kbp.eval.slots.score_knowledgenet`.  Returns its dict plus
    ``folds`` and ``documents``; ``predictions_out`` also writes the predictions;
    ``classifier`` and ``model`` choose the relation classifier (see
    :func:`kbp.slots.extract.extract_facts`)."""
    folds = tuple(sorted(set(folds)))
    documents = load_documents(path, folds, limit)
    predicted = predict_passages(documents, nlp, all_mentions=all_mentions,
                                 classifier=classifier, model=model)
    if predictions_out is not None:
        write_predictions(predictions_out, documents, predicted)
    gold = [p for d in documents for p in d["passages"]]
    scores = score_knowledgenet(gold, predicted)
    for pid, row in scores["per_property"].items():
        row["name"] = PROPERTIES.get(pid, row["name"])
    return {"folds": list(folds), "documents": len(documents), **scores}
