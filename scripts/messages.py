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

from .neutral import visible
from .vocabulary import ADVARSEL, FEIL


@dataclass(frozen=True)
class Entry:
    level: str
    text: str
    hint: str | None
    beskrivelse: str
    kind: str = "sjekk"  # "sjekk" (krav sjekk), "analyse" (krav analyser) or "historikk" (git history: scripts/changes/)


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
    "fil-ulesbar": Entry(
        FEIL, "Filen kan ikke leses fordi {grunn}.",
        "Erstatt den med en vanlig tekstfil i UTF-8, eller fjern den.",
        "Bare vanlige filer inne i repositoriet leses; andre oppføringer rapporteres i stedet for å hoppes over."),
    "fil-lenke-utenfor": Entry(
        FEIL, "«{fil}» er en symbolsk lenke som peker ut av repositoriet; den blir verken lest, vist eller publisert.",
        "Erstatt lenken med selve filen, lagt inn i repositoriet.",
        "En lenke ut av repositoriet kunne ellers få verktøyet til å lese eller publisere filer som ikke hører til standarden."),
    "fil-lenket-mappe": Entry(
        ADVARSEL, "«{fil}» er en symbolsk lenke til en mappe; lenkede mapper følges ikke, så filene der kontrolleres bare på sin egen plass.",
        "Fjern lenken, eller flytt filene hit.",
        "Lenkede mapper følges ikke, så samme fil aldri leses to ganger og ingen lenke fører ut av repositoriet."),
    "fil-mappe-som-post": Entry(
        FEIL, "«{fil}» er en mappe, men navnet ser ut som en postfil; poster er filer, ikke mapper.",
        "Flytt filene ut av mappen og gi mappen et annet navn, eller slett den.",
        "En mappe med navn som en postfil er nesten alltid en feil ved kopiering eller utpakking."),
    "mandat-folgefeil": Entry(
        ADVARSEL, "Mandatet kan ikke leses, så kontrollene av områder, prefikser og mål er hoppet over for {antall}.",
        "Rett feilen i mandat/mandat.yaml først (den står øverst); kjør så «krav sjekk» på nytt.",
        "Når mandatet ikke kan leses, rapporteres rotårsaken én gang i stedet for en følgefeil i hvert krav."),
    # --- Characters people cannot see (scripts/characters.py) --------------------------------
    "tegn-kontroll": Entry(
        FEIL, "Filen inneholder kontrolltegnet {tegn} {sted}; slike tegn hører ikke hjemme i en tekstfil, og filen kan ikke leses før det er fjernet.",
        "Slett tegnet (det er ofte usynlig i redigeringsprogrammet; flytt markøren hit og slett tegnet før og etter).",
        "Kontrolltegn som NUL og sideskift gjør at YAML stopper på feil sted, så de rapporteres der de står."),
    "tegn-bidi": Entry(
        FEIL, "Teksten inneholder styretegnet for skriveretning {tegn} {sted}; det får teksten til å vises i en annen rekkefølge enn den faktisk står i.",
        "Slett tegnet. Norsk tekst trenger aldri slike styretegn.",
        "Styretegn for skriveretning («Trojan Source») kan få en tekst til å lese annerledes enn det den sier."),
    "tegn-linjeskille": Entry(
        FEIL, "Teksten inneholder det usynlige linjeskillet {tegn} {sted}; YAML leser det som et linjeskift midt i verdien.",
        "Bytt det ut med et vanlig linjeskift eller et mellomrom (det kommer ofte med når tekst limes inn fra Word eller en PDF).",
        "Unicode-linjeskiller ser ut som mellomrom, men YAML leser dem som linjeskift; de rapporteres der de står."),
    "tegn-usynlig": Entry(
        FEIL, "Teksten inneholder et usynlig tegn ({tegn}) {sted}.",
        "Slett tegnet: det synes ikke, men gjør at id-er, feltnavn og søk ikke treffer.",
        "Usynlige tegn som nullbreddes mellomrom gjør at to like tekster er ulike."),
    "tegn-forveksling": Entry(
        FEIL, "Ordet «{ord}» blander latinske bokstaver med {tegn}, som bare ser ut som en latinsk bokstav.",
        "Skriv ordet på nytt med vanlige (latinske) bokstaver.",
        "Kyrilliske og greske bokstaver som ligner latinske, gjør at et ord ser riktig ut, men ikke er det."),
    "tegn-nfd": Entry(
        ADVARSEL, "Filen har bokstaver lagret som to tegn (dekomponert, NFD), for eksempel i «{ord}»; de leses som vanlige bokstaver (NFC).",
        "Lagre filen på nytt med sammensatte tegn (NFC); mange redigeringsprogrammer har et valg for Unicode-normalisering.",
        "Bokstaver som «å» kan lagres som «a» pluss en ring (slik macOS kan gjøre); verktøyet leser dem som samme ord og sier fra."),
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
    # Every value may come from a record: make it one visible line before it enters a sentence.
    values = {key: visible(value) if isinstance(value, str) else value for key, value in values.items()}
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


MESSAGES.update({
    # --- Analysis (krav analyser): gaps, conflicts, overlaps ------------------------------
    "analyse-omrade-tomt": Entry(
        ADVARSEL, "Området «{omrade}» har ingen gjeldende krav, anbefalinger eller tillatelser.",
        "Skriv de første bestemmelsene i krav/{omrade}/, eller vurder om området skal være med i mandatet.",
        "Hvert område i mandatet har minst én bestemmelse som ikke er trukket.", "analyse"),
    "analyse-omrade-uten-krav": Entry(
        ADVARSEL, "Området «{omrade}» har bare anbefalinger eller tillatelser, ingen bestemmelser av typen «krav».",
        "Vurder om noe i området skal være et «skal»-krav.",
        "Hvert område har minst én gjeldende bestemmelse av typen krav (skal).", "analyse"),
    "analyse-mal-uten-krav": Entry(
        ADVARSEL, "Målet «{mal}» ({tekst}) har ingen gjeldende bestemmelse som viser til det i «mål».",
        "Legg «{mal}» til i «mål» i bestemmelsene som støtter målet.",
        "Hvert mål i mandatet støttes av minst én bestemmelse som ikke er trukket.", "analyse"),
    "analyse-lovhjemmel-udekket": Entry(
        ADVARSEL, "«{kilde}» er bindende rett og merket som relevant for området «{omrade}», men ingen gjeldende bestemmelse i området viser til den. Standarden gjør ennå ikke denne loven praktisk.",
        "Skriv en bestemmelse i krav/{omrade}/ med «{kilde}» i «lovhjemler», eller fjern «{omrade}» fra «områder» hvis kilden ikke er relevant likevel.",
        "En lov- eller forskriftsbestemmelse som gjelder på analysedatoen og er merket relevant for et område, blir brukt av minst én gjeldende bestemmelse i området.", "analyse"),
    "analyse-parameter-motstrid": Entry(
        FEIL, "Kravet «{id}» setter «{parameter}» til {grense}, mens kravet «{annen}» setter {annen_grense}; begge kan ikke oppfylles.",
        "Bli enige om grenser i «{id}» og «{annen}» ({annen_fil}) som kan gjelde samtidig.",
        "To gjeldende krav setter grenser for samme parameter som ikke kan gjelde samtidig, uansett område.", "analyse"),
    "analyse-parameter-motstrid-anbefaling": Entry(
        ADVARSEL, "«{id}» setter «{parameter}» til {grense}, mens «{annen}» setter {annen_grense}; begge kan ikke følges. Minst én av dem er en anbefaling.",
        "Vurder om grensene i «{id}» og «{annen}» ({annen_fil}) skal samordnes.",
        "En anbefaling og et annet krav eller en annen anbefaling setter grenser for samme parameter som ikke kan gjelde samtidig.", "analyse"),
    "analyse-konflikt-uloest": Entry(
        FEIL, "«{id}» er markert i konflikt med «{annen}», og begge gjelder fortsatt.",
        "Løs konflikten: trekk eller endre ett av kravene, og fjern relasjonen «konflikt_med».",
        "En relasjon av typen konflikt_med mellom to bestemmelser som ikke er trukket, er en uløst konflikt.", "analyse"),
    "analyse-syklus": Entry(
        FEIL, "Relasjonene av typen «{relasjon}» går i ring: {ring}.",
        "Fjern én av relasjonene i ringen.",
        "Relasjoner av typen avhenger_av og erstatter går ikke i ring.", "analyse"),
    "analyse-erstatter-aktiv": Entry(
        FEIL, "«{id}» erstatter «{annen}», men «{annen}» har status «{status}» og gjelder fortsatt.",
        "Sett «status: trukket» i «{annen}», eller fjern relasjonen «erstatter».",
        "Et krav som blir erstattet av et gjeldende krav, er trukket.", "analyse"),
    "analyse-kilde-opphevet": Entry(
        FEIL, "«lovhjemler» viser til «{kilde}», som gjaldt bare til {til} og er opphevet på analysedatoen {dato}.",
        "Vis til bestemmelsen som har erstattet den, eller trekk kravet.",
        "En gjeldende bestemmelse bygger ikke på en kilde som er opphevet.", "analyse"),
    "analyse-kilde-ikke-i-kraft": Entry(
        FEIL, "«lovhjemler» viser til «{kilde}», som først gjelder fra {fra}, etter analysedatoen {dato}.",
        "Vis til bestemmelsen som gjelder nå, eller vent med kravet til kilden trer i kraft.",
        "En gjeldende bestemmelse bygger ikke på en kilde som ennå ikke er trådt i kraft.", "analyse"),
    "analyse-overlapp": Entry(
        ADVARSEL, "Teksten i «{id}» ligner svært på teksten i «{annen}» i området «{annet_omrade}» ({likhet} % like ordpar).",
        "Sjekk om bestemmelsene sier det samme; i så fall bør den ene trekkes eller vise til den andre med «se_også».",
        "To gjeldende bestemmelser i ulike områder har nesten lik tekst.", "analyse"),
})


