"""Ukrainian and Russian reports through the same extraction and records as English.

Every sentence here was written for these tests (none is copied from the development
sets), one form per test: cases of place names, number words, children, outages, dates,
air-defence claims with their per-region breakdown, and the attacker.
"""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from incidents.extract import ExtractError, detect_language, extract_incidents
from incidents.extract.slavic_figures import find_date, households_off, read_harm, tokenize


def _incidents(text, published="2025-06-04", **options):
    return extract_incidents(text, published=published, **options).incidents


def _one(text, published="2025-06-04"):
    found = _incidents(text, published)
    assert len(found) == 1, found
    return found[0]


# -- language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Уночі ворожі дрони атакували Полтаву, є поранені.", "uk"),
        ("Ночью беспилотники атаковали Брянск, есть пострадавшие.", "ru"),
        ("Drones attacked Poltava overnight, injuring two.", "en"),
        ("Вибухи в Одесі", "uk"),  # a title: the letter і alone decides
        ("Взрывы в Курске", "ru"),
        ("Russian drones hit Kharkiv (Харків) overnight, officials said.", "en"),
    ],
)
def test_the_language_is_told_from_letters_and_little_words(text, lang):
    assert detect_language(text) == lang


def test_the_language_can_be_forced_and_a_wrong_one_is_refused():
    text = "Дрон вдарив по Сумах, поранено двох людей."
    assert _incidents(text, lang="uk")[0]["place"] == "Sumy"
    assert extract_incidents(text, published="2025-06-04", lang="en").incidents == []
    with pytest.raises(ExtractError, match="language"):
        extract_incidents(text, published="2025-06-04", lang="de")


def test_cli_reads_a_russian_post_and_takes_lang():
    text = "В Брянске беспилотник ВСУ повредил гараж, пострадал мужчина.\n"
    result = CliRunner().invoke(main, ["extract", "-", "--published", "2025-06-04", "--json"], input=text)
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)["incidents"]
    assert (record["place"], record["injured"], record["attacker"]) == ("Bryansk", 1, "UA")
    forced = CliRunner().invoke(
        main, ["extract", "-", "--published", "2025-06-04", "--lang", "en"], input=text
    )
    assert forced.exit_code == 1
    bad = CliRunner().invoke(main, ["extract", "-", "--published", "2025-06-04", "--lang", "pl"], input=text)
    assert bad.exit_code == 2


# -- places in their cases ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "admin1"),
    [
        ("У Харкові уламки дрона пошкодили автомобіль.", "Kharkiv", "Kharkiv Oblast"),
        ("Внаслідок удару по Білій Церкві пошкоджено склад.", "Bila Tserkva", "Kyiv Oblast"),
        ("Ракета влучила в житловий будинок у Кременчуці.", "Kremenchuk", "Poltava Oblast"),
        ("По Курску нанесен удар, поврежден склад.", "Kursk", "Kursk Oblast"),
        ("Беспилотник атаковал Брянск, поврежден магазин.", "Bryansk", "Bryansk Oblast"),
        ("В результате обстрела Белгорода повреждены окна.", "Belgorod", "Belgorod Oblast"),
    ],
)
def test_an_inflected_settlement_is_the_gazetteers_settlement(text, place, admin1):
    record = _one(text)
    assert (record["place"], record["admin1"]) == (place, admin1)
    assert record["geo_precision"] == "settlement"


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Ворожий дрон атакував Сумщину, пошкоджено лінію електропередачі.", "Sumy Oblast"),
        ("На Дніпропетровщині уламки пошкодили два будинки.", "Dnipropetrovsk Oblast"),
        ("Дніпропетровщина під атакою: пошкоджено підприємство.", "Dnipropetrovsk Oblast"),
        ("В Белгородской области после атаки дрона повреждена подстанция.", "Belgorod Oblast"),
        ("В Брянской области поврежден жилой дом.", "Bryansk Oblast"),
    ],
)
def test_a_region_in_any_case_or_land_name_is_the_region(text, admin1):
    record = _one(text)
    assert (record["place"], record["admin1"], record["geo_precision"]) == (admin1, admin1, "admin1")


def test_the_record_keeps_the_english_name_and_the_evidence_the_texts_form():
    record = _one("У Києві уламки пошкодили дах школи.")
    assert record["place"] == "Kyiv"
    assert "У Києві" in record["evidence"]


def test_a_village_the_gazetteer_lacks_is_kept_as_written_in_the_region_named():
    text = "В Курской области в селе Верхнеполье беспилотник повредил трактор."
    record = _one(text)
    assert record["place"] == "Верхнеполье"
    assert record["admin1"] == "Kursk Oblast"
    assert any(flag.startswith("needs a place") for flag in record["flags"])


