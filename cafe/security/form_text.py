"""Every text a facilitator posts in a form is cleaned like a participant's.

The live pipeline and the participants' and panelists' routes clean what they receive; the
console's forms (the agenda editor, a neighbourhood's texts, a study's statements, plan titles)
are many, so the form itself is cleaned once, before any route reads it: no C0/C1 control
character is stored, and a value with nothing visible becomes "" (caught as empty). Passwords
are left as typed.
"""

from flask import request
from werkzeug.datastructures import ImmutableMultiDict

from cafe.domain.control_chars import clean


def init_app(app):
    @app.before_request
    def _clean_form_text():
        if request.method != "POST" or request.mimetype not in (
            "application/x-www-form-urlencoded", "multipart/form-data"
        ):
            return
        request.form = ImmutableMultiDict([
            (key, value if "password" in key else clean(value))
            for key, value in request.form.items(multi=True)
        ])
