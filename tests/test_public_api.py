"""The public API is what was meant, and stays so after the pipeline has run."""

from __future__ import annotations

import pytest

import sitrep

EXPECTED = {
    "Actor", "Analysis", "Article", "Config", "ConfigError", "Context", "Entity", "Event",
    "InputError", "Place", "Quantity", "Quarantined", "Quote", "RawDocument", "ResourceError",
    "SitrepError", "Span", "StageError", "TimeExpr", "UnsupportedLanguageError",
    "extract", "extract_many", "to_contract", "__version__",
}


def test_all_is_the_intended_api():
    assert set(sitrep.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(sitrep, name), name


@pytest.mark.slow
def test_extract_is_still_the_function_after_a_run():
    # The stages are loaded lazily from the subpackage sitrep.extract; loading them must not
    # replace the function of the same name on the package.
    first = sitrep.extract("La police a arrêté deux hommes mardi à Lyon.", published="2024-05-02", lang="fr")
    assert callable(sitrep.extract)
    second = sitrep.extract("Police arrested two men in Leeds on Tuesday.", published="2024-05-02", lang="en")
    assert first.article.language == "fr" and second.article.language == "en"
    assert any(q.value == 2 for q in second.quantities)
