"""Whether a settlement is in Akmola region: the gazetteer and the way people write places."""

from __future__ import annotations

import pytest

from intake.places.gazetteer import Level, load_gazetteer, place_key
from intake.places.settlements import Verdict, classify_settlement

IN = Verdict.IN_REGION
OUT = Verdict.OUTSIDE
UNKNOWN = Verdict.UNKNOWN


@pytest.mark.parametrize(
    ("text", "name_kk", "name_ru", "district_kk"),
    [
        # the cities of regional significance, in every script and with every prefix
        ("Көкшетау", "Көкшетау", "Кокшетау", "Көкшетау қалалық әкімдігі"),
        ("Кокшетау", "Көкшетау", "Кокшетау", "Көкшетау қалалық әкімдігі"),
        ("г. Кокшетау", "Көкшетау", "Кокшетау", "Көкшетау қалалық әкімдігі"),
        ("Көкшетау қаласы", "Көкшетау", "Кокшетау", "Көкшетау қалалық әкімдігі"),
        ("KOKSHETAU", "Көкшетау", "Кокшетау", "Көкшетау қалалық әкімдігі"),
        ("Kokchetav", "Көкшетау", "Кокшетау", "Көкшетау қалалық әкімдігі"),
        ("Кокшетау каласы", "Көкшетау", "Кокшетау", "Көкшетау қалалық әкімдігі"),
        ("Степногорск қ.", "Степногорск", "Степногорск", "Степногорск қалалық әкімдігі"),
        ("Stepnogorsk", "Степногорск", "Степногорск", "Степногорск қалалық әкімдігі"),
        ("Қосшы", "Қосшы", "Косшы", "Қосшы қалалық әкімдігі"),
        ("город Косшы", "Қосшы", "Косшы", "Қосшы қалалық әкімдігі"),
        ("Kosshy", "Қосшы", "Косшы", "Қосшы қалалық әкімдігі"),
        ("Koshy", "Қосшы", "Косшы", "Қосшы қалалық әкімдігі"),
        # towns
        ("Щучинск", "Щучинск", "Щучинск", "Бурабай ауданы"),
        ("Shchuchinsk", "Щучинск", "Щучинск", "Бурабай ауданы"),
        ("Schuchinsk", "Щучинск", "Щучинск", "Бурабай ауданы"),
        ("Shuchinsk", "Щучинск", "Щучинск", "Бурабай ауданы"),
        ("в Щучинске", "Щучинск", "Щучинск", "Бурабай ауданы"),
        ("Ақкөл қ.", "Ақкөл", "Акколь", "Ақкөл ауданы"),
        ("г. Акколь", "Ақкөл", "Акколь", "Ақкөл ауданы"),
        ("Атбасар", "Атбасар", "Атбасар", "Атбасар ауданы"),
        ("Державинск", "Державинск", "Державинск", "Жарқайың ауданы"),
        ("Ерейментау", "Ерейментау", "Ерейментау", "Ерейментау ауданы"),
        ("Yereymentau", "Ерейментау", "Ерейментау", "Ерейментау ауданы"),
        ("г. Есиль", "Есіл", "Есиль", "Есіл ауданы"),
        ("Макинск", "Макинск", "Макинск", "Бұланды ауданы"),
        ("Степняк", "Степняк", "Степняк", "Біржан сал ауданы"),
        # district centres that are villages
        ("Аршалы кенті", "Аршалы", "Аршалы", "Аршалы ауданы"),
        ("с. Астраханка", "Астрахан", "Астраханка", "Астрахан ауданы"),
        ("Егіндікөл ауылы", "Егіндікөл", "Егиндыколь", "Егіндікөл ауданы"),
        ("Жақсы ауылы", "Жақсы", "Жаксы", "Жақсы ауданы"),
        ("Зеренді", "Зеренді", "Зеренда", "Зеренді ауданы"),
        ("Қорғалжын ауылы", "Қорғалжын", "Коргалжын", "Қорғалжын ауданы"),
        ("пос. Кургальджино", "Қорғалжын", "Коргалжын", "Қорғалжын ауданы"),
        ("Балкашино", "Балкашино", "Балкашино", "Сандықтау ауданы"),
        ("Ақмол ауылы", "Ақмол", "Акмол", "Целиноград ауданы"),
        ("с. Малиновка", "Ақмол", "Акмол", "Целиноград ауданы"),
        ("Шортанды", "Шортанды", "Шортанды", "Шортанды ауданы"),
        # well-known villages
        ("Бурабай", "Бурабай", "Бурабай", "Бурабай ауданы"),
        ("пос. Боровое", "Бурабай", "Бурабай", "Бурабай ауданы"),
        ("Borovoe", "Бурабай", "Бурабай", "Бурабай ауданы"),
        ("Burabay", "Бурабай", "Бурабай", "Бурабай ауданы"),
        ("Қатаркөл", "Қатаркөл", "Катарколь", "Бурабай ауданы"),
        ("Зелёный Бор", "Зеленый Бор", "Зелёный Бор", "Бурабай ауданы"),
        ("Жібек жолы ауылы", "Жібек жолы", "Жибек Жолы", "Аршалы ауданы"),
        ("Талапкер", "Талапкер", "Талапкер", "Целиноград ауданы"),
        ("Қоянды ауылы", "Қоянды", "Коянды", "Целиноград ауданы"),
        ("с. Кабанбай батыр", "Қабанбай батыр", "Кабанбай батыр", "Целиноград ауданы"),
        ("Красный Яр", "Красный Яр", "Красный Яр", "Көкшетау қалалық әкімдігі"),
        ("Жолымбет кенті", "Жолымбет", "Жолымбет", "Шортанды ауданы"),
        # the region and district written around the settlement
        ("с. Зеренді, Зеренді ауданы", "Зеренді", "Зеренда", "Зеренді ауданы"),
        ("Ақмола облысы, Бурабай ауданы, Щучинск қ.", "Щучинск", "Щучинск", "Бурабай ауданы"),
        ("с. Зеренда, Зерендинский район, Акмолинская обл.", "Зеренді", "Зеренда",
         "Зеренді ауданы"),
        ("Акмолинская область, Аршалынский р-н, с. Жибек Жолы", "Жібек жолы", "Жибек Жолы",
         "Аршалы ауданы"),
        ("Ақмола облысы, Аршалы ауданы, Жібек жолы ауылы", "Жібек жолы", "Жибек Жолы",
         "Аршалы ауданы"),
        ("Көкшетау қ., Красный Яр ауылы", "Красный Яр", "Красный Яр",
         "Көкшетау қалалық әкімдігі"),
        ("Ақсу кенті, Степногорск", "Ақсу", "Аксу", "Степногорск қалалық әкімдігі"),
        ("Астрахан ауылы, Астрахан ауданы", "Астрахан", "Астраханка", "Астрахан ауданы"),
        ("г.Щучинск, ул. Абылай хана 15", "Щучинск", "Щучинск", "Бурабай ауданы"),
        ("г. Кокшетау ул. Абая 5", "Көкшетау", "Кокшетау", "Көкшетау қалалық әкімдігі"),
        ("Зеренди ауылында турамын", "Зеренді", "Зеренда", "Зеренді ауданы"),
        ("Акмолинская обл., г. Степногорск, 4 мкр", "Степногорск", "Степногорск",
         "Степногорск қалалық әкімдігі"),
        # Kazakh typed on a Russian keyboard
        ("Акмола облысы, Зеренди ауданы, Зеренди ауылы", "Зеренді", "Зеренда",
         "Зеренді ауданы"),
        ("Косшы каласы", "Қосшы", "Косшы", "Қосшы қалалық әкімдігі"),
    ],
)
def test_in_the_region(text: str, name_kk: str, name_ru: str, district_kk: str) -> None:
    verdict = classify_settlement(text)
    assert verdict.verdict is IN, verdict.note
    assert (verdict.name_kk, verdict.name_ru, verdict.district_kk) == (
        name_kk,
        name_ru,
        district_kk,
    )
    assert verdict.region_kk == "Ақмола облысы"
    assert verdict.reason is None


