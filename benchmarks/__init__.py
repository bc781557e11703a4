"""Timings of Frau Emma on a demo shop of 100,000 customers: `make bench` (python -m benchmarks).

Each figure is printed beside its target; nothing here asserts, the numbers are for people to read.
"""
