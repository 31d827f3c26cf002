"""The dashboard's pages; each `render(context)` draws one view of the filtered data."""
