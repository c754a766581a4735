"""Pages about the standard as a whole: front page status, mandate, opening clauses,
analysis with the traceability matrix, and the rule reference."""

from __future__ import annotations

import re

from collections import Counter
from typing import Any

from ..findings import ADVARSEL, FEIL
from .common import (BINDING, LEVEL_NAME, SOURCE_TYPE_NAME, STATUS_NAME, STATUSES, TYPE_FORM, TYPE_NAME,
                     area_link, area_title, finding_line, front_matter, krav_link, rel, sort_findings, table)
from .context import SiteContext, instrument_full_title, instrument_title
from .figurer import coverage_heatmap
from .lov_pages import area_anchor, citing, instrument_url
from .text import esc, esc_paragraphs
from ..vocabulary import REQUIREMENT_TYPES, count, is_in_force, type_name
from .gjelder import FILTER_PLACEHOLDER, filter_data


def render_front_status(ctx: SiteContext) -> str:
    """The generated part of the front page: version, counts per area and status, start links."""
    uri = "index.md"
    from .utgave_banner import front_notice  # the living draft, or which published draft this is

    out = front_notice(ctx)
    out.append("## Status\n")
    filterable = bool(filter_data(ctx)["dimensjoner"])
    if filterable:
        intro = ("Noen bestemmelser gjelder bare for visse eierformer eller typer institusjoner. Velg her for å se "
                 "bare det som gjelder dere, på denne og de andre sidene; valget står i adressen, så du kan dele lenken.")
        out.append(FILTER_PLACEHOLDER.replace("data-krav-filter", f'data-krav-filter data-krav-ingress="{intro}"'))

    def counted(records: list, text: str | None = None, nouns: tuple[str, str] | None = None) -> str:
        """A count the filter can redo in the browser: the ids it counts ride along."""
        shown = text if text is not None else str(len(records))
        if not filterable:
            return shown
        extra = f' data-entall="{nouns[0]}" data-flertall="{nouns[1]}"' if nouns else ""
        return f'<span data-krav-telling="{" ".join(r.id for r in records)}"{extra}>{shown}</span>'

    rows = []
    everything: list = []
    groups = [(area_link(ctx, uri, a.id), a.krav) for a in ctx.areas]
    if ctx.orphans:
        groups.append((f"[Uten gyldig område]({rel(uri, 'standard/uten-omrade.md')})", ctx.orphans))
    for label, records in groups:
        everything += records
        rows.append([label, *(counted([r for r in records if r.text("status") == s]) for s in STATUSES),
                     counted(records)])
    rows.append(["**Totalt**", *(f"**{counted([r for r in everything if r.text('status') == s])}**" for s in STATUSES),
                 f"**{counted(everything)}**"])
    out.append(table(["Område", *(STATUS_NAME[s] for s in STATUSES), "Sum"], rows))
    in_force = [r for a in ctx.areas for r in a.krav if is_in_force(r)]
    out.append("Gjeldende bestemmelser etter type: " + ", ".join(
        counted([r for r in in_force if r.text("type") == k], type_name(k, sum(r.text("type") == k for r in in_force)),
                (k, REQUIREMENT_TYPES[k].plural)) + f" («{TYPE_FORM[k]}»)" for k in TYPE_FORM) + ".\n")
    errors = sum(f.level == FEIL for f in ctx.findings)
    warnings = sum(f.level == ADVARSEL for f in ctx.findings)
    out.append(f"Kontroll og analyse: {count(errors, 'feil')} og {count(warnings, 'advarsel')} "
               f"([se analysen]({rel(uri, 'analyse.md')})).\n")
    return "\n".join(out)


