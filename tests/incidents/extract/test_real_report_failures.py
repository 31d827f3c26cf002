"""The failure classes real reports showed (issue 15), each on sentences written for these
tests: none is copied from the shared development sets."""

import pytest

from incidents.extract import extract_incidents

DAY = "2025-05-02"  # a Friday


def incidents(text: str, published: str = DAY) -> list[dict]:
    return extract_incidents(text, published=published).incidents


def places(text: str, published: str = DAY) -> list[str]:
    return [record["place"] for record in incidents(text, published)]


def claims(text: str, published: str = DAY) -> list[dict]:
    return extract_incidents(text, published=published).air_defence


def one(text: str, published: str = DAY) -> dict:
    (record,) = incidents(text, published)
    return record


# -- datelines and bylines are where a story was filed, never a strike place ----------------


@pytest.mark.parametrize(
    "text",
    [
        "ODESA, Ukraine (AP) — A Russian missile struck a warehouse in Mykolaiv on Friday, killing two "
        "workers and injuring five, regional governor Vitaliy Kim said.",
        "Missile hits warehouse in Mykolaiv\nODESA (Reuters) - A Russian missile struck a warehouse in "
        "Mykolaiv on Friday, killing two workers and injuring five, the governor said.",
        "(MENAFN- Interfax) A Russian missile struck a warehouse in Mykolaiv on Friday, killing two workers "
        "and injuring five.",
        "(WARSAW) -- A Russian missile struck a warehouse in Mykolaiv on Friday, killing two workers and "
        "injuring five, officials said.",
        "ODESA (Reuters): A Russian missile struck a warehouse in Mykolaiv on Friday, killing two workers "
        "and injuring five.",
    ],
)
def test_a_dateline_or_byline_is_set_aside(text):
    record = one(text)
    assert (record["place"], record["killed"], record["injured"]) == ("Mykolaiv", 2, 5)


# -- places: whole names, the region the text names, settlements only ----------------------


def test_a_namesake_in_the_region_the_text_names_is_preferred():
    record = one(
        "A drone attack on the village of Bessonovka in the Belgorod region injured two farm workers, "
        "the governor said on Friday."
    )
    assert (record["admin1"], record["injured"]) == ("Belgorod Oblast", 2)


def test_an_unknown_village_is_proposed_as_needing_a_place_in_its_region():
    record = one(
        "In the Sumy region, a guided bomb hit the village of Pryshyb-Nyzhnii, wounding an elderly man, "
        "the regional administration said on Friday."
    )
    assert record["place"] == "Pryshyb-Nyzhnii" and record["admin1"] == "Sumy Oblast"
    assert record["geo_precision"] == "admin1"
    assert record["confidence_level"] == "low"
    assert any(flag.startswith("needs a place") for flag in record["flags"])


def test_a_namesake_far_from_the_named_region_is_not_accepted():
    record = one(
        "In Russia's Kursk region, a Ukrainian drone struck a car in the village of Gorodishche on Friday, "
        "wounding its driver, the acting governor said."
    )
    assert record["admin1"] == "Kursk Oblast" and record["confidence_level"] == "low"


def test_a_multi_word_name_is_matched_whole_or_not_at_all():
    # "Krasnaya" and "Dubrava" alone name places elsewhere; the whole name is what was hit.
    record = one(
        "In the Bryansk region, a Ukrainian drone hit a barn in the village of Krasnaya Dubrava on Friday, "
        "injuring a farmer, the governor said."
    )
    assert record["place"] == "Krasnaya Dubrava" and record["admin1"] == "Bryansk Oblast"


def test_streets_and_city_districts_are_not_settlements():
    assert places(
        "In Kharkiv, a Russian drone hit a shop on Poltavskyi Shliakh Street on Friday, injuring three "
        "people. Another drone damaged cars on Heroiv Pratsi avenue."
    ) == ["Kharkiv"]
    assert places(
        "Debris from downed drones fell in the Shevchenkivskyi and Obolonskyi districts of Kyiv overnight, "
        "damaging cars and a school, Mayor Vitali Klitschko said. Two people were injured."
    ) == ["Kyiv"]


