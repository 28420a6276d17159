"""In-app notifications: who hears of what happens in the forum, as Discourse's PostAlerter.

For a post, each person gets at most one notification, of the most specific kind
(mention > partner mention > reply > expert question > new thread > watched post).
Nobody hears of their own doing, of a thread they muted, or of a thread they may not read
(``permissions.can_read_thread``, asked for every recipient). Recipients are found in a
fixed handful of queries, whatever their number.
"""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.roles import MODERATORS, remember_role_names

from .choices import (
    MembershipRole,
    MembershipStatus,
    ModerationAction,
    NotificationKind,
    WatchLevel,
)
from .listings import post_url
from .markdown import plain_text, shorten
from .mentions import handles_in, mentions_in
from .models import Flag, GroupMembership, Notification, Post, Thread, WorkingGroup, visible_post_q
from .permissions import can_read_thread, is_forum_moderator, visible_threads
from .signals import (
    join_accepted,
    join_requested,
    moderation_decision,
    post_edited,
    post_published,
    solution_marked,
)
from .watching import effective_levels, thread_tags, watch_own_post

Kind = NotificationKind

# Lower index wins when one post concerns a person in several ways.
PRIORITY = [
    Kind.MENTION,
    Kind.GROUP_MENTION,
    Kind.REPLY,
    Kind.EXPERT_QUESTION,
    Kind.NEW_THREAD,
    Kind.WATCHED,
]

# Moderation steps that are news to the author; pins and dismissed flags are not.
TOLD_TO_AUTHOR = {
    ModerationAction.HIDE,
    ModerationAction.RESTORE,
    ModerationAction.EDIT,
    ModerationAction.APPROVE,
    ModerationAction.LOCK,
    ModerationAction.UNLOCK,
    ModerationAction.MOVE,
    ModerationAction.SPLIT,
    ModerationAction.WARN,
    ModerationAction.SUSPEND,
    ModerationAction.UNSUSPEND,
    ModerationAction.PROMOTE,
}

NOTIFICATIONS_PER_PAGE = 30

SENTENCES = {
    Kind.REPLY: gettext_lazy("%(actor)s replied to your post in “%(thread)s”."),
    Kind.WATCHED: gettext_lazy("%(actor)s wrote in “%(thread)s”, a thread you watch."),
    Kind.NEW_THREAD: gettext_lazy("%(actor)s started the thread “%(thread)s”."),
    Kind.MENTION: gettext_lazy("%(actor)s mentioned you in “%(thread)s”."),
    Kind.GROUP_MENTION: gettext_lazy("%(actor)s mentioned your organisation in “%(thread)s”."),
    Kind.SOLUTION: gettext_lazy("%(actor)s marked your answer in “%(thread)s” as the solution."),
    Kind.EXPERT_QUESTION: gettext_lazy(
        "%(actor)s asks a question about your expertise: “%(thread)s”."
    ),
    Kind.UNANSWERED: gettext_lazy("The question “%(thread)s” is still without an answer."),
    Kind.MODERATION: gettext_lazy(
        "A moderator made a decision about your contribution in “%(thread)s”."
    ),
    Kind.JOIN_REQUEST: gettext_lazy("%(actor)s asks to join the working group “%(group)s”."),
    Kind.JOINED: gettext_lazy("You were accepted into the working group “%(group)s”."),
    Kind.FLAG: gettext_lazy("%(actor)s flagged a post in “%(thread)s” for the moderators."),
}
MODERATION_WITHOUT_THREAD = gettext_lazy(
    "A moderator made a decision about your contribution or your account."
)


# -- who may be told ---------------------------------------------------------------------


def with_permission_facts(users: list) -> list:
    """Fill in, for many users at once, the facts permissions.py memoises per user
    (moderator or not, active working groups), so that asking ``can_read_thread`` for each
    of them costs no further query. The rules themselves stay in permissions.py."""
    if not users:
        return users
    ids = [user.pk for user in users]
    remember_role_names(users)
    groups = defaultdict(list)
    for user_id, group_id in GroupMembership.objects.filter(
        user_id__in=ids, status=MembershipStatus.ACTIVE
    ).values_list("user_id", "group_id"):
        groups[user_id].append(group_id)
    for user in users:
        user._forum_group_ids = groups[user.pk]
    return users


