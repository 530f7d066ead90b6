"""ctip encrypt / decrypt / passphrase, and every command on an encrypted database: the
passphrase from the environment or typed at the terminal, never from an argument."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from ctip_desktop import cli, paths
from ctip_desktop.backups import backup_folder, list_backups
from ctip_desktop.cli import main
from ctip_desktop.profiles import Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import is_encrypted
from ctip_desktop.storage.encryption import change_passphrase, unlock_file
from ctip_desktop.sync import export_for_sync
from ctip_desktop.workspace import open_workspace

from tests.conftest import TEST_PASSPHRASE

NEW = "the new team passphrase"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture(autouse=True)
def no_passphrase_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """No passphrase in the environment and nothing typed unless a test says so."""
    for variable in ("CTIP_PASSPHRASE", "CTIP_NEW_PASSPHRASE", "CTIP_INCOMING_PASSPHRASE"):
        monkeypatch.delenv(variable, raising=False)
    # Under pytest stdin is no terminal: cli._read_secret refuses, as in a script.


def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_read_secret", READ_SECRET)


READ_SECRET = cli._read_secret


def typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    prompts: list[str] = []
    queue = list(answers)

    def answer(prompt: str, variable: str) -> str:
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr(cli, "_read_secret", answer)
    return prompts


@pytest.fixture
def plain_db(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "outreach.db"
    workspace = open_workspace(path, settings)
    workspace.profiles.save(Organisation(name="Golden Lotus Seafood"))
    workspace.profiles.save(Organisation(name="บริษัท ไทยซัมมิท จำกัด"))
    workspace.close()
    return path


def test_encrypt_then_every_command_needs_the_passphrase(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, plain_db: Path
):
    prompts = typed(monkeypatch, TEST_PASSPHRASE, TEST_PASSPHRASE)
    code, out, err = run(capsys, "encrypt", "--db", str(plain_db))
    assert code == 0, err
    assert prompts == ["New passphrase for outreach.db: ", "The same passphrase again: "]
    assert is_encrypted(plain_db)
    assert "backup" not in out + err  # there were none to convert

    no_terminal(monkeypatch)
    before = digest(plain_db)
    code, _, err = run(capsys, "orgs", "--db", str(plain_db), "--json")
    assert code == 1 and err.startswith("ctip: ") and "CTIP_PASSPHRASE" in err
    monkeypatch.setenv("CTIP_PASSPHRASE", "not the passphrase")
    code, _, err = run(capsys, "orgs", "--db", str(plain_db), "--json")
    assert code == 1
    assert err.strip() == (
        "ctip: Wrong passphrase, or outreach.db is not a CTIP Outreach Desk database. "
        "Nothing was changed."
    )
    assert digest(plain_db) == before

    monkeypatch.setenv("CTIP_PASSPHRASE", TEST_PASSPHRASE)
    code, out, err = run(capsys, "orgs", "--db", str(plain_db), "--json", "--search", "ไทยซัม")
    assert code == 0, err
    assert [row["name"] for row in json.loads(out)] == ["บริษัท ไทยซัมมิท จำกัด"]
    code, out, err = run(capsys, "check", "--db", str(plain_db), "--json")
    assert code == 0 and json.loads(out)["integrity"] == "ok"


def test_at_a_terminal_the_rewrite_shows_how_far_it_is(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, plain_db: Path
):
    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "encrypt", "--db", str(plain_db))
    assert code == 0, err
    shown = [part for part in err.split("\r") if part.strip()]
    assert shown[0] == "rewriting outreach.db: 0%"
    assert shown[-1].strip() == "rewriting outreach.db: 100%"
    assert out.strip() == f"{plain_db} is now protected by a passphrase."


def test_mismatched_or_short_new_passphrases_change_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, plain_db: Path
):
    before = digest(plain_db)
    typed(monkeypatch, TEST_PASSPHRASE, TEST_PASSPHRASE + "x")
    code, _, err = run(capsys, "encrypt", "--db", str(plain_db))
    assert code == 1 and "The two passphrases differ" in err
    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", "short")
    code, _, err = run(capsys, "encrypt", "--db", str(plain_db))
    assert code == 1 and "at least 8 characters" in err and len(err.splitlines()) == 1
    assert digest(plain_db) == before


def test_change_and_remove_the_passphrase(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, plain_db: Path
):
    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", TEST_PASSPHRASE)
    assert run(capsys, "encrypt", "--db", str(plain_db))[0] == 0
    monkeypatch.setenv("CTIP_PASSPHRASE", "wrong passphrase")
    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", NEW)
    before = digest(plain_db)
    code, _, err = run(capsys, "passphrase", "--db", str(plain_db))
    assert code == 1 and "Wrong passphrase" in err and digest(plain_db) == before
    monkeypatch.setenv("CTIP_PASSPHRASE", TEST_PASSPHRASE)
    code, out, err = run(capsys, "passphrase", "--db", str(plain_db))
    assert code == 0, err
    assert run(capsys, "orgs", "--db", str(plain_db))[0] == 1  # the old one no longer opens it
    monkeypatch.setenv("CTIP_PASSPHRASE", NEW)
    code, out, err = run(capsys, "decrypt", "--db", str(plain_db))
    assert code == 0, err
    assert plain_db.read_bytes().startswith(b"SQLite format 3")
    monkeypatch.delenv("CTIP_PASSPHRASE")
    code, out, _ = run(capsys, "orgs", "--db", str(plain_db), "--json")
    assert code == 0 and len(json.loads(out)) == 2


def plain_backups() -> list[str]:
    """Every file in the backups folder that an SQLite tool reads without a passphrase."""
    found = []
    for path in sorted(backup_folder().iterdir()):
        with path.open("rb") as handle:
            if handle.read(16) == b"SQLite format 3\x00":
                found.append(path.name)
    return found


def test_the_backups_follow_encrypt_passphrase_and_decrypt(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, plain_db: Path
):
    for _ in range(2):
        assert run(capsys, "backup", "--db", str(plain_db))[0] == 0
    assert len(plain_backups()) == 2

    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", TEST_PASSPHRASE)
    code, out, err = run(capsys, "encrypt", "--db", str(plain_db))
    assert code == 0, err
    assert "2 backup(s) were encrypted with it too." in out
    assert plain_backups() == []
    monkeypatch.setenv("CTIP_PASSPHRASE", TEST_PASSPHRASE)
    code, out, err = run(capsys, "backup", "--db", str(plain_db), "--list")
    assert code == 0 and out.count("2 organisation(s)") == 2, out

    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", NEW)
    code, out, err = run(capsys, "passphrase", "--db", str(plain_db))
    assert code == 0, err
    assert "2 backup(s) now open with the new passphrase." in out
    code, out, _ = run(capsys, "backup", "--db", str(plain_db), "--list")
    # The old passphrase opens none of them.
    assert out.count("opens with another passphrase (ctip restore asks for it)") == 2
    monkeypatch.setenv("CTIP_PASSPHRASE", NEW)
    code, out, _ = run(capsys, "backup", "--db", str(plain_db), "--list")
    assert code == 0 and out.count("2 organisation(s)") == 2, out

    code, out, err = run(capsys, "decrypt", "--db", str(plain_db))
    assert code == 0, err
    assert "2 backup(s) are plain files again." in out
    assert len(plain_backups()) == 2
    monkeypatch.delenv("CTIP_PASSPHRASE")
    no_terminal(monkeypatch)
    code, out, err = run(capsys, "backup", "--db", str(plain_db), "--list")
    assert code == 0 and out.count("2 organisation(s)") == 2, err


def test_restore_a_backup_written_under_an_earlier_passphrase(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, plain_db: Path
):
    """A change of passphrase interrupted before the backups: the backup asks for its own
    passphrase, and the database keeps its new one."""
    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", TEST_PASSPHRASE)
    assert run(capsys, "encrypt", "--db", str(plain_db))[0] == 0
    monkeypatch.setenv("CTIP_PASSPHRASE", TEST_PASSPHRASE)
    assert run(capsys, "backup", "--db", str(plain_db))[0] == 0
    workspace = open_workspace(plain_db, Settings.load(), passphrase=TEST_PASSPHRASE)
    workspace.profiles.save(Organisation(name="Later Co."))
    workspace.close()
    change_passphrase(plain_db, unlock_file(plain_db, TEST_PASSPHRASE), NEW)
    old = list_backups(plain_db)[0].path

    monkeypatch.setenv("CTIP_PASSPHRASE", NEW)
    before = digest(plain_db)
    code, _, err = run(capsys, "restore", "--db", str(plain_db), "1")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "written under an earlier passphrase" in err and "terminal" in err
    assert digest(plain_db) == before

    prompts = typed(monkeypatch, TEST_PASSPHRASE)
    monkeypatch.setattr(cli.sys.stdin, "isatty", lambda: True)
    code, out, err = run(capsys, "restore", "--db", str(plain_db), str(old))
    assert code == 0, err
    assert prompts == [f"Passphrase for {old.name} (written under an earlier passphrase): "]
    code, out, err = run(capsys, "orgs", "--db", str(plain_db), "--json")
    assert code == 0, err  # the database still opens with its new passphrase
    assert sorted(row["name"] for row in json.loads(out)) == [
        "Golden Lotus Seafood",
        "บริษัท ไทยซัมมิท จำกัด",
    ]


def test_init_encrypted_and_backups_of_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    path = tmp_path / "new.db"
    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", TEST_PASSPHRASE)
    code, out, err = run(capsys, "init", "--db", str(path), "--encrypt")
    assert code == 0, err
    assert "protected by a passphrase" in out and is_encrypted(path)
    monkeypatch.setenv("CTIP_PASSPHRASE", TEST_PASSPHRASE)
    code, out, err = run(capsys, "backup", "--db", str(path))
    assert code == 0, err
    assert is_encrypted(Path(out.strip()))
    code, out, err = run(capsys, "backup", "--db", str(path), "--list")
    assert code == 0 and "0 organisation(s)" in out


def test_merge_of_an_encrypted_package_asks_for_its_passphrase(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    plain_db: Path,
    other_device: Settings,
):
    other = open_workspace(tmp_path / "other.db", other_device, passphrase=NEW)
    other.profiles.save(Organisation(name="Mekong Garments"))
    package = export_for_sync(other, tmp_path / "stick", who="Other")
    other.close()
    before = digest(plain_db)
    code, _, err = run(capsys, "merge", "--db", str(plain_db), str(package))
    assert code == 1 and "CTIP_INCOMING_PASSPHRASE" in err
    monkeypatch.setenv("CTIP_INCOMING_PASSPHRASE", TEST_PASSPHRASE)
    code, _, err = run(capsys, "merge", "--db", str(plain_db), str(package))
    assert code == 1 and "Wrong passphrase for" in err
    assert digest(plain_db) == before
    prompts = typed(monkeypatch, NEW)
    monkeypatch.setattr(cli.sys.stdin, "isatty", lambda: True)
    monkeypatch.delenv("CTIP_INCOMING_PASSPHRASE")
    code, out, err = run(capsys, "merge", "--db", str(plain_db), str(package), "--json")
    assert code == 0, err
    assert prompts == [f"Passphrase for {package.name}: "]
    code, out, _ = run(capsys, "orgs", "--db", str(plain_db), "--json")
    assert "Mekong Garments" in [row["name"] for row in json.loads(out)]


def test_no_passphrase_or_key_in_the_log_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, plain_db: Path
):
    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", TEST_PASSPHRASE)
    assert run(capsys, "encrypt", "--db", str(plain_db))[0] == 0
    monkeypatch.setenv("CTIP_PASSPHRASE", "a wrong passphrase")
    assert run(capsys, "orgs", "--db", str(plain_db))[0] == 1
    monkeypatch.setenv("CTIP_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setenv("CTIP_NEW_PASSPHRASE", NEW)
    assert run(capsys, "passphrase", "--db", str(plain_db))[0] == 0
    monkeypatch.setenv("CTIP_PASSPHRASE", NEW)
    assert run(capsys, "backup", "--db", str(plain_db))[0] == 0
    for handler in logging.getLogger().handlers:
        handler.flush()
    logs = list(paths.log_dir().glob("ctip.log*"))
    assert logs, "the log file was written in the test's own log folder"
    text = "\n".join(path.read_text(encoding="utf-8") for path in logs)
    assert "protected by a passphrase" in text  # the log says what happened...
    from ctip_desktop.storage.encryption import unlock_file

    key = unlock_file(plain_db, NEW)
    for secret in (TEST_PASSPHRASE, NEW, "a wrong passphrase", key.key.hex(), key.key.hex()[:16]):
        assert secret not in text  # ...never with what opens the file
    assert "Golden Lotus" not in text