def test_a_named_suburb_is_the_place_and_its_city_only_locates_it():
    record = one(
        "A Russian drone slammed into a high-rise in the Kyiv suburb of Irpin on Friday, injuring six "
        "residents, the regional administration said."
    )
    assert (record["place"], record["admin1"], record["injured"]) == ("Irpin", "Kyiv Oblast", 6)


def test_where_missiles_were_fired_from_is_not_struck():
    assert places(
        "Russia fired four Iskander missiles from the Kursk region at Sumy overnight, injuring 12 people, "
        "the Sumy regional administration said on Friday."
    ) == ["Sumy"]


def test_a_misspelt_region_is_still_read_as_the_region():
    record = one(
        "Officials in Ukraine's Dnipropetrovks region said Russian shelling on Friday wounded three people."
    )
    assert (record["admin1"], record["injured"]) == ("Dnipropetrovsk Oblast", 3)


# -- mentions that are not strikes ---------------------------------------------------------


def test_accusations_and_attempts_are_not_strikes():
    assert places(
        "On Wednesday, Moscow accused Kyiv of an attempted drone attack on a refinery in Ryazan. "
        "Overnight into Friday, a Russian drone hit a house in Chernihiv, killing an elderly woman."
    ) == ["Chernihiv"]


def test_a_capital_named_as_an_actor_is_not_struck():
    assert places(
        "The governor said that 'Kyiv militants' were using drones against a substation in Horlivka, "
        "which was damaged."
    ) == ["Horlivka"]


def test_totals_evacuees_alerts_and_history_are_not_incidents():
    text = (
        "Since the start of the full-scale invasion, more than 500 civilians have been killed in the "
        "Kharkiv region, the prosecutor's office said. Air raid alerts sounded across the Dnipropetrovsk "
        "region for six hours on Friday. More than 300 residents of Nikopol were evacuated. In March 2022, "
        "Russian bombs destroyed the theatre in Mariupol. A drone attack on Nikopol on Friday wounded a "
        "43-year-old man."
    )
    record = one(text)
    assert (record["place"], record["injured"]) == ("Nikopol", 1)


def test_a_strike_on_an_earlier_day_told_as_background_adds_nothing():
    record = one(
        "A drone hit an apartment building in Kharkiv on Friday, injuring three people. Last week, a glide "
        "bomb attack on the same district killed five people."
    )
    assert (record["killed"], record["injured"]) == (None, 3)


def test_an_old_photo_caption_is_not_a_strike():
    text = (
        "A damaged house in the village of Shyroke, Zaporizhzhia region, Ukraine, October 3, 2023. "
        "(Reuters)\n"
        "A Russian drone hit a bus in Kherson on Friday, injuring four passengers, the governor said."
    )
    assert places(text) == ["Kherson"]


def test_a_weapon_passing_a_place_is_not_a_strike_on_it():
    text = (
        "Airports halt flights as drones approach the capital\n"
        "In the Tula region, a drone hit an industrial site in Novomoskovsk, injuring two workers, the "
        "governor said on Friday."
    )
    assert places(text) == ["Novomoskovsk"]


# -- figures bound to the right strike ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian glide bombs struck Kostiantynivka on Friday, killing four people and injuring eleven.",
            (4, 11, None, None),
        ),
        (
            "Two women were killed and a teenager was wounded when a drone hit a minibus in Nikopol.",
            (2, 1, 0, 1),
        ),
        (
            "A missile strike on Sumy left at least nine people injured, four of them children.",
            (None, 9, None, 4),
        ),
        (
            "A drone hit a house in Bilopillia. An elderly man died at the scene, and his grandson later "
            "died in hospital.",
            (2, None, None, None),
        ),
        (
            "A drone struck Zaporizhzhia on Friday. Initially, officials reported three injured. Later the "
            "toll rose to 14 injured and one person killed.",
            (1, 14, None, None),
        ),
        (
            "In the city of Pavlohrad, a missile strike damaged an industrial enterprise; eight workers were "
            "known to be injured.",
            (None, 8, None, None),
        ),
    ],
)
def test_figures_are_read_as_written(text, expected):
    record = one(text)
    got = (record["killed"], record["injured"], record["children_killed"], record["children_injured"])
    assert got[:2] == expected[:2]
    for value, want in zip(got[2:], expected[2:], strict=True):
        assert want is None or value == want


