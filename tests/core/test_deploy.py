"""The runbook's files in deploy/ work as written (issue 16, item 3), and releases (item 7).

The environment example is read by bash, as the runbook does; the systemd units go through
`systemd-analyze verify`; the nginx site goes through `nginx -t` and then runs on loopback
in front of a stand-in application that can answer, fail, hang or be gone.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
import urllib3
from cryptography.fernet import Fernet
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
ENV_EXAMPLE = DEPLOY / "env.example"
ASSIGNMENT = re.compile(r'^([A-Z][A-Z0-9_]*)="([^"$`\\]*)"$')


def env_example_values():
    """NAME -> value of every assignment; every other line must be blank or a comment."""
    values = {}
    for number, line in enumerate(ENV_EXAMPLE.read_text().splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = ASSIGNMENT.match(line)
        assert match, f'line {number} is not NAME="value" without $ ` \\ or ": {line!r}'
        values[match[1]] = match[2]
    return values


def test_env_example_sources_in_bash_and_sets_every_variable():
    expected = env_example_values()
    # As the runbook does it, in a shell with nothing else set; -u and -e stop on any error.
    script = f"set -euo pipefail; set -a; . {ENV_EXAMPLE}; set +a; env -0"
    result = subprocess.run(
        ["bash", "-c", script], env={}, capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    environment = dict(item.split("=", 1) for item in result.stdout.split("\0") if "=" in item)
    assert {name: environment.get(name) for name in expected} == expected
    # The line that stopped bash before: a display name with spaces and <>.
    assert environment["DEFAULT_FROM_EMAIL"] == "Opvangpunt Gent <noreply@stad.gent>"
    assert list(expected)[-1] in environment  # the last line was reached


def names_read_by_the_settings():
    pattern = re.compile(r'(?:os\.environ\.get|env_list)\(\s*"([A-Z][A-Z0-9_]*)"')
    sources = [*(ROOT / "portal" / "settings").glob("*.py"), ROOT / "gunicorn.conf.py"]
    return {name for source in sources for name in pattern.findall(source.read_text())}


def test_env_example_names_every_variable_the_settings_read():
    text = ENV_EXAMPLE.read_text()
    missing = {name for name in names_read_by_the_settings() if f"{name}=" not in text}
    assert not missing, f"not in deploy/env.example: {sorted(missing)}"


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_env_example_is_a_working_production_configuration(tmp_path):
    environment = {**os.environ, **env_example_values()}
    # Only what this machine cannot have: the secret, PostgreSQL, and the folders under /srv.
    environment.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "CACHE_DIR": str(tmp_path / "cache"),
            "BACKUP_DIR": str(tmp_path / "backups"),
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
    )
    refused = run_manage("check", env=environment)
    assert refused.returncode != 0
    assert "SECRET_KEY" in refused.stderr  # the placeholder is refused, not used

    environment["SECRET_KEY"] = "k" + os.urandom(32).hex()
    refused = run_manage("check", env=environment)
    assert "OPVANGPUNT_FIELD_ENCRYPTION_KEYS" in refused.stderr  # nor the request form's keys
    environment["OPVANGPUNT_FIELD_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    environment["OPVANGPUNT_LOOKUP_HASH_KEY"] = os.urandom(32).hex()
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    # The system check made the cache and backup folders (core/checks.py).
    assert (tmp_path / "cache").is_dir() and (tmp_path / "backups").is_dir()


# --- systemd ----------------------------------------------------------------------------

UNITS = sorted((DEPLOY / "systemd").iterdir())


def test_units_have_no_shell_expansion_and_every_timer_has_its_service():
    names = {unit.name for unit in UNITS}
    for unit in UNITS:
        text = unit.read_text()
        # systemd runs ExecStart without a shell: $(date +%F) stays literal text.
        assert "$(" not in text and "`" not in text, unit.name
        if unit.suffix == ".timer":
            assert unit.with_suffix(".service").name in names
            assert "OnCalendar=" in text and "Persistent=true" in text


def test_units_run_commands_that_exist():
    commands = get_commands()
    started = []
    for unit in UNITS:
        for command in re.findall(r"manage\.py (\w+)", unit.read_text()):
            assert command in commands, f"{unit.name}: no management command {command}"
            started.append(command)
    for command in (
        "run_worker",
        "publish_scheduled",
        "send_queued_mail",
        "backup_database",
        "clearsessions",
        "purge_request_drafts",
        "update_index",
        "prune_db_task_results",
        "remind_deadlines",
        "prompt_confirmations",
        "apply_retention",
        "remind_stale_fiches",
    ):
        assert command in started
    digest = (DEPLOY / "systemd" / "opvangpunt-review-digest.service").read_text()
    assert "manage.py remind_deadlines --monthly-digest" in digest
    assert "Restart=always" in (DEPLOY / "systemd" / "opvangpunt-worker.service").read_text()
    assert "Restart=always" in (DEPLOY / "systemd" / "opvangpunt-web.service").read_text()


def test_units_pass_systemd_analyze_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian's systemd package)")
    # The paths of a real install, moved to what exists here: verify checks executables.
    venv_bin = Path(sys.executable).parent
    substitutions = {
        "/srv/opvangpunt/venv/bin/": f"{venv_bin}/",
        "/srv/opvangpunt/app": str(ROOT),
        "/etc/opvangpunt/env": str(ENV_EXAMPLE),
    }
    for unit in UNITS:
        text = unit.read_text()
        for old, new in substitutions.items():
            text = text.replace(old, new)
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(
        [analyze, "verify", "--man=no", *sorted(str(path) for path in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Unknown keys and other mistakes are only warnings: there must be none.
    assert result.stderr.strip() == "", result.stderr


# --- nginx ------------------------------------------------------------------------------

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
SITE = DEPLOY / "nginx" / "opvangpunt.conf"
HOST = "opvang.gent.be"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StandIn:
    """The application as nginx sees it: answers, fails, hangs, or is gone."""

    def __init__(self, port):
        self.port, self.mode, self.hits = port, "ok", []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                stand_in.hits.append(self.path)
                if stand_in.mode == "hang":
                    time.sleep(4)
                status = 503 if stand_in.mode == "error" else 200
                body = f"<p>pagina {self.path} nummer {len(stand_in.hits)}</p>".encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Vary", "Cookie, Accept-Language")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def self_signed_certificate(folder):
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            str(folder / "privkey.pem"),
            "-out",
            str(folder / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def site_for_test(folder, http_port, https_port, upstream_port):
    """The site file with this machine's ports and folders; every replaced text must exist."""
    text = SITE.read_text()
    substitutions = {
        "listen 80 default_server;": f"listen 127.0.0.1:{http_port} default_server;",
        "listen [::]:80 default_server;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen [::]:443 ssl http2;": "",
        f"/etc/letsencrypt/live/{HOST}/": f"{folder}/",
        "/var/cache/nginx/opvangpunt": str(folder / "cache"),
        "/var/log/nginx/opvangpunt.access.log": str(folder / "access.log"),
        "/srv/opvangpunt/app/deploy/": f"{DEPLOY}/",
        "/srv/opvangpunt/media/": f"{folder}/media/",
        "server 127.0.0.1:8000": f"server 127.0.0.1:{upstream_port}",
        # Shorter than in production, so the test takes seconds.
        "proxy_cache_valid 200 301 302 10s;": "proxy_cache_valid 200 301 302 1s;",
        "proxy_read_timeout 15s;": "proxy_read_timeout 2s;",
    }
    for old, new in substitutions.items():
        assert old in text, f"deploy/nginx/opvangpunt.conf no longer has {old!r}"
        text = text.replace(old, new)
    (folder / "opvangpunt.conf").write_text(text)
    main = f"""
        {"user root;" if os.geteuid() == 0 else ""}
        worker_processes 1;
        pid {folder}/nginx.pid;
        error_log {folder}/error.log;
        events {{ worker_connections 64; }}
        http {{
            include /etc/nginx/mime.types;
            client_body_temp_path {folder}/body;
            proxy_temp_path {folder}/proxy;
            fastcgi_temp_path {folder}/fastcgi;
            uwsgi_temp_path {folder}/uwsgi;
            scgi_temp_path {folder}/scgi;
            # Debian's http-level log (with query strings); the site must replace it.
            access_log {folder}/default-access.log combined;
            include {folder}/opvangpunt.conf;
        }}
    """
    (folder / "nginx.conf").write_text(main)
    return folder / "nginx.conf"


