"""Two saves of one edit form racing each other: an autosave beside a manual save, or beside a
workflow action, must neither store the same attachment twice nor end in a 500."""

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import GroupApprovalTask, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kb.models import ArticlePage
from tests.factories import ArticlePageFactory, partner_page

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}
REQUEST_CHANGES = {"action-workflow-action": "true", "workflow-action-name": "reject"}


def edit_form_data(page, attachments=(), **extra):
    """What the admin's edit form of an article posts; ``attachments`` as (id, document)."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield([("paragraph", rich_text("<p>Text des Beitrags.</p>"))]),
            "starting_point": rich_text(""),
            "solution": rich_text(""),
            "costs": rich_text(""),
            "data_protection": rich_text(""),
            "lessons_learned": rich_text(""),
            "review_interval": "12",
            "attachments": inline_formset(
                [{"id": pk or "", "document": document.pk} for pk, document in attachments],
                initial=sum(1 for pk, _document in attachments if pk),
            ),
            "related_pages": inline_formset([]),
        }
    )
    data["topics"] = [topic.pk for topic in page.topics.all()]
    data.update(extra)
    return data


def submitted_for_review(page, editor):
    page.save_revision(user=editor)
    return page.get_workflow().start(page, editor)


def checklist(title="Checkliste"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="checkliste.pdf")
    )


def draft_article(mobility):
    article = ArticlePage(title="Entwurf", slug="entwurf", summary="Ein Entwurf.", live=False)
    partner_page("duelmen").add_child(instance=article)
    article.topics.set([mobility])
    return article


@pytest.fixture
def reviewed_article(duelmen_editor, mobility):
    article = ArticlePageFactory(partner="duelmen", topics=[mobility])
    submitted_for_review(article, duelmen_editor)
    return article


def reject_meanwhile(task_state, reviewer):
    """The reviewer's own submission of "request changes", finishing while another request
    is between Wagtail's check that the task is open and its acting on it."""
    original = GroupApprovalTask.get_actions

    def get_actions(task, page, user):
        actions = original(task, page, user)
        current = TaskState.objects.get(pk=task_state.pk)
        if current.status == TaskState.STATUS_IN_PROGRESS:
            task.on_action(current, reviewer, "reject")
        return actions

    return mock.patch.object(GroupApprovalTask, "get_actions", get_actions)


def test_an_autosave_beside_request_changes_saves_the_draft_without_an_error(
    client, editorial_user, reviewed_article
):
    task_state = reviewed_article.current_workflow_task_state
    client.force_login(editorial_user)
    url = reverse("wagtailadmin_pages:edit", args=[reviewed_article.pk])
    with reject_meanwhile(task_state, editorial_user):
        response = client.post(url, edit_form_data(reviewed_article, **REQUEST_CHANGES), **AUTOSAVE)
    assert response.status_code == 200
    assert response.json()["success"] is True


def test_an_autosave_leaves_the_workflow_action_to_the_reviewers_submission(
    client, editorial_user, reviewed_article
):
    client.force_login(editorial_user)
    url = reverse("wagtailadmin_pages:edit", args=[reviewed_article.pk])
    client.post(url, edit_form_data(reviewed_article, **REQUEST_CHANGES), **AUTOSAVE)
    state = reviewed_article.current_workflow_task_state
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_the_reviewers_submission_of_request_changes_still_closes_the_task(
    client, editorial_user, reviewed_article
):
    task_state = reviewed_article.current_workflow_task_state
    client.force_login(editorial_user)
    url = reverse("wagtailadmin_pages:edit", args=[reviewed_article.pk])
    response = client.post(url, edit_form_data(reviewed_article, **REQUEST_CHANGES))
    task_state.refresh_from_db()
    assert response.status_code == 302
    assert task_state.status == TaskState.STATUS_REJECTED


def test_a_save_racing_the_autosave_stores_a_new_attachment_once(client, duelmen_editor, mobility):
    article = draft_article(mobility)
    document = checklist()
    client.force_login(duelmen_editor)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = edit_form_data(article, attachments=[(None, document)])
    client.post(url, data, **AUTOSAVE)
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(article.attachments.values_list("document", flat=True)) == [document.pk]


def test_the_same_document_twice_in_one_form_is_refused_with_a_message(
    client, duelmen_editor, mobility
):
    article = draft_article(mobility)
    document = checklist()
    client.force_login(duelmen_editor)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = edit_form_data(article, attachments=[(None, document), (None, document)])
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].formsets["attachments"].non_form_errors()
    assert not article.attachments.exists()