def test_each_place_of_one_sentence_gets_its_own_figures():
    found = {
        record["place"]: (record["killed"], record["injured"])
        for record in incidents(
            "Russian drones and missiles killed three people in the central city of Kremenchuk and injured "
            "five in the northeastern city of Sumy overnight, officials said on Friday."
        )
    }
    assert found == {"Kremenchuk": (3, None), "Sumy": (None, 5)}


def test_a_lower_bound_is_kept_as_a_flag():
    record = one("At least six people were killed when a Russian missile hit a hotel in Kharkiv on Friday.")
    assert record["killed"] == 6
    assert any(flag.startswith("killed is a lower bound") for flag in record["flags"])


def test_region_figures_go_to_the_settlement_then_named_as_their_place():
    found = {
        record["place"]: (record["killed"], record["injured"])
        for record in incidents(
            "A drone attack left two people dead and five wounded in the Kursk region, the governor said on "
            "Friday. The dead and wounded were in the village of Glushkovo and in Rylsk. Debris also fell on "
            "a warehouse in Kurchatov."
        )
    }
    assert found["Glushkovo"] == (2, 5)


# -- outages --------------------------------------------------------------------------------


def test_an_outage_count_with_thousands_separators():
    record = one(
        "A Russian drone attack on energy facilities in the Odesa region overnight left 145,300 consumers "
        "without electricity, the energy company said on Friday."
    )
    assert record["households_without_power"] == 145300


def test_a_precise_outage_count_replaces_a_rounded_one():
    record = one(
        "Russian drones hit a substation in Chernihiv overnight; 96 thousand consumers lost power. By "
        "morning the energy company put the figure at 95,812 consumers across the region."
    )
    assert record["households_without_power"] == 95812


def test_the_body_figure_wins_over_the_headline_rounding():
    text = (
        "Almost half a million Kharkiv homes without power after Russian strike\n"
        "Russian missiles hit a power plant in Kharkiv on Friday, leaving 455,000 households without "
        "electricity, the mayor said."
    )
    assert one(text)["households_without_power"] == 455000


# -- air-defence claims: one reading of "X of Y", local and per-region counts kept apart ------


def test_of_the_total_first_then_the_downed_count():
    (claim,) = claims(
        "Of the 112 drones Russia launched overnight, Ukrainian air defence destroyed 87, the air force "
        "said on Friday. Another 19 were lost to electronic warfare."
    )
    assert (claim["launched"], claim["shot_down"], claim["lost"]) == (112, 87, 19)


def test_per_region_counts_after_a_colon_or_including():
    for text in (
        "Air defence systems destroyed 41 Ukrainian UAVs overnight: 18 over the Bryansk region, 10 over the "
        "Kursk region and 13 over the Oryol region, the Russian Defence Ministry said.",
        "Russia's Defence Ministry said air defences destroyed 41 Ukrainian drones overnight, including 18 "
        "over the Bryansk region, 10 over the Kursk region and 13 over the Oryol region.",
    ):
        found = {claim["area"]: claim["shot_down"] for claim in claims(text)}
        assert found == {"Russia": 41, "Bryansk Oblast": 18, "Kursk Oblast": 10, "Oryol Oblast": 13}


def test_two_of_patterns_in_one_sentence():
    found = {
        claim["weapon"]: (claim["launched"], claim["shot_down"])
        for claim in claims("The air force said it intercepted 30 of the 40 missiles and 190 of 250 drones.")
    }
    assert found == {"missile": (40, 30), "drone": (250, 190)}


