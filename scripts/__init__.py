"""Tooling for the Norwegian standard for child welfare institutions: load, check, analyse, render."""

__version__ = "0.1.0"
