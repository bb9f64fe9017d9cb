"""The browser map: the base map, the city's bundle and the per-day message.

Rule: the browser gets every parameter from Python through one typed contract;
its script (``assets/``) holds no domain rule of its own.
"""
