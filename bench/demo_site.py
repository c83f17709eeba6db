"""A throwaway copy of the demo site, served the way a council would serve it.

Used by the page benchmark (bench/pages.py) and the browser tests (tests/browser/), which
both need the real site in its own process: a fresh database, `migrate`, `load_demo`,
then gunicorn with the development settings and DEBUG off, on 127.0.0.1 and a free port.

The database is a temporary SQLite file, or, when DATABASE_URL points at PostgreSQL, a
separate database "<name>_<suffix>" on the same server, dropped at the end, so the
developer's own database is never touched.

Building the demo (migrations, then load_demo) costs far more than serving it, so several
sites can share one build: `built_demo()` builds a database and media folder once, and
`demo_site(template=...)` serves a copy of them (SQLite's backup of the file, or
PostgreSQL's CREATE DATABASE ... TEMPLATE), as the browser tests' workers do.
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python" if (VENV_BIN / "python").exists() else Path(sys.executable)
GUNICORN = VENV_BIN / "gunicorn"
SETTINGS = "localoffer.settings.dev"
FRONTEND_BUILD = ROOT / "static" / "dist"
# The throwaway site's local Stripe signs its webhooks with this (never a real secret).
STRIPE_WEBHOOK_SECRET = "whsec_demo_site_local"  # noqa: S105


class DemoSiteError(RuntimeError):
    """The demo site could not be built or started; the message says why."""


def check_frontend_built() -> None:
    """The page frame links to static/dist/; without it every page would be unstyled."""
    if not FRONTEND_BUILD.is_dir() or not any(FRONTEND_BUILD.iterdir()):
        raise DemoSiteError(
            f"{FRONTEND_BUILD.relative_to(ROOT)}/ is missing: build the front end first "
            "(`npm run build`, or `make frontend`)."
        )


def _is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgres", "postgresql", "pgsql", "postgis")


def _with_database_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _pg_connect(url: str):
    """Connect to the server's maintenance database: a database cannot drop itself."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or None,
        port=parts.port or None,
        user=parts.username or None,
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    )


def _sqlite_path(url: str) -> str:
    return urlsplit(url).path[1:]  # sqlite:////tmp/x/db.sqlite3 -> /tmp/x/db.sqlite3


@contextmanager
def demo_database(*, suffix: str, template: str | None = None) -> Iterator[str]:
    """Yield the DATABASE_URL of a new database, empty or a copy of the database at
    `template` (a URL demo_database gave, of the same vendor); remove it afterwards."""
    base_url = os.environ.get("DATABASE_URL", "")
    if base_url and _is_postgres(base_url):
        from psycopg import sql

        name = f"{urlsplit(base_url).path.lstrip('/') or 'localoffer'}_{suffix}"
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            # A file-level copy: no migrations or inserts run again. The template must
            # have no other connections, which holds once its build has exited.
            source = urlsplit(template).path.lstrip("/")
            create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(source))
        with _pg_connect(base_url) as conn:
            # A run that was killed leaves its database behind; start clean.
            conn.execute(drop)
            conn.execute(create)
        try:
            yield _with_database_name(base_url, name)
        finally:
            with _pg_connect(base_url) as conn:
                conn.execute(drop)
    else:
        # In memory when the machine has a tmpfs: migrate and load_demo write a lot.
        where = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None  # noqa: S108
        with tempfile.TemporaryDirectory(prefix=f"localoffer-{suffix}-", dir=where) as tmp:
            url = f"sqlite:///{tmp}/db.sqlite3"
            if template is not None:
                # SQLite's online backup: a consistent copy, write-ahead log included.
                with (
                    closing(sqlite3.connect(_sqlite_path(template))) as source,
                    closing(sqlite3.connect(_sqlite_path(url))) as target,
                ):
                    source.backup(target)
            yield url


def site_environment(*, database_url: str, media_root: str, **extra: str) -> dict[str, str]:
    """The environment of every process of the throwaway site (commands and server)."""
    env = dict(os.environ)
    # pytest-django exports the test settings; the served site must use the dev ones.
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DEBUG="0",
        DATABASE_URL=database_url,
        MEDIA_ROOT=media_root,
        # Invoices and receipts: beside the uploads, never inside the public media folder.
        PRIVATE_ROOT=str(Path(media_root).parent / "private"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 600) -> None:
    """Run a management command; on failure raise with its output, which says why."""
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise DemoSiteError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
        )


