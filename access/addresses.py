"""Reading what people give to name an official account: its address on the platform
(`https://x.com/NorthwindSupport`, `linkedin.com/company/northwind`, `youtube.com/@handle`), an
`@handle`, a bare handle, or `platform:handle`.

Handles are kept without the @ and unique per platform, compared case-insensitively. An address
names its platform by its host (any subdomain: www., m., mobile.…) and the handle by its path
(the query string and fragment are ignored). An address on a host of no platform the model
knows may still be one of our own sites (a blog): those are matched by the account's address.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from access.models import Platform, SocialAccount
from access.models.accounts import normalize_handle
from access.services.errors import AccessError

#: The hosts of each platform (and their subdomains).
PLATFORM_HOSTS = {
    "x.com": Platform.X,
    "twitter.com": Platform.X,
    "linkedin.com": Platform.LINKEDIN,
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "instagram.com": Platform.INSTAGRAM,
    "youtube.com": Platform.YOUTUBE,
    "tiktok.com": Platform.TIKTOK,
}

#: Platforms whose accounts live on a site of their own: matched by their address.
OWN_SITE_PLATFORMS = (Platform.BLOG, Platform.OTHER)

#: First path segments that are pages of the platform, not accounts.
NOT_ACCOUNTS = {
    Platform.X: {"home", "i", "intent", "search", "hashtag", "explore", "settings", "share"},
    Platform.INSTAGRAM: {"p", "reel", "reels", "explore", "accounts", "direct", "tv"},
    Platform.FACEBOOK: {"groups", "events", "watch", "share", "sharer", "login", "photo.php"},
    Platform.YOUTUBE: {"watch", "shorts", "playlist", "results", "feed", "embed", "live"},
    Platform.TIKTOK: {"t", "tag", "discover", "explore", "music", "video", "search"},
}

#: LinkedIn names accounts in the second segment: /company/<name>, /in/<name>…
LINKEDIN_KINDS = {"company", "in", "showcase", "school"}
#: YouTube's older channel addresses: /c/<name>, /user/<name>, /channel/<id>.
YOUTUBE_KINDS = {"c", "user", "channel"}

HANDLE_RE = re.compile(r"^[\w.\-]+$")
SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
HOST_RE = re.compile(r"^[a-z0-9\-]+(\.[a-z0-9\-]+)+$", re.IGNORECASE)


class UnreadableReference(AccessError):
    """What was given names no account: an empty string, a handle with spaces, an address that
    is not an account's."""

    status = 422


class UnknownPlatformAddress(UnreadableReference):
    """An address on a host of no platform we know (and of none of our own sites)."""

    def __init__(self, message, host):
        super().__init__(message)
        self.host = host


@dataclass(frozen=True)
class AccountReference:
    handle: str  # without the @
    platform: str | None = None  # None: any platform
    address: bool = False  # given as an address


def known_platforms_label():
    seen = []
    for platform in PLATFORM_HOSTS.values():
        if platform.label not in seen:
            seen.append(platform.label)
    return ", ".join(str(label) for label in seen)


def looks_like_address(text):
    """`https://…`, `www.…`, `x.com/Name`, or a platform's host alone: an address. A handle may
    have dots (`northwind.life`), never a slash."""
    if SCHEME_RE.match(text) or text.lower().startswith("www."):
        return True
    host, slash, _rest = text.partition("/")
    if slash:
        return bool(HOST_RE.match(host))
    return platform_of_host(text.lower()) is not None


def platform_of_host(host):
    host = host.rstrip(".")
    for domain, platform in PLATFORM_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return platform
    return None


def _split_address(text):
    """(host without www., path segments, query) of an address, with or without its scheme."""
    if not SCHEME_RE.match(text):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in {"http", "https"}:
        raise UnreadableReference(
            _("'%(text)s' is not a web address: give one starting with https://.") % {"text": text}
        )
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise UnreadableReference(_("'%(text)s' has no host name.") % {"text": text})
    segments = [unquote(segment) for segment in parts.path.split("/") if segment]
    return host.removeprefix("www."), segments, parse_qs(parts.query)