MESSAGES.update({
    # --- Drafting: verbal forms in `tekst` (scripts/check/drafting.py) ----------------------
    "tekst-verbform-mangler": Entry(
        FEIL, "«tekst» inneholder ikke ordet «{ord}», men «type» er «{type}».",
        "Et krav bruker «skal», en anbefaling «bør» og en tillatelse «kan». Skriv om teksten, eller velg typen som passer.",
        "Teksten i en bestemmelse bruker verbformen som hører til typen: «skal» i et krav, «bør» i en anbefaling, «kan» i en tillatelse."),
    "tekst-verbform-motstrid": Entry(
        FEIL, "«tekst» bruker ordet «{ord}», som ikke hører hjemme i en bestemmelse av typen «{type}»: {regel}.",
        "Er det ment som et krav, sett «type» til «krav». Ellers skriv setningen om uten «{ord}».",
        "En anbefaling bruker ikke «skal», og en tillatelse bruker verken «skal» eller «bør»."),
    "krav-mal-ikke-utfylt": Entry(
        FEIL, "«{felt}» inneholder fortsatt teksten fra malen.",
        "Skriv inn det som skal stå her før forslaget sendes til komiteen.",
        "Et nytt krav er fylt ut: tittel, tekst og begrunnelse er ikke lenger malens plassholdertekst."),
    "tekst-ma": Entry(
        ADVARSEL, "«tekst» bruker ordet «{ord}». I standarder brukes «må» bare om ytre forhold (naturlover, annen lov), ikke om standardens egne krav.",
        "Skriv «skal» hvis dette er et krav i standarden.",
        "«Må» er forbeholdt ytre forhold; standardens egne krav skrives med «skal»."),
    # --- Basis: legal basis of a requirement (scripts/check/basis.py) -----------------------
    "krav-uten-hjemmel": Entry(
        FEIL, "Bestemmelsen har ingen «lovhjemler», og «utover_lov» er ikke satt til true.",
        "Vis til minst én post i lovhjemler/, eller sett «utover_lov: true» hvis bestemmelsen bevisst går lenger enn loven.",
        "En bestemmelse bygger på minst én kilde, eller sier uttrykkelig at den går lenger enn loven."),
    "krav-bare-veiledende": Entry(
        ADVARSEL, "Kravet bygger bare på kilder som ikke er bindende rett ({kilder}), og «utover_lov» er ikke satt til true.",
        "Legg til en hjemmel i lov eller forskrift, eller sett «utover_lov: true» hvis kravet bevisst går lenger enn loven.",
        "Et krav (skal) som bare bygger på veiledere, rapporter og lignende, går i praksis lenger enn loven og bør si det."),
    # --- Lifecycle: status and relations (scripts/check/lifecycle.py) -----------------------
    "status-forslag-ufullstendig": Entry(
        ADVARSEL, "Forslaget mangler {felt}; komiteen trenger det for å kunne vedta bestemmelsen.",
        None,
        "Et forslag har «verifisering» og «begrunnelse» før det legges fram for komiteen."),
    "status-vedtatt-uten-verifisering": Entry(
        FEIL, "Bestemmelsen er vedtatt, men «verifisering» mangler: det skal stå hvordan den kontrolleres.",
        "Tillatte verdier: «dokumentgjennomgang», «intervju», «observasjon», «stikkprøve», «statistikk» og «egenerklæring».",
        "En vedtatt bestemmelse sier hvordan institusjonen eller tilsynet kontrollerer at den er oppfylt."),
    "relasjon-avhenger-trukket": Entry(
        ADVARSEL, "Bestemmelsen avhenger av «{verdi}», som er trukket.",
        "Vis til bestemmelsen som erstatter «{verdi}», eller fjern relasjonen.",
        "En bestemmelse som gjelder, bygger ikke på en som er trukket."),
    # --- Legal sources (scripts/check/legal.py) ---------------------------------------------
    "lovhjemmel-instrument-mangler": Entry(
        FEIL, "«instrument» mangler; en kilde av typen «{type}» skal ha sin offisielle id: {form}.",
        "Id-en står øverst i dokumentet på Lovdata.",
        "Lov og forskrift har sin offisielle id i «instrument»; lenken til Lovdata lages av den."),
    "lovhjemmel-instrument-format": Entry(
        FEIL, "«instrument» har verdien «{verdi}», men en kilde av typen «{type}» skal ha formen {form}.",
        None,
        "Id-en til en lov begynner med LOV-, id-en til en forskrift med FOR-, fulgt av dato og nummer."),
    "lovhjemmel-gyldighet": Entry(
        FEIL, "«gyldig_fra» («{fra}») er senere enn «gyldig_til» («{til}»).",
        "Sjekk datoene; «gyldig_til» er siste dag kilden gjaldt.",
        "En kilde kan ikke slutte å gjelde før den begynte å gjelde."),
    "lovhjemmel-url-avvik": Entry(
        FEIL, "«url» er «{url}», men lenken som følger av «instrument» og «paragraf» er «{avledet}».",
        "Fjern «url» (for lov og forskrift lages lenken automatisk), eller rett «instrument» eller «paragraf».",
        "En lagret lenke til lov eller forskrift stemmer med lenken som avledes av instrument og paragraf."),
    "lovhjemmel-url-mangler": Entry(
        ADVARSEL, "Kilden har typen «{type}», men ingen «url»; leseren finner den ikke uten lenke.",
        "Legg til en lenke som starter med https://.",
        "Kilder som ikke er lov eller forskrift, har en lenke, siden den ikke kan avledes."),
    "lovhjemmel-instrument-mapper": Entry(
        FEIL, "Instrumentet «{instrument}» har også poster i mappen «{mappe}»; alle poster for samme instrument skal ligge i samme mappe.",
        "Flytt filen til {mappe}.",
        "Postene for én lov eller forskrift er samlet i én mappe under lovhjemler/."),
    "lovhjemmel-mappe-instrument": Entry(
        FEIL, "Mappen «{mappe}» samler poster for «{instrument}», men denne posten gjelder «{verdi}»; én mappe skal bare inneholde én lov eller forskrift.",
        "Flytt filen til mappen for «{verdi}», eller lag en ny mappe for den.",
        "En mappe med lov- eller forskriftsposter gjelder ett instrument."),
    "lovhjemmel-ukjent-omrade": Entry(
        FEIL, "«områder» inneholder «{verdi}», som ikke er et område i mandatet.{forslag}",
        "Områdene i mandatet: {tillatte}.",
        "Områdene en kilde er relevant for, finnes i mandatet."),
    "lovhjemmel-dobbel": Entry(
        ADVARSEL, "Den samme kilden ({kilde}) er allerede registrert i «{forste}».",
        "Bruk den eksisterende posten, og slett denne (rett også kravene som viser til den).",
        "Hver paragraf eller hvert dokument er registrert én gang."),
    # --- Mandate and parameters (scripts/check/mandate.py) ----------------------------------
    "mandat-omrade-unik": Entry(
        FEIL, "Området «{verdi}» står mer enn én gang i «områder».",
        "Slå sammen de to områdene, eller gi det ene en ny id.",
        "Hvert område i mandatet har sin egen id."),
    "mandat-prefiks-unik": Entry(
        FEIL, "Prefikset «{verdi}» brukes av både «{forste}» og «{omrade}»; hvert område skal ha sitt eget prefiks.",
        None,
        "Hvert område har sitt eget prefiks, så id-en til et krav viser hvilket område det hører til."),
    "mandat-mal-unik": Entry(
        FEIL, "Målet «{verdi}» står mer enn én gang i «mål».",
        "Gi det ene målet et nytt nummer.",
        "Hvert mål i mandatet har sin egen id."),
    "parameter-unik": Entry(
        FEIL, "Parameteren «{verdi}» er deklarert mer enn én gang.",
        "Slå sammen deklarasjonene til én.",
        "Hver parameter i mandat/parametere.yaml har sitt eget navn."),
    "krav-parameter-lik-og-grense": Entry(
        FEIL, "Grensen for «{navn}» har både «lik» og {grenser}; bruk enten «lik» eller «min»/«maks».",
        None,
        "En parametergrense er enten én verdi («lik») eller et område («min» og/eller «maks»)."),
    "krav-parameter-min-over-maks": Entry(
        FEIL, "Grensen for «{navn}» har «min» {min}, som er større enn «maks» {maks}; ingen verdi kan oppfylle den.",
        "Bytt om verdiene, eller rett den ene.",
        "I en parametergrense er «min» ikke større enn «maks»."),
    "krav-parameter-uten-grense": Entry(
        FEIL, "Grensen for «{navn}» har verken «min», «maks» eller «lik».",
        "Oppgi «min», «maks» eller «lik», eller fjern parameteren fra kravet.",
        "En parametergrense setter minst én grense."),
    # --- Values (scripts/check/values.py) -----------------------------------------------------
    "dato-ugyldig": Entry(
        FEIL, "«{felt}» har verdien «{verdi}», som ikke er en dag som finnes i kalenderen.",
        "Skriv datoen som «ÅÅÅÅ-MM-DD» med en dag som finnes, for eksempel \"2023-02-28\".",
        "En dato har riktig form og finnes også i kalenderen (ikke 30. februar eller måned 13)."),
})


