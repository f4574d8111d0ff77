"""Checkboxes keep their natural size: the global `input { width: 100% }` rule turns a bare
checkbox into a wide empty box above its label, so each sits in a `label.choice`."""

import re

BARE = re.compile(r'<label>\s*<input type="checkbox"')


def test_library_and_agenda_checkboxes_sit_in_choice_labels(client, facilitator, login,
                                                            cafe_session):
    login(client)
    for path in ("/console/plans", f"/console/sessions/{cafe_session.id}/agenda"):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert 'type="checkbox"' in page, path
        assert not BARE.search(page), path