def test_a_settlement_gives_its_district_in_both_languages() -> None:
    verdict = classify_settlement("с. Боровое")
    assert verdict.district_kk == "Бурабай ауданы"
    assert verdict.district_ru == "Бурабайский район"
    assert verdict.kind == "settlement"
    assert verdict.note == ""


def test_kosshy_is_its_own_city_since_2021() -> None:
    verdict = classify_settlement("Акмолинская обл., Целиноградский р-н, с. Косшы")
    assert verdict.verdict is IN
    assert verdict.name_kk == "Қосшы"
    assert verdict.kind == "city"
    assert verdict.note == "Қосшы is in Қосшы қалалық әкімдігі, not in the district named"


@pytest.mark.parametrize(
    ("text", "district_kk", "district_ru"),
    [
        ("Целиноград ауданы", "Целиноград ауданы", "Целиноградский район"),
        ("Целиноградский район", "Целиноград ауданы", "Целиноградский район"),
        ("Целиноградский р-н", "Целиноград ауданы", "Целиноградский район"),
        ("Бұланды ауданы", "Бұланды ауданы", "Буландынский район"),
        ("Біржан сал ауданы", "Біржан сал ауданы", "район Биржан сал"),
        ("Енбекшильдерский район", "Біржан сал ауданы", "район Биржан сал"),
        ("Щучинский район", "Бурабай ауданы", "Бурабайский район"),
        ("Ақмола облысы, Есіл ауданы", "Есіл ауданы", "Есильский район"),
        ("Жаркаинский район", "Жарқайың ауданы", "Жаркаинский район"),
    ],
)
def test_a_district_without_its_settlement_is_in_the_region(
    text: str, district_kk: str, district_ru: str
) -> None:
    verdict = classify_settlement(text)
    assert verdict.verdict is IN
    assert (verdict.name_kk, verdict.district_kk, verdict.district_ru) == (
        district_kk,
        district_kk,
        district_ru,
    )
    assert verdict.note == "only the district is named, not the settlement"


