"""Benchmarks for fazhi. Run `make bench` (or `python -m bench [name…]`)."""
