"""The neighbourhood analysis: figures from statistics CSV files, stakeholders, findings written
by hand, the facilitator's pages, exports from sessions and Delphi studies, report jobs."""

import io
import json

import pytest
from docx import Document

from cafe.activities import registry
from cafe.activities.registry import ActivityKind
from cafe.core import Refusal
from cafe.domain.figures import FigureError, decimal_comma, normalise_number, parse_figures
from cafe.extensions import db
from cafe.neighbourhoods import export, services
from cafe.neighbourhoods.models import Figure, Finding, Stakeholder
from cafe.reports import build, jobs
from cafe.sessions.models import Activity

# Figures --------------------------------------------------------------------------------------

def test_belgian_csv_with_semicolons_and_decimal_commas():
    rows = parse_figures(
        "Naam;Waarde;Eenheid;Bron;Jaar\n"
        "Inwoners;12.345;personen;Statbel;2024\n"
        "Aandeel 80-plussers;7,5;%;Statbel;2024\n"
        "Groene ruimte;1.234,5;m²;Gemeente;1/1/2023\n"
    )
    assert [r["value"] for r in rows] == ["12345", "7.5", "1234.5"]
    assert rows[0] == {"name": "Inwoners", "value": "12345", "unit": "personen",
                       "source": "Statbel", "year": 2024}
    assert rows[2]["year"] == 2023


def test_title_lines_above_the_header_and_percent_signs():
    rows = parse_figures("Buurtmonitor Gent - export 2024\n\n"
                         "Indicator;Waarde;Periode\nWerkloosheid;8,2%;2023\n")
    assert rows == [{"name": "Werkloosheid", "value": "8.2", "unit": "%", "source": "",
                     "year": 2023}]


def test_comma_files_and_semicolon_files_with_decimal_points():
    rows = parse_figures('name,value,unit\nMeeting places,three,\nIncome,"1,234.5",EUR\n')
    assert [r["value"] for r in rows] == ["three", "1234.5"]
    # Semicolons, but the values themselves show decimal points: they decide.
    rows = parse_figures("nom;valeur\nDensité;7.25\nHabitants;12.345\n")
    assert [r["value"] for r in rows] == ["7.25", "12.345"]


@pytest.mark.parametrize("text, code", [("", "empty"), ("foo;bar\n1;2\n", "no_header"),
                                        ("name;value\n;3\n", "empty_name")])
def test_bad_files_say_what_is_wrong(text, code):
    with pytest.raises(FigureError) as caught:
        parse_figures(text)
    assert caught.value.code == code


def test_numbers():
    assert normalise_number("1 234,5") == "1234.5"
    assert normalise_number("1,234.5", decimal_comma=False) == "1234.5"
    assert normalise_number("n.v.t.") == "n.v.t."
    assert decimal_comma(["12.345", "3,5"], default=False) is True
    assert decimal_comma(["12.345"], default=True) is True


# Services -------------------------------------------------------------------------------------

def test_importing_a_corrected_file_replaces_instead_of_doubling(hood):
    services.import_figures(hood, "naam;waarde;jaar\nInwoners;8.000;2024\nDichtheid;9,1;2024\n")
    services.import_figures(hood, "naam;waarde;jaar\nInwoners;8.450;2024\nInwoners;7.900;2020\n")
    figures = db.session.scalars(db.select(Figure).order_by(Figure.id)).all()
    assert [(f.name, f.value, f.year) for f in figures] == [
        ("Inwoners", "8450", 2024), ("Dichtheid", "9.1", 2024), ("Inwoners", "7900", 2020)]


def test_a_bad_file_is_refused_and_keeps_what_was_there(app, hood):
    services.import_figures(hood, "naam;waarde\nInwoners;8.000\n")
    db.session.commit()
    with pytest.raises(Refusal) as caught:
        services.import_figures(hood, "naam;waarde\nInwoners;1\n\n;2\n")
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("en"):
        assert str(caught.value.message) == "Line 4 has no name."
    with app.test_request_context(), force_locale("nl"):
        assert str(caught.value.message) == "Regel 4 heeft geen naam."
    db.session.rollback()
    assert db.session.scalar(db.select(Figure.value)) == "8000"


