"""The ``ctip`` command line: init, demo, check, orgs and interviews, in process and as a real
process (``interviews`` and ``questionnaire`` in detail: test_interviews_cli.py)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ctip_desktop import paths
from ctip_desktop.cli import main
from ctip_desktop.profiles import Contact, Headline, Organisation
from ctip_desktop.settings import Settings
from ctip_desktop.storage import SCHEMA_VERSION
from ctip_desktop.storage.migrations import APPLICATION_ID
from ctip_desktop.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]

GOLDEN_LOTUS = "Golden Lotus Seafood Co., Ltd."
MEKONG = "Mekong Garment Factory"
SIAM_SUGAR = "Siam Sugar Mill"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    capsys.readouterr()  # drop anything printed before
    code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_line_error(err: str, *fragments: str) -> None:
    """Exactly one line on stderr, starting with 'ctip: ', saying what is wrong."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("ctip: "), err
    assert "Traceback" not in err
    assert "unexpected error" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def org_names(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> list[str]:
    result = run(capsys, "orgs", "--db", str(path), "--json", *options)
    assert result.code == 0, result.err
    return [row["name"] for row in json.loads(result.out)]


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """main() adds a file handler in each test's own log folder: take it away afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture
def populated(tmp_path: Path, settings: Settings) -> tuple[Path, dict[str, str]]:
    """A database with three organisations (two contacts, one headline); names → ids."""
    path = tmp_path / "outreach.db"
    workspace = open_workspace(path, settings)
    ids = {
        GOLDEN_LOTUS: workspace.profiles.save(
            Organisation(
                name=GOLDEN_LOTUS,
                other_names=["บริษัท โกลเด้นโลตัส ซีฟู้ด จำกัด"],
                sectors=["Fishing and seafood"],
                countries=["Thailand"],
                stage="Contacted",
                contacts=[Contact(name="Somchai P.", role="HR manager", primary=True)],
                headlines=[Headline(headline="Workers report unpaid overtime", date="2025-03-01")],
            )
        ),
        MEKONG: workspace.profiles.save(
            Organisation(
                name=MEKONG,
                sectors=["Garments"],
                countries=["Cambodia"],
                stage="Identified",
                contacts=[Contact(name="Sokha L.", role="Compliance officer")],
            )
        ),
        SIAM_SUGAR: workspace.profiles.save(
            Organisation(
                name=SIAM_SUGAR,
                sectors=["Sugar"],
                countries=["Thailand"],
                stage="Identified",
            )
        ),
    }
    workspace.close()
    return path, ids


# Files that no command may use or change: each maker returns the path and a word of the message.


def text_file(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "notes.db"
    path.write_text("Interview notes, not a database\n" * 50, encoding="utf-8")
    return path, "not an SQLite file"


def corrupt_file(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "corrupt.db"
    workspace = open_workspace(path, Settings.load())
    workspace.profiles.save(Organisation(name=GOLDEN_LOTUS, countries=["Thailand"]))
    workspace.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    path.write_bytes(bytes(data))
    return path, "damaged"


def newer_schema_file(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "newer.db"
    assert main(["init", "--db", str(path)]) == 0
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    return path, "newer version"


def foreign_file(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "songs.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.execute("INSERT INTO songs VALUES ('Loy Krathong')")
    connection.commit()
    connection.close()
    return path, "not one made by CTIP Outreach Desk"


BAD_FILES: list[Callable[[Path], tuple[Path, str]]] = [
    text_file,
    corrupt_file,
    newer_schema_file,
    foreign_file,
]


class TestInit:
    def test_creates_a_database_of_this_app(self, tmp_path: Path, capsys):
        path = tmp_path / "new" / "outreach.db"
        result = run(capsys, "init", "--db", str(path))
        assert result.code == 0, result.err
        assert result.out.strip() == f"Created database {path} (schema {SCHEMA_VERSION})."
        connection = sqlite3.connect(path)
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        connection.close()

    def test_second_init_opens_the_same_file_and_keeps_its_data(
        self, tmp_path: Path, capsys, settings: Settings
    ):
        path = tmp_path / "outreach.db"
        assert run(capsys, "init", "--db", str(path)).code == 0
        workspace = open_workspace(path, settings)
        workspace.profiles.save(Organisation(name=SIAM_SUGAR))
        workspace.close()
        result = run(capsys, "init", "--db", str(path))
        assert result.code == 0, result.err
        assert result.out.strip() == f"Opened existing database {path} (schema {SCHEMA_VERSION})."
        assert org_names(capsys, path) == [SIAM_SUGAR]

    def test_without_db_uses_the_data_folder(self, isolated_home: Path, capsys):
        result = run(capsys, "init")
        assert result.code == 0, result.err
        default = paths.default_database_path()
        assert default.is_relative_to(isolated_home)
        assert default.stat().st_size > 0
        assert str(default) in result.out


@pytest.fixture
def demo_module() -> None:
    # Written by another developer alongside these tests; its absence must show as a failure.
    import ctip_desktop.demo  # noqa: F401


@pytest.mark.usefixtures("demo_module")
class TestDemo:
    def test_adds_the_asked_number_of_organisations(self, tmp_path: Path, capsys):
        path = tmp_path / "demo.db"
        result = run(capsys, "demo", "--db", str(path), "--orgs", "5", "--seed", "7")
        assert result.code == 0, result.err
        # 5 x 1.5 interviews on average, rounded half up.
        assert result.out.strip() == f"Added 5 fictional organisations and 8 interviews to {path}."
        rows = json.loads(run(capsys, "orgs", "--db", str(path), "--json").out)
        assert len(rows) == 5
        assert len({row["id"] for row in rows}) == 5
        assert all(row["name"].strip() for row in rows)
        check = json.loads(run(capsys, "check", "--db", str(path), "--json").out)
        assert check["integrity"] == "ok"
        assert check["counts"]["organisation"] == 5
        interviews = json.loads(run(capsys, "interviews", "--db", str(path), "--json").out)
        assert len(interviews) == 8
        assert {row["org_id"] for row in interviews} <= {row["id"] for row in rows}

    @pytest.mark.parametrize(("per_org", "expected"), [("0", 0), ("2", 8), ("0.5", 2)])
    def test_interviews_per_organisation(self, tmp_path: Path, capsys, per_org, expected):
        path = tmp_path / "demo.db"
        result = run(
            capsys, "demo", "--db", str(path), "--orgs", "4", "--interviews-per-org", per_org
        )
        assert result.code == 0, result.err
        assert result.out.strip() == (
            f"Added 4 fictional organisations and {expected} interviews to {path}."
        )
        assert len(json.loads(run(capsys, "interviews", "--db", str(path), "--json").out)) == (
            expected
        )

    def test_a_second_run_counts_only_what_it_added(self, tmp_path: Path, capsys):
        path = tmp_path / "demo.db"
        assert run(capsys, "demo", "--db", str(path), "--orgs", "2", "--seed", "1").code == 0
        result = run(capsys, "demo", "--db", str(path), "--orgs", "2", "--seed", "2")
        assert result.out.strip() == f"Added 2 fictional organisations and 3 interviews to {path}."

    def test_same_seed_gives_the_same_names(self, tmp_path: Path, capsys):
        names = []
        for file, seed in (("a.db", "3"), ("b.db", "3"), ("c.db", "4")):
            path = tmp_path / file
            assert run(capsys, "demo", "--db", str(path), "--orgs", "5", "--seed", seed).code == 0
            names.append(org_names(capsys, path))
        assert names[0] == names[1]
        assert len(names[0]) == 5
        assert names[2] != names[0]

    @pytest.mark.parametrize(
        ("options", "named"),
        [
            (["--orgs", "-1"], "--orgs"),
            (["--interviews-per-org", "-0.5"], "--interviews-per-org"),
            (["--interviews-per-org", "nan"], "--interviews-per-org"),
        ],
    )
    def test_negative_count_is_refused_before_any_file_is_made(
        self, tmp_path: Path, capsys, options, named
    ):
        path = tmp_path / "demo.db"
        result = run(capsys, "demo", "--db", str(path), *options)
        assert result.code != 0
        assert_one_line_error(result.err, named)
        assert result.out == ""
        assert list(tmp_path.glob("demo.db*")) == []


class TestCheck:
    def test_good_database_reports_schema_integrity_and_counts(self, populated, capsys):
        path, _ = populated
        before = digest(path)
        result = run(capsys, "check", "--db", str(path))
        assert result.code == 0, result.err
        assert result.err == ""
        lines = result.out.splitlines()
        assert lines[:3] == [
            f"Database: {path}",
            f"Schema: {SCHEMA_VERSION} (this app: {SCHEMA_VERSION})",
            "Integrity: ok",
        ]
        assert lines[3:6] == ["organisation: 3", "contact: 2", "headline: 1"]
        assert lines[6].startswith("change: ")
        assert int(lines[6].removeprefix("change: ")) > 0
        assert digest(path) == before

    def test_json_report(self, populated, capsys, settings: Settings):
        path, ids = populated
        workspace = open_workspace(path, settings)
        workspace.profiles.delete(ids[SIAM_SUGAR])  # a deleted organisation is not counted
        workspace.close()
        result = run(capsys, "check", "--db", str(path), "--json")
        assert result.code == 0, result.err
        report = json.loads(result.out)
        assert report["path"] == str(path)
        assert report["schema_version"] == report["app_schema_version"] == SCHEMA_VERSION
        assert report["integrity"] == "ok"
        counts = report["counts"]
        assert counts.pop("change") > 0
        assert counts == {"organisation": 2, "contact": 2, "headline": 1}

    def test_broken_reference_is_reported_with_exit_one(self, populated, capsys):
        path, _ = populated
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE headline SET org_id = 'gone'")
        connection.commit()
        connection.close()
        result = run(capsys, "check", "--db", str(path))
        assert result.code == 1
        assert "Integrity: headline row" in result.out
        assert "points at a missing organisation" in result.out
        report = json.loads(run(capsys, "check", "--db", str(path), "--json").out)
        assert len(report["integrity"]) == 1
        assert report["integrity"][0].startswith("headline row ")

    @pytest.mark.parametrize("options", [[], ["--json"]], ids=["text", "json"])
    def test_missing_file_is_reported_and_not_created(self, tmp_path: Path, capsys, options):
        path = tmp_path / "nowhere" / "missing.db"
        result = run(capsys, "check", "--db", str(path), *options)
        assert result.code != 0
        assert_one_line_error(result.err, "There is no database", str(path))
        assert result.out == ""
        assert not path.exists()
        assert not path.parent.exists()


@pytest.mark.parametrize("make", BAD_FILES, ids=lambda make: make.__name__)
@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "--json"],
        ["orgs"],
        ["orgs", "--json"],
        ["interviews"],
        ["interviews", "--json"],
        ["init"],
    ],
    ids=" ".join,
)
def test_unusable_file_is_refused_in_one_line_and_left_unchanged(
    tmp_path: Path, capsys, make, command
):
    path, reason = make(tmp_path)
    before = digest(path)
    result = run(capsys, *command, "--db", str(path))
    assert result.code != 0
    assert_one_line_error(result.err, path.name, reason)
    assert result.out == ""
    assert digest(path) == before
    if make is not corrupt_file:  # the corrupt file keeps its WAL-mode header
        assert not Path(f"{path}-wal").exists()


@pytest.mark.parametrize("command", ["check", "orgs", "interviews"])
def test_empty_file_is_refused_and_left_empty(tmp_path: Path, capsys, command):
    """A command that only reads must not turn an empty file into a database."""
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    result = run(capsys, command, "--db", str(path))
    assert result.code != 0
    assert_one_line_error(result.err, "empty.db", "empty")
    assert path.read_bytes() == b""
    assert not Path(f"{path}-wal").exists()


class TestOrgs:
    def test_json_lists_ids_and_names_sorted_by_name(self, populated, capsys):
        path, ids = populated
        result = run(capsys, "orgs", "--db", str(path), "--json")
        assert result.code == 0, result.err
        rows = json.loads(result.out)
        assert [(row["id"], row["name"]) for row in rows] == [
            (ids[GOLDEN_LOTUS], GOLDEN_LOTUS),
            (ids[MEKONG], MEKONG),
            (ids[SIAM_SUGAR], SIAM_SUGAR),
        ]
        lotus = rows[0]
        assert lotus["other_names"] == ["บริษัท โกลเด้นโลตัส ซีฟู้ด จำกัด"]
        assert lotus["sectors"] == ["Fishing and seafood"]
        assert lotus["countries"] == ["Thailand"]
        assert lotus["stage"] == "Contacted"

    def test_text_lists_one_line_each_and_counts_on_stderr(self, populated, capsys):
        path, ids = populated
        result = run(capsys, "orgs", "--db", str(path))
        assert result.code == 0
        lines = result.out.splitlines()
        assert len(lines) == 3
        assert lines[0].startswith(f"{ids[GOLDEN_LOTUS]}  {GOLDEN_LOTUS}  ")
        assert "[Fishing and seafood]" in lines[0]
        assert lines[0].endswith("Thailand  Contacted")
        assert result.err.strip() == "3 organisation(s)"

    @pytest.mark.parametrize(
        ("options", "expected"),
        [
            (["--search", "Lotus"], [GOLDEN_LOTUS]),
            (["--search", "lotus seafood"], [GOLDEN_LOTUS]),
            (["--search", "โกลเด้นโลตัส"], [GOLDEN_LOTUS]),
            (["--search", "ซีฟู้ด"], [GOLDEN_LOTUS]),
            (["--search", "Mill"], [SIAM_SUGAR]),
            (["--search", "Me"], [MEKONG]),  # shorter than a trigram
            (["--search", "Unilever"], []),
            (["--sector", "Sugar"], [SIAM_SUGAR]),
            (["--country", "Thailand"], [GOLDEN_LOTUS, SIAM_SUGAR]),
            (["--stage", "Identified"], [MEKONG, SIAM_SUGAR]),
            (["--country", "Thailand", "--stage", "Identified"], [SIAM_SUGAR]),
            (["--country", "Vietnam"], []),
        ],
    )
    def test_search_and_filters(self, populated, capsys, options, expected):
        path, _ = populated
        assert org_names(capsys, path, *options) == expected

    def test_deleted_organisations_are_not_listed(self, populated, capsys, settings: Settings):
        path, ids = populated
        workspace = open_workspace(path, settings)
        workspace.profiles.delete(ids[GOLDEN_LOTUS])
        workspace.close()
        assert org_names(capsys, path) == [MEKONG, SIAM_SUGAR]
        assert org_names(capsys, path, "--search", "โกลเด้นโลตัส") == []

    @pytest.mark.parametrize("options", [[], ["--json"]], ids=["text", "json"])
    def test_missing_file_is_reported_and_not_created(self, tmp_path: Path, capsys, options):
        path = tmp_path / "nowhere" / "missing.db"
        result = run(capsys, "orgs", "--db", str(path), *options)
        assert result.code != 0
        assert_one_line_error(result.err, "There is no database", str(path))
        assert result.out == ""
        assert not path.exists()
        assert not path.parent.exists()


@pytest.mark.parametrize("good", [True, False], ids=["good database", "text file"])
def test_the_module_runs_as_a_program(tmp_path: Path, good: bool):
    if good:
        path = tmp_path / "outreach.db"
        assert main(["init", "--db", str(path)]) == 0
    else:
        path, _ = text_file(tmp_path)
    before = digest(path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert all(name in env for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"))
    completed = subprocess.run(
        [sys.executable, "-m", "ctip_desktop", "check", "--db", str(path)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    if good:
        assert completed.returncode == 0, completed.stderr
        assert completed.stderr == ""
        assert "Integrity: ok" in completed.stdout.splitlines()
        assert f"Schema: {SCHEMA_VERSION} (this app: {SCHEMA_VERSION})" in completed.stdout
    else:
        assert completed.returncode == 1
        assert completed.stdout == ""
        assert_one_line_error(completed.stderr, "notes.db", "not an SQLite file")
    assert digest(path) == before