@pytest.mark.parametrize(
    ("text", "name_kk", "name_ru", "region_ru"),
    [
        ("Астана", "Астана", "Астана", "город республиканского значения"),
        ("г. Астана", "Астана", "Астана", "город республиканского значения"),
        ("Нур-Султан", "Астана", "Астана", "город республиканского значения"),
        ("Нұр-Сұлтан қаласы", "Астана", "Астана", "город республиканского значения"),
        ("Nur-Sultan", "Астана", "Астана", "город республиканского значения"),
        ("Astana, Kazakhstan", "Астана", "Астана", "город республиканского значения"),
        ("Ақмола облысы, Астана қ.", "Астана", "Астана", "город республиканского значения"),
        ("Астана, ул. Кабанбай батыра 5", "Астана", "Астана", "город республиканского значения"),
        ("в Астане", "Астана", "Астана", "город республиканского значения"),
        ("Алматы", "Алматы", "Алматы", "город республиканского значения"),
        ("Алма-Ата", "Алматы", "Алматы", "город республиканского значения"),
        ("Шымкент", "Шымкент", "Шымкент", "город республиканского значения"),
        ("Караганда", "Қарағанды", "Караганда", "Карагандинская область"),
        ("Қарағанды қ.", "Қарағанды", "Караганда", "Карагандинская область"),
        ("Темиртау", "Теміртау", "Темиртау", "Карагандинская область"),
        ("Балхаш", "Балқаш", "Балхаш", "Карагандинская область"),
        ("Павлодар", "Павлодар", "Павлодар", "Павлодарская область"),
        ("Экибастуз", "Екібастұз", "Экибастуз", "Павлодарская область"),
        ("Ekibastuz", "Екібастұз", "Экибастуз", "Павлодарская область"),
        ("Костанай", "Қостанай", "Костанай", "Костанайская область"),
        ("Рудный", "Рудный", "Рудный", "Костанайская область"),
        ("Петропавловск", "Петропавл", "Петропавловск", "Северо-Казахстанская область"),
        ("Петропавл қаласы", "Петропавл", "Петропавловск", "Северо-Казахстанская область"),
        ("Актобе", "Ақтөбе", "Актобе", "Актюбинская область"),
        ("Уральск", "Орал", "Уральск", "Западно-Казахстанская область"),
        ("Орал", "Орал", "Уральск", "Западно-Казахстанская область"),
        ("Семей", "Семей", "Семей", "область Абай"),
        ("Өскемен", "Өскемен", "Усть-Каменогорск", "Восточно-Казахстанская область"),
        ("Усть-Каменогорск", "Өскемен", "Усть-Каменогорск", "Восточно-Казахстанская область"),
        ("Тараз", "Тараз", "Тараз", "Жамбылская область"),
        ("Кызылорда", "Қызылорда", "Кызылорда", "Кызылординская область"),
        ("Атырау", "Атырау", "Атырау", "Атырауская область"),
        ("Актау", "Ақтау", "Актау", "Мангистауская область"),
        ("Туркестан", "Түркістан", "Туркестан", "Туркестанская область"),
        ("Талдыкорган", "Талдықорған", "Талдыкорган", "область Жетісу"),
        ("Қонаев", "Қонаев", "Конаев", "Алматинская область"),
        ("Капшагай", "Қонаев", "Конаев", "Алматинская область"),
        ("Жезказган", "Жезқазған", "Жезказган", "область Ұлытау"),
        ("Аксу, Павлодарская область", "Ақсу (Павлодар облысы)", "Аксу (Павлодарская область)",
         "Павлодарская область"),
    ],
)
def test_outside_the_region(text: str, name_kk: str, name_ru: str, region_ru: str) -> None:
    verdict = classify_settlement(text)
    assert verdict.verdict is OUT, verdict.note
    assert (verdict.name_kk, verdict.name_ru, verdict.region_ru) == (name_kk, name_ru, region_ru)
    assert verdict.reason == "outside_region"


