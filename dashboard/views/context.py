"""What every view gets from the frame: the store's data, the view and its records."""

import dataclasses

import pandas as pd

from dashboard.viewstate import ViewState


@dataclasses.dataclass(frozen=True)
class ViewContext:
    view: ViewState
    all_incidents: pd.DataFrame
    incidents: pd.DataFrame  # the filtered records
    air_defence: list[dict]  # reports in the filtered date range
    version: tuple