def test_a_local_count_is_its_own_claim():
    found = [
        claim["shot_down"]
        for claim in claims(
            "Ukraine's air force said it shot down 60 of 75 drones overnight. Over Dnipro, all eight drones "
            "aimed at the city were downed, the mayor said."
        )
    ]
    assert sorted(found) == [8, 60]


def test_of_them_over_a_region():
    found = {
        claim["area"]: claim["shot_down"]
        for claim in claims(
            "Russia's Defence Ministry said 75 Ukrainian drones were shot down over Russian regions "
            "overnight, 24 of them over the Belgorod region."
        )
    }
    assert found == {"Russia": 75, "Belgorod Oblast": 24}


def test_brought_down_and_all_n():
    assert [
        c["shot_down"] for c in claims("Air defence units brought down nine drones over the Kursk region.")
    ] == [9]
    assert [c["shot_down"] for c in claims("The air force shot down all five drones Russia launched.")] == [5]


# -- confidence ----------------------------------------------------------------------------


def test_a_clear_report_is_high_and_a_doubtful_one_low():
    clear = one("A Russian drone hit a house in Sumy on Friday, injuring two people.")
    assert clear["confidence_level"] == "high" and clear["confidence"] >= 0.8
    bare = one("Romanian officials said the port of Izmail had been attacked overnight.")
    assert bare["confidence_level"] == "low" and bare["confidence"] < 0.8


# -- more of the same classes, from reports written in other outlets' styles ---------------


def test_the_ukrainian_capital_is_kyiv():
    record = one(
        "KYIV, Ukraine (AP) — Russia pounded the Ukrainian capital with drones overnight, killing at least "
        "four people, including a child, officials said Friday. The attack on Kyiv lasted five hours."
    )
    assert (record["place"], record["killed"], record["children_killed"]) == ("Kyiv", 4, 1)


def test_a_place_named_twice_is_bound_by_its_last_naming():
    found = {
        record["place"]: (record["killed"], record["injured"])
        for record in incidents(
            "Russian missiles hit Dnipro and Zaporizhzhia on Friday, killing three people in Dnipro and "
            "injuring eight in Zaporizhzhia, officials said."
        )
    }
    assert found == {"Dnipro": (3, None), "Zaporizhzhia": (None, 8)}


def test_an_official_s_surname_is_not_a_town():
    assert places(
        "Debris from a drone shot down over Voronezh damaged a residential building and injured a child, "
        "Governor Alexander Gusev said."
    ) == ["Voronezh"]


def test_the_town_of_a_struck_refinery_is_the_place():
    record = one(
        "Ukrainian drones struck the Novoshakhtinsk oil refinery in the Rostov region overnight, causing a "
        "fire, the governor said. No one was hurt."
    )
    assert (record["place"], record["admin1"]) == ("Novoshakhtinsk", "Rostov Oblast")


def test_a_district_named_alone_is_proposed_at_its_region_for_placing():
    found = {
        record["place"]: record
        for record in incidents(
            "Russian forces struck Kharkiv with glide bombs on Friday, injuring 23 people. Earlier on "
            "Friday, a drone hit a gas station in the Kharkiv region's Izium district, wounding a woman."
        )
    }
    district = found["Izium district"]
    assert district["admin1"] == "Kharkiv Oblast" and district["confidence_level"] == "low"
    assert found["Kharkiv"]["injured"] == 23


def test_links_to_other_stories_and_habitual_strikes_are_not_incidents():
    text = (
        "A Russian drone hit a school in Sumy on Friday, injuring a guard.\n"
        "Read also: Kharkiv tram depot strike - three dead\n"
        "Russia has hit Ukraine's energy grid repeatedly, and Odesa and Kherson have suffered blackouts."
    )
    assert places(text) == ["Sumy"]


def test_an_unknown_village_with_no_region_is_proposed_unplaced():
    record = one("A drone hit the village of Zarichne-Pivnichne on Friday, injuring two people.")
    assert record["place"] == "Zarichne-Pivnichne" and record["latitude"] is None
    assert record["confidence_level"] == "low"