def test_a_settlement_outranks_the_district_and_region_that_locate_it():
    record = _one("У селі Прудянка Харківського району Харківської області пошкоджено будинок.")
    assert (record["place"], record["admin1"]) == ("Prudianka", "Kharkiv Oblast")


def test_officials_and_offices_are_not_places_struck():
    text = (
        "Про це повідомив голова Харківської ОВА Олег Синєгубов. "
        "Уночі дрон влучив у гараж у Чугуєві, постраждала жінка."
    )
    assert [r["place"] for r in _incidents(text)] == ["Chuhuyiv"]  # the gazetteer's spelling


def test_launch_sites_are_not_strikes():
    text = "Дрони запустили з Курська та Брянська. Сили ППО збили 20 із 25 дронів."
    assert _incidents(text) == []


# -- people harmed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        ("двоє людей загинули", "uk", 2, None),
        ("троє загинули, ще п'ятеро поранені", "uk", 3, 5),
        ("внаслідок удару поранено п'ятьох осіб", "uk", None, 5),
        ("постраждала одна людина", "uk", None, 1),
        ("погибли двое, пятеро ранены", "ru", 2, 5),
        ("ранения получили двух человек", "ru", None, 2),
        ("погиб мужчина и пострадала женщина", "ru", 1, 1),
        ("загинули 40-річний чоловік і 70-річна жінка", "uk", 2, None),
        ("постраждали чоловіки 30, 41 і 52 років", "uk", None, 3),
        ("никто не пострадал", "ru", 0, 0),
        ("обійшлося без постраждалих", "uk", 0, 0),
    ],
)
def test_number_words_in_their_cases_and_people_counted(text, lang, killed, injured):
    harm = read_harm(tokenize(text, lang))
    assert (harm.killed, harm.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "lang", "injured", "children"),
    [
        ("поранено дитину", "uk", 1, 1),
        ("постраждав 15-річний підліток", "uk", 1, 1),
        ("постраждали семеро людей, серед них двоє дітей", "uk", 7, 2),
        ("пострадал ребёнок", "ru", 1, 1),
        ("ранен несовершеннолетний", "ru", 1, 1),
        ("пострадали трое, в том числе семилетняя девочка", "ru", 3, 1),
    ],
)
def test_children_are_counted_within_the_figure(text, lang, injured, children):
    harm = read_harm(tokenize(text, lang))
    assert (harm.injured, harm.children_injured) == (injured, children)


def test_ages_years_and_times_are_not_counts():
    harm = read_harm(tokenize("о 06:30 поранено 52-річного чоловіка 1973 року народження", "uk"))
    assert harm.injured == 1


# -- outages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "households"),
    [
        ("знеструмлено 8 тисяч абонентів", "uk", 8000),
        ("без світла залишилися 12 тисяч абонентів", "uk", 12000),
        ("без світла 300 юридичних та 2150 побутових споживачів", "uk", 2150),
        ("обесточены 4 тыс. потребителей", "ru", 4000),
        ("без электричества остались 20 населенных пунктов, это 7300 абонентов", "ru", 7300),
        ("5 тисяч родин вдалося підключити", "uk", None),
    ],
)
def test_outages_count_households_not_places_or_businesses(text, lang, households):
    assert households_off(tokenize(text, lang)) == households


# -- dates -------------------------------------------------------------------------------

FRIDAY = dt.date(2026, 1, 2)


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("у ніч на 31 грудня дрони атакували місто", "uk", dt.date(2025, 12, 31)),
        ("минулої доби ворог обстріляв громаду", "uk", dt.date(2026, 1, 1)),
        ("вчора ввечері ракета влучила", "uk", dt.date(2026, 1, 1)),
        ("в ночь на понедельник беспилотники атаковали", "ru", dt.date(2025, 12, 29)),
        ("сегодня утром прилетел дрон", "ru", FRIDAY),
        ("за прошедшие сутки пострадали двое", "ru", dt.date(2026, 1, 1)),
        ("30 декабря дрон атаковал автомобиль", "ru", dt.date(2025, 12, 30)),
    ],
)
def test_dates_in_their_own_forms_against_the_publication_day(text, lang, day):
    assert find_date(tokenize(text, lang), FRIDAY).date == day


def test_a_report_is_dated_by_its_words():
    record = _one("Минулої доби внаслідок обстрілу Херсона загинули двоє людей.", published="2025-06-04")
    assert record["date"] == "2025-06-03"