def test_stakeholders_and_handwritten_findings_are_checked(hood):
    services.add_stakeholder(hood, "OCMW", "lokaal bestuur", "co-decide")
    for name, level in (("", "inform"), ("Buurtwerk", "boss"), ("x" * 201, "consult")):
        with pytest.raises(Refusal):
            services.add_stakeholder(hood, name, "", level)
    assert db.session.scalar(db.select(db.func.count()).select_from(Stakeholder)) == 1
    services.add_finding(hood, "experience", "Veel  buren\nkennen elkaar", "social_networks")
    for section, text in (("experience", "   "), ("priority", "Zelf verzonnen"),
                          ("need", "x" * 2001)):
        with pytest.raises(Refusal):
            services.add_finding(hood, section, text)
    found = db.session.scalars(db.select(Finding)).all()
    assert [(f.text, f.source_kind) for f in found] == [("Veel buren kennen elkaar", "manual")]


class BrokenKind(ActivityKind):
    name = "broken"

    def results(self, activity):
        raise RuntimeError("half-built kind")


def test_a_missing_or_broken_kind_does_not_stop_the_export(hood, cafe_session, monkeypatch):
    monkeypatch.setitem(registry._kinds, "broken", BrokenKind())
    for position, kind in enumerate(("broken", "gone"), start=50):
        cafe_session.activities.append(Activity(kind=kind, title=kind, position=position))
    db.session.commit()
    candidates = export.session_candidates(cafe_session)
    assert [c["group"] for c in candidates] == ["participation"]
    assert export.export_session(hood, cafe_session, export.everything(candidates)) == 1
    assert cafe_session.neighbourhood_id == hood.id


# Pages ----------------------------------------------------------------------------------------