def render_mandate(ctx: SiteContext) -> str:
    uri = "mandat.md"
    mandate = ctx.repo.mandat
    title = mandate.text("tittel") if mandate else None
    out = [front_matter("Mandat"), "# Mandat\n"]
    if mandate is None or mandate.data is None:
        return "\n".join(out + ["*Mandatet (mandat/mandat.yaml) mangler eller kan ikke leses.*\n"])
    out.append("Komiteens foreslåtte mandat. Områdene er standardens hovedkapitler, og kravene spores til målene.\n")
    if title:
        out.append(f"**{esc(title)}**\n")
    out.append("## Formål\n\n" + (esc_paragraphs(mandate.get("formål")) or "–") + "\n")
    out.append("## Mål {#mal}\n")
    served = Counter(g for r in ctx.repo.krav.values() if is_in_force(r)
                     for g in r.items("mål") if isinstance(g, str))
    for _, goal in mandate.mappings("mål"):
        line = f"- **{esc(goal.get('id'))}** {esc(goal.get('tekst'))}"
        if goal.get("beskrivelse"):
            line += f"<br>{esc(goal.get('beskrivelse'))}"
        supporting = served.get(goal.get('id'), 0) if isinstance(goal.get('id'), str) else 0
        line += f"<br><small>{count(supporting, 'gjeldende bestemmelse')} støtter målet.</small>"
        out.append(line)
    out.append("")
    out.append("## Områder\n")
    for area in ctx.areas:
        out.append(f"### {area_title(area)}\n")
        out.append(f"Prefiks for id-er: **{esc(area.prefix)}** · {count(len(area.krav), 'bestemmelse')} · "
                   f"[Les kapittelet]({rel(uri, area.uri)})\n")
        if area.description:
            out.append(esc_paragraphs(area.description) + "\n")
    stakeholders = mandate.items("interessenter")
    if stakeholders:
        out.append("## Interessenter\n")
        out.extend(f"- {esc(s)}" for s in stakeholders)
        out.append("")
    return "\n".join(out)


def render_scope(ctx: SiteContext) -> str:
    uri = "standard/omfang.md"
    out = [front_matter("1 Omfang"), "# 1 Omfang\n"]
    mandate = ctx.repo.mandat
    out.append("Denne standarden fastsetter krav, anbefalinger og tillatelser for barnevernsinstitusjoner. "
               "Den omfatter disse områdene:\n")
    out.extend(f"- {area_link(ctx, uri, a.id)}" for a in ctx.areas)
    out.append("")
    if mandate is not None and mandate.get("formål"):
        out.append("Standarden skal bidra til dette formålet, slik det står i mandatet:\n")
        out.append(esc_paragraphs(mandate.get("formål")) + "\n{: .krav-sitat }\n")
    out.append("Krav uttrykkes med «skal», anbefalinger med «bør» og tillatelser med «kan». "
               "Dette kapitlet inneholder ingen krav.\n")
    return "\n".join(out)


def render_normative_references(ctx: SiteContext) -> str:
    uri = "standard/normative-referanser.md"
    out = [front_matter("2 Normative referanser"), "# 2 Normative referanser\n",
           "Lover og forskrifter som bestemmelsene i standarden bygger på. Gjeldende utgave gjelder. "
           "Andre kilder (veiledere, forarbeider, rapporter) er informative og står i "
           f"[oversikten over kilder]({rel(uri, 'lov/index.md')}).\n"]
    binding = [i for i in ctx.instruments if i.first.get("type") in BINDING and citing(ctx, i)]
    for instrument in binding:
        line = f"- [{esc(instrument_full_title(instrument))}]({rel(uri, instrument.uri)})"
        if instrument.first.text("instrument"):
            line += f" ({esc(instrument.key)})"
        whole = instrument_url(instrument)
        if whole:
            line += f" – [Lovdata]({whole})"
        out.append(line)
    if not binding:
        out.append("*Ingen bestemmelser viser til lov eller forskrift ennå.*")
    out.append("")
    return "\n".join(out)