def _handle_in_path(platform, segments, query):
    """The handle a platform's address names, or None when the address is not an account's."""
    if not segments:
        return None
    first = segments[0]
    if platform == Platform.LINKEDIN:
        return segments[1] if len(segments) > 1 and first.lower() in LINKEDIN_KINDS else None
    if platform == Platform.YOUTUBE and first.lower() in YOUTUBE_KINDS:
        return segments[1] if len(segments) > 1 else None
    if platform == Platform.FACEBOOK:
        if first.lower() == "profile.php":
            return (query.get("id") or [None])[0]
        if first.lower() == "pages":
            return segments[1] if len(segments) > 1 else None
    if platform == Platform.TIKTOK and not first.startswith("@"):
        return None
    if first.lower() in NOT_ACCOUNTS.get(platform, ()):
        return None
    return first


def _checked_handle(handle, given):
    handle = normalize_handle(handle)
    if not handle:
        raise UnreadableReference(
            _("Give a handle (@NorthwindSystems) or an address (https://x.com/NorthwindSystems).")
        )
    if any(character.isspace() for character in handle):
        raise UnreadableReference(
            _("'%(given)s' is not a handle: handles have no spaces.") % {"given": given}
        )
    if not HANDLE_RE.match(handle) or len(handle) > 100:
        raise UnreadableReference(
            _(
                "'%(given)s' is not a handle: handles are letters, digits, dots, dashes and "
                "underscores."
            )
            % {"given": given}
        )
    return handle


def read_reference(text):
    """An `AccountReference` from an address, an @handle, a handle or platform:handle.

    Raises `UnreadableReference` (with a message saying why) for an empty string, a handle with
    spaces, an address that names no account, and `UnknownPlatformAddress` for an address on a
    host of no platform we know."""
    text = (text or "").strip()
    if not text:
        return AccountReference(_checked_handle("", text))
    if looks_like_address(text):
        host, segments, query = _split_address(text)
        platform = platform_of_host(host)
        if platform is None:
            raise UnknownPlatformAddress(
                _(
                    "%(host)s is not one of the platforms we have official accounts on "
                    "(%(platforms)s), so this address cannot be checked: give the account's "
                    "handle, or see the list of official accounts."
                )
                % {"host": host, "platforms": known_platforms_label()},
                host=host,
            )
        handle = _handle_in_path(platform, segments, query)
        if not handle:
            raise UnreadableReference(
                _(
                    "%(text)s is an address on %(platform)s, but not of an account: give the "
                    "account's address (e.g. https://x.com/NorthwindSystems) or its handle."
                )
                % {"text": text, "platform": Platform(platform).label}
            )
        return AccountReference(_checked_handle(handle, text), platform, address=True)
    prefix, colon, rest = text.partition(":")
    if colon and prefix.strip().lower() in Platform.values:
        return AccountReference(_checked_handle(rest, text), prefix.strip().lower())
    return AccountReference(_checked_handle(text, text))


def own_site_accounts(text):
    """Accounts on a site of their own (a blog) whose address is on the host of `text` and
    whose path starts the path of `text`."""
    host, segments, _query = _split_address(text.strip())
    found = []
    for account in SocialAccount.objects.filter(
        platform__in=OWN_SITE_PLATFORMS, url__icontains=host
    ).order_by("pk"):
        try:
            account_host, account_segments, _ = _split_address(account.url)
        except UnreadableReference:
            continue
        wanted = [segment.lower() for segment in account_segments]
        if account_host == host and [s.lower() for s in segments[: len(wanted)]] == wanted:
            found.append(account)
    return found


def find_accounts(text):
    """The accounts `text` names (any status), for the public "Is this account ours?" box.

    Raises `UnreadableReference` when `text` names no account (`UnknownPlatformAddress` for an
    address on a host that is neither a platform's nor one of our sites')."""
    try:
        reference = read_reference(text)
    except UnknownPlatformAddress:
        accounts = own_site_accounts(text)
        if accounts:
            return accounts
        raise
    accounts = SocialAccount.objects.alias(handle_key=Lower("handle")).filter(
        handle_key=reference.handle.lower()
    )
    if reference.platform:
        accounts = accounts.filter(platform=reference.platform)
    return list(accounts.order_by("platform", "pk"))
