"""The folium map: offline background, data layers as JSON, styles, popups, aggregation, served assets."""