def render_analysis(ctx: SiteContext) -> str:
    uri = "analyse.md"
    out = [front_matter("Analyse"), "# Analyse\n",
           "Hvor godt standarden dekker lovverket: dekningen per område og sporbarheten mellom områdene og "
           "lovene og forskriftene, som varmekart og tabell. Nederst står funnene fra komiteens kontroll av "
           "denne versjonen (hull, motstrid, overlapp og feil i postene); de er en arbeidsliste for komiteen, "
           "ikke en del av standarden.\n"]
    if ctx.analysis_error:
        out.append(f'!!! note "Analysen kunne ikke kjøres"\n    {esc(ctx.analysis_error)} '
                   "Siden viser bare funnene fra `krav sjekk`.\n")
    out.append(_coverage(ctx, uri))
    from .provenance import structure_section

    out.append(structure_section(ctx, uri))
    out.append("## Sporbarhet: områder og lovverk {#sporbarhet}\n")
    out.append(coverage_heatmap(ctx, citing))
    out.append(scroll_region(_matrix(ctx, uri), "Sporbarhetsmatrise: områder og lovverk"))
    out.append("## Funn {#funn}\n")
    if not ctx.findings:
        out.append("Ingen funn: alt er i orden.\n")
    by_rule: dict[str, list] = {}
    for finding in sort_findings(ctx.findings):
        by_rule.setdefault(finding.rule, []).append(finding)
    for rule_id, found in by_rule.items():
        level = LEVEL_NAME.get(found[0].level, found[0].level)
        out.append(f"### {esc(rule_id)} ({count(len(found), 'funn')}, {esc(level.lower())})\n")
        out.append(f"[Om regelen]({rel(uri, 'regler.md')}#{rule_id})\n")
        out.extend(finding_line(f, uri) + _ids(ctx, uri, f.ids) for f in found)
        out.append("")
    return "\n".join(out)


def scroll_region(markdown_text: str, label: str) -> str:
    """A wide table in a box of its own that scrolls sideways (keyboard-reachable), so the page
    itself never gets wider than the screen."""
    return (f'<div class="krav-rullefelt" role="region" aria-label="{label}" tabindex="0" markdown="1">\n\n'
            f"{markdown_text}\n</div>\n")


def _ids(ctx: SiteContext, uri: str, ids: tuple) -> str:
    links = [krav_link(ctx, uri, i, with_title=False) for i in ids if ctx.uri_of_krav(i)]
    return (" → " + ", ".join(links)) if links else ""


def _coverage(ctx: SiteContext, uri: str) -> str:
    coverage = getattr(ctx.analysis, "coverage", None)
    if not isinstance(coverage, dict) or not isinstance(coverage.get("områder"), list):
        return ""
    out = [f"## Dekning per område {{#dekning}}\n",
           f"Analysedato {esc(coverage.get('dato'))}. «Gjeldende» teller forslag og vedtatte bestemmelser. "
           "«Bindende kilder brukt» er andelen av lov- og forskriftsbestemmelsene som er merket relevante "
           "for området, og som et gjeldende krav i området viser til.\n"]
    rows = []
    for entry in coverage["områder"]:
        if not isinstance(entry, dict):
            continue
        types = entry.get("etter_type") or {}
        share = entry.get("andel_sitert")
        binding, cited = entry.get("bindende_kilder"), entry.get("siterte_bindende_kilder")
        used = (f"{len(cited)} av {len(binding)}" if isinstance(binding, list) and isinstance(cited, list) else "–")
        rows.append([area_link(ctx, uri, entry.get("id")), esc(entry.get("antall")),
                     *(esc(types.get(t, 0)) for t in TYPE_NAME),
                     used + (f" ({round(share * 100)}\u00a0%)" if isinstance(share, (int, float)) else "")])
    out.append(table(["Område", "Gjeldende", "Krav", "Anbefalinger", "Tillatelser", "Bindende kilder brukt"], rows))
    unused = coverage.get("ubrukte_kilder")
    if isinstance(unused, list) and unused:
        links = []
        for source in unused:
            instrument = ctx.instrument_of.get(source) if isinstance(source, str) else None
            links.append(f"[{esc(source)}]({rel(uri, instrument.uri)}#{source})" if instrument else esc(source))
        out.append(f"Kilder som ingen gjeldende bestemmelse viser til ({len(unused)}): " + ", ".join(links) + ".\n")
    return "\n".join(out)


