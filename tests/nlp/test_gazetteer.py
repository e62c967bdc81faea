"""Gazetteers: countries, demonyms, cities, states and provinces."""

from __future__ import annotations

import pytest

from kbp.nlp import gazetteer as gz
from kbp.nlp.gazetteer import (
    all_countries,
    canonical_country,
    country_of_city,
    country_of_demonym,
    country_of_state,
    demonym_of_country,
    is_country,
    is_former_country,
    is_state_or_province,
    name_key,
    subdivision_kind,
)


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Ecuadorian", "Ecuador"),
        ("Russian", "Russia"),
        ("Australian", "Australia"),
        ("Colombian", "Colombia"),
        ("American", "United States"),
        ("British", "United Kingdom"),
        ("Briton", "United Kingdom"),
        ("Scottish", "United Kingdom"),
        ("Americans", "United States"),
        ("Colombians", "Colombia"),
        ("ecuadorian", "Ecuador"),
        ("ECUADORIAN", "Ecuador"),
        ("Ecuadorean", "Ecuador"),
        ("Dutch", "Netherlands"),
        ("Swiss", "Switzerland"),
        ("Filipino", "Philippines"),
        ("Ivorian", "Ivory Coast"),
        ("Burkinabè", "Burkina Faso"),
        ("Burkinabe", "Burkina Faso"),
        ("Dominican", "Dominican Republic"),
        ("Congolese", "Democratic Republic of the Congo"),
        ("Korean", "South Korea"),
        ("North Korean", "North Korea"),
        ("Nigerien", "Niger"),
        ("Nigerian", "Nigeria"),
        ("Soviet", "Soviet Union"),
        ("New Zealander", "New Zealand"),
        ("Papua New Guinean", "Papua New Guinea"),
    ],
)
def test_country_of_demonym(word, country):
    assert country_of_demonym(word) == country


@pytest.mark.parametrize("word", ["", "Martian", "Ecuador", "Latin American", "walker"])
def test_country_of_demonym_unknown(word):
    assert country_of_demonym(word) is None


@pytest.mark.parametrize(
    ("country", "demonym"),
    [
        ("Ecuador", "Ecuadorian"),
        ("USA", "American"),
        ("United Kingdom", "British"),
        ("Britain", "British"),
        ("Russia", "Russian"),
        ("Dominica", "Dominican"),
        ("Republic of the Congo", "Congolese"),
        ("Netherlands", "Dutch"),
        ("Atlantis", None),
    ],
)
def test_demonym_of_country(country, demonym):
    assert demonym_of_country(country) == demonym


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("USA", "United States"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("U.S.A.", "United States"),
        ("United States of America", "United States"),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("Korea", "South Korea"),
        ("Republic of Korea", "South Korea"),
        ("DPRK", "North Korea"),
        ("the Netherlands", "Netherlands"),
        ("The Gambia", "Gambia"),
        ("Holland", "Netherlands"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("Cote d\u2019Ivoire", "Ivory Coast"),
        ("Burma", "Myanmar"),
        ("Czechia", "Czech Republic"),
        ("Swaziland", "Eswatini"),
        ("Macedonia", "North Macedonia"),
        ("DR Congo", "Democratic Republic of the Congo"),
        ("Congo-Brazzaville", "Republic of the Congo"),
        ("Guinea Bissau", "Guinea-Bissau"),
        ("Trinidad & Tobago", "Trinidad and Tobago"),
        ("St. Lucia", "Saint Lucia"),
        ("St Vincent and the Grenadines", "Saint Vincent and the Grenadines"),
        ("São Tomé and Príncipe", "Sao Tome and Principe"),
        ("ecuador", "Ecuador"),
        ("PERU", "Peru"),
        ("Perú", "Peru"),
        ("USSR", "Soviet Union"),
        ("East Germany", "East Germany"),
    ],
)
def test_canonical_country(name, canonical):
    assert canonical_country(name) == canonical
    assert is_country(name)


@pytest.mark.parametrize("name", ["", "Cuenca", "Ontario", "Europe", "Latin America", "Texas"])
def test_not_countries(name):
    assert canonical_country(name) is None
    assert not is_country(name)


def test_former_countries():
    assert is_country("Soviet Union")
    assert not is_country("Soviet Union", include_former=False)
    assert is_former_country("U.S.S.R.")
    assert not is_former_country("Russia")
    assert is_country("Russia", include_former=False)


def test_country_table_size():
    countries = all_countries()
    assert 195 <= len(countries) <= 200
    assert "Soviet Union" not in countries
    assert "Soviet Union" in all_countries(include_former=True)


def test_every_country_has_a_demonym():
    missing = [c for c in all_countries() if demonym_of_country(c) is None]
    assert missing == []


