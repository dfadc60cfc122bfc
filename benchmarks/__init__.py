"""Benchmark data generator and runner for caseflow (see benchmarks/README.md)."""