def _matrix(ctx: SiteContext, uri: str) -> str:
    """Areas (rows) against instruments (columns): how many requirements cite each.

    Binding law gets a column each; guidance, reports and other sources share one column so
    the table stays readable with dozens of sources."""
    cited = [i for i in ctx.instruments if citing(ctx, i)]
    if not cited or not ctx.areas:
        return "*Ingen krav viser til lovverket ennå.*\n"
    binding = [i for i in cited if i.first.get("type") in BINDING]
    others = [i for i in cited if i.first.get("type") not in BINDING]
    header = ["Område"] + [f"[{esc(instrument_title(i))}]({rel(uri, i.uri)})" for i in binding]
    if others:
        header.append(f"[Andre kilder]({rel(uri, 'lov/index.md')})")
    rows = []
    for area in ctx.areas:
        row = [area_link(ctx, uri, area.id)]
        for instrument in binding:
            count = len({r.id for r, _ in citing(ctx, instrument) if r.get("område") == area.id})
            row.append(f"[{count}]({rel(uri, instrument.uri)}#{area_anchor(area.id)})" if count else "·")
        if others:
            count = len({r.id for i in others for r, _ in citing(ctx, i) if r.get("område") == area.id})
            row.append(str(count) if count else "·")
        rows.append(row)
    note = ("Tallene er antall bestemmelser (alle statuser) i området som viser til loven eller forskriften; "
            "tallet lenker til listen over dem på kildens side. «Andre kilder» teller bestemmelser som viser "
            "til veiledere, forarbeider, rapporter og lignende.\n")
    return note + "\n" + table(header, rows)


def _template(text: str) -> str:
    """A catalogue message as a reader sees it: placeholders shown as ‹felt› rather than {felt}."""
    return re.sub(r"\{(\w+)\}", r"‹\1›", text)


def render_rules(ctx: SiteContext, messages: dict) -> str:
    """The rule reference: every catalogue id with level, description, message and advice.

    The rule functions' docstrings (English, for developers) stay in the code: this page is for
    contributors, and says in Norwegian what each rule checks (the catalogue's `beskrivelse`).
    """
    counts = Counter(f.rule for f in ctx.findings)
    out = [front_matter("Regler for sjekk og analyse"), "# Regler for sjekk og analyse\n",
           "Hver melding fra `krav sjekk` og `krav analyser` har en regel-id, for eksempel «id-unik». "
           "Her står hva hver regel kontrollerer. *Feil* stopper sammenslåing; *advarsler* informerer. "
           "I meldingene står ‹felt› for verdien fra posten det gjelder.\n"]
    kinds = [("sjekk", "Regler i krav sjekk"), ("analyse", "Regler i krav analyser"),
             ("historikk", "Regler som bruker git-historikken"),
             ("kommentarer", "Regler for innlesing av kommentarskjemaer (krav kommentarer les)")]
    known = {k for k, _ in kinds}
    kinds += [(k, f"Meldinger fra krav {k}") for k in sorted({getattr(e, "kind", "sjekk") for e in messages.values()} - known)]
    for kind, title in kinds:
        ids = sorted(i for i, e in messages.items() if getattr(e, "kind", "sjekk") == kind)
        if not ids:
            continue
        out.append(f"## {title}\n")
        for rule_id in ids:
            entry = messages[rule_id]
            out.append(f"### {esc(rule_id)} {{#{rule_id}}}\n")
            out.append(f"**Nivå:** {esc(LEVEL_NAME.get(entry.level, entry.level))} · "
                       f"**Funn i denne versjonen:** {counts.get(rule_id, 0)}\n")
            out.append(esc(entry.beskrivelse) + "\n")
            out.append(f"*Melding:* {esc(_template(entry.text))}\n")
            if entry.hint:
                out.append(f"*Råd:* {esc(_template(entry.hint))}\n")
    return "\n".join(out)