def test_astana_is_not_part_of_akmola_region() -> None:
    verdict = classify_settlement("Ақмола облысы, Астана қ.")
    assert verdict.note == "Astana is a city of republican significance, not part of Akmola region"


@pytest.mark.parametrize(
    ("text", "name_ru", "region_ru"),
    [
        ("Карагандинская область", "Карагандинская область", "Карагандинская область"),
        ("Солтүстік Қазақстан облысы", "Северо-Казахстанская область",
         "Северо-Казахстанская область"),
        ("СКО, Аккайынский район, с. Смирново", "Аккайынский район",
         "Северо-Казахстанская область"),
        ("Аққайың ауданы", "Аккайынский район", "Северо-Казахстанская область"),
        ("ВКО", "Восточно-Казахстанская область", "Восточно-Казахстанская область"),
        ("Алматинская обл., Талгарский район", "Алматинская область", "Алматинская область"),
    ],
)
def test_another_region_or_its_district(text: str, name_ru: str, region_ru: str) -> None:
    verdict = classify_settlement(text)
    assert verdict.verdict is OUT, verdict.note
    assert (verdict.name_ru, verdict.region_ru) == (name_ru, region_ru)


@pytest.mark.parametrize(
    ("text", "reason", "note"),
    [
        ("", "settlement_missing", "no settlement given"),
        ("  —  ", "settlement_missing", "no settlement given"),
        ("Ақмола облысы", "settlement_missing", "only the region is named, not the settlement"),
        ("Акмолинская область", "settlement_missing",
         "only the region is named, not the settlement"),
        ("Akmola region", "settlement_missing", "only the region is named, not the settlement"),
        ("Целиноград", "region_unclear",
         "Целиноград alone is Astana's name of 1961-1992, or Tselinograd district of Akmola "
         "region (centre Ақмол) without its settlement"),
        ("г. Целиноград", "region_unclear",
         "Целиноград alone is Astana's name of 1961-1992, or Tselinograd district of Akmola "
         "region (centre Ақмол) without its settlement"),
        ("Ақмола", "region_unclear",
         "Ақмола alone is the region's name and Astana's name of 1992-1998: the settlement is "
         "missing or it is Astana"),
        ("Акмолинск", "region_unclear", "Акмолинск is an old name of Astana"),
        ("Ақсу", "region_unclear",
         "a name that fits places in and out of the region: Ақсу or Ақсу (Павлодар облысы)"),
        ("Есіл ауданы", "region_unclear",
         "a name that fits places in and out of the region: Есіл ауданы or Есіл ауданы "
         "(Астана) or Есіл ауданы (Солтүстік Қазақстан облысы)"),
        ("Новоалександровка", "region_unclear", "'Новоалександровка' is not in the gazetteer"),
        ("Ақмола облысы, Новоалександровка ауылы", "region_unclear",
         "the region named is Akmola, but the settlement in 'Ақмола облысы, Новоалександровка "
         "ауылы' is not in the gazetteer"),
        ("Қарағанды облысы, Шортанды", "region_unclear",
         "places in and out of the region are named: Қарағанды облысы, Шортанды"),
        ("Астана, Талапкер", "region_unclear",
         "places in and out of the region are named: Астана, Талапкер"),
        ("Абай", "region_unclear", "'Абай' is not in the gazetteer"),
    ],
)
def test_unknown_for_a_person_to_decide(text: str, reason: str, note: str) -> None:
    verdict = classify_settlement(text)
    assert verdict.verdict is UNKNOWN
    assert (verdict.reason, verdict.note) == (reason, note)
    assert verdict.name_kk is None


