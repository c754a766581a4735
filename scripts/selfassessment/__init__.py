"""Self-assessment (egenkontroll): the form, reading filled forms, comparing two rounds and the
compliance matrix (samsvarsmatrise). `krav egenkontroll …` is wired in cli.py here."""
