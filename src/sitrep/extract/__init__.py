"""Extraction stages over the parsed article: time expressions, quantities, quotes."""
