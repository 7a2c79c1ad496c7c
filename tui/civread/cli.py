"""The `civread` command: open the reader, or export articles."""

from __future__ import annotations

import argparse
import sys

from civread import __version__


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="civread",
        description="Read, search and measure Chinese local-news pages in the terminal.",
        epilog="Subcommand: civread export [PATH...] [--format jsonl|csv|md] [-o FILE]",
    )
    parser.add_argument("paths", nargs="*", help="files or folders of pages (default: the bundled seeds)")
    parser.add_argument("--version", action="version", version=f"civread {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "export":
        from civread.export import main as export_main

        return export_main(args[1:])
    options = _reader_parser().parse_args(args)
    from civread.app import run_app  # imported late: export must not pay for Textual

    return run_app(options.paths)
