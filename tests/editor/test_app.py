"""The editor's pages and requests, driven in-process: the list of briefings, the form,
findings as the author types, the pictures, saving and building."""

import html
import re

from conftest import form_of, post, with_field
from helpers import ROOT


def test_home_lists_the_briefings_by_title_with_their_state(client, project):
    (project / "briefings" / "broken.yaml").write_text("title: Broken\nbackground: BD1 1HX\n")
    page = client.get("/")
    assert page.status_code == 200
    assert '<a href="/b/emily">Learning from Practice Review – “EMILY”</a>' in page.text
    assert '<a href="/b/broken">Broken</a>' in page.text  # found, though not valid
    row = page.text[page.text.index("/b/emily"):]
    assert re.search(r"<td[^>]*>7-minute briefing</td>\s*<td[^>]*>4 min</td>\s*<td[^>]*>0</td>\s*"
                     r"<td[^>]*>0</td>\s*<td[^>]*>not built</td>", row)
    assert '<button type="submit">New briefing</button>' in page.text


def test_the_editor_has_a_labelled_field_for_every_part_with_its_guidance(client):
    page = client.get("/b/emily").text
    for label in ("Title", "Label", "Kind of briefing", "Partnership", "Subject"):
        assert re.search(rf'<label for="f-\w+">{label}</label>', page), label
    assert '<label for="f-background-text">Background</label>' in page
    assert '<legend><h3 class="panel-title">What were the concerns?</h3></legend>' in page
    assert '<label class="item-label" for="f-concerns-item-0">Concern <span data-n>1</span>' \
        in page
    assert 'for="f-resources-url-0">Address of resource' in page
    assert "Panel 1: who the child or adult was and what happened" in page  # the guidance
    assert re.search(r'id="f-background-meter"><span data-words>\d+ words</span> · '
                     r'<span data-fill>fills \d+% of its box', page)
    assert 'alt="Page 1 preview"' in page and 'alt="Page 2 preview"' in page
    assert "Printed at text size 9 pt." in page
    for verb in ("Move up", "Move down", "Remove"):
        assert f">{verb}<span class=\"vh\"> concern <span data-n>2</span>" in page
    assert 'value="add:concerns"' in page


def check(client, fields):
    answer = post(client, "/b/emily/check", fields)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_postcode_typed_into_background_is_found_there_and_goes_when_removed(client):
    fields = form_of(client.get("/b/emily").text)
    background = dict(fields)["background.text"]
    found = check(client, with_field(fields, "background.text", background + " BD1 1HX."))
    [postcode] = [f for f in found["findings"] if f["code"] == "postcode"]
    assert postcode["group"] == "f-background"
    assert "'BD1 1HX'" in postcode["message"] and postcode["severity"] == "error"
    assert found["errors"] == 1 and found["pages"] == 2 and found["text_size"] == 9
    assert check(client, fields)["findings"] == []


def test_a_finding_in_a_point_names_the_row_it_came_from(client):
    fields = form_of(client.get("/b/emily").text)
    fields = with_field(fields, "concerns.item", "", 0)  # an empty row is left out
    fields = with_field(fields, "concerns.item", "Call 01274 123456 first.", 2)
    [phone] = [f for f in check(client, fields)["findings"] if f["code"] == "phone-number"]
    assert (phone["group"], phone["control"]) == ("f-concerns", "f-concerns-item-2")


def test_an_overflowing_panel_is_marked_with_the_words_to_cut(client):
    fields = form_of(client.get("/b/emily").text)
    long = " ".join(["The family moved home again and the records did not follow."] * 40)
    found = check(client, with_field(fields, "background.text", long))
    [overflow] = [f for f in found["findings"] if f["code"] == "panel-overflow"]
    assert overflow["group"] == "f-background"
    assert re.search(r"cut at least \d+ words", overflow["message"])
    [mark] = found["marks"]
    assert mark["message"] == overflow["message"] and mark["group"] == "f-background"
    assert 0 < mark["x"] < 10 and mark["width"] < 40  # panel 1, top left
    assert found["text_size"] is None and found["pages"] >= 1 and found["fill"]["f-background"] > 100
    picture = client.get(f"/b/emily/preview/{found['key']}/1.png")
    assert picture.status_code == 200 and picture.content.startswith(b"\x89PNG")


def test_save_writes_only_what_changed_and_keeps_the_comments(client, project):
    path = project / "briefings" / "emily.yaml"
    before = path.read_text("utf-8")
    page = client.get("/b/emily").text
    fields = with_field(form_of(page), "questions.item", "What does the child say?", 0)
    answer = post(client, "/b/emily/save", fields, accept="application/json")
    assert answer.status_code == 200 and answer.json()["saved"]
    after = path.read_text("utf-8")
    assert after == before.replace("What is the day to day life of the child like?",
                                   "What does the child say?")
    assert [p.name for p in path.parent.iterdir()] == ["emily.yaml"]  # no temporary file


