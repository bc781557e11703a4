"""Printed paper: PDF layout with reportlab (stamp cards, and later letters, labels and reports)."""