def readers_among(user_ids, thread) -> list:
    """The active accounts among ``user_ids`` that may read ``thread``."""
    users = list(get_user_model().objects.filter(pk__in=list(user_ids), is_active=True))
    return [user for user in with_permission_facts(users) if can_read_thread(user, thread)]


def partner_members(partners):
    """Active people of the given partners who accept partner mentions (the default)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__partner__in=partners)
        .exclude(forum_settings__group_mentions=False)
    )


def experts_for(thread):
    """Active people whose expertise names one of the thread's tags (ignoring case) and who
    accept questions about it (the default)."""
    names = [name.lower() for name in thread_tags(thread).values_list("name", flat=True)]
    if not names:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(expertise_name=Lower("profile__tagged_expertise__tag__name"))
        .filter(expertise_name__in=names)
        .exclude(forum_settings__expert_questions=False)
        .distinct()
    )


def forum_moderators():
    return get_user_model().objects.filter(is_active=True, groups__name=MODERATORS)


# -- creating notifications -----------------------------------------------------------------


def _create(recipients, kind_of, *, actor=None, thread=None, post=None, note="") -> list:
    """Store one notification per recipient and mail those who want it at once."""
    from .mail import mail_immediately

    if not recipients:
        return []
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            Notification(
                recipient=recipient,
                kind=kind_of(recipient),
                actor=actor,
                thread=thread,
                post=post,
                note=note,
            )
            for recipient in recipients
        )
        transaction.on_commit(lambda: mail_immediately(created))
    return created


def notify_post(post, created_thread: bool = False) -> list:
    """Tell everyone concerned about a newly visible post; returns the notifications made."""
    if not post.is_visible:
        return []
    thread = Thread.objects.select_related("category").get(pk=post.thread_id)
    actor_id = post.author_id
    chosen: dict[int, str] = {}

    def offer(user_ids, kind):
        for user_id in user_ids:
            if user_id == actor_id:
                continue
            if user_id not in chosen or PRIORITY.index(kind) < PRIORITY.index(chosen[user_id]):
                chosen[user_id] = kind

    for user_ids, kind in _mentioned(mentions_in(post.source)):
        offer(user_ids, kind)
    if post.reply_to_id:
        offer(
            Post.objects.filter(pk=post.reply_to_id, author__isnull=False).values_list(
                "author_id", flat=True
            ),
            Kind.REPLY,
        )
    levels = effective_levels(thread)
    watching = [user_id for user_id, level in levels.items() if level == WatchLevel.WATCHING]
    if created_thread:
        offer(watching, Kind.NEW_THREAD)
        if thread.is_question:
            offer(experts_for(thread).values_list("pk", flat=True), Kind.EXPERT_QUESTION)
    else:
        offer(watching, Kind.WATCHED)
    wanted = [user_id for user_id in chosen if levels.get(user_id) != WatchLevel.MUTED]
    recipients = readers_among(wanted, thread)
    return _create(
        recipients,
        lambda recipient: chosen[recipient.pk],
        actor=post.author,
        thread=thread,
        post=post,
    )


def _mentioned(mentions) -> list[tuple[list[int], str]]:
    """(user ids, kind) for the members and the partners' members a text mentions."""
    offers = [([user.pk for user in mentions.users], Kind.MENTION)]
    if mentions.partners:
        offers.append(
            (
                list(partner_members(mentions.partners).values_list("pk", flat=True)),
                Kind.GROUP_MENTION,
            )
        )
    return offers


def notify_edit(post, previous_source: str) -> list:
    """Tell the people an edit newly mentions, as a mention in a new post would; anyone
    already told about this post, its author and those who muted the thread hear nothing."""
    if not post.is_visible:
        return []
    before = set(handles_in(previous_source))
    added = [handle for handle in handles_in(post.source) if handle not in before]
    if not added:
        return []
    thread = Thread.objects.select_related("category").get(pk=post.thread_id)
    told = set(Notification.objects.filter(post=post).values_list("recipient_id", flat=True))
    chosen: dict[int, str] = {}
    for user_ids, kind in _mentioned(mentions_in(" ".join(f"@{h}" for h in added))):
        for user_id in user_ids:
            if user_id not in told and user_id != post.author_id:
                chosen.setdefault(user_id, kind)
    levels = effective_levels(thread, chosen)
    wanted = [user_id for user_id in chosen if levels.get(user_id) != WatchLevel.MUTED]
    return _create(
        readers_among(wanted, thread),
        lambda recipient: chosen[recipient.pk],
        actor=post.author,
        thread=thread,
        post=post,
    )


