"""Building a new city folder from a boundary file or a list of named points.

Rule: every choice made on the user's behalf (coordinate system, repairs, cells
drawn around points) is reported, and a city folder is written whole or not at all.
"""
