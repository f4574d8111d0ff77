from pathlib import Path

import pytest

from cafe.activities import registry
from cafe.sessions.codes import ALPHABET, new_code, normalise
from cafe.sessions.plans import PlanError, available_plans, load_plan


def test_codes_avoid_characters_people_confuse():
    for ch in "0O1IL2Z5S6G8B":
        assert ch not in ALPHABET
    codes = {new_code() for _ in range(200)}
    assert len(codes) > 190
    assert all(len(c) == 6 and set(c) <= set(ALPHABET) for c in codes)


def test_normalise_accepts_what_people_type():
    assert normalise(" wrk-adw ") == "WRKADW"


def test_every_shipped_plan_loads(app):
    plans = available_plans()
    assert "kickoff-buurtanalyse" in plans
    for path in plans.values():
        plan = load_plan(path, registry.all_kinds())
        assert plan.activities


def test_malformed_plan_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "broken.toml"
    bad.write_text('title = "x"\n\n[[activity]]\nkind = "info"\ntitle = \n')
    with pytest.raises(PlanError) as err:
        load_plan(bad)
    assert "broken.toml" in str(err.value)
    assert "line 5" in str(err.value)


def test_plan_with_unknown_kind_is_refused(tmp_path: Path, app):
    bad = tmp_path / "odd.toml"
    bad.write_text('title = "x"\n[[activity]]\nkind = "juggling"\ntitle = "t"\n')
    with pytest.raises(PlanError, match="juggling"):
        load_plan(bad, registry.all_kinds())
