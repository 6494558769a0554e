"""The one Config object and the pipeline's start-up checks."""

import pytest

from sitrep import Config
from sitrep.errors import ConfigError
from sitrep.pipeline import STAGES, build_pipeline


def test_unknown_setting_is_rejected():
    with pytest.raises(ConfigError, match="unknown setting"):
        Config.from_mapping({"langauge": "fr"})


def test_bad_values_are_rejected():
    with pytest.raises(ConfigError, match="unsupported language"):
        Config(language="de")
    with pytest.raises(ConfigError, match="ISO date"):
        Config.from_mapping({"published": "9 décembre"})


def test_config_from_mapping_parses_dates_and_stages():
    cfg = Config.from_mapping({"published": "2016-12-09", "stages": ["nlp", "entities"]})
    assert cfg.published.isoformat() == "2016-12-09" and cfg.stages == ("nlp", "entities")


def test_stage_order_is_checked_at_build_time():
    with pytest.raises(ConfigError, match="needs doc"):
        build_pipeline(["times"])
    with pytest.raises(ConfigError, match="unknown stage"):
        build_pipeline(["nlp", "sentiment"])


def test_every_declared_requirement_is_provided_in_default_order():
    have = {"article"}
    for name in Config().stages:
        if name == "clean":
            continue
        _, requires, provides = STAGES[name]
        assert set(requires) <= have, name
        have |= set(provides)
