"""The one engine failure the rest of the site handles, kept apart from the engine's client.

Importing the Elasticsearch client costs a process about 40 MiB; a site that searches with
its database alone never needs it, yet every process indexes and must name this error.
"""


class EngineUnavailable(Exception):
    """The engine cannot be asked now (down, timing out, or the breaker is open)."""
