"""Re-import: a JSON export written back as records in the repository's own format.

`records_from_export(document)` gives, for every exported provision, source, area and
(published) draft, the record an author would have written: the derived fields (clause number,
verbal form, Lovdata link, successors, «bindende», the draft a provision belongs to) are
dropped, and a value that is null in the export is left out (the export does not distinguish
null from absent). `write_repository(document, root)` writes them as YAML files under `root`
through the file gate. Together with the export this proves that nothing authored is lost:
export → re-import gives the same records (tests/test_export.py), except `merknad`, which is
internal and never exported, and the mandate beyond its areas.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .. import gate
from .model import INTERNAL_FIELDS

DERIVED_KRAV = ("punkt", "verbform", "erstattet_av", "utgave")
DERIVED_SOURCE = ("bindende", "lenke")
_PLAIN = re.compile(r"^[A-Za-zÆØÅæøå§][A-Za-zÆØÅæøå0-9§ .,()/_-]*[A-Za-zÆØÅæøå0-9.)]$|^[A-Za-zÆØÅæøå]$")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _present(data: dict) -> dict:
    return {k: v for k, v in data.items() if v is not None and k not in INTERNAL_FIELDS}


def krav_record(item: dict) -> dict:
    data = {k: v for k, v in item.items() if k not in DERIVED_KRAV}
    if item["lovhjemler"] is not None:
        data["lovhjemler"] = [s["id"] for s in item["lovhjemler"]]
    return _present(data)


def source_record(item: dict) -> dict:
    return _present({k: v for k, v in item.items() if k not in DERIVED_SOURCE})


def area_record(item: dict) -> dict:
    return _present({k: v for k, v in item.items() if k != "punkt"})


def records_from_export(document: dict) -> dict[str, dict | list]:
    """Repository-relative path -> record data, for every record the export holds."""
    out: dict[str, dict | list] = {}
    out["mandat/mandat.yaml"] = {"områder": [area_record(a) for a in document["omrader"]]}
    for item in document["lovhjemler"]:
        group = _group(item)
        out[f"lovhjemler/{group}/{item['id']}.yaml"] = source_record(item)
    for item in document["krav"]:
        out[f"krav/{item['område']}/{item['id']}.yaml"] = krav_record(item)
    draft = document["utgave"]
    if draft["id"] != "arbeidsutkast":
        record = {k: draft.get(k) for k in ("id", "betegnelse", "stadium", "dato", "høring")}
        out[f"utgaver/{draft['id']}.yaml"] = _present(record)
    return out


def _group(item: dict) -> str:
    name = (item.get("korttittel") or item.get("instrument") or "kilder").lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a")):
        name = name.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-") or "kilder"


def yaml_text(data: Any) -> str:
    """YAML that our loader reads back to exactly `data` (risky strings double-quoted)."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str):
        plain = bool(_PLAIN.match(value)) and value.lower() not in _RESERVED and ": " not in value and " #" not in value
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**9, default_flow_style=False)


def write_repository(document: dict, root: Path | str) -> list[str]:
    """Write every record of the export under `root` (through the gate); returns the paths."""
    written = []
    for rel, data in records_from_export(document).items():
        folder = gate.writable_dir(root, rel.rsplit("/", 1)[0])
        if folder is None:
            raise OSError(f"kan ikke skrive i {rel.rsplit('/', 1)[0]}")
        target = Path(root) / rel
        if not gate.inside(root, target):
            raise OSError(f"{rel} ligger utenfor repositoriet")
        target.write_text(yaml_text(data), encoding="utf-8")
        written.append(rel)
    return written
