"""Streamlit glue shared by the pages: cached loaders and published assets."""
