"""The `civread` command: open the reader, or export articles."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

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

        with _signals_end_the_export():
            try:
                return export_main(args[1:])
            except KeyboardInterrupt:  # SIGINT, or SIGTERM/SIGHUP through the handler below
                # The worker pool and the cache were closed on the way out (their finally blocks);
                # -o was not written (atomic: its temporary file was removed). A worker the
                # signal kept from being told to stop is ended here: exit would wait for it.
                from civread.parallel import stop_leftover_workers

                stop_leftover_workers()
                code = _received[0] if _received else int(signal.SIGINT)
                print(f"civread export: interrupted by {signal.Signals(code).name}; nothing written",
                      file=sys.stderr)
                return 128 + code
    options = _reader_parser().parse_args(args)
    return _run_reader(options.paths)


def _run_reader(paths: list[str]) -> int:
    """Open the reader on `paths` (files or folders); no paths: the bundled seed pages.

    Returns the exit code: non-zero when the app failed (Textual has then printed why)."""
    from civread.app import CivreadApp  # imported late: export must not pay for Textual
    from civread.seeds import seeds_dir

    app = CivreadApp(paths or [str(seeds_dir())])
    app.run()
    return app.return_code or 0


_received: list[int] = []


@contextmanager
def _signals_end_the_export() -> Iterator[None]:
    """SIGTERM and SIGHUP end an export like ctrl+c does (KeyboardInterrupt), so every `finally`
    runs: the worker processes are shut down, the cache is closed, no partial -o is left."""

    def interrupt(signum: int, _frame: object) -> None:
        _received.append(signum)
        raise KeyboardInterrupt

    previous: dict[int, object] = {}
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            previous[sig] = signal.signal(sig, interrupt)
        except (ValueError, OSError):  # not the main thread
            continue
    try:
        yield
    finally:
        for sig, handler in previous.items():
            try:
                signal.signal(sig, handler)  # type: ignore[arg-type]
            except (ValueError, OSError, TypeError):
                pass