# --- Phrases the loader, the schema translator and the gate build sentences from -------------
# Not findings of their own: parts of the findings above (a reason, a tip, a detail).

# Why a file is not read (gate.REASONS keys), completing «Filen kan ikke leses fordi …».
UNREADABLE_REASONS = {
    "utenfor": "den er en symbolsk lenke som peker ut av repositoriet",
    "spesiell": "den er ikke en vanlig fil (men for eksempel en navngitt rør-fil, en sokkel eller en enhet)",
    "mappe": "det er en mappe",
    "mangler": "den finnes ikke (en lenke som peker til en fil som mangler?)",
    "tilgang": "du mangler lesetilgang til den",
    "ring": "den er en lenke som peker i ring",
    "annet": "operativsystemet kunne ikke lese den",
}

# What a YAML syntax error means, by the problem libyaml names (completing «YAML-feil: …»).
YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token": "en tabulator kan ikke brukes her",
    "mapping values are not allowed": (
        "et kolon står der det ikke kan stå: enten inneholder en tekst «: » (sett teksten i "
        "anførselstegn, eller skriv >- og teksten på linjene under), eller innrykket stemmer ikke "
        "med linjen over"),
    "but found another document": "filen inneholder flere YAML-dokumenter (---); én fil skal ha én post",
    "did not find expected ',' or ']'": "en [ … ]-liste er ikke lukket riktig (mangler «]» eller et komma?)",
    "could not find expected ':'": "det mangler et kolon etter feltnavnet",
    "found undefined alias": "en alias (*navn) viser til et anker som ikke finnes",
    "expected a single document in the stream": "filen inneholder flere YAML-dokumenter (---); én fil skal ha én post",
    "found unexpected end of stream": "filen slutter midt i en verdi (mangler et avsluttende anførselstegn?)",
    "did not find expected key": "innrykket stemmer ikke med linjene over",
    "did not find expected '-' indicator": "innrykket i listen stemmer ikke",
    "found character that cannot start any token": "et tegn som ikke kan starte en verdi (sett verdien i anførselstegn)",
    "while parsing a flow mapping": "en { … }-blokk er ikke lukket riktig",
    "while parsing a flow sequence": "en [ … ]-liste er ikke lukket riktig",
}

SCHEMA_TYPE_NAMES = {
    "string": "tekst",
    "array": "en liste",
    "object": "en blokk med felt (navn: verdi)",
    "boolean": "true eller false",
    "number": "et tall",
    "integer": "et heltall",
    "null": "tom",
}

PHRASES = {
    "yaml-for-dypt": "filen er for dypt nøstet til å lese",
    "yaml-ukjent-syntaks": "YAML-teksten kan ikke leses her",
    "tips-anforselstegn": 'Skriv verdien i anførselstegn, slik: "{verdi}".',
    "tips-sann-usann": "Skriv true eller false. (YAML 1.1 tolker yes/no/on/off som ja/nei; de brukes ikke her.)",
    "tips-liste": "En liste skrives som [a, b] eller med én «- verdi» per linje.",
    "grense-minimum": "den må være minst {verdi}",
    "grense-maximum": "den kan være høyst {verdi}",
    "grense-exclusiveMinimum": "den må være større enn {verdi}",
    "grense-exclusiveMaximum": "den må være mindre enn {verdi}",
    "grense-lengde": "teksten kan ha høyst {grense} tegn (den har {lengde})",
    "format-se-skjema": "se beskrivelsen i skjemaet",
    "gyldig-verdi": "en gyldig verdi",
    "plassering-mappe": "mappen «{mappe}/» er ikke en av postmappene; mente du «{forslag}/»? Filer her blir ellers ikke kontrollert eller publisert",
    "plassering-endelse": "filendelsen skal være «.yaml» (med små bokstaver), ikke «{endelse}»",
    "plassering-bare-yaml": "bare .yaml-filer (og README.md) hører hjemme i {mappe}/",
    "plassering-mandat": "mandat/ skal bare inneholde mandat.yaml, parametere.yaml og vage-ord.yaml",
    "plassering-dybde": "filen skal ligge {dybde}: {oppsett}",
    "dybde-0": "rett i mappen",
    "dybde-1": "nøyaktig ett mappenivå ned",
    "mandat-mangler": "uten mandatet kan ikke områder, prefikser og mål kontrolleres",
    "skjult-tegn": "Teksten inneholder {tegn} {sted}, som ser ut som et vanlig tegn, men ikke er det.",
}

# --- One-line messages of the command line (scripts/console.py `say`) --------------------------
# Values are made visible (scripts/neutral.py) before they are put in.
CLI = {
    "kommando-feil": "krav: feil i kommandoen: {melding}",
    "mappe-finnes-ikke": "krav: finner ikke mappen «{sti}».",
    "bruker-rot": "krav: bruker repositoriet i «{rot}».",
    "sammendrag-feil": "krav: kan ikke skrive sammendraget til «{sti}» ({grunn}).",
    "intern-feil": "krav: intern feil i verktøyet ({type}: {feil}). Meld fra til redaksjonen; dette skyldes ikke postene dine.",
    "ukjent-omrade": "krav: «{omrade}» er ikke et område i mandatet.{forslag} Områdene er {omrader}.",
    "finnes-allerede": "krav: {sti} finnes allerede; ingenting er endret.",
    "kan-ikke-skrive-mappe": "krav: kan ikke skrive i «{sti}» (mappen er en lenke, en fil eller skrivebeskyttet); ingenting er endret.",
    "opprettet": "Opprettet {sti} ({id}). Fyll inn feltene og kjør «make check».",
    "ikke-portnummer": "krav: «{port}» er ikke et portnummer; bruk for eksempel «make serve PORT=8001».",
    "port-opptatt": "krav: port {port} er allerede i bruk (kjører «make serve» et annet sted?); velg en annen, for eksempel «make serve PORT={neste}».",
    "analyse-ufullstendig": "krav: merk at {antall} feil i postene gjør analysen ufullstendig; kjør «krav sjekk» for detaljer.",
    "graf-feil": "krav: kan ikke skrive grafen til «{sti}» ({grunn}).",
    "graf-skrevet": "krav: grafen er skrevet til {filer}.",
    "ukjent-node": "krav: finner ingen lovhjemmel, lovverk, parameter eller krav med id-en «{id}».",
    "git-mangler": "krav: fant ikke programmet «git»; «--siden» trenger git.",
    "ikke-git": "krav: «{sti}» er ikke et git-repositorium, så «--siden» kan ikke finne endringer.",
    "ukjent-ref": "krav: git kjenner ikke «{ref}». Oppgi en commit, en gren eller en tagg, for eksempel «main» eller «HEAD~3».",
    "lovhjemmel-endret": "{id} viser til endrede lovhjemler og bør gjennomgås.",
}


