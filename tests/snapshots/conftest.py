"""Snapshot settings: fixed size, fixed clock (from the parent conftest), the demo log."""
