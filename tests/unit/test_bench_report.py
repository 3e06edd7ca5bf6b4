"""The benchmark report keeps its hand-written sections when it is written anew from results."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import report


def test_notes_are_appended_in_name_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "b_second.md").write_text("## Second\n\ntext b\n")
    (tmp_path / "a_first.md").write_text("## First\n")
    (tmp_path / "ignored.txt").write_text("## Not a note\n")
    monkeypatch.setattr(report, "NOTES", tmp_path)
    assert report.hand_written_notes() == ["", "## First", "", "## Second\n\ntext b"]


def test_the_shipped_notes_are_in_the_report() -> None:
    """What bench/notes holds is what docs/performance.md ends with, so a regeneration loses none."""
    written = (report.ROOT / "docs" / "performance.md").read_text()
    for note in sorted(report.NOTES.glob("*.md")):
        assert note.read_text().strip() in written, note.name
