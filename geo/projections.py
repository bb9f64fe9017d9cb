"""The projection pictures of a city are drawn in, shared by exports and previews."""

PICTURE_CRS = "EPSG:3857"
"""Pictures are drawn in Web Mercator, the projection of the browser map."""
