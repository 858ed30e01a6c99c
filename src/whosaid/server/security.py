"""Who may write, and protection of the browser's forms.

Writes need the server's token: API clients send ``Authorization: Bearer TOKEN``; people sign
in once on ``/login`` with the token and their name, and get a signed cookie. Forms carry a
CSRF token that must equal the ``whosaid_csrf`` cookie (double submit; both are
``SameSite=Strict``), and a POST whose ``Origin`` names another site is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from fastapi import Request

from ..errors import WhosaidError

AUTH_COOKIE = "whosaid_auth"
CSRF_COOKIE = "whosaid_csrf"
CSRF_FIELD = "csrf_token"
USER_HEADER = "X-Whosaid-User"
MAX_ACTOR = 80
_PRINTABLE = re.compile(r"[^\w .@'’-]+", re.UNICODE)


class AuthError(WhosaidError):
    """A write without the right token (401), or writes are off (403)."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


class CsrfError(WhosaidError):
    """A form post that did not come from one of this server's pages (403)."""


def clean_actor(name: str | None) -> str:
    """A person's name as the audit keeps it: printable, one line, at most 80 characters."""
    cleaned = " ".join(_PRINTABLE.sub(" ", name or "").split())[:MAX_ACTOR]
    return cleaned


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


class Guard:
    """Checks tokens, signs sign-in cookies and checks CSRF tokens for one server."""

    def __init__(self, token: str | None) -> None:
        self.token = token or None
        # Cookies are signed with a key derived from the token: changing the token signs
        # everyone out.
        self._key = hashlib.sha256(b"whosaid-cookie\x1f" + (token or "").encode()).digest()

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None

    def _require_enabled(self) -> str:
        if self.token is None:
            raise AuthError(
                "writes are disabled: start the server with --token or WHOSAID_TOKEN", 403
            )
        return self.token

    def check_token(self, given: str | None) -> None:
        token = self._require_enabled()
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise AuthError("a valid token is required for this request")

    def api_actor(self, request: Request) -> str:
        """The audit's "who" of an API write; raises AuthError without the bearer token."""
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        self.check_token(given.strip() if scheme.lower() == "bearer" else None)
        name = clean_actor(request.headers.get(USER_HEADER)) or "api"
        return f"{name} ({_client(request)})"

    # -- the browser ----------------------------------------------------------------------

    def _sign(self, value: str) -> str:
        return hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()

    def auth_cookie(self, name: str) -> str:
        encoded = base64.urlsafe_b64encode(name.encode()).decode().rstrip("=")
        return f"{encoded}.{self._sign('auth:' + name)}"

    def signed_in(self, request: Request) -> str | None:
        """The name of the person signed in on this browser, or None."""
        if self.token is None:
            return None
        value = request.cookies.get(AUTH_COOKIE, "")
        encoded, _, signature = value.partition(".")
        try:
            name = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
        except (ValueError, UnicodeDecodeError):
            return None
        if not signature or not hmac.compare_digest(signature, self._sign("auth:" + name)):
            return None
        return name

    def page_actor(self, request: Request) -> str:
        """The audit's "who" of a write from a page; raises AuthError when not signed in."""
        self._require_enabled()
        name = self.signed_in(request)
        if name is None:
            raise AuthError("sign in with the server's token to make corrections")
        return f"{name} ({_client(request)})"

    @staticmethod
    def csrf_value(request: Request) -> str:
        """The browser's CSRF token (from its cookie), or a new one for the page to set."""
        existing = request.cookies.get(CSRF_COOKIE, "")
        if re.fullmatch(r"[0-9a-f]{64}", existing):
            return existing
        cached: str | None = getattr(request.state, "new_csrf", None)
        if cached is None:
            cached = secrets.token_hex(32)
            request.state.new_csrf = cached
        return cached

    @staticmethod
    def check_csrf(request: Request, submitted: str | None) -> None:
        """Refuse a form post whose CSRF field does not match its cookie, or that comes from
        another origin."""
        origin = request.headers.get("origin")
        if origin and origin != "null":
            expected = f"{request.url.scheme}://{request.url.netloc}"
            if origin.rstrip("/") != expected:
                raise CsrfError("cross-site form posts are refused")
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
            raise CsrfError(
                "the form's security token is missing or stale: reload the page and try again"
            )