def test_save_refuses_when_the_file_changed_on_disk_and_shows_both(client, project):
    path = project / "briefings" / "emily.yaml"
    fields = with_field(form_of(client.get("/b/emily").text), "subject", "EMILY B")
    path.write_text(path.read_text("utf-8").replace("EMILY", "EMILIA"), encoding="utf-8")
    theirs = path.read_text("utf-8")
    answer = post(client, "/b/emily/save", fields, accept="application/json")
    assert answer.status_code == 409
    assert answer.json()["theirs"] == theirs and "subject: EMILY B" in answer.json()["yours"]
    assert path.read_text("utf-8") == theirs
    page = post(client, "/b/emily/save", fields)  # without JavaScript
    assert page.status_code == 409 and path.read_text("utf-8") == theirs
    assert re.search(r'role="alert" id="conflict-alert">Not saved: emily.yaml was changed',
                     page.text)
    assert "subject: EMILIA" in page.text and "subject: EMILY B" in page.text


def test_a_draft_with_errors_saves_but_does_not_build(client, project):
    fields = with_field(form_of(client.get("/b/emily").text), "title", "")
    saved = post(client, "/b/emily/save", fields)
    assert saved.status_code == 303 and 'title: ""' in \
        (project / "briefings" / "emily.yaml").read_text("utf-8")
    built = post(client, "/b/emily/build?what=pdf", form_of(client.get("/b/emily").text))
    assert built.status_code == 422 and "Saved, but not built" in built.text
    assert not (project / "build" / "emily.pdf").exists()


def test_build_sends_the_pdf_and_the_web_page_as_build_writes_them(client, project):
    fields = form_of(client.get("/b/emily").text)
    pdf = post(client, "/b/emily/build?what=pdf", fields)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="emily.pdf"'
    assert (project / "build" / "emily.pdf").read_bytes() == pdf.content
    assert ">built</td>" in client.get("/").text
    page = post(client, "/b/emily/build?what=html", fields)
    assert page.status_code == 200 and "<h1" in page.text and "text/html" in \
        page.headers["content-type"]


def test_points_are_added_moved_and_removed_without_javascript(client):
    fields = form_of(client.get("/b/emily").text)
    added = post(client, "/b/emily/form", [*fields, ("action", "add:questions")]).text
    assert 'id="f-questions-item-7" aria-describedby="f-questions-findings" autofocus>' in added
    moved = post(client, "/b/emily/form", [*fields, ("action", "up:concerns:1")]).text
    first = re.search(r'id="f-concerns-item-0"[^>]*>([^<]*)<', moved).group(1)
    assert first.startswith("There were concerns about correct agencies")
    removed = post(client, "/b/emily/form", [*fields, ("action", "remove:concerns:0")])
    assert "There were multiple reports" not in removed.text
    assert 'id="f-concerns-add"' in removed.text


def test_a_new_briefing_starts_from_the_guidance(client, project):
    answer = post(client, "/new", [("name", "alex"), ("kind", "topic")])
    assert answer.status_code == 303 and answer.headers["location"] == "/b/alex"
    text = (project / "briefings" / "alex.yaml").read_text("utf-8")
    assert "kind: topic" in text and "✎" in text
    page = client.get("/b/alex").text
    assert "Started a new briefing" in page and "still holds the guidance text" in page
    assert post(client, "/new", [("name", "alex")]).status_code == 400
    refused = post(client, "/new", [("name", "../escape")])
    assert refused.status_code == 400 and "cannot be a briefing" in refused.text
    assert not (project / "escape.yaml").exists()


def test_the_file_on_disk_is_the_one_the_editor_checks(client, project):
    (project / "briefings" / "emily.yaml").write_text(
        (ROOT / "briefings" / "emily.yaml").read_text("utf-8").replace(
            "Emily was the sixth", "Emily (BD1 1HX) was the sixth"), encoding="utf-8")
    page = html.unescape(client.get("/b/emily").text)
    assert re.search(r'id="f-background-findings" role="status"><ul><li class="error">'
                     r'<span class="severity">Error:</span> [^<]*\'BD1 1HX\'', page)
    assert 'id="f-background-text" aria-describedby="f-background-guidance f-background-meter' \
        ' f-background-findings" aria-invalid="true"' in page


def test_a_file_yaml_cannot_read_is_shown_with_its_problem_not_lost(client, project):
    path = project / "briefings" / "broken.yaml"
    path.write_text("title: [unclosed\nbackground: x\n", encoding="utf-8")
    page = client.get("/b/broken")
    assert page.status_code == 200
    assert "cannot show broken.yaml as a form" in page.text
    assert "[yaml-syntax]" in page.text and "title: [unclosed" in page.text
    assert '<form id="editor"' not in page.text
    assert path.read_text("utf-8") == "title: [unclosed\nbackground: x\n"
