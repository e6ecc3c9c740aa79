"""parse"""
from . import meta  # noqa: F401,E402  (registers the "meta" component)
from . import sections  # noqa: F401,E402  (registers the "sections" component)
