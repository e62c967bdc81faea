"""The slot inventory: one table that every extractor, the merge and the exports read.

The 41 slots of TAC-KBP 2014 slot filling, plus achievement slots for people whose
public record is competition results (athletes, but also prizes and elections).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FillerType = Literal[
    "PER", "ORG", "GPE", "LOC", "ENTITY", "DATE", "NUMBER", "STRING", "URL", "HEIGHT", "RESULT"
]


@dataclass(frozen=True)
class Slot:
    name: str
    subject: Literal["PER", "ORG"]
    filler: FillerType
    single: bool  # single-valued: a second, different value is a conflict
    doc: str


def _s(name: str, filler: FillerType, single: bool, doc: str) -> Slot:
    return Slot(name, "PER" if name.startswith("per:") else "ORG", filler, single, doc)


SLOTS: dict[str, Slot] = {
    s.name: s
    for s in (
        # person
        _s("per:alternate_names", "STRING", False, "other names for the person"),
        _s("per:date_of_birth", "DATE", True, "date of birth"),
        _s("per:age", "NUMBER", True, "age in years"),
        _s("per:country_of_birth", "GPE", True, "country of birth"),
        _s("per:stateorprovince_of_birth", "GPE", True, "state or province of birth"),
        _s("per:city_of_birth", "GPE", True, "city of birth"),
        _s("per:origin", "STRING", False, "nationality or ethnic origin"),
        _s("per:date_of_death", "DATE", True, "date of death"),
        _s("per:country_of_death", "GPE", True, "country of death"),
        _s("per:stateorprovince_of_death", "GPE", True, "state or province of death"),
        _s("per:city_of_death", "GPE", True, "city of death"),
        _s("per:cause_of_death", "STRING", True, "cause of death"),
        _s("per:countries_of_residence", "GPE", False, "countries lived in"),
        _s("per:statesorprovinces_of_residence", "GPE", False, "states or provinces lived in"),
        _s("per:cities_of_residence", "GPE", False, "cities lived in"),
        _s("per:schools_attended", "ORG", False, "schools attended"),
        _s("per:title", "STRING", False, "job titles and positions"),
        _s("per:employee_or_member_of", "ENTITY", False, "employers and organisations"),
        _s("per:religion", "STRING", True, "religion"),
        _s("per:spouse", "PER", False, "spouses"),
        _s("per:children", "PER", False, "children"),
        _s("per:parents", "PER", False, "parents"),
        _s("per:siblings", "PER", False, "brothers and sisters"),
        _s("per:other_family", "PER", False, "other relatives"),
        _s("per:charges", "STRING", False, "criminal charges"),
        # organisation
        _s("org:alternate_names", "STRING", False, "other names for the organisation"),
        _s("org:political_religious_affiliation", "ORG", False, "political or religious ties"),
        _s("org:top_members_employees", "PER", False, "leaders and senior staff"),
        _s("org:number_of_employees_members", "NUMBER", True, "number of employees or members"),
        _s("org:members", "ENTITY", False, "member organisations or countries"),
        _s("org:member_of", "ORG", False, "organisations it belongs to"),
        _s("org:subsidiaries", "ORG", False, "subsidiaries"),
        _s("org:parents", "ENTITY", False, "parent organisations"),
        _s("org:founded_by", "ENTITY", False, "founders"),
        _s("org:date_founded", "DATE", True, "date founded"),
        _s("org:date_dissolved", "DATE", True, "date dissolved"),
        _s("org:country_of_headquarters", "GPE", True, "country of headquarters"),
        _s("org:stateorprovince_of_headquarters", "GPE", True, "state or province of HQ"),
        _s("org:city_of_headquarters", "GPE", True, "city of headquarters"),
        _s("org:shareholders", "ENTITY", False, "shareholders"),
        _s("org:website", "URL", True, "website"),
        # achievements
        _s("per:competition_result", "RESULT", False, "a result in a competition"),
        _s("per:coach", "PER", False, "coaches and trainers"),
        _s("per:height", "HEIGHT", True, "height in metres"),
        _s("per:record", "RESULT", False, "records and best performances"),
    )
}

#: The 41 TAC-KBP 2014 slots, in the order of the task definition.
TAC_SLOTS: tuple[str, ...] = tuple(n for n in SLOTS if n not in {
    "per:competition_result", "per:coach", "per:height", "per:record"})

#: Qualifier keys a competition result or record may carry.
RESULT_QUALIFIERS: tuple[str, ...] = (
    "competition", "event", "year", "date", "rank", "medal", "time", "place")


def slot(name: str) -> Slot:
    """The slot called ``name``; a ``KeyError`` names the unknown slot."""
    try:
        return SLOTS[name]
    except KeyError:
        raise KeyError(f"unknown slot {name!r}") from None
