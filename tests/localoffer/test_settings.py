"""Production settings refuse to start without secrets and pass Django's deployment checks."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "x7Jq-very-long-random-production-secret-key-9fK2mPz4Lr8sVt1wYb6nQd3hGc5"


def run_check(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "localoffer.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(
        {"DATABASE_URL": "sqlite:///tmp/x.db", "ALLOWED_HOSTS": "localoffer.example"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_a_short_or_development_secret_key():
    result = run_check(
        {
            "SECRET_KEY": "insecure-development-key-not-for-production",
            "DATABASE_URL": "sqlite:///tmp/x.db",
            "ALLOWED_HOSTS": "localoffer.example",
        }
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be a long random value" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    result = run_check({"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "localoffer.example"})
    assert result.returncode != 0
    assert "DATABASE_URL must be set in production" in result.stderr


def test_configured_production_passes_the_deployment_checks_with_no_warnings():
    result = run_check(
        {
            "SECRET_KEY": GOOD_SECRET,
            "DATABASE_URL": "sqlite:////tmp/localoffer-deploy-check.db",
            "ALLOWED_HOSTS": "localoffer.northbridge.example",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_queues_background_work_in_the_database(monkeypatch):
    """Tasks go to the database for `manage.py db_worker`; development and tests run them
    at once. Read from the settings modules themselves (no process to start)."""
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/localoffer-tasks-check.db")
    monkeypatch.setenv("ALLOWED_HOSTS", "localoffer.northbridge.example")
    monkeypatch.delitem(sys.modules, "localoffer.settings.production", raising=False)
    production = importlib.import_module("localoffer.settings.production")
    monkeypatch.delitem(sys.modules, "localoffer.settings.production")
    assert production.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in production.INSTALLED_APPS


@pytest.mark.parametrize("name", ["dev", "test"])
def test_development_and_tests_run_background_work_at_once(name):
    module = importlib.import_module(f"localoffer.settings.{name}")
    assert module.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