# -- air defence -------------------------------------------------------------------------


def test_shot_down_of_launched_and_lost():
    result = extract_incidents(
        "Уночі ворог атакував Україну 70 ударними БпЛА. За даними Повітряних сил, "
        "збито/подавлено 52 із 70 дронів, ще 9 локаційно втрачені.",
        published="2025-06-04",
    )
    claims = {(r["launched"], r["shot_down"], r["lost"]) for r in result.air_defence}
    assert (70, 52, 9) in claims or {(70, 52, None), (None, None, 9)} <= claims
    assert all(r["attacker"] == "RU" for r in result.air_defence)
    assert result.incidents == []


def test_a_national_figure_and_its_per_region_breakdown():
    result = extract_incidents(
        "Дежурными средствами ПВО перехвачены и уничтожены 31 БПЛА: 14 — над территорией "
        "Курской области, 10 — над Брянской областью, семь — над территорией Тульской области.",
        published="2025-06-04",
    )
    by_area = {r["area"]: r["shot_down"] for r in result.air_defence}
    assert by_area == {"Russia": 31, "Kursk Oblast": 14, "Bryansk Oblast": 10, "Tula Oblast": 7}
    assert {r["attacker"] for r in result.air_defence} == {"UA"}


def test_a_breakdown_with_the_figure_after_the_region():
    result = extract_incidents(
        "Минобороны: за ночь сбиты 22 беспилотника, над Орловской областью – 12, над Курской областью – 10.",
        published="2025-06-04",
    )
    by_area = {r["area"]: r["shot_down"] for r in result.air_defence}
    assert by_area == {"Russia": 22, "Oryol Oblast": 12, "Kursk Oblast": 10}
    assert {r["reported_by"] for r in result.air_defence} == {"Russian Defence Ministry"}


def test_regions_listed_together_share_the_figure():
    result = extract_incidents(
        "Збито 18 дронів у Сумській, Полтавській і Харківській областях.", published="2025-06-04"
    )
    assert [r["shot_down"] for r in result.air_defence] == [18]


# -- attacker ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        ("Ворог атакував Запоріжжя, пошкоджено будинок.", "RU"),
        ("ВСУ атаковали Горловку, поврежден дом.", "UA"),
        ("Киевский режим нанес удар по Донецку, поврежден магазин.", "UA"),
        ("Противник атаковал Энергодар, повреждена подстанция.", "UA"),
        ("Дрон влучив у будинок у Павлограді.", "RU"),  # by the place: a Ukrainian town
        ("Беспилотник упал на склад в Рыльске.", "UA"),  # a Russian town
    ],
)
def test_the_attacker_from_who_reports_and_where(text, attacker):
    assert _one(text)["attacker"] == attacker


# -- whole posts -------------------------------------------------------------------------


def test_a_region_total_summed_up_by_its_settlements_is_not_proposed_again():
    text = (
        "За добу на Херсонщині поранено трьох людей.\n"
        "Зокрема, у Херсоні поранено двох чоловіків; у Бериславі постраждала жінка."
    )
    found = {r["place"]: r["injured"] for r in _incidents(text)}
    assert found == {"Kherson": 2, "Beryslav": 1}


def test_a_reminder_of_an_older_strike_is_not_proposed():
    text = "Нагадаємо, ворог атакував Полтаву: пошкоджено будинки."
    assert _incidents(text) == []


def test_a_follow_up_sentence_adds_to_the_strike_it_continues():
    text = (
        "Уночі російський дрон влучив у багатоповерхівку в Одесі. Поранено чотирьох людей, серед них дитину."
    )
    record = _one(text)
    assert (record["place"], record["injured"], record["children_injured"]) == ("Odesa", 4, 1)
    assert record["event_type"] == "drone_strike"


def test_harm_denied_after_the_words_is_zero():
    record = _one("Уночі окупанти атакували Кропивницький, пошкоджено склад. Загиблих і поранених немає.")
    assert (record["place"], record["killed"], record["injured"]) == ("Kropyvnytskyi", 0, 0)


def test_a_town_named_in_the_plural_is_found_in_any_case():
    record = _one("В Лисках после падения обломков беспилотника повреждены окна дома.")
    assert (record["place"], record["admin1"]) == ("Liski", "Voronezh Oblast")


def test_a_claim_over_one_region_is_that_regions():
    result = extract_incidents(
        "В ночь на 10 июля над территорией Ростовской области уничтожены 15 беспилотников.",
        published="2025-07-10",
    )
    assert [(r["area"], r["shot_down"], r["date"]) for r in result.air_defence] == [
        ("Rostov Oblast", 15, "2025-07-10")
    ]