def notify_solution(thread, post, by) -> list:
    """The author of the chosen answer hears of it (unless they chose it themselves)."""
    if post.author_id is None or post.author_id == getattr(by, "pk", None):
        return []
    if effective_levels(thread, [post.author_id]).get(post.author_id) == WatchLevel.MUTED:
        return []
    recipients = readers_among([post.author_id], thread)
    return _create(recipients, lambda _r: Kind.SOLUTION, actor=by, thread=thread, post=post)


def notify_moderation(action, moderator, target_user, thread=None, post=None, note="") -> list:
    """The member whose post, thread or account a moderator acted on hears of it, with the
    reason. A link to the thread is kept only while the member may still read it."""
    if target_user is None or action not in TOLD_TO_AUTHOR:
        return []
    if moderator is not None and target_user.pk == moderator.pk:
        return []
    if thread is not None and not can_read_thread(target_user, thread):
        thread = post = None
    return _create(
        [target_user],
        lambda _r: Kind.MODERATION,
        actor=moderator,
        thread=thread,
        post=post,
        note=(note or "")[:1000],
    )


def notify_join_request(membership) -> list:
    """The group's moderators hear of a request to join; without any, the forum moderators.
    The group's name travels in the note."""
    group = membership.group
    recipients = list(
        get_user_model().objects.filter(
            is_active=True,
            group_memberships__group=group,
            group_memberships__role=MembershipRole.MODERATOR,
            group_memberships__status=MembershipStatus.ACTIVE,
        )
    ) or list(forum_moderators())
    recipients = [user for user in recipients if user.pk != membership.user_id]
    return _create(recipients, lambda _r: Kind.JOIN_REQUEST, actor=membership.user, note=group.name)


def notify_joined(membership) -> list:
    """The person accepted into a working group hears of it."""
    return _create([membership.user], lambda _r: Kind.JOINED, note=membership.group.name)


def notify_flag(flag) -> list:
    """The forum moderators hear of a new flag at once, rather than on their next visit to
    the queue; the reporter is not told of their own flag."""
    post = flag.post
    recipients = [user for user in forum_moderators() if user.pk != flag.reporter_id]
    return _create(
        recipients,
        lambda _r: Kind.FLAG,
        actor=flag.reporter,
        thread=post.thread,
        post=post,
    )


# -- unanswered questions --------------------------------------------------------------------


def unanswered_questions(user):
    """Questions ``user`` may read that have no reply and no solution yet, oldest first."""
    return (
        visible_threads(user)
        .filter(is_question=True, solution__isnull=True, post_count__lte=1)
        .select_related("category", "author__profile")
        .order_by("created_at", "pk")
    )


def remind_unanswered(now=None) -> int:
    """Bring questions still without an answer after FORUM_UNANSWERED_AFTER_DAYS back to the
    experts for their tags and to the forum moderators, once; returns the threads reminded."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.FORUM_UNANSWERED_AFTER_DAYS)
    due = (
        Thread.objects.visible()
        .filter(
            is_question=True,
            solution__isnull=True,
            post_count__lte=1,
            created_at__lte=cutoff,
            reminded_at__isnull=True,
        )
        .select_related("category", "author")
    )
    moderator_ids = list(forum_moderators().values_list("pk", flat=True))
    reminded = 0
    for thread in due:
        # Claiming the thread first keeps two runs at once from reminding twice.
        if not Thread.objects.filter(pk=thread.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            continue
        reminded += 1
        expert_ids = experts_for(thread).values_list("pk", flat=True)
        candidates = {*expert_ids, *moderator_ids} - {thread.author_id}
        levels = effective_levels(thread, candidates)
        wanted = [uid for uid in candidates if levels.get(uid) != WatchLevel.MUTED]
        _create(
            readers_among(wanted, thread),
            lambda _r: Kind.UNANSWERED,
            actor=thread.author,
            thread=thread,
        )
    return reminded


# -- reading notifications -------------------------------------------------------------------


def _visible_q(user) -> Q:
    """Notifications whose thread and post the member may still see. Moderation notices stay
    visible with a hidden post: they are what tells the member it was hidden."""
    q = Q(thread__isnull=True) | Q(thread__in=visible_threads(user))
    if not is_forum_moderator(user):
        q &= Q(post__isnull=True) | Q(kind=Kind.MODERATION) | visible_post_q("post__")
    return q


def can_see(user, notification) -> bool:
    """The same rule as _visible_q, for one notification already loaded."""
    if notification.thread_id is None:
        return True
    if not can_read_thread(user, notification.thread):
        return False
    return (
        notification.post_id is None
        or notification.kind == Kind.MODERATION
        or notification.post.is_visible
        or is_forum_moderator(user)
    )


def notifications_for(user):
    """The member's notifications they may still see, newest first, ready to list."""
    return (
        Notification.objects.filter(recipient=user)
        .filter(_visible_q(user))
        .select_related("actor__profile", "thread", "post")
        .order_by("-created_at", "-pk")
    )


