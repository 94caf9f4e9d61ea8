"""The versioned policy: each version is kept, and a new one asks everyone to accept again."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from courses import signals
from courses.models import PolicyAcceptance, PolicyPage, PolicyVersion
from courses.services import (
    PolicyOutdated,
    accept_policy,
    current_policy_version,
    has_accepted_current_policy,
    record_published_version,
)
from tests.factories import UserFactory, admin_form_data, make_policy, publish_policy_change


@pytest.fixture
def policy(db):
    return make_policy(body="<p>Disclose that you work here.</p>")


def test_first_publication_is_version_one(policy):
    version = current_policy_version()
    assert (version.number, version.policy_id) == (1, policy.pk)
    assert version.body == "<p>Disclose that you work here.</p>"
    assert version.attestation_text == "I have read and accept version 1 of this policy."


def test_a_change_needing_reacceptance_makes_the_next_version(policy):
    user = UserFactory()
    accept_policy(user, policy)
    assert has_accepted_current_policy(user)
    publish_policy_change(policy, "<p>Disclose, and never share customer data.</p>")
    assert current_policy_version().number == 2
    assert not has_accepted_current_policy(user)
    accept_policy(user, policy)
    assert has_accepted_current_policy(user)
    kept = PolicyAcceptance.objects.filter(user=user).order_by("version__number")
    assert [a.version.number for a in kept] == [1, 2]
    texts = dict(PolicyVersion.objects.values_list("number", "body"))
    assert texts == {
        1: "<p>Disclose that you work here.</p>",
        2: "<p>Disclose, and never share customer data.</p>",
    }


def test_a_typo_fix_keeps_the_version(policy):
    user = UserFactory()
    accept_policy(user, policy)
    publish_policy_change(
        policy, "<p>Disclose that you work here!</p>", requires_reacceptance=False
    )
    assert PolicyVersion.objects.count() == 1 and has_accepted_current_policy(user)


def test_publishing_the_same_revision_again_makes_no_version(policy):
    policy = publish_policy_change(policy, "<p>v2</p>")
    assert record_published_version(policy, revision=policy.live_revision) is None
    assert PolicyVersion.objects.count() == 2


def test_accepting_is_recorded_once_and_announced(policy):
    user = UserFactory()
    heard = []

    def listener(sender, user, policy, version, **kwargs):
        heard.append((user, policy.pk, version.number))

    signals.policy_accepted.connect(listener)
    try:
        _first, created = accept_policy(user, policy)
        _again, created_again = accept_policy(user, policy)
    finally:
        signals.policy_accepted.disconnect(listener)
    assert created and not created_again
    assert heard == [(user, policy.pk, 1)]
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyAcceptance.objects.create(user=user, version=current_policy_version())


def test_an_outdated_version_cannot_be_accepted(policy):
    publish_policy_change(policy, "<p>v2</p>")
    with pytest.raises(PolicyOutdated, match="accept version 2"):
        accept_policy(UserFactory(), policy, number=1)
    assert not PolicyAcceptance.objects.exists()


def test_no_published_policy_means_nothing_accepted(db):
    assert current_policy_version() is None
    assert not has_accepted_current_policy(UserFactory())


def test_accepting_on_the_policy_page(client_for, policy):
    user = UserFactory()
    browser = client_for(user)
    page = browser.get(policy.url).content.decode()
    assert "<legend>Accept version 1</legend>" in page
    assert 'for="policy-confirm">I have read and accept version 1 of this policy.' in page
    browser.post(policy.url, {"version": "1"})  # box not ticked
    assert not PolicyAcceptance.objects.exists()
    browser.post(policy.url, {"version": "1", "confirm": "yes"})
    assert has_accepted_current_policy(user)
    publish_policy_change(policy, "<p>v2</p>")
    page = browser.get(policy.url).content.decode()
    assert "You accepted version 1; version 2 asks everyone" in page
    response = browser.post(policy.url, {"version": "1", "confirm": "yes"}, follow=True)
    assert "read and accept version 2" in response.content.decode()
    assert not has_accepted_current_policy(user)


def test_editor_ticks_reacceptance_afresh_for_every_change(client, admin_user, policy):
    client.force_login(admin_user)
    edit = reverse("wagtailadmin_pages:edit", args=[policy.pk])
    data = admin_form_data(client, policy)
    assert "requires_reacceptance" not in data
    data.setlist(
        "body",
        [
            '{"blocks":[{"key":"a","type":"unstyled","text":"Rewritten.",'
            '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
        ],
    )
    data["requires_reacceptance"] = "on"
    data["action-publish"] = "action-publish"
    assert client.post(edit, data).status_code == 302
    assert current_policy_version().number == 2
    assert "Rewritten." in current_policy_version().body
    form = client.get(edit).context["form"]
    assert form.initial["requires_reacceptance"] is False
    assert PolicyPage.objects.get(pk=policy.pk).live
