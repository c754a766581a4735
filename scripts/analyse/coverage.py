"""The coverage summary: how far the requirements reach into each area of the mandate.

A JSON-ready dict (the CLI prints it after the findings and puts it under "dekning" in JSON):

    {"dato": "2026-01-01",
     "områder": [{"id", "navn", "antall", "etter_type", "etter_status",
                  "bindende_kilder", "siterte_bindende_kilder", "andel_sitert"}, ...],  # mandate order
     "totalt": {same counts over the whole repository},
     "mål": [{"id", "tekst", "antall"}, ...],
     "ubrukte_kilder": [source ids no active requirement cites],
     "instrumenter": [{"instrument", "navn", "paragrafer", "brukte", "ubrukte", "andel_brukt"}, ...]}

`antall` and `etter_type` count active requirements (forslag and vedtatt); `etter_status`
counts all, withdrawn included. `bindende_kilder` are the lov/forskrift sources in force on
the analysis date that are marked relevant to the area; `andel_sitert` is the share of them
cited by an active requirement in the area (None when there are none). Sources nobody cites
are not findings, since many are background material on purpose: they are listed here.

`instrumenter` is coverage against the instruments' known structure: for each binding
instrument (lov, forskrift) in force, its section records (`paragraf` «§ …») in force that are
marked relevant (`områder` not empty), which of them an active requirement cites, and which
none does. Chapter and whole-instrument records are not sections; an instrument with no
relevant section recorded shows an empty list, so a gap in the registry is visible too.
"""

from __future__ import annotations

from ..repository import Record
from .gaps import cited_by_area, relevant_binding_sources
from .model import Context, citations, in_force, is_binding
from ..vocabulary import STATUSES, TYPES



def _counts(records: list[Record], active: list[Record]) -> dict:
    return {
        "antall": len(active),
        "etter_type": {t: sum(r.get("type") == t for r in active) for t in TYPES},
        "etter_status": {s: sum(r.get("status") == s for r in records) for s in STATUSES},
    }


def _share(cited: list, relevant: list) -> float | None:
    return round(len(cited) / len(relevant), 4) if relevant else None


def summarise(ctx: Context) -> dict:
    repo = ctx.repo
    relevant = relevant_binding_sources(ctx)
    cited = cited_by_area(ctx)
    by_area: dict[object, list[Record]] = {}
    for record in repo.krav.values():
        by_area.setdefault(record.text("område"), []).append(record)
    areas = []
    for ident, area in repo.areas.items():
        records = by_area.get(ident, [])
        active = [r for r in records if r.id in ctx.active]
        binding = relevant.get(ident, [])
        cited_binding = [s for s in binding if s in cited.get(ident, ())]
        areas.append({"id": ident, "navn": area.get("navn") if isinstance(area.get("navn"), str) else ident,
                      **_counts(records, active), "bindende_kilder": binding,
                      "siterte_bindende_kilder": cited_binding, "andel_sitert": _share(cited_binding, binding)})
    all_binding = sorted({(a["id"], s) for a in areas for s in a["bindende_kilder"]})
    all_cited = sorted({(a["id"], s) for a in areas for s in a["siterte_bindende_kilder"]})
    totals = {**_counts(list(repo.krav.values()), list(ctx.active.values())),
              "bindende_kilder": len(all_binding), "siterte_bindende_kilder": len(all_cited),
              "andel_sitert": _share(all_cited, all_binding)}
    served: dict[str, int] = {}
    for record in ctx.active.values():
        for goal in record.items("mål"):
            if isinstance(goal, str):
                served[goal] = served.get(goal, 0) + 1
    goals = [{"id": g, "tekst": item.get("tekst") if isinstance(item.get("tekst"), str) else "",
              "antall": served.get(g, 0)} for g, item in repo.objectives.items()]
    used = {source for record in ctx.active.values() for _, source in citations(record)}
    return {"dato": ctx.dato.isoformat(), "områder": areas, "totalt": totals, "mål": goals,
            "ubrukte_kilder": sorted(set(repo.lovhjemler) - used),
            "instrumenter": instrument_structure(ctx, used)}


def _section_order(paragraf: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in paragraf.replace("§", " ").replace("-", " ").split())


def instrument_structure(ctx: Context, used: set[str]) -> list[dict]:
    """Per binding instrument in force: its relevant sections, the used and the unused ones."""
    groups: dict[str, list[Record]] = {}
    for ident, source in sorted(ctx.repo.lovhjemler.items()):
        instrument = source.text("instrument")
        if is_binding(source) and instrument and instrument.strip() and in_force(source, ctx.dato):
            groups.setdefault(instrument.strip(), []).append(source)
    out = []
    for instrument, sources in sorted(groups.items(), key=lambda item: (item[1][0].text("type") != "lov", item[0])):
        sections = sorted((s for s in sources if (s.text("paragraf") or "").startswith("§")
                           and any(isinstance(a, str) for a in s.items("områder"))),
                          key=lambda s: (_section_order(s.text("paragraf") or ""), s.id or ""))
        ids = [s.id for s in sections]
        name = next((s.text("korttittel") for s in sources if s.text("korttittel")), None) or sources[0].text("tittel")
        brukte = [i for i in ids if i in used]
        out.append({"instrument": instrument, "navn": name or instrument, "paragrafer": ids, "brukte": brukte,
                    "ubrukte": [i for i in ids if i not in used], "andel_brukt": _share(brukte, ids)})
    return out