def test_the_reporter_of_a_paragraph_gives_the_next_sentence_s_figures():
    found = claims(
        "The Kyiv regime attempted a terrorist attack with drones overnight, the Defence Ministry said. "
        "Air defence systems destroyed 37 drones over the territory of the Bryansk region and 12 over the "
        "Kursk region."
    )
    assert {(c["reported_by"], c["area"], c["shot_down"]) for c in found} == {
        ("Russian Defence Ministry", "Bryansk Oblast", 37),
        ("Russian Defence Ministry", "Kursk Oblast", 12),
    }


def test_a_town_and_its_district_is_the_town():
    record = one("In the town of Merefa, Kharkiv district, a drone strike injured four people on Friday.")
    assert (record["place"], record["injured"]) == ("Merefa", 4)


def test_a_list_of_districts_of_a_region_places_the_region_s_incident():
    record = one(
        "Russian drones hit energy facilities in settlements of the Shostka, Konotop and Romny districts "
        "overnight, leaving 52,000 consumers without power, the Sumy regional administration said."
    )
    assert record["admin1"] == "Sumy Oblast" and record["households_without_power"] == 52000
    assert record["place"] == "Shostka, Konotop and Romny districts"


def test_a_comparison_with_an_earlier_year_is_still_today_s_strike():
    record = one(
        "A Russian missile strike on Poltava killed 11 people on Friday, the deadliest attack on the city "
        "since 2023, the mayor said."
    )
    assert (record["place"], record["killed"]) == ("Poltava", 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The air force said 47 of the 65 drones launched by Russia were shot down.", (65, 47)),
        ("Air defences neutralised 52 drones out of 70, the air force said.", (70, 52)),
        ("Ukraine's air force said it shot down 18 of 57 drones.", (57, 18)),
        ("Of 40 drones Russia launched overnight, 33 were shot down, the air force said.", (40, 33)),
    ],
)
def test_x_of_y_is_read_one_way_in_every_word_order(text, expected):
    (claim,) = claims(text)
    assert (claim["launched"], claim["shot_down"]) == expected


def test_another_and_a_family_are_counted():
    record = one("A drone hit a house in Sumy on Friday; one person was killed and another injured.")
    assert (record["killed"], record["injured"]) == (1, 1)
    record = one("The strike on Sumy killed a man and wounded his wife and their two children.")
    assert (record["killed"], record["injured"], record["children_injured"]) == (1, 3, 2)


def test_a_named_area_without_a_settlement_needs_a_place():
    record = one(
        "In the Donetsk region, shelling in the Kalmius river area wounded two men on Friday, "
        "the regional administration said."
    )
    assert (record["place"], record["admin1"], record["injured"]) == (
        "Kalmius river area",
        "Donetsk Oblast",
        2,
    )
    assert record["confidence_level"] == "low"


def test_the_city_of_a_dateline_is_proposed_for_checking_when_the_text_says_only_the_city():
    record = one(
        "KHARKIV, Ukraine (AP) — A Russian drone hit an apartment block in the city early Friday, injuring "
        "12 people, the mayor said."
    )
    assert (record["place"], record["injured"], record["confidence_level"]) == ("Kharkiv", 12, "low")


def test_a_dateline_in_capitals_with_a_dash_only():
    assert places(
        "KYIV, Ukraine — A Russian drone hit a house in Chernihiv on Friday, injuring two people."
    ) == ["Chernihiv"]


def test_destroyed_houses_are_damage_not_an_interception():
    record = one("Three houses were destroyed in the strike on Kupiansk on Friday, the governor said.")
    assert record["damage"] == "Three houses destroyed" and record["confidence_level"] == "high"
    assert places("The Shahed drones were destroyed over the Kirovohrad and Cherkasy regions.") == []


def test_of_the_total_of_two_kinds_then_the_downed_of_each():
    found = {
        claim["weapon"]: (claim["launched"], claim["shot_down"])
        for claim in claims(
            "Of the 6 missiles and 90 drones launched overnight, air defence shot down 2 missiles and 71 "
            "drones, the air force said."
        )
    }
    assert found == {"missile": (6, 2), "drone": (90, 71)}
