#!/usr/bin/env python3
"""Set up and run CTIP Outreach Desk with nothing but Python 3.11.

    python3 dev.py run [app arguments]   start the app (first use creates .venv)
    python3 dev.py test [pytest args]    run the whole test suite the same way

The virtual environment is refreshed whenever pyproject.toml changes. On Debian, when Qt's
system libraries are missing and we run as root, they are installed with apt-get; otherwise
the exact command to install them is printed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"
# Shared libraries PySide6's wheels expect from the system (Debian package names).
QT_SYSTEM_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    # For the window on an X11 desktop (Qt's xcb platform plugin).
    "libxcb-cursor0",
    "libxkbcommon-x11-0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-render-util0",
    "libxcb-image0",
]


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(*, showing_window: bool = False) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on whatever python3 is
        sys.exit("CTIP Outreach Desk needs Python 3.11 or newer.")
    if not venv_python().exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except Exception as error:  # ensurepip missing on a bare Debian python
            sys.exit(
                f"Could not create .venv ({error}).\n"
                "On Debian or Ubuntu install the venv module first: apt-get install python3-venv"
            )
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing CTIP Outreach Desk and its dependencies into .venv ...", flush=True)
        subprocess.run(
            [str(venv_python()), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
            check=True,
        )
        subprocess.run(
            [str(venv_python()), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"],
            check=True,
        )
        STAMP.write_text(wanted)
    ensure_qt_libraries(showing_window=showing_window)
    return venv_python()


def ensure_qt_libraries(*, showing_window: bool = False) -> None:
    code = "import PySide6.QtGui, PySide6.QtWidgets"
    if showing_window and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        # Loading the platform plugin is what fails when xcb libraries are missing.
        code += "; from PySide6.QtGui import QGuiApplication; QGuiApplication([])"
    probe = [str(venv_python()), "-c", code]
    if subprocess.run(probe, capture_output=True).returncode == 0:
        return
    apt = " ".join(QT_SYSTEM_PACKAGES)
    if sys.platform.startswith("linux") and os.geteuid() == 0 and Path("/usr/bin/apt-get").exists():
        print("Installing Qt's system libraries with apt-get ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *QT_SYSTEM_PACKAGES], check=True, env=env
        )
        if subprocess.run(probe, capture_output=True).returncode == 0:
            return
    error = subprocess.run(probe, capture_output=True, text=True).stderr.strip().splitlines()
    sys.exit(
        "Qt cannot load: " + (error[-1] if error else "unknown error") + "\n"
        f"Install its system libraries, then try again: sudo apt-get install {apt}"
    )


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_venv(showing_window=command == "run")
    if command == "run":
        target = [str(python), str(ROOT / "main.py"), *rest]
    else:
        target = [str(python), "-m", "pytest", *rest]
    return subprocess.run(target, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
