"""Printing findings: one module per output format, separate from checking."""