@contextmanager
def bench_database(vendor: str, *, suffix: str) -> Iterator[str]:
    """A DATABASE_URL for a new, empty database of this vendor ("sqlite" or "postgresql"),
    dropped afterwards. PostgreSQL needs DATABASE_URL to point at a server."""
    saved = os.environ.get("DATABASE_URL")
    try:
        if vendor == "sqlite":
            os.environ.pop("DATABASE_URL", None)
        elif not (saved and _is_postgres(saved)):
            raise RuntimeError("set DATABASE_URL to a PostgreSQL server")
        with demo_database(suffix=suffix) as url:
            yield url
    finally:
        if saved is not None:
            os.environ["DATABASE_URL"] = saved


def timed_manage(*args: str, env: dict[str, str], timeout: float = 3600) -> float:
    """Run a management command like `manage`; return how many seconds it took."""
    started = time.perf_counter()
    manage(*args, env=env, timeout=timeout)
    return time.perf_counter() - started


def build_demo(*, env: dict[str, str], services: int | None = None) -> None:
    manage("migrate", "--no-input", env=env)
    smaller = ["--services", str(services)] if services else []
    manage("load_demo", "--no-progress", *smaller, env=env)


def _wait_until_healthy(base_url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DemoSiteError(
                f"gunicorn exited with {process.returncode}:\n{log_path.read_text()[-8000:]}"
            )
        try:
            with urllib.request.urlopen(f"{base_url}/healthz/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise DemoSiteError(f"{base_url}/healthz/ did not answer in 60 s:\n{log_path.read_text()}")


def _check_debug_is_off(base_url: str) -> None:
    """Measure and test what a council serves: DEBUG on would show Django's error pages."""
    try:
        urllib.request.urlopen(f"{base_url}/this-page-does-not-exist/", timeout=30)
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        if "DEBUG = True" in body:
            raise DemoSiteError(
                f"{SETTINGS} ignores DEBUG=0 (Django's debug 404 page was served): it needs "
                '`DEBUG = env.bool("DEBUG", default=True)`.'
            ) from None


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to end gunicorn if this process dies.

    A test run killed by a CI timeout (SIGTERM, SIGKILL) never reaches its `finally`, and
    would leave gunicorn serving. Elsewhere than Linux this does nothing.
    """
    if sys.platform != "linux":
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


@dataclass(frozen=True)
class DemoSite:
    base_url: str  # no trailing slash
    env: dict[str, str]  # for management commands against the same database
    log_path: Path  # gunicorn's output, with the traceback of any server error
    email_dir: Path  # every email the site sends, one file per connection (EMAIL_FILE_PATH)


def bind_listener() -> socket.socket:
    """A listening socket on 127.0.0.1 on a port the kernel picks, for `serve`."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    return listener


def listener_url(listener: socket.socket) -> str:
    return f"http://127.0.0.1:{listener.getsockname()[1]}"


@contextmanager
def local_stripe(*, webhook_url: str, webhook_secret: str, log_path: Path) -> Iterator[str]:
    """Run the local Stripe (localstripe) on a free port, state in memory, sending its
    signed webhooks to `webhook_url`; yield its base URL; stop it when the block ends."""
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                str(PYTHON),
                "-m",
                "pricing.payments.localstripe_server",
                "--port",
                "0",
                "--quiet",
                "--webhook-url",
                webhook_url,
                "--webhook-secret",
                webhook_secret,
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # safe here: no other threads are running
        )
    try:
        deadline = time.monotonic() + 30
        address = ""
        while not address:
            # "localstripe listening on 127.0.0.1:PORT", printed once it listens.
            for line in log_path.read_text().splitlines():
                if line.startswith("localstripe listening on "):
                    address = line.rsplit(" ", 1)[1].strip()
            if process.poll() is not None or time.monotonic() > deadline:
                raise DemoSiteError(f"The local Stripe did not start:\n{log_path.read_text()}")
            time.sleep(0.05)
        yield f"http://{address}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def serve(
    *,
    env: dict[str, str],
    workers: int = 2,
    log_path: Path,
    listener: socket.socket | None = None,
) -> Iterator[str]:
    """Serve the site with gunicorn on 127.0.0.1; yield its base URL (no trailing slash).

    The listening socket is opened here (or by the caller, who needed its address
    first: `bind_listener`), on a port the kernel picks, and handed to gunicorn as a file
    descriptor: no window in which another process could take the port.
    """
    listener = listener or bind_listener()
    base_url = listener_url(listener)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                str(GUNICORN),
                "localoffer.wsgi",
                f"--bind=fd://{listener.fileno()}",
                f"--workers={workers}",
                "--worker-class=sync",
                "--timeout=60",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
            preexec_fn=_die_with_parent,  # safe here: no other threads are running
        )
    listener.close()
    try:
        _wait_until_healthy(base_url, process, log_path)
        _check_debug_is_off(base_url)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class BuiltDemo:
    """A built demo, not served, for `demo_site(template=...)` to copy."""

    database_url: str
    media_root: Path