def cli_message(key: str, **values: object) -> str:
    """A command-line message from the catalogue, every value made visible first."""
    return CLI[key].format(**{k: visible(v) if isinstance(v, str) else v for k, v in values.items()})


MESSAGES.update({
    # --- Issue 13: whom a provision applies to (scripts/check/applicability.py) and the
    # self-assessment forms (scripts/selfassessment/: kind "egenkontroll", reported by
    # `krav egenkontroll` about a filled-in form, never by krav sjekk) ------------------------
    "krav-gjelder-for-ukjent": Entry(
        FEIL, "«gjelder_for.{felt}» inneholder «{verdi}», som ikke er en {navn} i mandatet.{forslag}",
        "Tillatte verdier (fra «{liste}» i mandatet): {tillatte}.",
        "Verdiene i «gjelder_for» er oppført i mandatet, under «eierformer» og «institusjonstyper»."),
    "krav-gjelder-for-uten-liste": Entry(
        FEIL, "«gjelder_for» bruker «{felt}», men mandatet har ingen liste «{liste}» å velge verdiene fra.",
        "Legg til «{liste}» (med id og navn for hver verdi) i mandat/mandat.yaml, men bare skiller en kilde gjør; eller fjern «{felt}» fra «gjelder_for».",
        "«gjelder_for» bruker bare inndelinger som mandatet lister verdiene for."),
    "mandat-gjelder-for-unik": Entry(
        FEIL, "«{verdi}» står mer enn én gang i «{liste}».",
        "Slå sammen de to oppføringene, eller gi den ene en ny id.",
        "Hver eierform og hver institusjonstype i mandatet har sin egen id."),
    "egenkontroll-ulesbar": Entry(
        FEIL, "Filen kan ikke leses: {grunn}.", None,
        "Skjemafilen finnes ikke, er ikke en vanlig fil eller kan ikke åpnes.", "egenkontroll"),
    "egenkontroll-for-stor": Entry(
        FEIL, "Filen er {storrelse} MiB, men et utfylt skjema kan være høyst {grense} MiB.", None,
        "Et skjema er noen hundre rader; grensen stopper feilaktige filer tidlig.", "egenkontroll"),
    "egenkontroll-filtype": Entry(
        FEIL, "Filen har endelsen «{endelse}»; et skjema er en .xlsx-, .json- eller .csv-fil.",
        "Lagre skjemaet som «Excel-arbeidsbok (.xlsx)» eller som CSV, eller bruk JSON-filen fra sjekklisten på nettstedet.",
        "Skjemaer leses fra XLSX, JSON og CSV.", "egenkontroll"),
    "egenkontroll-ikke-xlsx": Entry(
        FEIL, "Filen er ikke en Excel-arbeidsbok (.xlsx): {grunn}.",
        "Åpne filen i Excel eller LibreOffice og lagre den som «Excel-arbeidsbok (.xlsx)».",
        "En .xlsx-fil er en zip-pakke med arbeidsboken i; andre filer med samme endelse leses ikke.", "egenkontroll"),
    "egenkontroll-farlig-pakke": Entry(
        FEIL, "Arbeidsboken leses ikke fordi {grunn}.",
        "Lag et nytt skjema med «krav egenkontroll skjema» og fyll det ut.",
        "En arbeidsbok som pakker seg ut til svært mye data, eller som har deler som ikke hører hjemme i en arbeidsbok, kan skade maskinen og leses ikke.", "egenkontroll"),
    "egenkontroll-tegnkoding": Entry(
        FEIL, "Filen er ikke UTF-8-tekst (byte {byte} på posisjon {posisjon}).",
        "Lagre filen som «CSV UTF-8 (kommadelt)» i Excel, eller med tegnkodingen UTF-8.",
        "CSV- og JSON-skjemaer er UTF-8-tekst.", "egenkontroll"),
    "egenkontroll-json-syntaks": Entry(
        FEIL, "Filen er ikke gyldig JSON: {grunn} (linje {linje}, tegn {kolonne}).", None,
        "Et JSON-skjema er ett JSON-objekt slik sjekklisten og «krav egenkontroll skjema» skriver det.", "egenkontroll"),
    "egenkontroll-json-felt": Entry(
        FEIL, "«{felt}» skal være {forventet}.", None,
        "Feltene i et JSON-skjema har faste typer (se beskrivelsen av skjemaformatet).", "egenkontroll"),
    "egenkontroll-ikke-skjema": Entry(
        FEIL, "Filen er ikke et egenkontrollskjema fra standarden: merket «{merke}» mangler{hvor}.",
        "Lag skjemaet med «krav egenkontroll skjema» (eller eksporter det fra sjekklisten på nettstedet) og fyll ut det.",
        "Et skjema bærer et merke som viser hvilken standard og versjon det er laget fra.", "egenkontroll"),
    "egenkontroll-formatversjon": Entry(
        FEIL, "Skjemaet har formatversjon «{verdi}», men verktøyet kjenner bare versjon {kjent}.",
        "Lag et nytt skjema med denne versjonen av verktøyet.",
        "Skjemaformatet har et versjonsnummer, så et skjema fra en annen versjon av verktøyet ikke blir lest feil.", "egenkontroll"),
    "egenkontroll-annen-standard": Entry(
        FEIL, "Skjemaet er laget for standarden «{verdi}», ikke for «{forventet}».",
        "Bruk et skjema laget fra denne standarden.",
        "Et skjema leses bare mot standarden det er laget fra.", "egenkontroll"),
    "egenkontroll-ulike-standarder": Entry(
        FEIL, "FØR er et skjema for «{for_}», men ETTER er for «{etter}»; bare skjemaer for samme standard kan sammenlignes.", None,
        "To runder egenkontroll sammenlignes bare når begge skjemaene gjelder samme standard.", "egenkontroll"),
    "egenkontroll-mangler-ark": Entry(
        FEIL, "Arbeidsboken har ikke arket «{ark}».{forslag}",
        "Ikke gi nytt navn til eller slett arkene i skjemaet.",
        "Svarene leses fra arket «Egenkontroll».", "egenkontroll"),
    "egenkontroll-kolonne-mangler": Entry(
        FEIL, "Kolonnen «{kolonne}» mangler i overskriftsraden.",
        "Overskriftsraden skal ha kolonnene {kolonner}.",
        "Et skjema har alle kolonnene, med overskriftene slik de ble skrevet.", "egenkontroll"),
    "egenkontroll-kolonne-ukjent": Entry(
        FEIL, "Kolonnen «{verdi}» hører ikke til skjemaet.{forslag}",
        "Overskriftsraden skal ha kolonnene {kolonner}; skriv egne merknader i «Dokumentasjon» eller «Tiltak».",
        "Et skjema har ingen andre kolonner enn sine egne, så ingenting du skriver, blir oversett.", "egenkontroll"),
    "egenkontroll-kolonne-dobbel": Entry(
        FEIL, "Kolonnen «{verdi}» står mer enn én gang i overskriftsraden.",
        "Slett den ene kolonnen, eller flytt innholdet til «Dokumentasjon» eller «Tiltak».",
        "Hver kolonne står én gang, så ingen svar blir lest fra feil kolonne.", "egenkontroll"),
    "egenkontroll-felt-ukjent": Entry(
        FEIL, "Feltet «{verdi}» hører ikke til en rad i skjemaet.{forslag}",
        "En rad har feltene {felter}; skriv egne merknader i «dokumentasjon» eller «tiltak».",
        "En rad i et JSON-skjema har ingen andre felt enn skjemaets kolonner, så ingenting du skriver, blir oversett.", "egenkontroll"),
    "egenkontroll-mangler-id": Entry(
        FEIL, "Raden har svar, men ingen id i kolonnen «Id».", "Skriv inn id-en til bestemmelsen raden gjelder.",
        "Hver utfylt rad viser til en bestemmelse med id-en.", "egenkontroll"),
    "egenkontroll-ukjent-id": Entry(
        FEIL, "Id-en «{verdi}» er ikke en bestemmelse i standarden.{forslag}", None,
        "Hver rad i skjemaet viser til en bestemmelse som finnes i standarden.", "egenkontroll"),
    "egenkontroll-dobbel-id": Entry(
        FEIL, "Id-en «{verdi}» står også på rad {forste}.", "Slå sammen svarene til én rad.",
        "Hver bestemmelse har én rad i skjemaet.", "egenkontroll"),
    "egenkontroll-ukjent-vurdering": Entry(
        FEIL, "«{verdi}» er ikke en vurdering.{forslag}", "Velg en av {tillatte}.",
        "Vurderingen er en av verdiene i nedtrekkslisten.", "egenkontroll"),
    "egenkontroll-mangler-begrunnelse": Entry(
        FEIL, "Vurderingen er «ikke relevant», men kolonnen «{kolonne}» er tom.",
        "Skriv hvorfor bestemmelsen ikke gjelder for institusjonen.",
        "«Ikke relevant» krever en begrunnelse, så en bestemmelse aldri blir avfeid uten grunn.", "egenkontroll"),
    "egenkontroll-ugyldig-frist": Entry(
        FEIL, "«{verdi}» er ikke en dato.", "Skriv fristen som dato, for eksempel «31.03.2027» eller «2027-03-31».",
        "En frist er en dato.", "egenkontroll"),
})