def test_every_country_has_a_capital_or_city():
    cities = set(gz._cities().values())
    missing = [c for c in all_countries() if c not in cities and c not in _CAPITALS_ELSEWHERE]
    assert missing == []


# Capitals whose names go to a more prominent namesake: San José (San Jose, California),
# St. John's (Newfoundland), Victoria (British Columbia).
_CAPITALS_ELSEWHERE = {"Costa Rica", "Antigua and Barbuda", "Seychelles"}


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Cuenca", "Ecuador"),
        ("Quito", "Ecuador"),
        ("Plovdiv", "Bulgaria"),
        ("Seoul", "South Korea"),
        ("Murcia", "Spain"),
        ("Seville", "Spain"),
        ("Sevilla", "Spain"),
        ("Osaka", "Japan"),
        ("Helsinki", "Finland"),
        ("Sydney", "Australia"),
        ("Athens", "Greece"),
        ("Atlanta", "United States"),
        ("Beijing", "China"),
        ("Paris", "France"),
        ("London", "United Kingdom"),
        ("New York City", "United States"),
        ("Bogotá", "Colombia"),
        ("BOGOTA", "Colombia"),
        ("São Paulo", "Brazil"),
        ("Zürich", "Switzerland"),
        ("Düsseldorf", "Germany"),
        ("Reykjavík", "Iceland"),
        ("St. Petersburg", "Russia"),
        ("Saint Petersburg", "Russia"),
        ("St Louis", "United States"),
        ("The Hague", "Netherlands"),
        ("Port-au-Prince", "Haiti"),
        ("Port au Prince", "Haiti"),
        ("Washington, D.C.", "United States"),
        ("Saransk", "Russia"),
        ("Hong Kong", "China"),
        ("Cuenca, Spain", "Spain"),
        ("Athens, Ga.", "United States"),
        ("Paris, Texas", "United States"),
        ("Seoul, Korea", "South Korea"),
        ("St. John's", "Canada"),
        ("Vatican City", "Vatican City"),
    ],
)
def test_country_of_city(city, country):
    assert country_of_city(city) == country


@pytest.mark.parametrize("city", ["", "Springfield", "El Vecino", "Atlantis, Nowhere"])
def test_country_of_city_unknown(city):
    assert country_of_city(city) is None


def test_city_table_size():
    assert len(set(gz._cities())) >= 300


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("California", "United States", "state"),
        ("Calif.", "United States", "state"),
        ("new york", "United States", "state"),
        ("Georgia", "United States", "state"),
        ("District of Columbia", "United States", "federal district"),
        ("Ontario", "Canada", "province"),
        ("Québec", "Canada", "province"),
        ("Quebec", "Canada", "province"),
        ("Nunavut", "Canada", "territory"),
        ("Queensland", "Australia", "state"),
        ("NSW", "Australia", "state"),
        ("Scotland", "United Kingdom", "country"),
        ("Bavaria", "Germany", "state"),
        ("Baden-Württemberg", "Germany", "state"),
        ("Catalonia", "Spain", "autonomous community"),
        ("Nuevo León", "Mexico", "state"),
        ("Punjab", "India", "state"),
        ("Sindh", "Pakistan", "province"),
        ("Tibet", "China", "autonomous region"),
        ("KwaZulu-Natal", "South Africa", "province"),
        ("Sicily", "Italy", "region"),
        ("Mordovia", "Russia", "republic"),
    ],
)
def test_states_and_provinces(name, country, kind):
    assert is_state_or_province(name)
    assert country_of_state(name) == country
    assert subdivision_kind(name) == kind


@pytest.mark.parametrize("name", ["", "Ecuador", "Cuenca", "Atlantis", "Ill."])
def test_not_states(name):
    assert not is_state_or_province(name)
    assert country_of_state(name) is None


def test_all_fifty_states():
    states = {
        k for k, (c, kind) in gz._subdivisions().items() if c == "United States" and kind == "state"
    }
    names = {
        k
        for k in states
        if "." not in k and k not in {"cal", "washington state", "new york state", "hawai'i"}
    }
    assert len(names) == 50


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("The Hague", "hague"),
        ("Guinea-Bissau", "guinea bissau"),
        ("  São   Paulo ", "sao paulo"),
        ("Trinidad & Tobago", "trinidad and tobago"),
        ("Tromsø", "tromso"),
    ],
)
def test_name_key(name, key):
    assert name_key(name) == key


def test_tables_are_cached():
    assert gz._cities() is gz._cities()
    assert gz._countries() is gz._countries()


@pytest.mark.parametrize(("name", "expected"), [
    ("Ecuador", True), ("The Netherlands", True), ("Cuenca", True), ("Ontario", True),
    ("Kipchoge", False), ("Ecuadorian", False),
])
def test_gazetteer_is_place(name, expected):
    assert gz.is_place(name) is expected
