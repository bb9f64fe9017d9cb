"""Exports for the graphics desk: tables, pictures and a standalone page.

Rule: every export is built from the same resolved control the map shows, and
carries its day, credits and the schematic-boundaries note.
"""
