"""SYNTHETIC incidents for benchmarks: realistic in shape, invented in every fact.

Points fall on real settlements of Ukraine and Russia (weighted towards big towns, as
strikes are), most at the settlement's point and some scattered within a few km, as
geocoded reports are. Types, sides and figures are random, with unknown (None)
figures mixed in. Never load these into a store anyone reads.
"""

import numpy as np
import pandas as pd

from geodata.basemap import major_places
from incidents.rules.model import EVENT_TYPES

FIRST_DAY = np.datetime64("2023-01-01")
DAYS = 900


def _settlements(min_population: int = 5_000) -> pd.DataFrame:
    features = major_places(min_population)["features"]
    return pd.DataFrame(
        {
            "place": [f["properties"]["name"] for f in features],
            "country": [f["properties"]["country"] for f in features],
            "latitude": [f["geometry"]["coordinates"][1] for f in features],
            "longitude": [f["geometry"]["coordinates"][0] for f in features],
            "weight": [np.sqrt(f["properties"]["population"]) for f in features],
        }
    )


def _maybe_unknown(rng, values: np.ndarray, share_unknown: float) -> pd.Series:
    series = pd.Series(values, dtype="Int64")
    series[rng.random(len(values)) < share_unknown] = pd.NA
    return series


def synthetic_frame(count: int, *, seed: int = 7) -> pd.DataFrame:
    """`count` SYNTHETIC incidents with the record model's columns."""
    rng = np.random.default_rng(seed)
    towns = _settlements()
    pick = rng.choice(len(towns), size=count, p=(towns["weight"] / towns["weight"].sum()).to_numpy())
    scatter = rng.random(count) < 0.3
    latitude = towns["latitude"].to_numpy()[pick] + scatter * rng.normal(0, 0.02, count)
    longitude = towns["longitude"].to_numpy()[pick] + scatter * rng.normal(0, 0.03, count)
    country = towns["country"].to_numpy()[pick]
    days = FIRST_DAY + rng.integers(0, DAYS, count).astype("timedelta64[D]")
    frame = pd.DataFrame(
        {
            "id": [f"synthetic-{n}" for n in range(count)],
            "date": days.astype(str),
            "time": None,
            "date_precision": "day",
            "place": towns["place"].to_numpy()[pick],
            "admin1": [f"Synthetic region {p % 60:02d}" for p in pick],
            "country": country,
            "latitude": latitude.round(5),
            "longitude": longitude.round(5),
            "geo_precision": "settlement",
            "geocoder": "source",
            "event_type": np.array(EVENT_TYPES)[rng.integers(0, len(EVENT_TYPES), count)],
            "attacker": np.where(country == "UA", "RU", "UA"),
            "killed": _maybe_unknown(rng, rng.poisson(0.3, count), 0.3),
            "injured": _maybe_unknown(rng, rng.poisson(1.2, count), 0.25),
            "children_killed": _maybe_unknown(rng, np.zeros(count, dtype=int), 0.6),
            "children_injured": _maybe_unknown(rng, rng.poisson(0.1, count), 0.6),
            "households_without_power": _maybe_unknown(
                rng, (rng.random(count) < 0.1) * rng.integers(50, 20_000, count), 0.5
            ),
            "damage": None,
            "description": "SYNTHETIC benchmark incident",
            "source_name": [f"synthetic source {n % 300}" for n in range(count)],
            "source_url": None,
            "source_published": None,
        }
    )
    return frame
