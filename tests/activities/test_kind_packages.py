"""Every kind holds all of it in its own package: its templates and assets come from its folder
through its own blueprint, its script registers under its name with a projector rule, its
editor form is labelled by its settings, its recap counts its own rows, and `get` loads only
its own activities of the asker's session."""

from pathlib import Path

import pytest
from flask import render_template_string

from cafe.activities import discover, registry
from cafe.core import Refusal
from cafe.extensions import db
from cafe.sessions.models import Activity

KINDS = discover()
PACKAGES = Path(__file__).resolve().parents[2] / "cafe" / "activities"


@pytest.mark.parametrize("name", KINDS)
def test_a_kinds_templates_and_assets_come_from_its_folder(app, client, name):
    kind = registry.get(name)
    folder = PACKAGES / name
    with app.test_request_context():
        for audience in ("phone", "projector", "console"):
            template = app.jinja_env.get_template(kind.template(audience))
            assert Path(template.filename).is_relative_to(folder / "templates" / name)
        urls = kind.asset_urls("scripts") + kind.asset_urls("styles")
        # The pages load them through the one function that makes their addresses.
        page = render_template_string("{{ kind_scripts() }} {{ kind_styles() }}")
    assert urls and all(url.startswith(f"/kinds/{name}/static/") for url in urls)
    for url, filename in zip(urls, kind.scripts + kind.styles, strict=True):
        assert url in page
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.data == (folder / "static" / filename).read_bytes()
        # Same origin: the pages' CSP ('self') allows it; a script carries no page headers.
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    script = (folder / "static" / kind.scripts[0]).read_text()
    assert f'Cafe.register("{name}"' in script and "fit:" in script


def test_nothing_of_a_kind_is_left_outside_its_package():
    root = PACKAGES.parent.parent
    assert not (root / "templates" / "activities").exists()
    assert not (root / "static" / "js" / "kinds").exists()
    assert not (root / "static" / "css" / "kinds").exists()
    for core in ("projector.js", "console.js", "cafe.js", "phone.js"):
        text = (root / "static" / "js" / core).read_text()
        for name in KINDS:
            assert f".{name}-" not in text and f'"{name}"' not in text, (core, name)


@pytest.mark.parametrize("name", KINDS)
def test_a_kinds_editor_form_and_recap_are_its_own(app, cafe_session, name):
    kind = registry.get(name)
    with app.test_request_context():
        assert kind.label() != name
    for field, info in kind.Settings.model_fields.items():
        assert info.title or field == "constraints", field  # set while a session runs
    counts = kind.recap(cafe_session.id, 1)
    assert set(counts) == set(kind.recap_rows)
    assert all(n == 0 for n in counts.values())


def test_get_loads_only_its_own_kind_in_the_askers_session(app, cafe_session,
                                                           other_facilitator):
    from cafe.sessions.services import create_session

    other = create_session(other_facilitator, "Elders", "en")
    for activity in cafe_session.activities:
        kind = registry.get(activity.kind)
        assert kind.get(cafe_session.id, activity.id) is activity
        with pytest.raises(Refusal) as refused:
            kind.get(other.id, activity.id)
        assert refused.value.code == "not_found"
        for name in KINDS:
            if name != activity.kind:
                with pytest.raises(Refusal):
                    registry.get(name).get(cafe_session.id, activity.id)
    missing = 1 + max(a.id for a in cafe_session.activities)
    assert db.session.get(Activity, missing) is None
    with pytest.raises(Refusal):
        registry.get("board").get(cafe_session.id, missing)
