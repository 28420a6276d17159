"""The broken-link report: a task checks the links of live pages against a local server and
the database; editors see the broken ones of their section, the editorial team all."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from kb import links
from kb.models import LinkCheck
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


class Answers(BaseHTTPRequestHandler):
    """200 for /ok, 404 for /missing, 500 for /broken; remembers the User-Agents it saw."""

    agents = []

    def answer(self):
        self.agents.append(self.headers.get("User-Agent"))
        status = {"/ok": 200, "/missing": 404, "/broken": 500}.get(self.path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = answer
    do_GET = answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Answers.agents = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def dead_address():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def linking(server, dead_address, partner="duelmen", internal=None):
    hrefs = [f"{server}/ok", f"{server}/missing", f"{server}/broken", dead_address]
    anchors = " ".join(f'<a href="{href}">Link</a>' for href in hrefs)
    if internal is not None:
        anchors += f' <a linktype="page" id="{internal.pk}">Intern</a>'
    return ArticlePageFactory(partner=partner, body=[("paragraph", f"<p>{anchors}</p>")])


@pytest.fixture
def checked(server, dead_address, library):
    gone = ArticlePageFactory(partner="duelmen", title="Zurückgezogen")
    live = ArticlePageFactory(partner="duelmen", title="Veröffentlicht")
    page = linking(server, dead_address, internal=gone)
    page.body = [
        ("paragraph", page.body[0].value.source + f'<p><a linktype="page" id="{live.pk}">x</a></p>')
    ]
    page.save_revision().publish()
    gone.unpublish()
    links.check_links()
    return page


def problems(page):
    return {
        check.url: check.problem_text
        for check in LinkCheck.objects.filter(page=page).exclude(problem="")
    }


def test_links_answering_404_or_500_are_broken(checked, server):
    found = problems(checked)
    assert found[f"{server}/missing"] == "Antwort 404"
    assert found[f"{server}/broken"] == "Antwort 500"


def test_a_server_nobody_answers_on_is_not_reachable(checked, dead_address):
    assert problems(checked)[dead_address] == "Server nicht erreichbar"


def test_a_link_to_a_page_taken_offline_is_not_published(checked):
    assert "Seite nicht veröffentlicht" in problems(checked).values()


def test_links_that_work_are_not_broken(checked, server):
    assert f"{server}/ok" not in problems(checked)
    assert len(problems(checked)) == 4


def test_the_check_names_the_site_to_the_servers_it_asks(checked):
    assert all("Wissensnetz" in agent for agent in Answers.agents)


def test_the_report_lists_the_broken_links_of_a_section_to_its_editors(
    client, checked, duelmen_editor, server
):
    client.force_login(duelmen_editor)
    response = client.get(reverse("kb_broken_links"))
    content = response.content.decode()
    assert response.status_code == 200
    assert f"{server}/missing" in content
    assert "Seite nicht veröffentlicht" in content
    assert f"{server}/ok" not in content


def test_editors_of_another_partner_do_not_see_the_sections_broken_links(client, checked):
    from tests.factories import UserFactory

    olfen_editor = UserFactory(username="otto", partner_slug="olfen", groups=["Redaktion Olfen"])
    client.force_login(olfen_editor)
    response = client.get(reverse("kb_broken_links"))
    assert response.status_code == 200
    assert not response.context["link_checks"]


def test_the_editorial_team_filters_the_report_by_partner(
    client, checked, editorial_user, server, dead_address
):
    olfen = linking(server, dead_address, partner="olfen")
    links.check_links([olfen])
    client.force_login(editorial_user)
    url = reverse("kb_broken_links")
    everything = client.get(url).context["link_checks"]
    only_olfen = client.get(url, {"partner": olfen.partner_id}).context["link_checks"]
    assert {check.page_id for check in everything} == {checked.pk, olfen.pk}
    assert {check.page_id for check in only_olfen} == {olfen.pk}


def test_no_link_is_checked_while_a_page_or_the_report_is_served(
    client, editorial_user, server, dead_address, library
):
    page = linking(server, dead_address)
    client.force_login(editorial_user)
    with mock.patch("urllib.request.urlopen", side_effect=AssertionError) as urlopen:
        client.get(page.url)
        client.get(reverse("kb_broken_links"))
    assert not urlopen.called
    assert not LinkCheck.objects.exists()


def test_the_command_checks_every_live_page(server, dead_address, library):
    page = linking(server, dead_address)
    call_command("check_links", stdout=None)
    assert problems(page)