MESSAGES.update({
    # --- Issue 10: provenance of sources (scripts/check/provenance.py, scripts/analyse/gaps.py) --
    "krav-vedtatt-uverifisert-kilde": Entry(
        ADVARSEL, "Bestemmelsen er vedtatt, men kilden «{kilde}» i «lovhjemler» er aldri kontrollert i en primærkilde.",
        "Se kilden hos utgiveren (Lovdata, Stortinget, regjeringen.no eller etatens egen side) og før det opp under «verifisert» i {fil} med «url», «dato» og «primærkilde: true».",
        "En vedtatt bestemmelse bygger bare på kilder som noen har sett hos utgiveren selv (en oppføring i «verifisert» med «primærkilde: true»)."),
    "lovhjemmel-erstattet-uten-dato": Entry(
        ADVARSEL, "Kilden er erstattet av «{etterfolger}», men siste dag den gjaldt («gyldig_til») er ikke oppgitt. Den regnes derfor som opphevet allerede nå.",
        "Finn datoen i kilden (for eksempel i forskriften som opphevet den) og før den inn som «gyldig_til»; gjett aldri en dato.",
        "En kilde med «erstattet_av» har også «gyldig_til», slik at det er kjent hvilken dag den sluttet å gjelde."),
    "lovhjemmel-erstattet-ukjent": Entry(
        FEIL, "«erstattet_av» er «{verdi}», men det er verken id-en til en kilde eller et instrument i lovhjemler/.{forslag}",
        "Oppgi id-en til kilden som erstattet denne (for eksempel «bvl-10-1») eller instrumentet (for eksempel «FOR-2022-12-20-2358»), og registrer etterfølgeren i lovhjemler/ hvis den mangler.",
        "«erstattet_av» viser til en kilde eller et instrument som er registrert i lovhjemler/."),
    "lovhjemmel-erstattet-seg-selv": Entry(
        FEIL, "«erstattet_av» er «{verdi}», som er denne kilden selv.",
        "Oppgi kilden som kom i stedet for denne.",
        "En kilde kan ikke være erstattet av seg selv."),
    "lovhjemmel-verifisert-dato": Entry(
        FEIL, "Datoen «{verdi}» i «verifisert» ligger fram i tid; ingen kan ha sett kilden da.",
        "Oppgi dagen kilden faktisk ble sett, som «ÅÅÅÅ-MM-DD» i anførselstegn.",
        "En dato i «verifisert» ligger ikke fram i tid."),
    "lovhjemmel-primaerkilde-kopi": Entry(
        ADVARSEL, "«verifisert» sier at «{url}» er en primærkilde, men {vert} har kopier, ikke utgiverens egen tekst.",
        "Se kilden hos utgiveren (Lovdata, Stortinget, regjeringen.no eller etatens egen side) og før opp den adressen, eller sett «primærkilde: false».",
        "Bare utgiverens egen side er en primærkilde; kommersielle nettsteder, speil og testsider er kopier."),
    "lovhjemmel-url-speil": Entry(
        ADVARSEL, "«url» er «{url}», som er et dokumentspeil eller en testside ({vert}), ikke utgiverens adresse.",
        "Finn dokumentet hos utgiveren (for eksempel www.regjeringen.no) og bruk den adressen.",
        "Lenken til en kilde går til utgiverens egen adresse, ikke til et speil eller en testside."),
    "analyse-kilde-erstattet": Entry(
        FEIL, "Bestemmelsen bygger bare på kilder som er erstattet: {kilder}. Etterfølger: {etterfolgere}.",
        "Vis til bestemmelsene i etterfølgeren i «lovhjemler» (registrer dem i lovhjemler/ hvis de mangler), eller trekk kravet.",
        "En gjeldende bestemmelse bygger ikke bare på kilder som er erstattet («erstattet_av») og ikke lenger gjelder på analysedatoen.", "analyse"),
    # --- Issue 10: drafting rules (scripts/check/wording.py) ------------------------------------
    "tekst-vagt-ord": Entry(
        ADVARSEL, "«tekst» bruker «{ord}», som er vagt: {hvorfor}",
        "Skriv heller {skriv_heller} (Listen over vage ord står i mandat/vage-ord.yaml.)",
        "Teksten i en bestemmelse bruker ikke ord fra komiteens liste over vage ord (mandat/vage-ord.yaml) uten et mål."),
    "krav-flere-plikter": Entry(
        ADVARSEL, "«tekst» ser ut til å stille {antall} plikter ({hvordan}); en bestemmelse skal stille én plikt, så samsvar kan vurderes for hver plikt.",
        "Del bestemmelsen i én per plikt («krav ny» gir neste ledige id). Er den vedtatt eller publisert, trekk den og la de nye vise til den med relasjonen «erstatter». Er det én plikt likevel, før opp et «unntak» med begrunnelse.",
        "En bestemmelse stiller én plikt: ikke flere «skal»- eller «bør»-ledd bundet sammen med «og» eller «;», og ingen liste med flere plikter."),
    "krav-normativ-begrunnelse": Entry(
        ADVARSEL, "«{felt}» bruker «{ord}», som leses som et krav; {felt} er forklarende tekst og stiller ingen krav.",
        "Flytt kravet inn i «tekst» (eller i en egen bestemmelse), eller skriv om til en forklaring, for eksempel «loven krever at …» eller «målet er at …».",
        "«begrunnelse» og «merknad» forklarer og stiller ikke krav: de bruker ikke «skal» eller «må»."),
    "tekst-arbeidsnotat": Entry(
        ADVARSEL, "«{felt}» inneholder et internt arbeidsnotat («{uttrykk}»), men feltet publiseres.",
        "Flytt notatet til «merknad», som ikke publiseres, og fjern det fra «{felt}» når saken er avklart.",
        "Publiserte felt (tittel, tekst og begrunnelse i krav, tittel, overskrift og sammendrag i kilder, term, definisjon og merknad i termer) inneholder ikke interne gjøremål som «bør kontrolleres», «ikke verifisert» eller «TODO»."),
    "krav-gjentar-kilde": Entry(
        ADVARSEL, "«tekst» ser bare ut til å gjenta kilden («{uttrykk}»); en bestemmelse som sier at loven skal følges, legger ikke noe til og kan ikke etterprøves for seg.",
        "Beskriv hva institusjonen skal gjøre eller kunne vise fram (en rutine, et register, en dokumentasjon), og legg lovregelen i «begrunnelse» med henvisning i «lovhjemler».",
        "Teksten i en bestemmelse gjentar ikke bare kilden («skal følge … loven»), men sier hva standarden legger til."),
    # --- Issue 10: terms, clause 3 (scripts/check/terms.py) -------------------------------------
    "term-ukjent-kilde": Entry(
        FEIL, "«kilde» er «{verdi}», men ingen kilde i lovhjemler/ har den id-en.{forslag}",
        "Oppgi id-en til kilden definisjonen følger, eller registrer kilden i lovhjemler/.",
        "Kilden til en definisjon er registrert i lovhjemler/."),
    "term-definisjon-form": Entry(
        ADVARSEL, "«definisjon» har ikke formen til en definisjon: {grunn}.",
        "Skriv definisjonen som én frase som kan erstatte termen i teksten, for eksempel «institusjon der barn bor etter vedtak».",
        "En definisjon begynner ikke med en artikkel, stiller ingen krav og slutter uten punktum (ISO/IEC-direktivene del 2)."),
    "term-dobbel": Entry(
        ADVARSEL, "Termen «{verdi}» er allerede definert i «{forste}».",
        "Slå sammen definisjonene til én post.",
        "Hver term er definert én gang."),
    "krav-unntak-regel": Entry(
        FEIL, "«unntak» nevner regelen «{verdi}», som ikke kan unntas.{forslag}",
        "Regler som kan unntas: {tillatte}.",
        "Et unntak gjelder en av reglene som poster av samme slag kan unntas fra (skriveregler for krav; ukjent siste dag eller manglende offisiell adresse for kilder), med en begrunnelse."),
})
# --- Issue 13: `krav egenkontroll` command-line messages, and the phrases its form reader and the
# gjelder_for choice (scripts/applicability.py) build sentences from --------------------------
CLI.update({
    "egenkontroll-ingen-standard": "krav: finner ikke mandatet (mandat/mandat.yaml) i «{rot}»; kjør kommandoen i repositoriet for standarden, eller oppgi det med --sti.",
    "egenkontroll-skrevet": "Skrev {sti}: skjema for egenkontroll med {antall} ({standard}).",
    "egenkontroll-kan-ikke-brukes": "krav: {sti} kan ikke brukes: {antall} feil. Rett skjemaet og prøv igjen.",
    "egenkontroll-xlsx-trenger-ut": "krav: --format xlsx trenger --ut FIL (en arbeidsbok skrives ikke til skjermen).",
    "egenkontroll-ugyldig-valg": "krav: {melding}",
    "egenkontroll-feil-endelse": "krav: «{sti}» har endelsen .{endelse}, men --format er {format}; ingenting er skrevet.",
    "ut-finnes": "krav: «{sti}» finnes allerede; ingenting er skrevet. Bruk --overskriv for å skrive over den.",
    "ut-er-mappe": "krav: «{sti}» er en mappe; oppgi et filnavn.",
    "ut-mappe-mangler": "krav: mappen «{sti}» finnes ikke; ingenting er skrevet.",
    "ut-kan-ikke-skrive": "krav: kan ikke skrive «{sti}» ({grunn}); ingenting er skrevet.",
})
PHRASES.update({
    "gjelder-form": "«{verdi}» er ikke et valg av formen «eierform=kommunal» eller «institusjonstype=akutt».",
    "gjelder-ukjent-inndeling": "«{verdi}» kan ikke velges.{forslag} Det som kan velges, er {tillatte}.",
    "gjelder-dobbel": "«{verdi}» er valgt mer enn én gang; velg én verdi.",
    "gjelder-uten-liste": "Mandatet har ingen liste «{liste}», så «{verdi}» kan ikke velges.",
    "gjelder-ukjent-verdi": "«{verdi}» er ikke en {navn} i mandatet.{forslag} Mandatets {flertall} er {tillatte}.",
    "sted-ark": "ark «{ark}»",
    "sted-rad": "rad {rad}",
    "sted-kolonne": "kolonne «{kolonne}»",
    "sted-rad-json": "rad {rad} i «rader»",
    "sted-felt": "felt «{felt}»",
    "skjema-mappe": "det er en mappe",
    "skjema-ikke-vanlig-fil": "den er ikke en vanlig fil",
    "skjema-finnes-ikke": "den finnes ikke",
    "skjema-tilgang": "du mangler lesetilgang til den",
    "skjema-os": "operativsystemet kunne ikke lese den",
    "skjema-mer-enn": "mer enn {verdi}",
    "skjema-ikke-zip": "den er ikke en zip-pakke slik en arbeidsbok er",
    "skjema-skadet-zip": "zip-pakken er skadet eller ufullstendig",
    "skjema-mange-deler": "den har {antall} deler (en arbeidsbok har noen titalls)",
    "skjema-stor-utpakket": "den pakker seg ut til {storrelse} MiB (grensen er {grense} MiB)",
    "skjema-klatrer": "delen «{navn}» har et navn som peker ut av pakken",
    "skjema-ingen-arbeidsbok": "zip-pakken har ingen arbeidsbok i seg",
    "skjema-entiteter": "XML-en i den bruker entiteter eller DTD-er, som en arbeidsbok fra Excel eller LibreOffice ikke har",
    "skjema-uleselig-arbeidsbok": "innholdet i pakken kan ikke leses som en arbeidsbok",
    "skjema-for-dypt": "den er nøstet for dypt",
    "skjema-hvor-skjult-ark": " (det skjulte arket «{ark}»)",
    "skjema-hvor-i-ark": " i arket «{ark}»",
    "skjema-hvor-format": " i feltet «format»",
    "skjema-hvor-ikke-objekt": " (filen er ikke et JSON-objekt)",
    "skjema-hvor-ikke-csv": " (filen kan ikke leses som CSV)",
    "skjema-hvor-tom": " på første linje (filen er tom)",
    "skjema-hvor-forste-linje": " på første linje",
    "skjema-hvor-lagret-som-csv": " på første linje (filen ser ut som arket «Egenkontroll» lagret som CSV: les inn .xlsx-filen i stedet, eller lag CSV-skjemaet med «krav egenkontroll skjema --ut skjema.csv»)",
    "skjema-json-standard": "et objekt med «tittel» og «versjon» som tekst",
    "skjema-json-rader": "en liste med én rad per bestemmelse",
    "skjema-json-objekt": "et objekt",
    "skjema-json-tekst": "tekst",
})
# What a JSON syntax error means, by the start of Python's message (completing «… ikke gyldig JSON: …»).
JSON_PROBLEMS = {
    "Expecting value": "en verdi mangler",
    "Expecting ',' delimiter": "et komma mangler",
    "Expecting ':' delimiter": "et kolon mangler",
    "Unterminated string starting at": "en tekst er ikke avsluttet",
    "Extra data": "det står noe etter slutten av objektet",
    "Expecting property name enclosed in double quotes": "et feltnavn mangler anførselstegn",
    "Invalid control character at": "et kontrolltegn står i en tekst",
    "": "syntaksfeil",
}


