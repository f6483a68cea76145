"""Whether an entrant's settlement is in Akmola region, from the gazetteer in data/akmola.toml.

The form asks for "Ақмола облысы, елді мекен", and people answer "Көкшетау", "г. Кокшетау",
"Kokshetau", "Ақмола облысы, Бурабай ауданы, Щучинск қ.", "с. Зеренда, Зерендинский
район", or "Нур-Султан" (Astana, which is not in the region). `classify_settlement` reads
such text and answers IN_REGION (with the place's Kazakh and Russian names and district),
OUTSIDE (with the place it recognised), or UNKNOWN with a reason code and a note, for a
person to decide: the region rule is never failed on a guess.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from intake.folding import fold

GAZETTEER_PATH = Path(__file__).with_name("data") / "akmola.toml"


class Verdict(StrEnum):
    IN_REGION = "in_region"
    OUTSIDE = "outside"
    UNKNOWN = "unknown"


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


@dataclass(frozen=True)
class SettlementVerdict:
    """The answer for one settlement text.

    `reason` is a reason code of the rules (None when IN_REGION): `outside_region`,
    `region_unclear` or `settlement_missing`. `note` says why, in English, for organizers.
    """

    verdict: Verdict
    name_kk: str | None = None
    name_ru: str | None = None
    district_kk: str | None = None
    district_ru: str | None = None
    region_kk: str | None = None
    region_ru: str | None = None
    kind: str | None = None
    reason: str | None = None
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


def _adjective_stem(word: str) -> str | None:
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
            stem = _adjective_stem(words[-1]) if words else None
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


# ------------------------------------------------------------------ reading the text

_MARKERS: dict[Level, frozenset[str]] = {
    Level.REGION: frozenset({
        "облысы", "облыс", "облысынын", "облысында", "облысынан", "обл", "область",
        "области", "областью", "region", "oblast", "oblysy", "province",
    }),
    Level.DISTRICT: frozenset({
        "ауданы", "аудан", "ауданынын", "ауданында", "ауданынан", "район", "района",
        "районе", "районы", "district", "raion", "rayon", "audany",
    }),
    Level.SETTLEMENT: frozenset({
        "г", "гор", "город", "города", "городе", "к", "кала", "каласы", "каласынын",
        "каласында", "с", "село", "села", "селе", "сел", "а", "ауыл", "ауылы", "ауылынын",
        "ауылында", "аул", "п", "пос", "поселок", "поселка", "поселке", "пгт", "кент",
        "кенти", "кентинде", "ст", "станция", "city", "town", "village", "settlement",
        "township", "selo", "auyl", "aul", "kalasy", "qalasy", "округ", "округи", "окр",
        "ауылдык", "сельский", "со", "ао",
    }),
}
# Words that name no place: the country, filler. They may sit inside a name ("Солтүстік
# Қазақстан облысы"), but alone they are never reported as an unknown settlement.
_NEUTRAL = frozenset({
    "казакстан", "казахстан", "kazakhstan", "kazakstan", "рк", "республика", "республикасы",
    "республики", "rk", "kz", "мен", "жане", "и", "в", "во", "из", "тураманын", "проживаю",
    "живу", "тураман", "туратын", "live", "in", "from",
})
# Words that start a street address: the names after them are streets and people.
_STREET = frozenset({
    "ул", "улица", "улицы", "кошеси", "коше", "кош", "пр", "проспект", "дангылы", "дангыл",
    "мкр", "микрорайон", "шагын", "уй", "дом", "кв", "пер", "переулок", "тупик",
    "бульвар", "шоссе", "street", "str", "avenue", "ave", "apt", "мкрн",
})
# Case endings after which a name may still be recognised: "в Щучинске", "Көкшетауда".
_SUFFIXES = ("ндагы", "ндеги", "дагы", "деги", "тагы", "теги", "нда", "нде", "нын", "нин",
             "дын", "дин", "тын", "тин", "дан", "ден", "тан", "тен", "нан", "нен", "да", "де",
             "та", "те", "га", "ге", "ка", "ке", "ом", "ой", "е", "у", "а", "и", "ы")
_PART_SPLIT = re.compile(r"[,;\n()\[\]]|\s[-–—]\s|/")
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass
class _Hit:
    candidates: list[Place]
    hint: Level | None  # the marker word next to the name: "ауданы", "г.", "облысы"
    text: str
    via: str  # how the name was found: "noun", "adjective" or "abbreviation"

    def plausible(self) -> list[Place]:
        """The candidates that fit the marker word, if there is one."""
        if self.hint is None:
            return self.candidates
        return [place for place in self.candidates if place.level is self.hint] or self.candidates

    def names_region(self) -> bool:
        """Whether this is a region named as one: "Ақмола облысы", "Акмолинская", "СКО"."""
        explicit = self.hint is Level.REGION or self.via in ("adjective", "abbreviation")
        return explicit and any(place.level is Level.REGION for place in self.candidates)


def _marker(word: str) -> Level | None:
    for level, words in _MARKERS.items():
        if word in words:
            return level
    return None


def _lookup(gazetteer: Gazetteer, words: list[str]) -> tuple[list[Place], str]:
    """Places named by these words (a name of one to three words), and how they were found."""
    key = place_key(" ".join(words))
    stem = _adjective_stem(words[-1])
    if stem is not None:
        found = gazetteer.adjectives.get(place_key(" ".join([*words[:-1], stem])))
        if found:
            return list(found), "adjective"
    if key in gazetteer.nouns:
        return list(gazetteer.nouns[key]), "noun"
    if len(words) == 1 and key in gazetteer.abbreviations:
        return list(gazetteer.abbreviations[key]), "abbreviation"
    if len(words) == 1 and len(words[0]) >= 5:
        return _inflected(gazetteer, words[0]), "noun"
    return [], "noun"


def _inflected(gazetteer: Gazetteer, word: str) -> list[Place]:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            for guess in (base, base + "а"):  # "Астане" -> "Астана"
                found = gazetteer.nouns.get(place_key(guess))
                if found:
                    return list(found)
    return []


def _hits(gazetteer: Gazetteer, text: str) -> tuple[list[_Hit], list[str]]:
    """The names found in the text, and the words that looked like a name but are not known."""
    folded = fold(unicodedata.normalize("NFC", text))
    folded = re.sub(r"\bр-?н\b\.?", " район ", folded)
    folded = re.sub(r"\b([ас])\s*/\s*о\b", " округ ", folded)
    hits: list[_Hit] = []
    unknown: list[str] = []
    for part in _PART_SPLIT.split(folded):
        words = _WORDS.findall(part)
        # From a street word on, names are streets and people: "г. Кокшетау ул. Абая 5".
        street = next((index for index, word in enumerate(words) if word in _STREET), None)
        words = words[:street]
        run: list[tuple[int, str]] = []
        for index, word in enumerate([*words, ""]):
            # Neutral words stay in the run: "Солтүстік Қазақстан" is a name with the
            # country's name inside it; alone they match nothing and are not reported.
            if word and _marker(word) is None:
                run.append((index, word))
                continue
            found = _hits_in_run(gazetteer, words, run)
            if not found and any(word not in _NEUTRAL for _, word in run):
                unknown.append(" ".join(word for _, word in run))
            hits.extend(found)
            run = []
    return hits, unknown


def _hits_in_run(gazetteer: Gazetteer, words: list[str], run: list[tuple[int, str]]
                 ) -> list[_Hit]:
    hits: list[_Hit] = []
    position = 0
    while position < len(run):
        for size in (3, 2, 1):
            chunk = run[position : position + size]
            if len(chunk) < size:
                continue
            found, via = _lookup(gazetteer, [word for _, word in chunk])
            if found:
                first, last = chunk[0][0], chunk[-1][0]
                hint = _hint(words, first, last)
                hits.append(_Hit(found, hint, " ".join(word for _, word in chunk), via))
                position += size
                break
        else:
            position += 1
    return hits


def _hint(words: list[str], first: int, last: int) -> Level | None:
    # The word right after a name ("Зеренді ауылы", "Бурабай ауданы") or right before it
    # ("г. Кокшетау", "район Биржан сал") says what kind of place the name is.
    after = _marker(words[last + 1]) if last + 1 < len(words) else None
    before = _marker(words[first - 1]) if first > 0 else None
    return after or before


# ------------------------------------------------------------------ deciding


def classify_settlement(text: str, gazetteer: Gazetteer | None = None) -> SettlementVerdict:
    """Whether the settlement named in `text` is in Akmola region."""
    gazetteer = gazetteer or load_gazetteer()
    if not _WORDS.search(text or ""):
        return _unknown("settlement_missing", "no settlement given")
    hits, unknown = _hits(gazetteer, text)
    named = [place for hit in hits if hit.names_region()
             for place in hit.candidates if place.level is Level.REGION]
    context = _Context(gazetteer.akmola in named, [p for p in named if not p.in_region], unknown)
    found = _Found()
    for hit in hits:
        if hit.names_region():
            continue
        place, still_open = _resolve(hit, hits, context)
        if still_open:
            found.open.append(hit)
        elif place is None:
            continue
        elif place.doubtful:
            found.doubtful.append(place)
        elif place.in_region:
            found.inside.append(place)
        else:
            found.outside.append(place)
    return _decide(text, found, context)


@dataclass
class _Context:
    akmola_named: bool
    other_regions: list[Place]
    unknown_names: list[str]


@dataclass
class _Found:
    inside: list[Place] = field(default_factory=list)
    outside: list[Place] = field(default_factory=list)
    doubtful: list[Place] = field(default_factory=list)
    open: list[_Hit] = field(default_factory=list)


def _resolve(hit: _Hit, hits: list[_Hit], context: _Context) -> tuple[Place | None, bool]:
    """The one place a name means, using the words around it; (None, True) if it stays open."""
    candidates = hit.plausible()
    # A region's name with no "облысы" ("Абай", "Жамбыл") is a village or a person's name.
    candidates = [place for place in candidates if place.level is not Level.REGION]
    if not candidates:
        return None, False
    if len({place.in_region for place in candidates}) > 1:
        candidates = _by_context(candidates, hit, hits, context)
    # Without a word saying what it is, a name is the settlement before the district.
    for level in (Level.SETTLEMENT, Level.DISTRICT):
        at_level = [place for place in candidates if place.level is level]
        if at_level:
            candidates = at_level
            break
    if len({place.in_region for place in candidates}) > 1:
        return None, True
    return candidates[0], False


def _by_context(candidates: list[Place], hit: _Hit, hits: list[_Hit], context: _Context
                ) -> list[Place]:
    if context.akmola_named and not context.other_regions:
        return [place for place in candidates if place.in_region]
    if context.other_regions and not context.akmola_named:
        return [place for place in candidates if not place.in_region]
    # Another name in the text that is surely in the region, in the same district or city:
    # "Ақсу кенті, Степногорск" is the Aksu near Stepnogorsk, not the one in Pavlodar region.
    for other in hits:
        if other is hit or len({place.in_region for place in other.plausible()}) > 1:
            continue
        keys = {place.district_key for place in other.plausible() if place.in_region}
        same = [place for place in candidates if place.in_region and place.district_key in keys]
        if same:
            return same
    return candidates


def _decide(text: str, found: _Found, context: _Context) -> SettlementVerdict:
    settlements = [place for place in found.inside if place.level is Level.SETTLEMENT]
    districts = [place for place in found.inside if place.level is Level.DISTRICT]
    foreign = [place for place in found.outside if place.level is Level.SETTLEMENT]
    if found.inside and (found.outside or (context.other_regions and not context.akmola_named)):
        names = ", ".join(p.kk for p in [*context.other_regions, *found.outside, *found.inside])
        return _unknown("region_unclear", f"places in and out of the region are named: {names}")
    if foreign:
        place = foreign[0]
        note = place.note or f"{place.ru} ({place.region_ru}) is not in Akmola region"
        return _outside(place, note)
    if settlements:
        chosen = _most_specific(settlements)
        named = {place.district_key for place in districts}
        note = ""
        if named and chosen.district_key not in named:
            note = f"{chosen.kk} is in {chosen.district_kk}, not in the district named"
        return _inside(chosen, note)
    if found.open:
        names = "; ".join(" or ".join(p.kk for p in hit.plausible()) for hit in found.open)
        return _unknown("region_unclear", f"a name that fits places in and out of the region: "
                        f"{names}")
    if found.doubtful and not districts:
        return _unknown("region_unclear", found.doubtful[0].note)
    if districts:
        return _inside(districts[0], "only the district is named, not the settlement")
    if found.outside:
        place = found.outside[0]
        note = place.note or f"{place.ru} ({place.region_ru}) is not in Akmola region"
        return _outside(place, note)
    if context.other_regions:
        region = context.other_regions[0]
        return _outside(region, f"{region.ru} is another region")
    if context.akmola_named and context.unknown_names:
        return _unknown("region_unclear", f"the region named is Akmola, but the settlement in "
                        f"{text.strip()!r} is not in the gazetteer")
    if context.akmola_named:
        return _unknown("settlement_missing", "only the region is named, not the settlement")
    return _unknown("region_unclear", f"{text.strip()!r} is not in the gazetteer")


_SPECIFIC = {"village": 0, "settlement": 0, "resort": 0, "town": 1, "city": 2}


def _most_specific(places: list[Place]) -> Place:
    # "Көкшетау қ., Красный Яр ауылы": the village is where the entrant lives.
    return min(places, key=lambda place: _SPECIFIC.get(place.kind, 1))


def _inside(place: Place, note: str) -> SettlementVerdict:
    return SettlementVerdict(
        Verdict.IN_REGION, place.kk, place.ru, place.district_kk, place.district_ru,
        place.region_kk, place.region_ru, place.kind, None, note,
    )


def _outside(place: Place, note: str) -> SettlementVerdict:
    return SettlementVerdict(
        Verdict.OUTSIDE, place.kk, place.ru, None, None, place.region_kk, place.region_ru,
        place.kind, "outside_region", note,
    )


def _unknown(reason: str, note: str) -> SettlementVerdict:
    return SettlementVerdict(Verdict.UNKNOWN, reason=reason, note=note)
