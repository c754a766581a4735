"""The standard's text: one page per requirement, and one clause page per area."""

from __future__ import annotations

from ..repository import Record
from .common import (RELATION_IN, RELATION_OUT, STATUS_NAME, TYPE_NAME, area_link, area_title,
                     finding_line, front_matter, krav_label, krav_link, rel, sort_findings,
                     source_link, status_badge, table, type_badge)
from .context import Area, SiteContext
from .figurer import relations_diagram
from .gjelder import FILTER_PLACEHOLDER, applies_to_text
from .text import as_text, esc, esc_paragraphs, safe_id
from ..vocabulary import MANDAT_FILE, WITHDRAWN, count, format_quantity, is_in_force
from .bidra import contribute_links
from .historikk import render_history


def successors(ctx: SiteContext, krav_id: str) -> list[Record]:
    """Requirements that say they replace this one (relation `erstatter`)."""
    return [r for t, r in ctx.incoming.get(krav_id, []) if t == "erstatter"]


def _parameter(ctx: SiteContext, item: dict) -> str:
    """«Antall vinduer i rom …: minst 1 vindu»: the parameter as the mandate describes it."""
    name = item.get("navn")
    known = ctx.repo.parameters.get(name) if isinstance(name, str) else None
    label = esc(known.get("beskrivelse")) if known and known.get("beskrivelse") else esc(name)
    unit = item.get("enhet") if item.get("enhet") is not None else (known or {}).get("enhet")
    parts = []
    for key, word in (("min", "minst"), ("maks", "høyst"), ("lik", "lik")):
        if key in item:
            value = item.get(key)
            shown = format_quantity(value, unit, name) if isinstance(value, (int, float)) else f"{as_text(value)} {as_text(unit)}"
            parts.append(f"{word} {esc(shown)}")
    return f"{label}: {' og '.join(parts) or 'ingen grense'}"


def render_krav_page(ctx: SiteContext, record: Record) -> str:
    """Every field of one requirement, its sources, relations both ways and its findings."""
    uri = ctx.krav_uri[record.id]
    kind, status = record.get("type"), record.get("status")
    out = [front_matter(f"{record.id} {as_text(record.get('tittel'))}".strip()),
           f"# {krav_label(record)}\n"]
    if status == WITHDRAWN:
        out.append('!!! danger "Trukket"\n')
        following = successors(ctx, record.id)
        if following:
            links = ", ".join(krav_link(ctx, uri, r.id) for r in following)
            out.append(f"    Denne bestemmelsen er trukket og gjelder ikke lenger. Den er erstattet av {links}.\n")
        else:
            out.append("    Denne bestemmelsen er trukket og gjelder ikke lenger. Siden beholdes slik at "
                       "id-en og gamle lenker fortsatt virker.\n")
    area = ctx.area_by_id.get(record.text("område") or "")
    where = ""
    if area:
        clause = ctx.clause_of.get(record.id)
        where = f" · {'punkt ' + clause + ' i ' if clause else ''}{area_link(ctx, uri, record.get('område'))}"
    out.append(f"{type_badge(kind)} {status_badge(status)}{where}\n")
    out.append(contribute_links(ctx, "krav", record.id, record.file))
    out.append(FILTER_PLACEHOLDER.replace("data-krav-filter", f'data-krav-filter data-krav-side="{record.id}"'))
    out.append(f"{esc_paragraphs(record.get('tekst'))}\n{{: .krav-tekst }}\n")

    if record.get("begrunnelse") is not None:
        out.append("## Begrunnelse\n\n*Informativt.*\n\n" + esc_paragraphs(record.get("begrunnelse")) + "\n")

    out.append("## Lovhjemler\n")
    sources = [s for s in record.items("lovhjemler")]
    for source in sources:
        out.append(f"- {_source_item(ctx, uri, source)}")
    if sources:
        out.append("")
    from .provenance import unverified_note

    note = unverified_note(ctx, uri, record)
    if note:
        out.append(note)
    if record.get("utover_lov") is True:
        out.append("Bestemmelsen går bevisst lenger enn det loven krever.\n")
    elif not sources:
        out.append("Ingen lovhjemler er oppgitt.\n")

    out.append("## Relasjoner\n")
    out.append(_relations(ctx, record, uri))
    out.append(relations_diagram(ctx, record))

    out.append("## Opplysninger\n")
    out.append(_details(ctx, record, uri))
    out.append(committee_block(ctx, record, uri))
    out.append(render_history(ctx, record))
    return "\n".join(out)


def committee_block(ctx: SiteContext, record: Record, uri: str) -> str:
    """The committee's working details, folded away and marked as such: the checks' findings,
    the internal note (merknad) and the file the record lives in. Not part of the standard."""
    lines = ['<details class="krav-komite" markdown="1" data-search-exclude>',
             '<summary markdown="span">For komiteen: arbeidsnotater og kontroll</summary>', "",
             "*Dette er ikke en del av standarden. Opplysningene er til hjelp for komiteen og dem som skriver bestemmelsene.*", ""]
    if record.get("merknad") is not None:
        lines += ["**Merknad fra komiteen:**", "", esc_paragraphs(record.get("merknad")), ""]
    found = sort_findings(ctx.findings_by_krav.get(record.id, []))
    if found:
        lines += [f"**Funn fra kontrollen ({count(len(found), 'funn')}):**", ""]
        lines += [finding_line(f, uri) for f in found] + [""]
    else:
        lines += ["Kontrollen av postene fant ingenting å merke seg ved denne bestemmelsen.", ""]
    lines += [f"Fil i repositoriet: {esc(record.file)}", "", "</details>", ""]
    return "\n".join(lines)