def phrase(key: str, **values: object) -> str:
    """A phrase from the catalogue with its values made visible."""
    return PHRASES[key].format(**{k: visible(v) if isinstance(v, str) else v for k, v in values.items()})


MESSAGES.update({
    # --- Change report and id history (scripts/changes/, `krav endringer`) -------------------
    "endring-slettet": Entry(
        FEIL, "{art} «{id}» er slettet.",
        "Id-er er permanente: {rad}.",
        "En post som fantes i utgangspunktet for endringen (for eksempel main), er ikke slettet: id-er er permanente, "
        "så en bestemmelse som ikke lenger skal gjelde, trekkes.", "historikk"),
    "krav-id-gjenbrukt": Entry(
        FEIL, "Id-en «{id}» ble brukt av en post som er slettet («{tidligere}»); en id brukes aldri om igjen.",
        "Gi posten en ny id (kjør «krav ny OMRÅDE» for neste ledige), eller gjenopprett den slettede posten "
        "med sin opprinnelige tittel.",
        "En id som en gang er brukt i git-historikken, gis aldri til en ny post, heller ikke etter at den gamle "
        "filen ble slettet.", "historikk"),
})

# Command-line messages of `krav endringer` (scripts/changes/cli.py).
CLI.update({
    "endringer-git-mangler": "krav: fant ikke programmet «git»; «krav endringer» leser revisjonene fra git.",
    "endringer-ikke-git": "krav: «{sti}» er ikke i et git-repositorium, så det finnes ingen revisjoner å sammenligne.",
    "endringer-ukjent-revisjon": (
        "krav: git har ikke revisjonen «{ref}»; hent den først (for eksempel «git fetch origin {ref}»; en grunn "
        "klone i CI trenger «git fetch --depth=1 origin {ref}»), eller oppgi en commit, gren eller tagg som finnes."),
    "endringer-git-feil": "krav: git kunne ikke lese revisjonen ({detalj}).",
})

