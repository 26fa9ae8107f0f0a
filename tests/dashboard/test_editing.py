"""Who may edit: the editor sign-in (password hash in secrets, checked with
hmac.compare_digest), the Add page without credentials, and a damaged warehouse on every page."""
from __future__ import annotations

import hmac
import os
import tomllib

import pytest

from dashboard import auth
from dashboard.pages import PAGES
from etl import paths
from helpers import ROOT, open_page, texts

PASSWORD = "correct horse battery staple"


def test_a_password_hash_round_trips_and_a_wrong_or_malformed_one_fails():
    stored = auth.hash_password(PASSWORD)
    assert stored.startswith("pbkdf2_sha256$") and PASSWORD not in stored
    assert auth.check_password(PASSWORD, stored)
    assert not auth.check_password(PASSWORD + " ", stored)
    assert not auth.check_password(PASSWORD, "plain-text-password")
    assert not auth.check_password(PASSWORD, "md5$1$salt$abc")
    assert auth.hash_password(PASSWORD) != stored                       # a new salt each time


def test_the_digests_are_compared_with_hmac_compare_digest(monkeypatch):
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert auth.check_password(PASSWORD, auth.hash_password(PASSWORD))
    assert len(calls) == 1


def test_what_counts_as_configured():
    assert not auth.password_configured({}) and not auth.oidc_configured({})
    assert auth.password_configured({"editors": {"password_hash": auth.hash_password(PASSWORD)}})
    oidc = {"auth": {"redirect_uri": "x"}, "editors": {"emails": ["Wang@Example.org"]}}
    assert auth.oidc_configured(oidc) and not auth.oidc_configured({"auth": {}})
    assert auth.email_is_editor("wang@example.org", oidc) and not auth.email_is_editor("li@example.org", oidc)


def test_the_shipped_config_binds_localhost_and_hides_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"
    assert not (ROOT / ".streamlit" / "secrets.toml").exists() or "secrets.toml" in (ROOT / ".gitignore").read_text()


@pytest.fixture
def untouched(dash_env):
    """The data folder's files (which a write would change), before and after the test."""
    before = {p: p.stat().st_mtime_ns for p in paths.DATA.rglob("*") if p.is_file()}
    yield
    assert {p: p.stat().st_mtime_ns for p in paths.DATA.rglob("*") if p.is_file()} == before


def test_without_credentials_the_add_page_says_how_to_enable_editing_and_offers_no_upload(untouched):
    at = open_page("add_report")
    assert not at.exception
    assert not at.file_uploader and not at.button
    [info] = at.info
    assert "编辑功能未启用" in info.value and "python -m dashboard.auth" in info.value and "secrets.toml" in info.value


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_page(untouched):
    at = open_page("add_report")
    at.secrets["editors"] = {"password_hash": auth.hash_password(PASSWORD), "name": "王编辑"}
    at.run()
    assert not at.file_uploader and "需要编辑登录" in texts(at)
    at.text_input(key="auth:password").input("guess")
    at.button[0].click().run()                                          # a form: typed and sent in one run
    assert not at.file_uploader and [e.value for e in at.error] == ["密码不正确。"]
    at.text_input(key="auth:password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and at.file_uploader
    assert "已登录编辑：王编辑" in [c.value for c in at.sidebar.caption]


@pytest.fixture
def damaged(tmp_path, monkeypatch):
    path = tmp_path / "warehouse.duckdb"
    path.write_bytes(b"DUCK" + os.urandom(32 * 1024))
    monkeypatch.setattr(paths, "WAREHOUSE", path)
    return path


@pytest.mark.parametrize("slug", [p.slug for p in PAGES])
def test_a_damaged_warehouse_is_one_chinese_message_on_every_page(damaged, slug):
    at = open_page(slug)
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("数据仓库文件已损坏或无法读取") and "python -m etl build --full" in error.value
