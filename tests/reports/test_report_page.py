"""The report page tells the state of every format: being built, ready to download, or failed
and why; one failing format does not take the others with it; the report can be built again."""

import pytest

from cafe.extensions import db
from cafe.neighbourhoods import services
from cafe.reports import build, jobs


@pytest.fixture
def hood(app, facilitator):
    made = services.create(facilitator, "Rabot", "Gent", "Oude arbeiderswijk.")
    db.session.commit()
    return made


def test_a_failing_format_says_why_and_the_others_are_offered(app, hood, client, login,
                                                              monkeypatch):
    real_render = build.render

    def pdf_fails(fmt, *args):
        if fmt == "pdf":
            raise ValueError("Bankjes in het park")  # a participant's words: never shown
        return real_render(fmt, *args)

    monkeypatch.setattr(build, "render", pdf_fails)
    login(client)
    page = client.post(f"/console/neighbourhoods/{hood.id}/reports",
                       data={"lang": "nl"}).headers["Location"]
    jobs.wait(page.rsplit("/", 1)[1])

    found = client.get(f"{page}/status.json").get_json()
    assert found["state"] == "failed"
    assert found["formats"]["pdf"] == "failed" and found["formats"]["docx"] == "ready"
    assert "ValueError" in found["errors"]["pdf"] and "Bankjes" not in found["errors"]["pdf"]
    assert "docx" in found["files"] and "pdf" not in found["files"]

    html = client.get(page, headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert f'href="{page}/docx"' in html and f'href="{page}/pdf"' not in html
    assert 'data-format="pdf" data-state="failed"' in html
    assert "Bankjes" not in html
    assert 'http-equiv="refresh"' not in html
    assert client.get(f"{page}/docx").status_code == 200

    monkeypatch.setattr(build, "render", real_render)
    again = client.post(f"/console/neighbourhoods/{hood.id}/reports", data={"lang": "nl"})
    second = again.headers["Location"]
    assert second != page
    jobs.wait(second.rsplit("/", 1)[1])
    done = client.get(f"{second}/status.json").get_json()
    assert done["state"] == "done" and set(done["formats"].values()) == {"ready"}
    html = client.get(second).get_data(as_text=True)
    assert f'href="{second}/pdf"' in html and "Build the report again" in html


def test_while_building_each_format_says_so(app, hood, client, login, monkeypatch):
    import threading

    release, real_render = threading.Event(), build.render

    def slow(*args):
        release.wait()
        return real_render(*args)

    monkeypatch.setattr(build, "render", slow)
    login(client)
    page = client.post(f"/console/neighbourhoods/{hood.id}/reports").headers["Location"]
    try:
        html = client.get(page).get_data(as_text=True)
        assert 'data-format="docx" data-state="building"' in html
        assert "Build the report again" not in html  # not while it is being built
    finally:
        release.set()
    jobs.wait(page.rsplit("/", 1)[1])


def test_an_arabic_report_reads_right_to_left(app, hood, client, login):
    import io

    from docx import Document
    from pypdf import PdfReader

    services.add_stakeholder(hood, "OCMW", "", "consult")
    db.session.commit()
    login(client)
    assert "العربية" in client.get(f"/console/neighbourhoods/{hood.id}").get_data(as_text=True)
    body = client.get(f"/console/neighbourhoods/{hood.id}/report.pdf?lang=ar").data
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    for heading in ("تحليل الحي", "السياق والأرقام", "الأطراف المعنية", "استشارة"):
        assert heading in text, heading  # translated, shaped, and in reading order
    assert "Stakeholders" not in text
    document = Document(io.BytesIO(
        client.get(f"/console/neighbourhoods/{hood.id}/report.docx?lang=ar").data))
    heading = next(p for p in document.paragraphs if "الأطراف المعنية" in p.text)
    assert heading._p.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None


def test_an_interrupted_job_shows_every_unfinished_format_as_failed_and_why(app, hood, client,
                                                                            login):
    from cafe import create_app
    from tests.support.report import gone_pid, left_building

    job_id = left_building(app, hood, gone_pid())
    create_app({**app.config, "TESTING": True})  # the restart
    login(client)
    page = f"/console/neighbourhoods/{hood.id}/reports/{job_id}"
    found = client.get(f"{page}/status.json").get_json()
    assert found["formats"] == {"docx": "failed", "json": "failed"}
    assert "interrupted" in found["errors"]["docx"]
    html = client.get(page).get_data(as_text=True)
    assert 'data-format="docx" data-state="failed"' in html and "Being built" not in html
