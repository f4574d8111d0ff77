"""Buurtcafé: participatory deliberation and World Café facilitation.

The package root stays free of imports so that the server entry point
(`cafe.server`) can monkey-patch for eventlet or gevent before Flask loads.
"""

__version__ = "0.1.0"


def create_app(config=None):
    # Not at the top: importing Flask with the package would precede cafe.server's patching.
    from cafe.app import create_app as factory  # noqa: PLC0415 - after monkey patching

    return factory(config)