MESSAGES.update({
    # --- Published drafts and comments (scripts/check/utgaver.py, scripts/utgave.py) --------
    "utgave-endret": Entry(
        FEIL, "Utgaven «{id}» er publisert, men posten er endret etter publiseringen (den er ikke lik innholdet i git-taggen «{id}»).",
        "Et publisert utkast endres aldri. Sett posten tilbake med «git checkout {id} -- {fil}», og lag heller en ny utgave med «krav utgave ny».",
        "En post i utgaver/ er lik innholdet den hadde da utgaven ble publisert (git-taggen med samme navn)."),
    "utgave-tagg-mangler": Entry(
        FEIL, "Utgaven «{id}» har ingen git-tagg «{id}»; en utgave publiseres med «krav utgave ny», som lager taggen.",
        "Hent taggene («git fetch --tags»), eller fjern posten og publiser utgaven med «krav utgave ny {id} --stadium …».",
        "Hver post i utgaver/ har en git-tagg med samme navn som markerer innholdet i utgaven."),
    "utgave-tagg-flyttet": Entry(
        FEIL, "Git-taggen «{id}» peker ikke på commiten som la til utgaven ({grunn}); taggen er flyttet.",
        "En publisert utgave endres aldri. Sett taggen tilbake til commiten som la til {fil}, eller lag en ny utgave.",
        "Git-taggen til en utgave peker på commiten som la til posten i utgaver/, og den commiten er en del av historikken."),
    "utgave-slettet": Entry(
        FEIL, "Utgaven «{id}» er publisert (git-taggen «{id}»), men posten {fil} er slettet.",
        "Et publisert utkast slettes aldri. Hent posten tilbake med «git checkout {id} -- {fil}».",
        "En publisert utgave blir liggende i utgaver/ for alltid, slik at id-en, taggen og adressen på nettstedet fortsatt virker."),
    "utgave-horing-stadium": Entry(
        FEIL, "Utgaven har feltet «høring», men «stadium» er «{stadium}»; høringsperioden hører bare til stadiet «høring».",
        "Fjern «høring», eller sett «stadium: høring».",
        "Bare et høringsutkast (stadium høring) har en høringsperiode."),
    "utgave-horing-mangler": Entry(
        FEIL, "Utgaven har «stadium: høring», men feltet «høring» med «start» og «frist» mangler.",
        "Legg til «høring:» med «start» og «frist» (normalt to måneder etter start).",
        "Et høringsutkast sier når høringen starter og når fristen for kommentarer er."),
    "utgave-frist-for-start": Entry(
        FEIL, "Høringsfristen «{frist}» er ikke etter høringsstart «{start}».",
        "Fristen er normalt to måneder etter start.",
        "Fristen for kommentarer kommer etter at høringen har startet."),
    "kommentar-utgave-mappe": Entry(
        FEIL, "«utgave» er «{utgave}», men kommentaren ligger i mappen «kommentarer/{mappe}/».",
        "Flytt filen til kommentarer/{utgave}/, eller rett «utgave» til «{mappe}».",
        "En kommentar ligger i mappen til utgaven den gjelder."),
    "kommentar-ukjent-utgave": Entry(
        FEIL, "«utgave» viser til «{utgave}», men det finnes ingen utgave med den id-en i utgaver/.{forslag}",
        "Utgavene: {tillatte}.",
        "En kommentar gjelder et publisert utkast som finnes i utgaver/."),
    "kommentar-ukjent-krav": Entry(
        ADVARSEL, "Kommentaren gjelder kravet «{krav}», som ikke finnes (lenger).{etterfolger}",
        "Behandle kommentaren mot bestemmelsen som gjelder nå, og noter det i «behandling».",
        "En kommentar viser til et krav som finnes; finnes det ikke lenger, nevnes kravet som erstatter det."),
    "kommentar-krav-trukket": Entry(
        ADVARSEL, "Kommentaren gjelder kravet «{krav}», som er trukket.{etterfolger}",
        "Behandle kommentaren mot bestemmelsen som gjelder nå, og noter det i «behandling».",
        "En kommentar på et krav som senere er trukket, nevner kravet som erstatter det."),
    "kommentar-punkt-format": Entry(
        FEIL, "«punkt» har verdien «{verdi}», som ikke er et punkt i et utkast.",
        "Skriv punktnummeret slik det står i utkastet ({eksempler}).",
        "«punkt» er et punktnummer (for eksempel «4.2»), et tillegg («Tillegg A», «A.1») eller en av delene uten nummer."),
})


# --- Published drafts: `krav utgave ny` (scripts/utgave.py) and the site versions
# (scripts/nettsted_versjon.py); one line each ---------------------------------------------------
CLI.update({
    "ny-utgave-id-ugyldig": "krav: utgaven publiseres ikke: id-en «{id}» kan ikke brukes; bruk små bokstaver a–z, sifre og bindestrek, for eksempel «hoering-1».",
    "ny-utgave-id-reservert": "krav: utgaven publiseres ikke: id-en «{id}» er adressen til arbeidsutkastet på nettstedet; velg en annen id.",
    "ny-utgave-dato": "krav: utgaven publiseres ikke: {valg} «{verdi}» er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, for eksempel 2027-02-01.",
    "ny-utgave-frist": "krav: utgaven publiseres ikke: fristen {frist} er ikke etter høringsstart {start}.",
    "ny-utgave-horing-valg": "krav: utgaven publiseres ikke: --start og --frist hører bare til stadiet «høring».",
    "ny-utgave-tekst": "krav: utgaven publiseres ikke: {valg} må være én linje med vanlig tekst.",
    "ny-utgave-ikke-git": "krav: utgaven publiseres ikke: «{sti}» er ikke toppmappen i et fullstendig git-repositorium; en utgave er en git-tagg.",
    "ny-utgave-endringer": "krav: utgaven publiseres ikke: arbeidskopien har endringer som ikke er committet; commit eller legg dem til side først («git status» viser dem), så utgaven blir nøyaktig det som er committet.",
    "ny-utgave-finnes": "krav: utgaven publiseres ikke: utgaven «{id}» finnes allerede ({fil}); en publisert utgave endres aldri, velg en ny id.",
    "ny-utgave-tagg-finnes": "krav: utgaven publiseres ikke: git-taggen «{id}» finnes allerede; velg en ny id.",
    "ny-utgave-sjekk": "krav: utgaven publiseres ikke: «krav sjekk --streng» finner {feil} feil og {advarsler} advarsler; rett dem først (kjør «krav sjekk --streng»).",
    "ny-utgave-mappe": "krav: utgaven publiseres ikke: mappen utgaver/ kan ikke skrives (den er en lenke eller ikke en mappe).",
    "ny-utgave-commit": "krav: utgaven publiseres ikke: git kunne ikke committe utgaven (er user.name og user.email satt?); ingenting er endret.",
    "ny-utgave-tagg": "krav: utgaven publiseres ikke: utgaven er committet ({commit}), men git-taggen kunne ikke lages; kjør «git tag -a {id} -m '{id}' {commit}».",
    "ny-utgave-publisert": "Publiserte utgaven «{id}» ({stadium}): {fil} er committet som {commit} og tagget «{id}». Send den med «git push origin HEAD {id}».",
    "versjon-ugyldig": "nettsted: versjonen publiseres ikke: «{versjon}» er verken «{levende}» eller en utgave-id.",
    "versjon-ikke-git": "nettsted: versjonen publiseres ikke: «{sti}» er ikke toppmappen i et fullstendig git-repositorium.",
    "versjon-ukjent-utgave": "nettsted: versjonen publiseres ikke: utgaven «{versjon}» finnes ikke i utgaver/.",
    "versjon-ikke-utsjekket": "nettsted: versjonen publiseres ikke: det som er sjekket ut, er ikke utgaven «{versjon}»; kjør «git checkout {versjon}» først.",
    "versjon-mike": "nettsted: versjonen publiseres ikke: mike stoppet: {melding}.",
    "versjon-lagt-ut": "Versjonen «{versjon}» er lagt på grenen {gren} {hvor}.",
    "versjon-sendt": "og sendt til GitHub",
    "versjon-lokalt": "lokalt (vis den med «.venv/bin/mike serve»)",
})


