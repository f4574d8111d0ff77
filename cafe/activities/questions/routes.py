"""Questions have no HTTP routes of their own: the blueprint serves their templates, script
and style."""

from cafe.activities.registry import kind_blueprint

bp = kind_blueprint(__name__)
