"""Fuzzing kdlint: generated lists and the invariants every one of them must keep."""
