"""classify"""
from . import framework, parts, areas  # noqa: F401  (register "framework", "parts", "areas")
