"""A whole map drawn from what the store answers (`map_data_of`), fitted to its points."""

from dashboard.map.build import build_map
from dashboard.map.stored import map_data_of
from incidents.storage.store import Store


def test_a_map_of_the_store_answer_is_fitted_to_its_points(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'seed.sqlite'}")
    store.load_seed_if_empty()
    data = map_data_of(store)
    assert data.detailed and data.located == 4
    fitted = build_map(data).get_root().render()
    # fit_bounds around the seed strikes: Zaporizhzhia (south) to Zelenograd (north).
    assert "fitBounds" in fitted and "47.8" in fitted and "55.9" in fitted
    store.close()