def _source_item(ctx: SiteContext, uri: str, source: object) -> str:
    from .lov_pages import provision_url

    text = source_link(ctx, uri, source)
    record = ctx.repo.lovhjemler.get(source) if isinstance(source, str) else None
    if record is None:
        return text
    extra = []
    heading = record.text("overskrift")
    if heading:
        text += f" – {esc(heading)}"
    summary = record.text("sammendrag")
    if summary:
        extra.append(esc(summary))
    url = provision_url(record)
    if url:
        extra.append(f"[Les på {'Lovdata' if 'lovdata.no' in url else 'kilden'}]({url})")
    return text + ("<br>" + " ".join(extra) if extra else "")


def _relations(ctx: SiteContext, record: Record, uri: str) -> str:
    lines = []
    outgoing: dict[str, list[str]] = {}
    for _, relation in record.mappings("relasjoner"):
        outgoing.setdefault(as_text(relation.get("type")), []).append(krav_link(ctx, uri, relation.get("krav")))
    for key, label in RELATION_OUT.items():
        if key in outgoing:
            lines.append(f"- **{label}:** " + ", ".join(outgoing.pop(key)))
    for key, links in outgoing.items():  # unknown relation types are shown, not dropped
        lines.append(f"- **{esc(key)}:** " + ", ".join(links))
    incoming: dict[str, list[str]] = {}
    for kind, other in ctx.incoming.get(record.id, []):
        incoming.setdefault(kind, []).append(krav_link(ctx, uri, other.id))
    for key, label in RELATION_IN.items():
        if key in incoming:
            lines.append(f"- **{label}:** " + ", ".join(incoming[key]))
    return ("\n".join(lines) if lines else "Ingen relasjoner til andre krav.") + "\n"


def _details(ctx: SiteContext, record: Record, uri: str) -> str:
    objectives = []
    for goal in record.items("mål"):
        known = ctx.repo.objectives.get(goal) if isinstance(goal, str) else None
        label = f"{esc(goal)} {esc(known.get('tekst'))}" if known else f"{esc(goal)} (ukjent mål)"
        objectives.append(f"[{label}]({rel(uri, 'mandat.md')}#mal)" if known else label)
    rows = [
        ["Id", esc(record.id)],
        ["Type", esc(TYPE_NAME.get(record.text("type") or "", record.get("type")))],
        ["Status", esc(STATUS_NAME.get(record.text("status") or "", record.get("status")))],
        ["Område", area_link(ctx, uri, record.get("område"))],
        ["Punkt", esc(ctx.clause_of.get(record.id, "–"))],
        ["Mål", "<br>".join(objectives) or "–"],
        ["Verifisering", esc(record.items("verifisering")) or "–"],
        ["Gjelder for", applies_to_text(ctx, record)],
        ["Parametere", "<br>".join(_parameter(ctx, p) for _, p in record.mappings("parametere")) or "–"],
        ["Utover lov", "ja" if record.get("utover_lov") is True else "nei"],
        ["Foreslått av", esc(record.get("foreslått_av")) or "–"],
    ]
    return table(["Felt", "Verdi"], rows)


def render_area_page(ctx: SiteContext, area: Area) -> str:
    """One clause of the standard: the area's provisions in force, then the withdrawn ones."""
    uri = area.uri
    out = [front_matter(f"{area.clause} {area.name}"), f"# {area_title(area)}\n"]
    out.append(contribute_links(ctx, "område", area.id, MANDAT_FILE))
    if area.description:
        out.append(esc_paragraphs(area.description) + "\n")
    out.append(FILTER_PLACEHOLDER)
    active = [r for r in area.krav if is_in_force(r)]
    withdrawn = [r for r in area.krav if not is_in_force(r)]
    if not active:
        out.append("*Området har ingen bestemmelser ennå.*\n")
    for record in active:
        out.append(_provision(ctx, uri, record, ctx.clause_of[record.id]))
    if withdrawn:
        out.append("## Trukne bestemmelser\n")
        out.append("Disse er trukket og gjelder ikke. Id-ene brukes ikke om igjen.\n")
        for record in withdrawn:
            following = successors(ctx, record.id)
            note = (" – erstattet av " + ", ".join(krav_link(ctx, uri, r.id, False) for r in following)) if following else ""
            out.append(f"- {krav_link(ctx, uri, record.id)}{note}")
        out.append("")
    return "\n".join(out)


def render_orphans_page(ctx: SiteContext, uri: str) -> str:
    out = [front_matter("Krav uten gyldig område"), "# Krav uten gyldig område\n",
           "Disse postene viser til et område som ikke finnes i mandatet. `krav sjekk` melder feil for dem.\n"]
    for record in ctx.orphans:
        out.append(f"- {krav_link(ctx, uri, record.id)}")
    return "\n".join(out) + "\n"


def _provision(ctx: SiteContext, uri: str, record: Record, number: str) -> str:
    anchor = safe_id(record.id)
    heading = f"## {number} {esc(record.get('tittel'))}" + (f" {{#{anchor} .krav-bestemmelse}}" if anchor else "")
    sources = [source_link(ctx, uri, s) for s in record.items("lovhjemler")]
    basis = ", ".join(sources) if sources else ("går bevisst lenger enn loven" if record.get("utover_lov") is True else "ingen oppgitt")
    return "\n".join([
        heading, "",
        f"{krav_link(ctx, uri, record.id, with_title=False)} {type_badge(record.get('type'))} {status_badge(record.get('status'))}",
        "",
        esc_paragraphs(record.get("tekst")),
        "{: .krav-tekst }",
        "",
        f"*Lovhjemmel:* {basis}",
        "",
    ])
