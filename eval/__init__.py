"""fazhi evaluation harness: `python -m eval [facts|structure|extract|quantities]`."""
