"""Property tests: classifying and rendering changes never fails, whatever the records hold
(a record that fails its schema is still compared)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.changes import ChangeReport, RecordChange, render, requirement_changes, word_diff

FIELDS = ["id", "tittel", "område", "type", "tekst", "lovhjemler", "parametere", "relasjoner", "status",
          "mål", "begrunnelse", "gjelder_for"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(["navn", "min", "maks", "lik",
                                                                                        "enhet", "type", "krav"]),
                                                                       inner, max_size=4)), max_leaves=12)
records = st.dictionaries(st.sampled_from(FIELDS), values, max_size=8)


@settings(max_examples=300, deadline=None)
@given(records, records)
def test_any_two_versions_can_be_compared_and_rendered(old: dict, new: dict) -> None:
    changes = requirement_changes(old, new)
    if old == new:
        assert changes == []
    report = ChangeReport("a", "b", None, None, [RecordChange("krav", "X-001", "endret", "f", "f", None, changes)], [], [])
    render.text(report)
    render.markdown(report)
    render.as_json(report)


@settings(deadline=None)
@given(st.text(), st.text())
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert " ".join(t for op, t in ops if op != "+").split() == old.split()
    assert " ".join(t for op, t in ops if op != "-").split() == new.split()