def test_the_facilitator_builds_an_analysis_through_the_pages(app, facilitator, client, login):
    login(client)
    created = client.post("/console/neighbourhoods/", data={"name": "Brugse Poort",
                                                             "municipality": "Gent"})
    assert created.status_code == 302
    page = created.headers["Location"]
    hood_id = int(page.rstrip("/").rsplit("/", 1)[1])
    upload = "Indicator;Waarde;Eenheid;Bron\nAlleenstaande ouderen;1.204;personen;Statbel\n" \
             "Groen per inwoner;12,5;m²;Stad Gent\n".encode("cp1252")
    response = client.post(f"{page}/figures", data={"file": (io.BytesIO(upload), "cijfers.csv")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert "2 figures imported" in response.get_data(as_text=True)
    refused = client.post(f"{page}/figures", data={"csv": "naam;waarde\n;1\n"},
                          follow_redirects=True).get_data(as_text=True)
    assert "Line 2 has no name" in refused and "Alleenstaande ouderen" in refused
    client.post(f"{page}/stakeholders", data={"name": "Wijkgezondheidscentrum",
                                              "type": "zorg", "level": "co-create"})
    client.post(f"{page}/findings", data={"section": "experience",
                                          "text": "Mensen groeten elkaar op straat."})
    html = client.get(page).get_data(as_text=True)
    for expected in ("Groen per inwoner", "12.5", "m²", "Wijkgezondheidscentrum",
                     "Mensen groeten elkaar op straat.", "written by the facilitator"):
        assert expected in html, expected
    finding = db.session.scalar(db.select(Finding))
    client.post(f"{page}/findings/{finding.id}", data={"text": "Mensen groeten elkaar."})
    db.session.expire_all()
    assert db.session.get(Finding, finding.id).text == "Mensen groeten elkaar."
    assert hood_id


def test_from_the_session_console_to_the_export(app, facilitator, cafe_session, client, login):
    login(client)
    console = client.get(f"/console/sessions/{cafe_session.id}").get_data(as_text=True)
    link = f"/console/neighbourhoods/for-session/{cafe_session.id}"
    assert link in console
    assert "Which neighbourhood" in client.get(link).get_data(as_text=True)
    chosen = client.post(link, data={"name": "Muide"})
    assert chosen.status_code == 302 and "/export/" in chosen.headers["Location"]
    db.session.expire_all()
    assert cafe_session.neighbourhood_id is not None
    # Next time the link goes straight to the export of the linked neighbourhood.
    again = client.get(link)
    assert again.status_code == 302 and again.headers["Location"] == chosen.headers["Location"]
    form = client.get(chosen.headers["Location"]).get_data(as_text=True)
    assert "Who took part" in form


def test_other_facilitators_reach_nothing(app, hood, cafe_session, other_facilitator, client,
                                         login):
    owner = login(app.test_client())
    job = owner.post(f"/console/neighbourhoods/{hood.id}/reports", data={"lang": "en"})
    job_url = job.headers["Location"]
    jobs.wait(job_url.rsplit("/", 1)[1])
    other = login(client, "bert")
    base = f"/console/neighbourhoods/{hood.id}"
    for url in (base, f"{base}/report.pdf", job_url, f"{job_url}/status.json", f"{job_url}/pdf",
                f"{base}/export/{cafe_session.id}",
                f"/console/neighbourhoods/for-session/{cafe_session.id}"):
        assert other.get(url).status_code == 404, url
    assert other.post(f"{base}/findings", data={"section": "need", "text": "x"}).status_code == 404
    assert owner.get(f"{job_url}/pdf").status_code == 200


def test_a_failing_report_says_so(app, hood, client, login, monkeypatch):
    def boom(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build, "render", boom)
    login(client)
    page = client.post(f"/console/neighbourhoods/{hood.id}/reports").headers["Location"]
    jobs.wait(page.rsplit("/", 1)[1])
    assert client.get(f"{page}/status.json").get_json()["state"] == "failed"
    assert "failed" in client.get(page).get_data(as_text=True)


def test_the_report_speaks_the_chosen_language(app, hood, client, login):
    services.add_stakeholder(hood, "OCMW", "", "consult")
    db.session.commit()
    login(client)
    for lang, heading in (("fr", "Parties prenantes"), ("nl", "Betrokkenen"),
                          ("en", "Stakeholders")):
        body = client.get(f"/console/neighbourhoods/{hood.id}/report.docx?lang={lang}").data
        headings = [p.text for p in Document(io.BytesIO(body)).paragraphs
                    if p.style.name.startswith("Heading")]
        assert any(heading in h for h in headings), (lang, headings)
    data = json.loads(client.get(f"/console/neighbourhoods/{hood.id}/report.json?lang=fr").data)
    assert data["language"] == "fr" and data["stakeholders"][0]["level"] == "consult"


# Delphi ---------------------------------------------------------------------------------------

def test_a_delphi_study_goes_into_the_analysis_once(app, facilitator, hood, client, login):
    from cafe.delphi import services as delphi

    study = delphi.create_study(facilitator, "Delphi Rabot", "nl", ["Partners"],
                                [("", "Een buurtpunt"), ("", "Autovrij plein")])
    panelists = delphi.add_panelists(study, study.panels[0].id, 4)
    delphi.open_round(study)
    for n, panelist in enumerate(panelists):
        delphi.save_answer(panelist, study, study.statements[0].id, {"desirability": 5},
                           False, "", f"test-a{n}")
        delphi.save_answer(panelist, study, study.statements[1].id,
                           {"desirability": (1, 5)[n % 2]}, False, f"reden {n}", f"test-b{n}")
    db.session.commit()
    login(client)
    url = f"/console/neighbourhoods/{hood.id}/delphi/{study.id}"
    form = client.get(url).get_data(as_text=True)
    assert "Autovrij plein" in form and panelists[0].token not in form
    candidates = export.study_candidates(study)
    data = {f"use-{c['key']}": "1" for c in candidates}
    data |= {f"text-{c['key']}": c["text"] for c in candidates}
    for _ in range(2):
        assert client.post(url, data=data).status_code == 302
    rows = db.session.scalars(db.select(Finding).order_by(Finding.position)).all()
    assert [(f.section, f.text) for f in rows if f.section != "participation"] == [
        ("consensus", "Een buurtpunt"), ("dissent", "Autovrij plein")]
    dissent = rows[-1]
    assert dissent.detail["arguments"] == [f"reden {n}" for n in range(4)]
    assert dissent.source_kind == "delphi" and dissent.study_id == study.id
    db.session.expire_all()
    assert study.neighbourhood_id == hood.id


def test_the_request_returns_while_the_report_is_still_being_built(app, hood, cafe_session,
                                                                   client, login, join, sio,
                                                                   monkeypatch):
    import threading

    release, real_render = threading.Event(), build.render

    def slow_render(*args):
        release.wait()
        return real_render(*args)

    monkeypatch.setattr(build, "render", slow_render)
    login(client)
    page = client.post(f"/console/neighbourhoods/{hood.id}/reports").headers["Location"]
    try:
        assert client.get(f"{page}/status.json").get_json()["state"] == "building"
        building = client.get(page).get_data(as_text=True)
        assert 'http-equiv="refresh"' in building
        # The live session answers meanwhile.
        phone = sio(cafe_session.code, token=join(cafe_session.code, name="Els"))
        assert phone.is_connected()
    finally:
        release.set()
    jobs.wait(page.rsplit("/", 1)[1])
    assert client.get(f"{page}/status.json").get_json()["state"] == "done"
    assert 'http-equiv="refresh"' not in client.get(page).get_data(as_text=True)
