"""The agenda editor: add, edit, reorder, duplicate, delete and preview a session's activities,
with texts in each of the session's content languages; new sessions blank, from a plan or as a
copy of another session's agenda."""

from cafe.editor import preview  # noqa: F401 - its routes join the editor's blueprint
from cafe.editor.fields import LANGUAGE_NAMES, kind_label
from cafe.editor.routes import bp


def init_app(app):
    app.register_blueprint(bp)

    @app.context_processor
    def editor_helpers():
        return {"kind_label": kind_label, "language_names": LANGUAGE_NAMES}
