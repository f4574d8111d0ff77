"""Canvas templates are data: both shipped ones load; a broken file is named with its line."""

import pytest

from cafe.activities.canvas import templates
from cafe.activities.canvas.templates import TemplateError, load_template

GOOD = """
[name]
en = "Mini"

[[field]]
key = "wishes"
label = { nl = "Wensen", fr = "Souhaits", en = "Wishes" }
"""


def test_theory_of_change_has_the_fields_of_the_method():
    toc = templates.get("theory-of-change")
    assert toc.field_keys == (
        "long_term_change", "outcomes", "activities", "target_group", "actors_resources",
        "assumptions", "context", "indicators",
    )
    assert toc.configurations == ()
    assert toc.priorities_field == "long_term_change"
    assert toc.field("activities")["label"]["en"] == "Activities"
    assert "how will we know" in toc.field("indicators")["label"]["en"]


def test_icamo_has_five_fields_and_configurations_side_by_side():
    icamo = templates.get("icamo")
    assert icamo.field_keys == ("intervention", "context", "actors", "mechanisms", "outcomes")
    assert icamo.configuration_keys == ("community", "institution", "hybrid")
    assert icamo.priorities_field == "outcomes"


@pytest.mark.parametrize("key", ["theory-of-change", "icamo"])
def test_every_label_and_help_is_in_dutch_french_and_english(key):
    template = templates.get(key)
    for box in (*template.fields, *template.configurations):
        for part in ("label", "help"):
            assert set(box[part]) >= {"nl", "fr", "en"}, (key, box["key"], part)
            assert all(box[part].values()), (key, box["key"], part)
    assert set(template.name) >= {"nl", "fr", "en"}


def test_a_facilitator_adds_a_template_by_adding_a_file(tmp_path):
    (tmp_path / "wishes.toml").write_text(GOOD, encoding="utf-8")
    assert list(templates.available(tmp_path)) == ["wishes"]
    made = templates.get("wishes", tmp_path)
    assert made.key == "wishes" and made.field("wishes")["label"]["fr"] == "Souhaits"


def test_a_toml_syntax_error_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[name]\nen = "Broken"\n\n[[field]]\nkey = "a"\nlabel = { en = "A" \n',
                    encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    message = str(caught.value)
    assert str(path) in message
    assert "line 6" in message


def test_a_missing_label_names_the_file_and_the_field(tmp_path):
    path = tmp_path / "nolabel.toml"
    path.write_text('[name]\nen = "X"\n\n[[field]]\nkey = "a"\nlabel = { en = "A" }\n\n'
                    '[[field]]\nkey = "b"\n', encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert str(path) in str(caught.value)
    assert "field[1].label" in str(caught.value)


@pytest.mark.parametrize("body, words", [
    ('[name]\nen = "X"\n[[field]]\nkey = "a"\nlabel = {en = "A"}\n[[field]]\nkey = "a"\n'
     'label = {en = "B"}\n', "used twice"),
    ('[name]\nen = "X"\npriorities_field = "nope"\n[[field]]\nkey = "a"\nlabel = {en = "A"}\n',
     "priorities_field"),
    ('[name]\nen = "X"\n[[field]]\nkey = "Has Spaces"\nlabel = {en = "A"}\n', "field[0].key"),
    ('[name]\nen = ""\n[[field]]\nkey = "a"\nlabel = {en = "A"}\n', "name"),
    ('[name]\nen = "X"\nfield = []\n', "field"),
])
def test_invalid_templates_are_refused_with_the_field_named(tmp_path, body, words):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert str(path) in str(caught.value) and words in str(caught.value)


def test_a_plan_naming_an_unknown_template_is_refused(app):
    from cafe.activities import registry

    with pytest.raises(ValueError, match="unknown canvas template 'nope'"):
        registry.get("canvas").validate_settings({"template": "nope"})


def test_a_plan_with_groups_scope_must_name_the_groups(app):
    from cafe.activities import registry

    with pytest.raises(ValueError, match="groups"):
        registry.get("canvas").validate_settings({"scope": "groups"})


def test_the_dutch_plan_loads_with_both_templates(app):
    from cafe.activities import registry
    from cafe.sessions.plans import available_plans, load_plan

    plan = load_plan(available_plans()["veranderingstheorie"], registry.all_kinds())
    canvases = [a for a in plan.activities if a.kind == "canvas"]
    assert [registry.get("canvas").validate_settings(a.settings)["template"]
            for a in canvases] == ["theory-of-change", "icamo"]
