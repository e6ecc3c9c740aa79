"""extract: quantities, facts (with named documents) and relations between facts."""
from . import facts, relations  # noqa: F401  (registers the "facts" and "relations" components)