# --- Comment import: `krav kommentarer les` (scripts/comments/importer.py) -------------------------------
# Reported per sheet, row and column of the filled-in commenting template, not per record file;
# kind "kommentarer" keeps them off the `krav sjekk` rule list.
MESSAGES.update({
    "kommentar-fil-ulesbar": Entry(
        FEIL, "Filen kan ikke leses som et regneark i XLSX-format: {grunn}.",
        "Lagre skjemaet som «Excel-arbeidsbok (.xlsx)» og prøv igjen. Ingenting er importert.",
        "Kommentarskjemaet må være en XLSX-fil som kan åpnes.", "kommentarer"),
    "kommentar-fil-for-stor": Entry(
        FEIL, "Filen er for stor til å være et kommentarskjema: {grunn}.",
        "Et utfylt kommentarskjema er sjelden over noen få MiB. Ingenting er importert.",
        "Grensene for størrelse hindrer at en ødelagt eller fiendtlig fil (en «zip-bombe») fyller minnet.",
        "kommentarer"),
    "kommentar-fil-mistenkelig": Entry(
        FEIL, "Filen inneholder noe et vanlig regneark ikke har: {grunn}.",
        "Åpne skjemaet i et regnearkprogram og lagre det på nytt som .xlsx. Ingenting er importert.",
        "XML-deler med dokumenttypedeklarasjoner eller entiteter leses ikke, fordi de kan brukes til angrep.",
        "kommentarer"),
    "kommentar-ingen-ark": Entry(
        FEIL, "Filen har ikke noe ark med kommentarer (bare {ark}).",
        "Bruk skjemaet fra «krav kommentarer mal --utgave {utgave}».",
        "Et kommentarskjema har arket «Kommentarer».", "kommentarer"),
    "kommentar-kolonner": Entry(
        FEIL, "Kolonnen heter «{faktisk}», men skal hete «{forventet}»; arket har ikke kolonnene i kommentarskjemaet.",
        "Flytt ikke, slett ikke og gi ikke nytt navn til kolonnene. Kolonnene er {kolonner}. Ingenting fra arket er importert.",
        "Overskriftene i rad 4 er de samme som i skjemaet fra «krav kommentarer mal».", "kommentarer"),
    "kommentar-annen-utgave": Entry(
        FEIL, "Arket er kommentarskjemaet for utgaven «{faktisk}», ikke for «{forventet}».",
        "Bruk skjemaet for utgaven «{forventet}», eller les inn med «--utgave {faktisk}». Ingenting fra arket er importert.",
        "Et kommentarskjema hører til én utgave; punktnumrene kan være forskjellige i en annen.", "kommentarer"),
    "kommentar-uten-utgave": Entry(
        FEIL, "Cellen B2 skal inneholde utgavens id («{forventet}»), men er tom.",
        "Bruk skjemaet fra «krav kommentarer mal --utgave {forventet}». Ingenting fra arket er importert.",
        "Skjemaet bærer id-en til utgaven det er laget for.", "kommentarer"),
    "kommentar-for-mange-rader": Entry(
        FEIL, "Arket har flere enn {grense} rader eller flere enn {kolonner} kolonner med innhold.",
        "Del kommentarene på flere filer. Ingenting fra arket er importert.",
        "Et ark har en øvre grense for antall rader, så en ødelagt fil ikke kan gjøre importen uendelig.",
        "kommentarer"),
    "kommentar-tom": Entry(
        FEIL, "«Kommentar» er tom, men raden har {felt} fylt ut.",
        "Skriv kommentaren, eller tøm hele raden. Ingenting fra arket er importert.",
        "Hver kommentar har en tekst.", "kommentarer"),
    "kommentar-type": Entry(
        FEIL, "«Type» har verdien «{verdi}», som ikke er tillatt.{forslag}",
        "Tillatte verdier: {tillatte}. Ingenting fra arket er importert.",
        "Typen er ge (generell), te (teknisk) eller ed (redaksjonell), som i ISO/IEC-skjemaet.", "kommentarer"),
    "kommentar-punkt-mangler": Entry(
        FEIL, "«Punkt» er tomt.",
        "Oppgi punktet kommentaren gjelder, for eksempel «4.2» eller «Generelt». Ingenting fra arket er importert.",
        "Hver kommentar sier hvilket punkt i utkastet den gjelder.", "kommentarer"),
    "kommentar-punkt-ukjent": Entry(
        FEIL, "Punktet «{verdi}» finnes ikke i utkastet «{utgave}».{forslag}",
        "Bruk punktnumrene slik de står i høringsdokumentet for denne utgaven. Ingenting fra arket er importert.",
        "Punktet en kommentar gjelder, finnes i utkastet.", "kommentarer"),
    "kommentar-krav-ukjent": Entry(
        FEIL, "«{verdi}» er ikke id-en til en bestemmelse i utkastet «{utgave}».{forslag}",
        "Id-en står ved siden av punktnummeret i høringsdokumentet. Ingenting fra arket er importert.",
        "Id-en en kommentar viser til, er en bestemmelse i utkastet.", "kommentarer"),
    "kommentar-krav-punkt": Entry(
        FEIL, "Bestemmelsen «{id}» er punkt {riktig} i utkastet, ikke punkt {punkt}.",
        "Rett punktet eller id-en, så de viser til den samme bestemmelsen. Ingenting fra arket er importert.",
        "Punkt og id i en kommentar viser til den samme bestemmelsen.", "kommentarer"),
    "kommentar-linje": Entry(
        FEIL, "«Linje» har verdien «{verdi}», men skal være et helt tall fra 1 og oppover.",
        "Skriv linjenummeret fra margen i høringsdokumentet, eller la cellen stå tom. Ingenting fra arket er importert.",
        "Linjenummeret er et helt tall.", "kommentarer"),
    "kommentar-tegn": Entry(
        FEIL, "Teksten kan ikke lagres slik den står: {melding}",
        "Rett teksten i regnearket (usynlige tegn følger ofte med når tekst kopieres) og les inn på nytt. Ingenting fra arket er importert.",
        "En kommentar lagres som tekst alle kan se; det «krav sjekk» ville avvist i en post, godtas ikke i skjemaet heller.",
        "kommentarer"),
    "kommentar-utenfor-skjemaet": Entry(
        ADVARSEL, "Cellen har tekst utenfor kolonnene i kommentarskjemaet; den leses ikke inn.",
        "Flytt teksten til «Kommentar» eller «Forslag til endring» hvis den skal være med.",
        "Bare kolonnene A–H i kommentarskjemaet leses inn.", "kommentarer"),
    "kommentar-avsender": Entry(
        ADVARSEL, "«Kommentator» er «{verdi}», men kommentaren registreres som fra «{fra}» (valget --fra).",
        "Les inn ark fra ulike organisasjoner hver for seg, med hver sin «--fra».",
        "Alle kommentarene i én import registreres som fra organisasjonen i «--fra».", "kommentarer"),
    "kommentar-fra-kode": Entry(
        FEIL, "«--fra {fra}» har ingen bokstaver eller sifre å lage en kode av til kommentarenes id-er.",
        "Oppgi organisasjonens navn, for eksempel «--fra \"NHO Geneo\"».",
        "Id-en til en kommentar begynner med en kode for organisasjonen som sendte den.", "kommentarer"),
})

# Command-line sentences of `krav dokument` and `krav kommentarer` (scripts/document/cli.py,
# scripts/comments/cli.py), printed through cli_message.
CLI.update({
    "utgave-ugyldig-id": "krav: «{id}» er ikke en gyldig utgave-id (små bokstaver a–z, sifre og bindestrek).",
    "utgave-uten-tagg": "krav: fant ikke git-taggen «{id}», som markerer innholdet i utgaven; taggen lages av «krav utgave ny».",
    "utgave-uten-post": "krav: fant ingen gyldig post utgaver/{id}.yaml; kjør «krav sjekk» for detaljer.",
    "utgave-git-mangler": "krav: fant ikke programmet «git», som trengs for å lese en publisert utgave.",
    "utgave-git-feil": "krav: git kunne ikke lese utgaven ({grunn}).",
    "pdf-uten-libreoffice": "krav: fant ikke LibreOffice («soffice»), som trengs for å lage PDF; installer pakken "
                            "«libreoffice-writer-nogui» (Debian), eller lag Word-filen med «--format docx».",
    "pdf-tidsavbrudd": "krav: LibreOffice ble ikke ferdig med PDF-en innen {sekunder} sekunder.",
    "pdf-feilet": "krav: LibreOffice kunne ikke lage PDF-en av dokumentet ({grunn}).",
    "utfil-ikke-vanlig": "krav: «{fil}» er ikke en vanlig fil; velg en annen fil med «--ut».",
    "utfil-feil": "krav: kunne ikke skrive «{fil}» ({grunn}).",
    "dokument-med-feil": "krav: merk at {antall} feil i postene kan gjøre dokumentet ufullstendig; kjør «krav sjekk» for detaljer.",
    "dokument-skrevet": "Skrev {fil} ({status}; {antall} bestemmelser, {sekunder} s).",
    "mal-skrevet": "Skrev {fil} ({antall} punkter og bestemmelser).",
    "kommentarfil-mangler": "krav: finner ikke filen «{fil}».",
    "kommentarer-kan-ikke-skrives": "krav: kunne ikke skrive kommentarene: {grunn}.",
    "ark-ikke-importert": "Ark «{ark}»: ingenting importert (se feilene over).",
    "ark-importert": "Ark «{ark}»: {nye} nye kommentarer.",
    "ark-importert-kjente": "Ark «{ark}»: {nye} nye kommentarer, {kjente} fantes fra før.",
    "kommentarer-skrevet": "Skrev {antall} filer i kommentarer/{utgave}/ ({forste} – {siste}; {sekunder} s).",
    "kommentarer-provd": "Skjemaet er i orden (--prøv: ingenting er skrevet).",
    "rapport-skrevet": "Skrev {fil} ({antall} kommentarer).",
})

# --- krav eksport (scripts/export/cli.py): its one-line command-line messages ----------------------
CLI.update({
    "eksport-gjelder": "krav: «--gjelder»: {grunn}",
    "eksport-poster-feil": ("krav: eksporten er stoppet: {antall} i postene er ikke gyldige, og en eksport skal bare "
                            "inneholde gyldige poster. Kjør «krav sjekk» og rett feilene først."),
    "eksport-utgave": "krav: {grunn}",
    "eksport-ut": "krav: kan ikke skrive til «{fil}» ({grunn}). Oppgi en fil i en mappe som finnes, for eksempel «--ut standard.{endelse}».",
    "eksport-binaer-til-terminal": ("krav: formatet «{format}» er en binærfil og skrives ikke til terminalen. "
                                    "Oppgi en fil med «--ut standard.{format}»."),
})


