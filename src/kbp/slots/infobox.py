"""Infobox fields as slot facts: one table from field names to slots, and a converter.

Field names are compared after lower-casing and removing spaces, underscores and
hyphens, so ``birth_date``, ``Birth date`` and ``birthdate`` are the same field.
"""

from __future__ import annotations

import dataclasses
import html
import re

from kbp.io.dates import normalize_date
from kbp.nlp.normalize import normalize_height
from kbp.types import Fact, Provenance

CONFIDENCE = 0.95
EXTRACTOR = "infobox"

#: Infobox field name -> slot.
INFOBOX_SLOTS: dict[str, str] = {
    # person: names
    "fullname": "per:alternate_names",
    "full_name": "per:alternate_names",
    "birth_name": "per:alternate_names",
    "birthname": "per:alternate_names",
    "othername": "per:alternate_names",
    "other_names": "per:alternate_names",
    "nickname": "per:alternate_names",
    "alias": "per:alternate_names",
    "native_name": "per:alternate_names",
    # person: birth and death
    "birth_date": "per:date_of_birth",
    "dateofbirth": "per:date_of_birth",
    "born": "per:date_of_birth",
    "birth_place": "per:city_of_birth",
    "placeofbirth": "per:city_of_birth",
    "cityofbirth": "per:city_of_birth",
    "countryofbirth": "per:country_of_birth",
    "death_date": "per:date_of_death",
    "dateofdeath": "per:date_of_death",
    "died": "per:date_of_death",
    "death_place": "per:city_of_death",
    "placeofdeath": "per:city_of_death",
    "cityofdeath": "per:city_of_death",
    "countryofdeath": "per:country_of_death",
    "death_cause": "per:cause_of_death",
    "cause_of_death": "per:cause_of_death",
    # person: family
    "spouse": "per:spouse",
    "spouses": "per:spouse",
    "partner": "per:spouse",
    "parents": "per:parents",
    "father": "per:parents",
    "mother": "per:parents",
    "children": "per:children",
    "relatives": "per:other_family",
    "relations": "per:other_family",
    "siblings": "per:siblings",
    # person: origin, residence, school, work
    "nationality": "per:origin",
    "citizenship": "per:origin",
    "ethnicity": "per:origin",
    "residence": "per:cities_of_residence",
    "alma_mater": "per:schools_attended",
    "education": "per:schools_attended",
    "college": "per:schools_attended",
    "occupation": "per:title",
    "position": "per:title",
    "office": "per:title",
    "profession": "per:title",
    "employer": "per:employee_or_member_of",
    "club": "per:employee_or_member_of",
    "currentclub": "per:employee_or_member_of",
    "current_club": "per:employee_or_member_of",
    "team": "per:employee_or_member_of",
    "party": "per:employee_or_member_of",
    "religion": "per:religion",
    "height": "per:height",
    "coach": "per:coach",
    "criminal_charge": "per:charges",
    # organisation
    "founder": "org:founded_by",
    "founders": "org:founded_by",
    "founded_by": "org:founded_by",
    "founded": "org:date_founded",
    "foundation": "org:date_founded",
    "formation": "org:date_founded",
    "established": "org:date_founded",
    "defunct": "org:date_dissolved",
    "dissolved": "org:date_dissolved",
    "headquarters": "org:city_of_headquarters",
    "hq_location": "org:city_of_headquarters",
    "hq_location_city": "org:city_of_headquarters",
    "location_city": "org:city_of_headquarters",
    "hq_location_country": "org:country_of_headquarters",
    "location_country": "org:country_of_headquarters",
    "key_people": "org:top_members_employees",
    "leader_name": "org:top_members_employees",
    "num_employees": "org:number_of_employees_members",
    "employees": "org:number_of_employees_members",
    "num_members": "org:number_of_employees_members",
    "parent": "org:parents",
    "parent_company": "org:parents",
    "parent_organization": "org:parents",
    "owner": "org:shareholders",
    "subsid": "org:subsidiaries",
    "subsidiaries": "org:subsidiaries",
    "divisions": "org:subsidiaries",
    "website": "org:website",
    "homepage": "org:website",
    "url": "org:website",
    "affiliation": "org:political_religious_affiliation",
    "affiliations": "org:member_of",
}


