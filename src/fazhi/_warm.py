"""Imported by the worker fork server (fazhi/worker.py) before it forks any worker: the engine's
modules, catalogues and gazetteer are loaded once there, so every worker starts warm."""
from .api import warm_up

warm_up()
