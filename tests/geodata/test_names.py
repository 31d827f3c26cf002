from geodata.names import exact_key, loose_key


def test_exact_key_folds_case_diacritics_apostrophes_and_punctuation():
    assert exact_key("Khar’kov") == exact_key("KHAR'KOV") == exact_key("Kharʼkov") == "kharkov"
    assert exact_key("Orël") == "orel"
    assert exact_key("Rostov-on-Don") == "rostov on don"
    assert exact_key("Kharkov") != exact_key("Kharkiv")


def test_loose_key_folds_romanisations_and_cyrillic():
    assert loose_key("Zaporizhzhia") == loose_key("Zaporizhia") == loose_key("Zaporizhzhya")
    assert loose_key("Zaporozhye") == loose_key("Zaporozhe") == loose_key("Запорожье")
    assert loose_key("Kharkiv") == loose_key("Харків") == loose_key("Kharkiw")
    assert loose_key("Kryvyi Rih") == loose_key("Kryvyy Rih")
    assert loose_key("Nikolayev") == loose_key("Nikolaev")
    assert loose_key("Kamenskoye") == loose_key("Kamenske") == loose_key("Каменское")
    assert loose_key("Sumy") != loose_key("Kursk")
