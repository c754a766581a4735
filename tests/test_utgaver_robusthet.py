"""Whatever is written into a draft or a comment record, check and site never raise.

Hypothesis puts arbitrary JSON-like values into every field of utgaver/hoering-1.yaml and of a
comment in the maximal fixture, then runs `krav sjekk`, the whole site (with that draft as the
one being built, so the banner, front notice, «Endringer» and «Kommentarbehandling» all see it).
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
from scripts.check import check_path
from scripts.render.utgave_banner import banner_html

BASE = Path(__file__).parent / "fixtures" / "gyldig" / "maksimal"
DRAFT = "utgaver/hoering-1.yaml"
COMMENT = "kommentarer/hoering-1/BUFDIR-001.yaml"

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                    st.sampled_from(["hoering-1", "IK-001", "IK-003", "høring", "fastsatt", "2027-02-30",
                                     "2027-04-01", "4.1", "akseptert", "<script>x</script>"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(["start", "frist", "vedtak", "begrunnelse", "dato", "x"]),
                                        inner, max_size=3), max_leaves=8)

DRAFT_FIELDS = ["id", "betegnelse", "stadium", "dato", "høring", "merknad", "ukjent"]
COMMENT_FIELDS = ["id", "utgave", "fra", "linje", "punkt", "krav", "type", "kommentar", "forslag", "behandling"]


def _run(target: str, field: str, value: object, monkeypatch) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(BASE, root)
        path = root / target
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data[field] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        check_path(root)
        monkeypatch.setenv("KRAV_UTGAVE", "hoering-1")
        ctx = render.prepare(root)
        pages = render.render_site(ctx)
        banner = banner_html(ctx)
        assert "<script>" not in banner and all("<script>" not in page for page in pages.values())


@pytest.mark.parametrize("field", DRAFT_FIELDS)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(value=values)
def test_any_value_in_a_draft_never_raises(field: str, value: object, monkeypatch) -> None:
    _run(DRAFT, field, value, monkeypatch)


@pytest.mark.parametrize("field", COMMENT_FIELDS)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(value=values)
def test_any_value_in_a_comment_never_raises(field: str, value: object, monkeypatch) -> None:
    _run(COMMENT, field, value, monkeypatch)
