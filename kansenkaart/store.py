"""Holds the current DataSet of a process."""

from __future__ import annotations

from pathlib import Path

from kansenkaart.dataset import DataSet, load_dataset


class DataStore:
    """The validated data of one process; loaded once per data version, never per request."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._data = load_dataset(data_dir)

    def current(self) -> DataSet:
        return self._data
