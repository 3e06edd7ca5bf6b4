"""Command line: `python -m kansenkaart validate [DATA_DIR]` checks the data files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kansenkaart.dataset import INDICATORS_FILE, INITIATIVES_FILE, Limits, load_dataset
from kansenkaart.problems import DataError, format_problems
from kansenkaart.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kansenkaart")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "validate", help="check provinces.geojson, initiatives.csv and indicators.csv"
    )
    check.add_argument("data_dir", nargs="?", type=Path, help="folder with the three files")
    args = parser.parse_args(argv)
    settings = load_settings()
    data_dir = args.data_dir or settings.data_dir
    # the same limits as the running app, so "OK" here means the app would serve it
    limits = Limits(max_rows=settings.max_rows, max_bytes=settings.max_bytes)
    try:
        data = load_dataset(data_dir, limits)
    except DataError as error:
        print(format_problems(error.problems), file=sys.stderr)
        print(f"{len(error.problems)} problem(s); the app would refuse to start.", file=sys.stderr)
        return 1
    for warning in data.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"{data_dir}: OK, {len(data.initiatives)} initiatives in {INITIATIVES_FILE}, "
        f"{len(data.indicators)} values in {INDICATORS_FILE}, "
        f"12 provinces (data version {data.version})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
