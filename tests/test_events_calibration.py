"""Event confidence: the raw score Platt-scaled into a probability, order kept, switchable off."""

import pytest

import sitrep
from sitrep.config import Config
from sitrep.errors import ConfigError
from sitrep.events.calibration import CEILING, FLOOR, calibrate, parameters

TEXT = ("Des soldats ont bombardé le village de Kafr Hamra mardi, tuant quatre civils. "
        "Le ministre a ensuite rencontré les chefs de tribu à Alep.")


def test_scaling_keeps_the_order_and_stays_inside_zero_and_one():
    raws = [0.01, 0.2, 0.35, 0.5, 0.62, 0.8, 0.95, 0.99]
    scaled = [calibrate(r) for r in raws]
    assert scaled == sorted(scaled) and len(set(round(s, 3) for s in scaled)) == len(scaled)
    assert all(FLOOR <= s <= CEILING for s in scaled)


def test_parameters_come_from_the_table_and_move_the_score():
    slope, intercept = parameters()
    assert slope > 0
    assert calibrate(0.5) == pytest.approx(1 / (1 + 2.718281828 ** -intercept), abs=1e-3)
    assert calibrate(0.5, 1.0, 0.0) == pytest.approx(0.5)


def test_the_switch_gives_the_raw_score():
    scaled = sitrep.extract(TEXT, lang="fr", published="2016-12-07", config=Config()).events
    raw = sitrep.extract(TEXT, lang="fr", published="2016-12-07", config=Config(calibrated_confidence=False)).events
    assert scaled and [e.type for e in scaled] == [e.type for e in raw]
    assert [round(calibrate(e.confidence), 6) for e in raw] == [round(e.confidence, 6) for e in scaled]


def test_the_switch_must_be_a_boolean():
    with pytest.raises(ConfigError):
        Config.from_mapping({"calibrated_confidence": "no"})
