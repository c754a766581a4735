"""Whatever a contributor writes into any field, no command raises: check, analysis and site.

Hypothesis puts arbitrary JSON-like values (text, numbers, lists, blocks, nesting) into the
fields of a requirement, a legal source and the mandate of a small valid repository, and runs
the whole pipeline on it. Bad values must become findings, never exceptions.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts import render
from scripts.analyse import analyse_repository
from scripts.check import check_path

BASE = Path(__file__).parent / "fixtures" / "gyldig" / "maksimal"
KRAV = "krav/internkontroll/IK-001.yaml"

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["IK-001", "IK-002", "M1", "bvl-10-1", "internkontroll",
                                                           "avhenger_av", "erstatter", "krav", "trukket"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(["id", "type", "krav", "navn", "min", "maks", "lik",
                                                         "enhet", "x"]), inner, max_size=3), max_leaves=8)


def _pipeline(root: Path) -> None:
    check_path(root)
    from scripts.loading import load_repository

    analyse_repository(load_repository(root))
    render.render_site(render.prepare(root))


FIELDS = ["id", "område", "type", "tekst", "status", "lovhjemler", "mål", "relasjoner", "parametere",
          "verifisering", "utover_lov", "ukjent"]
AREA_FIELDS = ["id", "navn", "prefiks", "ukjent"]


def _mutate_and_run(target: str, change) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(BASE, root)
        path = root / target
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        _pipeline(root)


@pytest.mark.parametrize("field", FIELDS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=values)
def test_any_value_in_any_requirement_field_never_raises(field: str, value: object) -> None:
    _mutate_and_run(KRAV, lambda data: data.__setitem__(field, value))


@pytest.mark.parametrize("field", AREA_FIELDS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=values)
def test_any_value_in_a_mandate_area_never_raises(field: str, value: object) -> None:
    _mutate_and_run("mandat/mandat.yaml", lambda data: data["områder"][0].__setitem__(field, value))
