"""Every test runs offscreen, with its own data, settings and log folders and database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from ctip_desktop.settings import Settings
from ctip_desktop.workspace import Workspace, open_workspace


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs (XDG folders) at the test's own folder."""
    home = tmp_path / "home"
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        (home / folder).mkdir(parents=True)
        monkeypatch.setenv(variable, str(home / folder))
    return home


# Not ASCII on purpose: the key derivation must take any passphrase a person types.
TEST_PASSPHRASE = "correct horse ✓ ม้า"


@pytest.fixture(params=["plain", "encrypted"])
def passphrase(request: pytest.FixtureRequest) -> str | None:
    """Runs a test once on a plain database (None) and once on one encrypted with
    TEST_PASSPHRASE: an encrypted database must pass the same tests."""
    return TEST_PASSPHRASE if request.param == "encrypted" else None


@pytest.fixture
def settings() -> Settings:
    settings = Settings.load()
    settings.interviewer_name = "Dara Test"
    settings.save()
    return settings


@pytest.fixture
def workspace(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "test.db", settings)
    yield workspace
    workspace.close()


@pytest.fixture
def other_device() -> Settings:
    """The settings of a second laptop (its own device id)."""
    return Settings(device_id=uuid.uuid4().hex, interviewer_name="Second Laptop")
