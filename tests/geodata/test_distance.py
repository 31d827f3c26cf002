import pytest

from geodata.distance import distance_km


def test_great_circle_distances():
    kyiv, kharkiv = (50.4501, 30.5234), (49.9935, 36.2304)
    assert distance_km(*kyiv, *kharkiv) == pytest.approx(411, abs=2)
    assert distance_km(*kyiv, *kharkiv) == distance_km(*kharkiv, *kyiv)
    assert distance_km(*kyiv, *kyiv) == 0
    # Across the antimeridian, and half the globe at most.
    assert distance_km(65.0, 179.9, 65.0, -179.9) == pytest.approx(9.4, abs=0.1)
    assert distance_km(0, 0, 0, 180) == pytest.approx(20015, abs=1)
