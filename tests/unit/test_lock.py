"""The lock files cover pyproject.toml's ranges, and this venv holds exactly the test lock.

Run by `scripts/test` on a fresh machine (CI), the last test proves that `scripts/setup` installed
the locked versions and nothing else. No network: the files and the installed metadata only.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = canonicalize_name(PYPROJECT["project"]["name"])

#: `name==version \` then its `--hash=sha256:...` lines, as pip-compile and uv write them.
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)\s*\\?$")
HASH = re.compile(r"^\s+--hash=sha256:[0-9a-f]{64}\s*\\?$")


def read_lock(text: str) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes); refuses a pin without a hash or a line it can't read."""
    pins: dict[str, tuple[str, int]] = {}
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if pin := PIN.match(line):
            current = canonicalize_name(pin.group(1))
            pins[current] = (pin.group(2), 0)
        elif HASH.match(line) and current is not None:
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
        else:
            raise ValueError(f"line {number}: not a pin or a sha256 hash: {line!r}")
    unhashed = [name for name, (_, hashes) in pins.items() if hashes == 0]
    if unhashed:
        raise ValueError(f"pinned without a hash: {', '.join(unhashed)}")
    return pins


def lock(name: str) -> dict[str, tuple[str, int]]:
    return read_lock((ROOT / name).read_text())


def requirements(*extras: str) -> list[Requirement]:
    names = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        names += PYPROJECT["project"]["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(
    ("lock_file", "extras"), [("requirements.lock", ()), ("requirements-test.lock", ("test",))]
)
def test_lock_pins_every_dependency_within_its_range(lock_file: str, extras: tuple[str]) -> None:
    pins = lock(lock_file)
    for requirement in requirements(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock_file}: {requirement.name} from pyproject.toml is not pinned"
        version, _ = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{lock_file}: {name}=={version} is outside pyproject.toml's {requirement}"
        )


def test_both_locks_pin_the_same_versions() -> None:
    """The app runs the code the tests ran: the app's lock is the test lock's subset."""
    app, test = lock("requirements.lock"), lock("requirements-test.lock")
    differing = {name: (app[name][0], test.get(name, ("missing",))[0]) for name in app}
    assert {name: pair for name, pair in differing.items() if pair[0] != pair[1]} == {}


def test_installed_packages_are_exactly_the_test_lock() -> None:
    pins = {name: version for name, (version, _) in lock("requirements-test.lock").items()}
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) != PROJECT
    }
    missing = sorted(set(pins) - set(installed))
    extra = sorted(set(installed) - set(pins))
    wrong = {
        name: (installed[name], pins[name])
        for name in pins
        if installed.get(name, pins[name]) != pins[name]
    }
    assert (missing, extra, wrong) == ([], [], {}), (
        "this venv is not the lock (missing, not in the lock, (installed, locked)); "
        "run scripts/setup test"
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("dash==4.4.1\n", "without a hash"),
        ("dash>=4.4\n", "not a pin"),
        ("dash==4.4.1 \\\n    --hash=md5:abc\n", "not a pin"),
    ],
)
def test_reading_a_lock_refuses_unhashed_or_unpinned_lines(text: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        read_lock(text)
