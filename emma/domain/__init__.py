"""Data classes and rules of the shop. Pure: no I/O, no Qt, no SQL; "today" is always an argument."""
