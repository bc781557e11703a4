"""Frau Emma – the customer file for owner-run shops."""

__version__ = "0.1.0"
