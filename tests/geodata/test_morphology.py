import pytest

from geodata import morphology
from geodata.places import resolve_place


@pytest.mark.parametrize(
    ("words", "lang", "place"),
    [
        (["Харкові"], "uk", "Kharkiv"),
        (["Києві"], "uk", "Kyiv"),
        (["Охтирку"], "uk", "Okhtyrka"),
        (["Білій", "Церкві"], "uk", "Bila Tserkva"),
        (["Курску"], "ru", "Kursk"),
        (["Белгорода"], "ru", "Belgorod"),
        (["Каменке-Днепровской"], "ru", "Kamyanka-Dniprovska"),
        (["Белгородской", "области"], "ru", "Belgorod Oblast"),
        (["Харківської", "області"], "uk", "Kharkiv Oblast"),
    ],
)
def test_inflected_names_have_a_nominative_form_the_gazetteer_knows(words, lang, place):
    found = [resolve_place(form) for form in morphology.phrase_forms(words, lang)]
    assert place in [m.name for m in found if m is not None]


@pytest.mark.parametrize(
    ("word", "lang", "region"),
    [
        ("Сумщині", "uk", "Sumy Oblast"),
        ("Дніпропетровщина", "uk", "Dnipropetrovsk Oblast"),
        ("Донеччину", "uk", "Donetsk Oblast"),
        ("Херсонщини", "uk", "Kherson Oblast"),
        ("Белгородчине", "ru", "Belgorod Oblast"),
        ("Брянщины", "ru", "Bryansk Oblast"),
    ],
)
def test_land_names_denote_their_region(word, lang, region):
    assert morphology.land_region(word, lang).name == region


def test_a_word_that_is_not_a_land_name_denotes_no_region():
    assert morphology.land_region("Харкові", "uk") is None
    assert morphology.land_region("машина", "ru") is None


def test_adjectives_go_back_to_the_nominative_of_their_gender():
    assert "приморське" in morphology.nominatives("Приморському", "uk")
    assert "днепровская" in morphology.nominatives("Днепровской", "ru")


def test_people_are_told_from_places():
    assert morphology.is_person_word("Гладков", "ru")
    assert morphology.is_first_name("Олег", "uk")
    assert not morphology.is_person_word("Харкові", "uk")


def test_apostrophes_and_yo_are_folded_for_the_dictionary():
    assert morphology.normal_word("П’ятеро") == "п'ятеро"
    assert morphology.lemmas("ребёнка", "ru")[0] == "ребенок"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        morphology.analyser("pl")


def test_district_adjectives_name_their_town():
    assert "шебекино" in morphology.adjective_stems("Шебекинском", "ru")
