"""The gender of the people a document names, read from the document itself.

Three kinds of evidence, strongest first:

1. a title or a gendered noun tied to the name: "Mrs Soto", "Queen Anne", "his wife
   Ana Soto", "Ana Soto, the daughter of ...", "Soto is an American actress";
2. a very common English given name (a short list written for this module, not a
   name database: a name it does not know says nothing);
3. the gendered pronouns that follow the name before any other person is mentioned
   ("Luis Vega won. He ..."), counted only for a name that is its sentence's subject
   or the only person in it.

Conflicting evidence of the same strength leaves the gender unknown, and an unknown
gender is compatible with every pronoun: the rules only ever remove a candidate.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from kbp.coref.clusters import Cluster

MALE, FEMALE = "m", "f"

#: Personal pronouns and their gender.
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
                  "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}

_MALE_WORDS = (
    "mr mr. sir lord king prince duke earl baron emperor sultan tsar czar "
    "son father husband brother widower boy man gentleman grandson grandfather nephew "
    "uncle monk stepson stepfather businessman sportsman congressman spokesman "
    "councilman alderman"
)
_FEMALE_WORDS = (
    "mrs mrs. ms ms. miss madam madame lady dame queen princess duchess countess "
    "baroness empress tsarina "
    "daughter mother wife sister widow girl woman granddaughter grandmother niece aunt "
    "nun stepdaughter stepmother businesswoman sportswoman congresswoman spokeswoman "
    "chairwoman councilwoman actress waitress heroine hostess stewardess priestess "
    "songstress ballerina comedienne"
)
#: Titles and nouns that give the gender of the name they introduce or describe.
GENDERED_WORDS: dict[str, str] = {
    **{w: MALE for w in _MALE_WORDS.split()},
    **{w: FEMALE for w in _FEMALE_WORDS.split()},
}

#: Very common given names whose gender is hardly ever the other one.
_MALE_NAMES = (
    "james john robert michael william david richard joseph thomas charles christopher "
    "daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian "
    "george edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan "
    "stephen larry justin scott brandon benjamin samuel frank gregory raymond patrick "
    "jack dennis jerry peter henry arthur albert harold walter roger carl louis "
    "francis alexander fred frederick harry hugh ian alan allan neil martin simon "
    "philip phillip howard herbert ernest eugene ralph wayne bruce roy willie lawrence "
    "jose juan carlos luis pedro jorge miguel antonio manuel francisco giovanni giuseppe "
    "pierre jean-pierre jacques hans karl klaus wolfgang ivan vladimir sergei dmitri "
    "mohammed muhammad ahmed ali hassan"
)
_FEMALE_NAMES = (
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa "
    "betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda "
    "melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela "
    "helen anna anne ann brenda pamela nicole emma samantha katherine catherine christine "
    "debra rachel carolyn janet virginia maria heather diane julie joyce victoria "
    "christina joan evelyn judith megan cheryl hannah martha jacqueline frances "
    "gloria teresa kathryn sara janice alice judy julia grace rose marie "
    "sophie sophia olivia isabella charlotte lucy louise claire jane eleanor ruth "
    "irene ingrid sofia ana carmen isabel lucia francesca giulia monique yvonne "
    "natalia olga tatiana svetlana fatima aisha"
)
GIVEN_NAMES: dict[str, str] = {
    **{n: MALE for n in _MALE_NAMES.split()},
    **{n: FEMALE for n in _FEMALE_NAMES.split()},
}

#: Nouns for people that end the search for a name's pronoun ("Soto's husband said he").
_PERSON_NOUNS = frozenset(GENDERED_WORDS) | frozenset(
    "parent parents child children friend partner coach teacher player colleague".split())


def _verdict(votes: Counter) -> str | None:
    """The gender most of ``votes`` agree on (at least two to one), else None."""
    m, f = votes[MALE], votes[FEMALE]
    if m > 2 * f:
        return MALE
    if f > 2 * m:
        return FEMALE
    return None


def _cue_words(span: Span) -> list[Token]:
    """Tokens that describe the person named by ``span``: the word before it ("Queen",
    "his wife"), its own first word (a title the model kept in the name), nouns in
    apposition ("Soto, the daughter of ..."), the noun it is in apposition to, and
    the predicate noun of "<name> is/was a ..." (with its coordinated nouns)."""
    doc = span.doc
    root = span.root
    out = [span[0]]
    if span.start > 0:
        out.append(doc[span.start - 1])
    out += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        out.append(root.head)
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
        for attr in root.head.children:
            if attr.dep_ == "attr":
                out.append(attr)
                out += [c for c in attr.children if c.dep_ == "conj"]
    return out


def _cue_gender(span: Span) -> str | None:
    votes = Counter()
    for tok in _cue_words(span):
        g = GENDERED_WORDS.get(tok.lower_) or (
            GENDERED_WORDS.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None)
        if g is not None:
            votes[g] += 1
    return _verdict(votes)


def _name_gender(text: str) -> str | None:
    words = [w.strip(".,").lower() for w in text.split()]
    words = [w for w in words if w and w not in GENDERED_WORDS]
    return GIVEN_NAMES.get(words[0]) if len(words) > 1 else None


def _following_pronoun(span: Span, token_cluster: dict[int, Cluster],
                       cluster: Cluster) -> str | None:
    """The gender of the first personal pronoun after ``span`` (in its sentence only a
    possessive or reflexive one, which cannot be a clause-mate's object), up to the end
    of the next sentence, unless another person is mentioned first."""
    doc = span.doc
    sent = span.sent
    nxt = doc[sent.end].sent if sent.end < len(doc) else None
    stop = nxt.end if nxt is not None else sent.end
    for i in range(span.end, stop):
        tok = doc[i]
        other = token_cluster.get(i)
        if other is not None and other is not cluster and other.type == "PER":
            return None
        if tok.lower_ in _PERSON_NOUNS and tok.pos_ == "NOUN":
            return None
        g = PRONOUN_GENDER.get(tok.lower_)
        if g is None or tok.pos_ != "PRON" and tok.tag_ != "PRP$":
            continue
        if i < sent.end and not (tok.tag_ == "PRP$" or tok.lower_.endswith("self")):
            continue
        return g
    return None


def learn_genders(spans: list[tuple[Cluster, Span]],
                  token_cluster: dict[int, Cluster]) -> None:
    """Set ``gender`` on the person clusters of ``spans`` (each name mention with its
    cluster) whose gender the document shows."""
    strong: dict[int, Counter] = {}
    names: dict[int, Counter] = {}
    pronouns: dict[int, Counter] = {}
    people: dict[int, Cluster] = {}
    persons_in_sentence: Counter = Counter()
    for c, span in spans:
        if c.type == "PER":
            persons_in_sentence[span.sent.start] += 1
    for c, span in spans:
        if c.type != "PER" or c.gender is not None:
            continue
        key = id(c)
        people[key] = c
        g = _cue_gender(span)
        if g is not None:
            strong.setdefault(key, Counter())[g] += 1
        g = _name_gender(span.text)
        if g is not None:
            names.setdefault(key, Counter())[g] += 1
        if span.root.dep_ in ("nsubj", "nsubjpass") or persons_in_sentence[span.sent.start] == 1:
            g = _following_pronoun(span, token_cluster, c)
            if g is not None:
                pronouns.setdefault(key, Counter())[g] += 1
    for key, c in people.items():
        for evidence in (strong, names, pronouns):
            if key in evidence:
                c.gender = _verdict(evidence[key])
                break
