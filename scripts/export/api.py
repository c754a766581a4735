"""The static API: the export model as plain JSON files published with the site.

    /api/v1/krav.json         every provision (withdrawn ones too)
    /api/v1/krav/<ID>.json    one provision
    /api/v1/lovhjemler.json   every legal source
    /api/v1/omrader.json      the clauses (areas)
    /api/v1/utgave.json       which draft, version and date
    /api/v1/schema/*.json     the JSON Schemas of the export format (schemas/eksport/v1/)

Each file names its schema in `$schema`: the absolute address when the site's address is
configured (site_url), else a relative one that resolves wherever the site is served. The
MkDocs hook adds these files as generated files, so nothing is written to docs/ or git.
A provision's file name is its id, and is used only when the id matches the id pattern and
the path stays inside api/v1/krav/.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from .formats import json_text
from .model import Draft, build_export

API_DIR = "api/v1"
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas" / "eksport" / "v1"
KRAV_ID = re.compile(r"^[A-Z]{2,4}-[0-9]{3,}$")  # as schemas/krav.schema.json


def krav_file(krav_id: object) -> str | None:
    """«api/v1/krav/IK-001.json», or None for an id that could escape the folder or is malformed."""
    if not isinstance(krav_id, str) or not KRAV_ID.fullmatch(krav_id):
        return None
    path = posixpath.normpath(f"{API_DIR}/krav/{krav_id}.json")
    return path if posixpath.dirname(path) == f"{API_DIR}/krav" else None


def schema_files() -> dict[str, bytes]:
    """The published export schemas, as they are in the tool's schemas/eksport/v1/."""
    return {f"{API_DIR}/schema/{p.name}": p.read_bytes() for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}


def api_files(repo, draft: Draft, site_url: str | None = None) -> dict[str, bytes]:
    """Every API file, keyed by its path in the site."""
    model = build_export(repo, draft)
    base = f"{site_url.rstrip('/')}/{API_DIR}/schema/" if site_url else None

    def schema(name: str, depth: int = 0) -> str:
        return (base or ("../" * depth) + "schema/") + name

    head = {"format": model["format"], "versjon": model["versjon"]}

    def document(name: str, depth: int = 0, **body) -> bytes:
        return json_text({"$schema": schema(name, depth), **head, "utgave": model["utgave"], **body}).encode("utf-8")

    files = {
        f"{API_DIR}/krav.json": document("krav.schema.json", krav=model["krav"]),
        f"{API_DIR}/lovhjemler.json": document("lovhjemler.schema.json", lovhjemler=model["lovhjemler"]),
        f"{API_DIR}/omrader.json": document("omrader.schema.json", omrader=model["omrader"]),
        f"{API_DIR}/utgave.json": document("utgave.schema.json"),
    }
    for item in model["krav"]:
        path = krav_file(item["id"])
        if path is not None:
            files[path] = document("krav-enkelt.schema.json", 1, krav=item)
    files.update(schema_files())
    return files


def site_api_files(root, repo, site_url: str | None = None) -> dict[str, bytes]:
    """The API files for the checkout at `root` (the draft it is, from git)."""
    from .draft import current_draft

    return api_files(repo, current_draft(Path(root), repo), site_url)