@contextmanager
def built_demo(*, suffix: str, services: int | None = None) -> Iterator[BuiltDemo]:
    """Build the demo (migrate, load_demo) once into a database and media folder of its
    own; both are removed when the block ends. `services` makes a smaller directory."""
    with demo_database(suffix=suffix) as database_url:
        work = Path(tempfile.mkdtemp(prefix=f"localoffer-{suffix}-"))
        try:
            media = work / "media"
            media.mkdir()
            email_dir = work / "email"
            email_dir.mkdir()
            env = site_environment(
                database_url=database_url, media_root=str(media), EMAIL_FILE_PATH=str(email_dir)
            )
            build_demo(env=env, services=services)
            yield BuiltDemo(database_url=database_url, media_root=media)
        finally:
            shutil.rmtree(work, ignore_errors=True)


@contextmanager
def demo_site(
    *,
    suffix: str,
    workers: int = 2,
    extra_env: dict[str, str] | None = None,
    template: BuiltDemo | None = None,
    with_stripe: bool = False,
) -> Iterator[DemoSite]:
    """Serve a throwaway demo site until the block ends: built afresh, or a copy of
    `template` (its database and uploads; the copy's changes never reach the template).

    `with_stripe` gives the site a local Stripe of its own (as `make run` does), which
    sends its webhooks to this site, so card payments work end to end.
    """
    check_frontend_built()
    if not GUNICORN.exists():
        raise DemoSiteError(f"{GUNICORN} is missing: `make install` installs it.")
    source = template.database_url if template else None
    with demo_database(suffix=suffix, template=source) as database_url:
        work = Path(tempfile.mkdtemp(prefix=f"localoffer-{suffix}-site-"))
        try:
            media = work / "media"
            if template:
                shutil.copytree(template.media_root, media)
                private = template.media_root.parent / "private"
                if private.exists():
                    shutil.copytree(private, work / "private")
            else:
                media.mkdir()
            email_dir = work / "email"
            email_dir.mkdir()
            env = site_environment(
                database_url=database_url,
                media_root=str(media),
                **{"EMAIL_FILE_PATH": str(email_dir), **(extra_env or {})},
            )
            if not template:
                build_demo(env=env)
            log_path = work / "gunicorn.log"
            listener = bind_listener()
            with ExitStack() as stack:
                if with_stripe:
                    stripe_url = stack.enter_context(
                        local_stripe(
                            webhook_url=f"{listener_url(listener)}/payments/stripe/webhook/",
                            webhook_secret=STRIPE_WEBHOOK_SECRET,
                            log_path=work / "localstripe.log",
                        )
                    )
                    env.update(
                        STRIPE_API_BASE=stripe_url,
                        STRIPE_WEBHOOK_SECRET=STRIPE_WEBHOOK_SECRET,
                        STRIPE_LOCAL_TEST_ACCOUNTS="1",
                    )
                base_url = stack.enter_context(
                    serve(env=env, workers=workers, log_path=log_path, listener=listener)
                )
                yield DemoSite(base_url=base_url, env=env, log_path=log_path, email_dir=email_dir)
        finally:
            shutil.rmtree(work, ignore_errors=True)
