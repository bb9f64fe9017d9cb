"""The map page's panels: each a function of plain values, drawable alone in a test.

- ``controls``: the view's pickers and layer toggles above the map;
- ``ledger``: the claims behind one district, beside the map;
- ``analysis``: the one analysis view picked below the map, among ``territory``
  (who holds how much, the front line), ``changes`` (what changed, a district's
  history), ``figures`` and ``share``.
"""
