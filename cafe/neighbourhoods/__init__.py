"""Neighbourhoods and their analysis (buurtanalyse)."""


def init_app(app):
    from cafe.neighbourhoods import models  # noqa: F401
