"""Who may change what leaders see: the editor sign-in of the editing pages.

Two ways, both configured in `.streamlit/secrets.toml` (never committed):

- a password for a self-hosted office: `[editors] password_hash = "pbkdf2_sha256$…"`, made
  with `python -m dashboard.auth` (it asks for the password). The page derives the hash of
  what was typed with the stored salt and compares with `hmac.compare_digest`.
- an organisation's identity provider (OIDC) through Streamlit's `st.login`: an `[auth]`
  section as Streamlit documents it, plus `[editors] emails = ["name@example.org"]`; an
  editor is a signed-in user whose e-mail is in that list.

Without either, the editing pages say how to enable editing and write nothing.
The checks are plain functions of the secrets (a mapping), so they are tested without a server.
"""
from __future__ import annotations

import getpass
import hashlib
import hmac
import secrets as _random
import sys
from collections.abc import Mapping

SCHEME = "pbkdf2_sha256"
ITERATIONS = 200_000
SESSION_KEY = "auth:editor"


def hash_password(password: str, *, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    """`pbkdf2_sha256$<iterations>$<salt>$<hex digest>` of `password`."""
    salt = salt or _random.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("ascii"), iterations)
    return f"{SCHEME}${iterations}${salt}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    """Whether `password` matches the `stored` hash; constant-time comparison of the digests."""
    try:
        scheme, iterations, salt, _ = stored.split("$")
        if scheme != SCHEME:
            return False
        again = hash_password(password, salt=salt, iterations=int(iterations))
    except (ValueError, AttributeError, UnicodeError):
        return False
    return hmac.compare_digest(again.encode("ascii"), stored.encode("ascii", "replace"))


def editors_section(secrets: Mapping) -> Mapping:
    try:
        section = secrets.get("editors") or {}
    except Exception:  # noqa: BLE001 - no secrets.toml: Streamlit raises on access
        return {}
    return section if isinstance(section, Mapping) else {}


def password_configured(secrets: Mapping) -> bool:
    return isinstance(editors_section(secrets).get("password_hash"), str)


def oidc_configured(secrets: Mapping) -> bool:
    try:
        has_auth = "auth" in secrets
    except Exception:  # noqa: BLE001
        return False
    return has_auth and bool(editors_section(secrets).get("emails"))


def email_is_editor(email: str | None, secrets: Mapping) -> bool:
    allowed = {str(e).strip().lower() for e in editors_section(secrets).get("emails") or ()}
    return bool(email) and str(email).strip().lower() in allowed


# --------------------------------------------------------------------------- the page's gate


def current_editor() -> str | None:
    """The signed-in editor of this session (a name for the record), or None."""
    import streamlit as st

    name = st.session_state.get(SESSION_KEY)
    if name:
        return name
    if oidc_configured(st.secrets):
        try:
            user = st.user
            if user.is_logged_in and email_is_editor(user.get("email"), st.secrets):
                return str(user.get("email"))
        except Exception:  # noqa: BLE001 - st.user without [auth]: not signed in
            return None
    return None


def editor_gate() -> str | None:
    """The editor's name when signed in; otherwise the sign-in form (or how to enable
    editing) is shown and None returned: the caller writes nothing."""
    import streamlit as st

    from dashboard.i18n import t

    editor = current_editor()
    if editor:
        with st.sidebar:
            st.caption(t("auth.signed_in", name=editor))
            if st.button(t("auth.sign_out"), key="auth:sign_out"):
                st.session_state.pop(SESSION_KEY, None)
                if oidc_configured(st.secrets):
                    try:
                        st.logout()
                    except Exception:  # noqa: BLE001
                        pass
                st.rerun()
        return editor
    has_password, has_oidc = password_configured(st.secrets), oidc_configured(st.secrets)
    if not (has_password or has_oidc):
        st.info(t("auth.not_configured"), icon=":material/lock:")
        return None
    st.info(t("auth.needed"), icon=":material/lock:")
    if has_oidc and st.button(t("auth.login_oidc"), key="auth:oidc"):
        st.login()
    if has_password:
        with st.form("auth:form"):
            password = st.text_input(t("auth.password"), type="password", key="auth:password")
            if st.form_submit_button(t("auth.sign_in")):
                if check_password(password, editors_section(st.secrets)["password_hash"]):
                    st.session_state[SESSION_KEY] = str(editors_section(st.secrets).get("name") or "editor")
                    st.rerun()
                st.error(t("auth.wrong"), icon=":material/block:")
    return None


def main() -> int:
    """`python -m dashboard.auth`: the secrets.toml lines for an editor password."""
    password = getpass.getpass("editor password: ")
    if len(password) < 10:
        print("error: use at least 10 characters", file=sys.stderr)
        return 1
    if getpass.getpass("again: ") != password:
        print("error: the two passwords differ", file=sys.stderr)
        return 1
    print("# .streamlit/secrets.toml (keep it out of version control)")
    print("[editors]")
    print(f'password_hash = "{hash_password(password)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