def unread_count(user) -> int:
    """Unread notifications, in one query (what the bell shows)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def forget_unseeable(user) -> int:
    """Mark as read what the member can no longer see (they left a group, a thread was
    hidden), so that the bell does not count what the list cannot show."""
    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .exclude(pk__in=Notification.objects.filter(recipient=user).filter(_visible_q(user)))
        .update(read_at=timezone.now())
    )


def mark_all_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def open_notification(user, pk: int):
    """Mark the member's notification read and return it; None when it is not theirs or
    its thread is out of their sight."""
    notification = notifications_for(user).filter(pk=pk).first()
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
    return notification


def target_url(notification, user) -> str:
    """Where a notification leads: a flag to the moderation queue, else its post, its thread,
    the working group, or the list."""
    if notification.kind == Kind.FLAG:
        return reverse("forum:moderation_queue")
    if notification.post_id and (notification.post.is_visible or is_forum_moderator(user)):
        return post_url(notification.post, user)
    if notification.thread_id:
        return notification.thread.get_absolute_url()
    if notification.kind in (Kind.JOIN_REQUEST, Kind.JOINED):
        group = WorkingGroup.objects.filter(name=notification.note).first()
        if group is not None:
            return group.get_absolute_url()
    return reverse("forum:notifications")


def describe(notification) -> str:
    """What happened, in one sentence in the active language."""
    kind = notification.kind
    if kind == Kind.MODERATION and not notification.thread_id:
        text = MODERATION_WITHOUT_THREAD
    else:
        text = SENTENCES[kind]
    return str(text) % {
        "actor": notification.actor.profile.name if notification.actor_id else _("Someone"),
        "thread": notification.thread.title if notification.thread_id else "",
        "group": notification.note,
    }


def excerpt(notification, length: int = 300) -> str:
    """The start of the post's text as a reader sees it, without Markdown syntax, for mails
    (never hidden text)."""
    post = notification.post
    if post is None or not post.is_visible:
        return ""
    return shorten(plain_text(post.source), length)


# -- receivers (connected in ForumConfig.ready) -----------------------------------------------


@receiver(post_published, dispatch_uid="forum.notifications.post_published")
def _post_published(sender, post, created_thread=False, **kwargs):
    notify_post(post, created_thread)
    watch_own_post(post, created_thread)


@receiver(post_edited, dispatch_uid="forum.notifications.post_edited")
def _post_edited(sender, post, previous_source="", **kwargs):
    notify_edit(post, previous_source)


@receiver(solution_marked, dispatch_uid="forum.notifications.solution_marked")
def _solution_marked(sender, thread, post, by=None, **kwargs):
    notify_solution(thread, post, by)


@receiver(moderation_decision, dispatch_uid="forum.notifications.moderation_decision")
def _moderation_decision(
    sender, action, moderator=None, target_user=None, thread=None, post=None, note="", **kwargs
):
    notify_moderation(action, moderator, target_user, thread=thread, post=post, note=note)


@receiver(post_save, sender=Flag, dispatch_uid="forum.notifications.flag_created")
def _flag_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(lambda: notify_flag(instance))


@receiver(join_requested, dispatch_uid="forum.notifications.join_requested")
def _join_requested(sender, membership, **kwargs):
    notify_join_request(membership)


@receiver(join_accepted, dispatch_uid="forum.notifications.join_accepted")
def _join_accepted(sender, membership, **kwargs):
    notify_joined(membership)
