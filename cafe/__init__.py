"""Buurtcafé: participatory deliberation and World Café facilitation.

The package root stays free of imports so that the server entry point
(`cafe.server`) can monkey-patch for eventlet or gevent before Flask loads.
"""

__version__ = "0.1.0"


def create_app(config=None):
    from cafe.app import create_app as factory  # noqa: PLC0415 - the root stays import-free

    return factory(config)
