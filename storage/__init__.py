"""Where reports, their revisions and the desk's accounts are kept (SQLAlchemy Core).

No Streamlit here: every function takes an engine and plain values, and every write
is one transaction that lands whole or not at all.
"""
