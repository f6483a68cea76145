"""The gazetteer: the places of the contest's region, and the places outside it people name.

intake/places/data/akmola.toml lists Akmola region, its districts and settlements in Kazakh and
Russian with their Latin spellings and other names, and the places that are not in the
region (Astana, the other regions, same-named districts elsewhere). `load_gazetteer` reads
such a file once into lookup tables keyed by `place_key`, a rough phonetic key under which
Көкшетау, Кокшетау and Kokshetau are one name, so a name is found however it was typed.
Reading an entrant's text against the gazetteer is `intake.places.settlements`.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from hub.folding import fold

GAZETTEER_PATH = Path(__file__).with_name("data") / "akmola.toml"


class Level(StrEnum):
    REGION = "region"
    DISTRICT = "district"
    SETTLEMENT = "settlement"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a settlement, a district or a region, in the region or not."""

    kk: str
    ru: str
    level: Level
    in_region: bool
    kind: str = ""  # city, town, village, settlement, resort; district; region
    district_key: str | None = None
    district_kk: str | None = None
    district_ru: str | None = None
    region_kk: str | None = None
    region_ru: str | None = None
    doubtful: bool = False
    note: str = ""


# ------------------------------------------------------------------ matching keys

_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "ю": "iu", "я": "ia",
}
_LATIN_SPECIAL = {"ş": "sh", "ç": "ch", "ı": "i", "ñ": "n", "ğ": "g"}


def place_key(text: str) -> str:
    """A rough phonetic key shared by Kazakh, Russian and Latin spellings of a name.

    Көкшетау, Кокшетау and Kokshetau give "kokshetau"; Щучинск, Shchuchinsk, Schuchinsk
    and Shuchinsk give "shuchinsk"; Қосшы, Косшы, Kosshy and Koshy give "koshi".
    """
    out: list[str] = []
    for char in fold(unicodedata.normalize("NFC", text)):
        if char in _CYRILLIC_TO_LATIN:
            out.append(_CYRILLIC_TO_LATIN[char])
        elif char in _LATIN_SPECIAL:
            out.append(_LATIN_SPECIAL[char])
        elif char.isalpha():
            base = unicodedata.normalize("NFKD", char)[0]
            if "a" <= base <= "z":
                out.append(base)
    key = "".join(out)
    key = re.sub(r"c(?!h)", "ts", key)  # Celinograd = Tselinograd
    for old, new in (("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("j", "zh"), ("q", "k"),
                     ("w", "u"), ("y", "i"), ("ie", "e")):
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)  # Kosshy = Koshy, Akkol = Akol


_ADJECTIVE_ENDINGS = ("ого", "его", "ому", "ему", "ая", "яя", "ой", "ую", "юю", "ий", "ый",
                      "ом", "ем", "ых", "их", "ые", "ие", "ей")


def adjective_stem(word: str) -> str | None:
    """The stem of a Russian adjective ("Зерендинского" -> "зерендинск"), or None."""
    folded = fold(word)
    for ending in _ADJECTIVE_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 4:
            stem = folded[: -len(ending)]
            if stem.endswith(("ск", "цк", "н")):
                return stem
    return None


# ------------------------------------------------------------------ the gazetteer


@dataclass(frozen=True)
class Gazetteer:
    places: tuple[Place, ...]
    nouns: dict[str, tuple[Place, ...]]  # place_key(name) -> places of that name
    adjectives: dict[str, tuple[Place, ...]]  # place_key(adjective stem) -> places
    abbreviations: dict[str, tuple[Place, ...]]  # matched alone, without "облысы"
    akmola: Place

    def settlements(self) -> list[Place]:
        return [p for p in self.places if p.in_region and p.level is Level.SETTLEMENT]

    def districts(self) -> list[Place]:
        return [p for p in self.places if p.in_region and p.level is Level.DISTRICT]


def _strings(entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"gazetteer: {key} of {entry.get('kk')!r} must be a list of strings")
    return value


def _without_note(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


@cache
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """The gazetteer from its TOML file, with its lookup tables (read once per path)."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    nouns: dict[str, list[Place]] = {}
    adjectives: dict[str, list[Place]] = {}
    abbreviations: dict[str, list[Place]] = {}

    def index(table: dict[str, list[Place]], names: list[str], place: Place) -> None:
        for name in names:
            key = place_key(name)
            if key and place not in table.setdefault(key, []):
                table[key].append(place)

    def index_adjectives(names: list[str], place: Place) -> None:
        for name in names:
            words = re.findall(r"[^\W\d_]+", name)
            stem = adjective_stem(words[-1]) if words else None
            if stem is None:
                raise ValueError(f"gazetteer: {name!r} is not a Russian adjective")
            index(adjectives, [" ".join([*words[:-1], stem])], place)

    region = data["region"]
    akmola = Place(region["kk"], region["ru"], Level.REGION, True, "region",
                   region_kk=region["kk"], region_ru=region["ru"])
    index(nouns, _strings(region, "names"), akmola)
    index_adjectives(_strings(region, "adjectives"), akmola)
    places: list[Place] = [akmola]

    districts: dict[str, Place] = {}
    for entry in data["district"]:
        district = Place(entry["kk"], entry["ru"], Level.DISTRICT, True,
                         entry.get("kind", "district"), entry["key"], entry["kk"], entry["ru"],
                         akmola.kk, akmola.ru)
        districts[entry["key"]] = district
        places.append(district)
        index(nouns, _strings(entry, "names"), district)
        index_adjectives(_strings(entry, "adjectives"), district)

    for entry in data["place"]:
        home = districts.get(entry["district"])
        if home is None:
            raise ValueError(f"gazetteer: {entry['kk']!r} names unknown district")
        place = Place(entry["kk"], entry["ru"], Level.SETTLEMENT, True, entry["kind"],
                      home.district_key, home.kk, home.ru, akmola.kk, akmola.ru)
        places.append(place)
        index(nouns, [entry["kk"], entry["ru"], *_strings(entry, "latin"),
                      *_strings(entry, "other")], place)

    for entry in data["outside"]:
        level = Level(entry["level"])
        place = Place(entry["kk"], entry["ru"], level, False, level.value,
                      region_kk=entry.get("region_kk", entry["kk"]),
                      region_ru=entry.get("region_ru", entry["ru"]),
                      doubtful=bool(entry.get("doubtful", False)), note=entry.get("note", ""))
        places.append(place)
        names = _strings(entry, "names")
        if level is Level.SETTLEMENT:
            names = [_without_note(entry["kk"]), _without_note(entry["ru"]), *names]
        index(nouns, names, place)
        index_adjectives(_strings(entry, "adjectives"), place)
        index(abbreviations, _strings(entry, "abbreviations"), place)

    def freeze(table: dict[str, list[Place]]) -> dict[str, tuple[Place, ...]]:
        return {key: tuple(items) for key, items in table.items()}

    return Gazetteer(tuple(places), freeze(nouns), freeze(adjectives), freeze(abbreviations),
                     akmola)
