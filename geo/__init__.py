"""Frontline's pure library: city data, the resolution rule, and the map it draws.

Nothing in this package imports Streamlit; every input is an argument.
"""