def test_the_gazetteer_has_every_district_and_centre() -> None:
    gazetteer = load_gazetteer()
    districts = {place.kk for place in gazetteer.districts() if place.kind == "district"}
    assert districts == {
        "Ақкөл ауданы", "Аршалы ауданы", "Астрахан ауданы", "Атбасар ауданы",
        "Бұланды ауданы", "Бурабай ауданы", "Біржан сал ауданы", "Егіндікөл ауданы",
        "Ерейментау ауданы", "Есіл ауданы", "Жақсы ауданы", "Жарқайың ауданы",
        "Зеренді ауданы", "Қорғалжын ауданы", "Сандықтау ауданы", "Целиноград ауданы",
        "Шортанды ауданы",
    }
    settlements = gazetteer.settlements()
    assert {p.district_kk for p in settlements} >= districts
    cities = {p.kk for p in settlements if p.kind == "city"}
    assert cities == {"Көкшетау", "Степногорск", "Қосшы"}
    towns = {p.kk for p in settlements if p.kind == "town"}
    assert towns == {"Ақкөл", "Атбасар", "Державинск", "Ерейментау", "Есіл", "Макинск",
                     "Степняк", "Щучинск"}
    assert len(settlements) == 42


def test_akkayyn_and_astana_are_not_in_the_gazetteer_of_the_region() -> None:
    gazetteer = load_gazetteer()
    inside = {place.kk for place in gazetteer.places if place.in_region}
    assert "Аққайың ауданы" not in inside
    assert "Астана" not in inside
    assert all(place.level is not Level.REGION or place.kk == "Ақмола облысы"
               for place in gazetteer.places if place.in_region)


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (("Көкшетау", "Кокшетау", "Kokshetau", "KOKSHETAU", "Kökshetaw"), "kokshetau"),
        (("Щучинск", "Shchuchinsk", "Schuchinsk", "Shuchinsk"), "shuchinsk"),
        (("Қосшы", "Косшы", "Kosshy", "Koshy", "Qosshy"), "koshi"),
        (("Бурабай", "Burabay", "Burabai"), "burabai"),
        (("Ерейментау", "Yereymentau", "Ereymentau"), "ereimentau"),
        (("Целиноград", "Tselinograd", "Celinograd"), "tselinograd"),
    ],
)
def test_place_keys_join_scripts(spellings: tuple[str, ...], key: str) -> None:
    assert {place_key(spelling) for spelling in spellings} == {key}
