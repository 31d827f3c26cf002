"""Settings of the served app, declared once so the server and the pages agree."""

# Largest upload on the Import page; passed to Streamlit as server.maxUploadSize.
MAX_UPLOAD_MB = 50