@pytest.fixture
def nginx_site(tmp_path):
    if NGINX is None:
        pytest.skip("nginx is not installed (scripts/install-deploy-deps.sh installs Debian's)")
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed for a test certificate")
    self_signed_certificate(tmp_path)
    (tmp_path / "media").mkdir()
    ports = {"http": free_port(), "https": free_port(), "upstream": free_port()}
    config = site_for_test(tmp_path, ports["http"], ports["https"], ports["upstream"])
    return config, ports, tmp_path


def test_nginx_accepts_the_site(nginx_site):
    config, _, folder = nginx_site
    result = subprocess.run(
        [NGINX, "-t", "-c", str(config), "-p", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_keeps_anonymous_pages_up_while_the_application_fails(nginx_site):
    config, ports, folder = nginx_site
    app = StandIn(ports["upstream"])
    server = subprocess.Popen(
        [NGINX, "-c", str(config), "-p", str(folder), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    session = requests.Session()
    session.verify = False
    https = f"https://127.0.0.1:{ports['https']}"

    def get(path, **kwargs):
        return session.get(https + path, headers={"Host": HOST}, timeout=10, verify=False, **kwargs)

    try:
        wait_for_port(ports["https"], server)
        first = get("/zoeken/?q=geheimestraat")
        assert (first.status_code, first.headers["X-Cache-Status"]) == (200, "MISS")
        again = get("/zoeken/?q=geheimestraat")
        assert (again.headers["X-Cache-Status"], again.text) == ("HIT", first.text)
        # A session cookie (staff, a parent's compare list) never gets the shared copy.
        personal = get("/zoeken/?q=geheimestraat", cookies={"sessionid": "abc"})
        assert personal.headers["X-Cache-Status"] == "BYPASS"
        assert get("/admin/").headers.get("X-Cache-Status") is None

        time.sleep(2.5)  # the copy is stale now (nginx counts whole seconds)
        app.mode = "error"  # the application answers 503 (database down)
        stale = get("/zoeken/?q=geheimestraat")
        assert stale.status_code == 200 and stale.text == first.text
        assert stale.headers["X-Cache-Status"] in ("STALE", "UPDATING")

        app.stop()  # gone: gunicorn stopped
        assert get("/zoeken/?q=geheimestraat").text == first.text
        gone = get("/nooit-bezocht/")
        assert gone.status_code == 502
        assert "Opvangpunt is even niet bereikbaar" in gone.text

        app = StandIn(ports["upstream"])
        app.mode = "hang"  # every worker stuck: nginx stops waiting
        stuck = get("/traag/")
        assert stuck.status_code == 504
        assert "Opvangpunt antwoordt niet op tijd" in stuck.text

        # Health over plain HTTP by IP, as a load balancer polls; everything else to HTTPS.
        app.mode = "ok"
        http = f"http://127.0.0.1:{ports['http']}"
        health = requests.get(f"{http}/health/", headers={"Host": "10.0.0.5"}, timeout=10)
        assert health.status_code == 200 and app.hits[-1] == "/health/"
        redirect = requests.get(
            f"{http}/zoeken/", headers={"Host": HOST}, allow_redirects=False, timeout=10
        )
        assert redirect.status_code == 301
        assert redirect.headers["Location"] == f"https://{HOST}/zoeken/"
    finally:
        app.stop()
        server.terminate()
        server.wait(timeout=30)

    logged = (folder / "access.log").read_text()
    assert '"GET /zoeken/ HTTP/1.1" 200' in logged
    # Query strings stay out of every access log.
    for log in folder.glob("*access.log"):
        assert "geheimestraat" not in log.read_text(), log.name


def wait_for_port(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx exited: {process.stderr.read().decode()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("nginx did not start listening")


# --- releases ---------------------------------------------------------------------------


def test_the_version_has_a_changelog_entry():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
    # Keep a Changelog's sections only.
    sections = set(re.findall(r"^### (.+)$", changelog, re.M))
    allowed = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security", "Upgrade"}
    assert sections <= allowed
