"""The message catalogue: every rule id, its severity and the Norwegian sentence it reports.

This is the only place user-facing finding text lives. Style (after GSA/fedramp-automation):
a message is a rule sentence a committee member can act on. It names the field, quotes the bad
value in «», and says what is allowed; no schema, YAML-library or Python jargon. A `hint`
(optional) says how to fix it. `beskrivelse` explains the rule on the generated rule page.

Placeholders are filled by `render()`; values are inserted as given, so callers quote
nothing themselves and lists are joined with `oppramsing()`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from .findings import ADVARSEL, FEIL


@dataclass(frozen=True)
class Entry:
    level: str
    text: str
    hint: str | None
    beskrivelse: str
    kind: str = "sjekk"  # "sjekk" (krav sjekk) or "analyse" (krav analyser)


def oppramsing(values: Iterable[object], limit: int = 12) -> str:
    """«a», «b» og «c» — a Norwegian list of quoted values, shortened past `limit`."""
    items = [f"«{v}»" for v in values]
    if len(items) > limit:
        items = items[:limit] + [f"{len(items) - limit} til"]
    if not items:
        return "(ingen)"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " og " + items[-1]


def forslag(value: object, allowed: Iterable[object]) -> str:
    """' Mente du «x»?' for the closest allowed value, or '' when nothing is close."""
    if not isinstance(value, str):
        return ""
    choices = [str(a) for a in allowed]
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered and lowered[value.lower()] != value:
        return f" Mente du «{lowered[value.lower()]}»?"
    match = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" Mente du «{match[0]}»?" if match else ""


MESSAGES: dict[str, Entry] = {
    # --- Files and YAML -------------------------------------------------------------------
    "fil-for-stor": Entry(
        FEIL, "Filen er {storrelse} KiB, men en post kan være høyst {grense} KiB.",
        "Del opp teksten eller flytt lange bakgrunnstekster ut av posten.",
        "En postfil er større enn grensen. Grensen hindrer at en feilaktig fil gjør sjekken treg."),
    "fil-bom": Entry(
        FEIL, "Filen starter med et byte-order-merke (BOM), som ikke skal være med i UTF-8-filer.",
        "Lagre filen som «UTF-8» (uten BOM) i redigeringsprogrammet.",
        "Filen begynner med et usynlig BOM-tegn."),
    "fil-ikke-utf8": Entry(
        FEIL, "Filen er ikke gyldig UTF-8: byten {byte} her kan ikke leses som tekst.",
        "Lagre filen med tegnkodingen «UTF-8». Ofte skyldes dette æ, ø eller å lagret som Latin-1/Windows-1252.",
        "Filen inneholder bytes som ikke er gyldig UTF-8."),
    "fil-tom": Entry(
        FEIL, "Filen er tom (eller inneholder bare kommentarer).",
        "Fyll inn posten, eller slett filen hvis den ble opprettet ved en feil.",
        "Filen har ikke noe innhold."),
    "fil-plassering": Entry(
        FEIL, "Filen «{fil}» ligger et sted der ingen poster hører hjemme: {grunn}.",
        "Krav ligger i krav/<område>/<ID>.yaml, lovhjemler i lovhjemler/<gruppe>/<id>.yaml, og mandatet i mandat/mandat.yaml og mandat/parametere.yaml.",
        "En fil har feil filendelse eller ligger i feil mappe."),
    "fil-mangler": Entry(
        FEIL, "Filen «{fil}» mangler; {grunn}.",
        None,
        "En fil som repositoriet trenger, finnes ikke."),
    "yaml-syntaks": Entry(
        FEIL, "YAML-feil: {detalj}.",
        "Sjekk innrykk (mellomrom, ikke tabulator), kolon etter feltnavn og at anførselstegn er lukket.",
        "Filen kan ikke leses som YAML."),
    "yaml-tabulator": Entry(
        FEIL, "Linjen inneholder et tabulatortegn; YAML-filer skal bare bruke mellomrom.",
        "Erstatt tabulatoren med mellomrom (to mellomrom per innrykksnivå).",
        "Tabulatortegn gir uforutsigbart innrykk og er ikke tillatt."),
    "yaml-duplikat-nokkel": Entry(
        FEIL, "Feltet «{felt}» står to ganger i samme blokk; bare én verdi kan gjelde.",
        "Slå sammen de to verdiene til én, eller gi feltet riktig navn.",
        "Et felt er skrevet flere ganger. Vanlig YAML ville stille beholdt bare den siste verdien."),
    "yaml-alias": Entry(
        FEIL, "Ankere og aliaser (&navn, *navn, <<) er ikke tillatt i postene.",
        "Skriv verdien ut på nytt der den skal brukes.",
        "Aliaser skjuler kopier av innhold og kan brukes til å blåse opp filstørrelsen."),
    "yaml-tagg": Entry(
        FEIL, "YAML-taggen «{tagg}» er ikke tillatt; skriv verdien uten tagg.",
        None,
        "Eksplisitte YAML-tagger (for eksempel !!int eller !!python/object) brukes ikke i postene."),
    "yaml-nokkel": Entry(
        FEIL, "Et feltnavn må være en enkel tekst, ikke en liste eller blokk.",
        None,
        "Feltnavn må være tekst."),
    "yaml-toppniva": Entry(
        FEIL, "Filen skal inneholde {forventet}, men inneholder {faktisk}.",
        "Se malen i CONTRIBUTING.md for hvordan en slik fil skal se ut.",
        "Toppnivået i filen har feil form (for eksempel en liste der det skal være felt: verdi)."),
    # --- Schema ---------------------------------------------------------------------------
    "skjema-pakrevd": Entry(
        FEIL, "Feltet «{felt}» mangler{sted}.",
        "Påkrevde felt her: {pakrevde}.",
        "Et påkrevd felt mangler."),
    "skjema-ukjent-felt": Entry(
        FEIL, "Feltet «{felt}» er ikke kjent{sted}.{forslag}",
        "Tillatte felt her: {tillatte}.",
        "Et felt har et navn som ikke finnes i datamodellen (ofte en skrivefeil)."),
    "skjema-verdi": Entry(
        FEIL, "«{felt}» har verdien «{verdi}», som ikke er tillatt.{forslag}",
        "Tillatte verdier: {tillatte}.",
        "En verdi er ikke blant de tillatte."),
    "skjema-type": Entry(
        FEIL, "«{felt}» skal være {forventet}, men er {faktisk}.",
        "{tips}",
        "En verdi har feil form, for eksempel et tall der det skal stå tekst."),
    "skjema-format": Entry(
        FEIL, "«{felt}» har verdien «{verdi}», som ikke følger formatet: {format}.",
        None,
        "En verdi følger ikke det fastsatte formatet (id, dato, paragraf, adresse)."),
    "skjema-tom": Entry(
        FEIL, "«{felt}» kan ikke være tom.",
        None,
        "Et felt som må ha innhold, er tomt."),
    "skjema-duplikat": Entry(
        FEIL, "«{felt}» inneholder «{verdi}» mer enn én gang.",
        "Fjern gjentakelsen.",
        "En liste inneholder samme verdi flere ganger."),
    "skjema-grense": Entry(
        FEIL, "«{felt}» har verdien «{verdi}», men {grense}.",
        None,
        "En tallverdi er utenfor det tillatte området."),
}


def render(rule: str, values: dict[str, object]) -> tuple[Entry, str, str | None]:
    """The catalogue entry for `rule` with its message and hint filled in."""
    entry = MESSAGES[rule]
    message = entry.text.format(**values)
    hint = entry.hint.format(**values) if entry.hint else None
    return entry, message, (hint or None)


MESSAGES.update({
    # --- Identity -------------------------------------------------------------------------
    "id-filnavn": Entry(
        FEIL, "Id-en «{id}» stemmer ikke med filnavnet «{filnavn}.yaml».",
        "Filen skal hete «{id}.yaml», eller id-en skal være «{filnavn}». Id-er endres ikke etter at de er tatt i bruk.",
        "En post ligger i en fil som heter det samme som id-en."),
    "id-unik": Entry(
        FEIL, "Id-en «{id}» er allerede brukt i «{forste}».",
        "Gi posten et nytt, ubrukt løpenummer. Id-er brukes aldri om igjen, heller ikke etter at et krav er trukket.",
        "Hver id er unik i hele repositoriet."),
    "krav-omrade-mappe": Entry(
        FEIL, "«område» er «{omrade}», men filen ligger i mappen «{mappe}».",
        "Flytt filen til krav/{omrade}/, eller rett «område» til «{mappe}».",
        "Et krav ligger i mappen til området sitt."),
    "krav-ukjent-omrade": Entry(
        FEIL, "«område» har verdien «{omrade}», som ikke er et område i mandatet.{forslag}",
        "Områdene i mandatet: {tillatte}.",
        "Et krav hører til et område som finnes i mandatet."),
    "krav-prefiks": Entry(
        FEIL, "Id-en «{id}» skal begynne med «{prefiks}-», prefikset til området «{omrade}».",
        None,
        "Id-en til et krav begynner med prefikset til området."),
    # --- References -----------------------------------------------------------------------
    "krav-ukjent-lovhjemmel": Entry(
        FEIL, "«lovhjemler» viser til «{verdi}», men det finnes ingen lovhjemmel med den id-en.{forslag}",
        "Legg til lovhjemler/<gruppe>/{verdi}.yaml, eller rett id-en.",
        "Alle lovhjemler et krav viser til, finnes i lovhjemler/."),
    "krav-ukjent-mal": Entry(
        FEIL, "«mål» viser til «{verdi}», som ikke er et mål i mandatet.{forslag}",
        None,
        "Alle mål et krav viser til, finnes i mandatet."),
    "krav-ukjent-relasjon": Entry(
        FEIL, "«relasjoner» viser til kravet «{verdi}», som ikke finnes.{forslag}",
        None,
        "Alle krav som nevnes i relasjoner, finnes."),
    "krav-selvrelasjon": Entry(
        FEIL, "Kravet «{verdi}» har en relasjon til seg selv.",
        "Fjern relasjonen, eller vis til det andre kravet du mente.",
        "Et krav kan ikke ha en relasjon til seg selv."),
    "krav-ukjent-parameter": Entry(
        FEIL, "Parameteren «{verdi}» er ikke deklarert i mandat/parametere.yaml.{forslag}",
        "Deklarer parameteren der (navn, beskrivelse, enhet), eller rett navnet.",
        "Alle parametere et krav setter grenser for, er deklarert."),
    "krav-parameter-enhet": Entry(
        FEIL, "Enheten «{verdi}» for «{navn}» stemmer ikke med den deklarerte enheten «{deklarert}».",
        "Oppgi verdien i «{deklarert}».",
        "En parametergrense bruker samme enhet som deklarasjonen."),
})
