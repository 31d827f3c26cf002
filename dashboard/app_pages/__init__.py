"""The dashboard's pages as scripts: `dashboard/app.py` (the frame) registers each with
`st.Page(path)`, and each draws its view with the context the frame built for this run.

File-backed pages are what `AppTest.switch_page("app_pages/extract.py")` can select. The
folder is not called `pages/`: next to the entry script that name switches Streamlit to
its older multipage mode for the first run of a session, which runs the entry script
differently (its widgets lose their state).
"""
