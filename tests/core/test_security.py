"""Production settings, security headers, the content security policy and the health check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cryptography.fernet import Fernet

from core import health

ROOT = Path(__file__).resolve().parents[2]


# Production refuses to start without the request form's keys (aanvraagformulier); tests
# that are about something else get fresh ones.
REQUEST_FORM_KEYS = {
    "OPVANGPUNT_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "OPVANGPUNT_LOOKUP_HASH_KEY": secrets.token_urlsafe(50),
}


def run_manage(*args, **env):
    environment = {**os.environ, **REQUEST_FORM_KEYS, **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="opvangpunt.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="",
        ALLOWED_HOSTS="opvangpunt.example",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_public_pages_have_a_strict_policy_they_respect(client, make_location):
    page = make_location()
    response = client.get(page.url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    soup = BeautifulSoup(response.content, "html.parser")
    # No inline script runs on the page (JSON-LD is a data block, which CSP does not run) ...
    inline = [s for s in soup.find_all("script") if not s.get("src")]
    assert all(s.get("type") == "application/ld+json" for s in inline)
    # ... and no inline styles or event handlers either.
    assert not soup.find_all("style")
    assert not soup.find_all(style=True)
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_admin_gets_the_relaxed_policy(client, loket_user):
    client.force_login(loket_user)
    policy = client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


@pytest.mark.django_db
def test_health_reports_database_and_search(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("status", "database", "cache", "search", "tasks")} == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "search": "ok",
        "tasks": "ok",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_says_which_part_failed(client, monkeypatch):
    def broken():
        raise ConnectionError("search cluster unreachable")

    monkeypatch.setitem(health.CHECKS, "search", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"], body["search"]) == ("error", "ok", "error")


def test_static_files_collect_with_hashed_names_for_whitenoise(tmp_path):
    result = run_manage(
        "collectstatic",
        "--no-input",
        "--verbosity",
        "0",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="opvangpunt.example",
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    hashed = [p.name for p in (tmp_path / "css").glob("portal.*.css")]
    assert len(hashed) == 1 and hashed[0] != "portal.css"
    assert (tmp_path / "css" / f"{hashed[0]}.gz").exists()
    assert (tmp_path / "staticfiles.json").exists()


def test_production_processes_share_the_page_cache_without_redis(tmp_path):
    # A page published in one gunicorn worker (or by the publish_scheduled cron job) must not
    # stay cached in another: the generation one process bumps is the one the next one reads.
    production = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "opvangpunt.example",
        "REDIS_URL": "",
        "CACHE_DIR": str(tmp_path),
    }
    script = "from core import cache; cache.invalidate(); print(cache.generation())"
    first = run_manage("shell", "--no-imports", "-c", script, **production)
    second = run_manage("shell", "--no-imports", "-c", script, **production)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert int(second.stdout) == int(first.stdout) + 1
