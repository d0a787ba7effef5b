"""``effnet-app``: no arguments opens the desktop app; sub-commands run the core headless.

Exit codes: 0 success, 2 a problem the user can fix (one sentence on stderr, no
traceback), 1 something unexpected (one sentence; the traceback goes to the log file),
130 cancelled with Ctrl+C. The parser is in ``parser``, each command in
``commands``, terminal output in ``output``.
"""

from __future__ import annotations

import argparse
from typing import Sequence

from effnet_app.cli.commands import COMMANDS, EXIT_CANCELLED, EXIT_USER_ERROR, launch_gui
from effnet_app.cli.output import warn
from effnet_app.cli.parser import get_parser
from effnet_app.core.i18n import translate
from effnet_app.core.memory import keep_large_blocks_returnable

EXIT_BUG = 1

__all__ = ["main", "get_parser", "launch_gui", "EXIT_USER_ERROR", "EXIT_CANCELLED"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


# argparse's own sentences, listed here for lupdate; argparse looks each one up
# through its module-level ``_`` (gettext), which _speak_the_chosen_language points
# at the catalogues. One it does not list stays in English.
ARGPARSE_SENTENCES = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
)



def _speak_the_chosen_language() -> None:
    """Messages in the language the app is set to (or the system's); English if Qt's
    core library cannot load here."""
    try:
        from effnet_app import languages
    except ImportError:
        return
    languages.activate(languages.resolve())
    argparse._ = lambda text: translate("argparse", text)



def main(argv: Sequence[str] | None = None) -> int:
    keep_large_blocks_returnable()  # before any large allocation: memory flat over long runs
    _speak_the_chosen_language()
    parser = get_parser()
    args = parser.parse_args(argv)
    if args.selftest:
        from effnet_app import selftest

        return selftest.run()
    if args.command is None:
        return launch_gui()
    from effnet_app.core.errors import Cancelled, EffNetError

    try:
        return COMMANDS[args.command](args)
    except (Cancelled, KeyboardInterrupt):
        warn(translate("cli", "Cancelled."))
        return EXIT_CANCELLED
    except EffNetError as e:
        warn(translate("cli", "error: {message}").format(message=e))
        return EXIT_USER_ERROR
    except MemoryError:
        warn(translate("cli", "error: this computer ran out of memory. Try fewer or smaller pictures, or close other "
                              "programs."))
        return EXIT_USER_ERROR
    except OSError as e:  # a file or folder the system refused, named by the system's own words
        where = f" '{e.filename}'" if e.filename else ""
        warn(translate("cli", "error: could not read or write{where}: {reason}.").format(
            where=where, reason=e.strerror or e))
        return EXIT_USER_ERROR
    except Exception as e:  # noqa: BLE001 -- the last resort: one sentence, the traceback to the log
        return _unexpected(e)


def _unexpected(e: Exception) -> int:
    """A bug, or a failure nothing names: one sentence here, the traceback in the log."""
    from effnet_app.logs import log, log_file, setup_logging

    setup_logging()
    log.exception("unexpected error in the command line")
    warn(translate("cli", "error: something unexpected went wrong ({kind}: {detail}). The details are in {log}; "
                          "please include them if you report it.").format(kind=type(e).__name__, detail=e,
                                                                        log=log_file()))
    return EXIT_BUG