def test_a_post_opening_with_its_city_places_the_citys_district_there():
    record = _one("Херсон.\nВнаслідок обстрілу Корабельного району поранено 58-річного чоловіка.")
    assert (record["place"], record["injured"]) == ("Kherson", 1)


def test_an_outage_without_a_figure_is_still_a_strike_on_the_region():
    record = _one("На Черкащині через атаку дронів знеструмлено кілька населених пунктів.")
    assert (record["place"], record["households_without_power"]) == ("Cherkasy Oblast", None)


def test_war_totals_are_not_incidents():
    assert _incidents("З початку повномасштабного вторгнення на Сумщині загинули понад 500 цивільних.") == []


def test_a_community_named_after_another_town_stays_its_own_incident():
    text = (
        "Росіяни вдарили по Сумах: поранено 7 людей. "
        "Крім того, у Шосткинській громаді пошкоджено адмінбудівлю."
    )
    assert {r["place"] for r in _incidents(text)} == {"Sumy", "Shostka community"}


def test_a_community_named_after_the_town_struck_is_that_town():
    text = (
        "Через атаку дронів на Охтирку поранено трьох людей. "
        "Уночі росія атакувала Охтирську громаду, пошкоджено школу."
    )
    assert [(r["place"], r["injured"]) for r in _incidents(text)] == [("Okhtyrka", 3)]


def test_a_bulleted_list_of_communities_gives_one_incident_each():
    text = (
        "Сумщина: за добу 96 обстрілів. Наслідки:\n"
        "- Краснопільська громада: поранено чоловіка, пошкоджено будинок;\n"
        "- Білопільська громада: пошкоджено лінію електропередачі;\n"
        "- Сумська громада: загинула жінка."
    )
    found = {r["place"]: (r["killed"], r["injured"], r["date"]) for r in _incidents(text, "2025-07-10")}
    assert found == {
        "Krasnopillya community": (None, 1, "2025-07-09"),
        "Білопільська громада": (None, None, "2025-07-09"),
        "Сумська громада": (1, None, "2025-07-09"),
    }


def test_the_districts_of_a_city_named_before_them_are_the_city():
    text = "Росіяни вдарили по Херсону з артилерії: у Корабельному районі загинув чоловік."
    record = _one(text)
    assert (record["place"], record["killed"]) == ("Kherson", 1)


def test_the_capital_in_a_ukrainian_post_is_kyiv():
    record = _one("У Дарницькому районі столиці внаслідок падіння уламків загорівся автомобіль.")
    assert record["place"] == "Kyiv"


def test_whose_air_defence_it_is_says_who_attacked():
    result = extract_incidents(
        "Минобороны: уничтожены 9 украинских беспилотников: "
        "пять над Крымом и четыре над Краснодарским краем.",
        published="2025-07-10",
    )
    assert {(r["area"], r["shot_down"], r["attacker"]) for r in result.air_defence} == {
        ("Russia", 9, "UA"),
        ("Crimea", 5, "UA"),
        ("Krasnodar Krai", 4, "UA"),
    }


def test_a_district_and_a_city_with_their_own_figures_stay_apart():
    text = (
        "В Шебекинском округе в результате атаки дрона на автомобиль пострадали два мирных жителя. "
        "В Белгороде ранен подросток."
    )
    found = {r["place"]: r["injured"] for r in _incidents(text)}
    assert found == {"Shebekino okrug": 2, "Belgorod": 1}


def test_a_toll_that_rose_replaces_the_first_and_children_follow_it():
    text = (
        "Уночі ворог атакував Харків: поранено вісім людей. "
        "Кількість постраждалих зросла до 12. Серед них двоє дітей."
    )
    record = _one(text)
    assert (record["injured"], record["children_injured"]) == (12, 2)


def test_children_after_a_death_toll_are_children_killed():
    record = _one("Внаслідок ракетного удару по Сумах загинули п'ятеро людей. Серед них дитина.")
    assert (record["killed"], record["children_killed"], record["children_injured"]) == (5, 1, None)


def test_an_unknown_village_keeps_its_words_capitalised():
    record = _one(
        "Белгородский район. В селе Ясные Зори в результате удара дрона повреждены частный дом и автомобиль."
    )
    assert (record["place"], record["admin1"]) == ("Ясные Зори", "Belgorod Oblast")


def test_lost_after_a_dash():
    result = extract_incidents("Збито 30 БпЛА, ще 8 – локаційно втрачені.", published="2025-07-10")
    assert [(r["shot_down"], r["lost"]) for r in result.air_defence] == [(30, 8)]
