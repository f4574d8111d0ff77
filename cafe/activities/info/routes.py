"""A slide has no routes of its own: the blueprint serves its templates and script."""

from cafe.activities.registry import kind_blueprint

bp = kind_blueprint(__name__)