def _key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower())


_BY_KEY: dict[str, str] = {_key(k): v for k, v in INFOBOX_SLOTS.items()}

_DATE_SLOTS = frozenset(
    {"per:date_of_birth", "per:date_of_death", "org:date_founded", "org:date_dissolved"}
)
_PERSON_SLOTS = frozenset(
    {"per:spouse", "per:parents", "per:children", "per:siblings", "per:other_family",
     "per:coach", "org:top_members_employees"}
)
_REF = re.compile(r"<ref[^>/]*/>|<ref[^>]*>.*?</ref>", re.IGNORECASE | re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_LINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]")
_EXT_LINK = re.compile(r"\[((?:https?:)?//[^\s\]]+)(?:\s[^\]]*)?\]")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\]|]+")
_NUMBER = re.compile(r"\d[\d,.]*")


def strip_wiki_markup(value: str) -> str:
    """Plain text of a wiki markup value: links as their label, no templates or refs."""
    text = _COMMENT.sub("", value)
    text = _REF.sub("", text)
    text = _BR.sub(", ", text)
    text = _LINK.sub(r"\1", text)
    text = _EXT_LINK.sub(r"\1", text)
    prev = None
    while prev != text:  # nested templates, innermost first
        prev, text = text, _TEMPLATE.sub("", text)
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    text = re.sub(r"'{2,}", "", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\(\s*\)", "", text)
    return text.strip(" ,;:")


def _height(text: str) -> str | None:
    """Metres from an infobox height ("1.85 m (6 ft 1 in)"): the main value, else the
    one in parentheses."""
    for part in (re.sub(r"\([^()]*\)", " ", text), *re.findall(r"\(([^()]*)\)", text)):
        metres = normalize_height(part.strip())
        if metres:
            return metres
    return None


def _normalise(slot: str, raw_value: str) -> str | None:
    if slot in _DATE_SLOTS:
        templated = normalize_date(raw_value) if "{{" in raw_value else None
        return templated or normalize_date(strip_wiki_markup(raw_value))
    value = strip_wiki_markup(raw_value)
    if not value:
        return None
    if slot in _PERSON_SLOTS:  # "Jane Doe (m. 1990)": the aside is not the name
        value = re.sub(r"\s*\([^()]*\)", "", value).strip(" ,;")
    if slot == "per:height":
        return _height(value)
    if slot == "org:number_of_employees_members":
        m = _NUMBER.search(value)
        return m.group(0).replace(",", "").rstrip(".") if m else None
    if slot == "org:website":
        m = _URL.search(value)
        return m.group(0).rstrip(".,") if m else None
    return value


def infobox_slot(name: str) -> str | None:
    """The slot an infobox field name fills, or None when it fills none."""
    return _BY_KEY.get(_key(name))


def infobox_fact(
    subject_kb_id: str,
    name: str,
    value_text: str,
    prov: Provenance,
    *,
    link: str | None = None,
) -> Fact | None:
    """A Fact for one infobox field, or None when the field maps to no slot or no value.

    Dates become ISO (``yyyy-mm-dd``, or ``yyyy-mm`` / ``yyyy`` when partial), wiki
    markup is stripped, heights become metres and head counts plain integers.  A
    value linked to another KB entry keeps its text and gets ``{"kb_link": id}``.
    """
    slot = infobox_slot(name)
    if slot is None or not value_text or not value_text.strip():
        return None
    value = _normalise(slot, value_text)
    if not value:
        return None
    if prov.extractor != EXTRACTOR:
        prov = dataclasses.replace(prov, extractor=EXTRACTOR)
    return Fact(
        subject=subject_kb_id,
        slot=slot,
        value=value,
        confidence=CONFIDENCE,
        provenance=(prov,),
        qualifiers={"kb_link": link} if link else {},
    )
